package core

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"courtyard/storage"
	"courtyard/testkit"
)

var crewMessages = map[string]map[string]string{
	"zh": {"crew.ask_len": "每班几小时？", "crew.len": "时长", "crew.bad_len": "请回复 1 到 12 的小时数。",
		"crew.ask_who": "谁来？", "crew.who": "人", "crew.ask_more": "还有谁？"},
	"en": {"crew.ask_len": "How many hours?", "crew.len": "Length", "crew.bad_len": "Reply with 1 to 12 hours.",
		"crew.ask_who": "Who comes?", "crew.who": "Person", "crew.ask_more": "Who else?"},
}

// crewRig asks a length (buttons 2 and 3, any other typed), a person of
// building 3 (or a name typed, or nobody), then a confirm.
func crewRig(t *testing.T, done *[]string) *rig {
	st := testkit.Store(t)
	err := st.Update(context.Background(), func(tx *storage.Tx) error {
		for i, name := range []string{"张三", "李四"} {
			id := int64(20001 + i)
			if err := tx.TouchMember(id, name, "", "zh", march2); err != nil {
				return err
			}
			if err := tx.Register(id, "3", "10"+strconv.Itoa(i+1), march2); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	g := newRig(t, st, testkit.NewClock(march2), testCatalog(t, crewMessages), "zh")
	said := func(v Values) string {
		who := v.String("who")
		var typed struct{ N string }
		switch {
		case v.Int("who") != 0:
			who = "#" + Itoa(v.Int("who"))
		case v.Get("who", &typed) && typed.N != "":
			who = "name:" + typed.N
		}
		return v.String("len") + "h " + who
	}
	d := &Dialog{Name: "crew", Steps: []Step{
		ChoiceStep{Name: "len", Label: "crew.len", Ask: Say("crew.ask_len"),
			Options: func(*Req, Values) []Option {
				return []Option{{Key: "2", Zh: "2 小时", En: "2h"}, {Key: "3", Zh: "3 小时", En: "3h"}}
			},
			Other: func(r *Req, _ Values, text string) (string, string) {
				n, err := strconv.Atoi(Fold(text))
				if err != nil || n < 1 || n > 12 {
					return "", r.T("crew.bad_len")
				}
				return strconv.Itoa(n), ""
			}},
		PersonStep{Name: "who", Label: "crew.who", Ask: Say("crew.ask_who"),
			People: func(r *Req, _ Values) ([]storage.Member, error) { return r.Tx.Residents("3") },
			Extra: func(*Req, Values) []Option {
				return []Option{{Key: "none", Zh: "没有人", En: "Nobody", Words: []string{"无"}}}
			},
			Other: func(r *Req, _ Values, text string) (any, string) {
				if strings.ContainsAny(text, "0123456789") {
					return nil, r.T("crew.bad_len")
				}
				return struct{ N string }{text}, ""
			}},
		ConfirmStep{Name: "ok", Summary: func(_ *Req, v Values) string { return said(v) }},
	}, Done: func(r *Req, v Values) error {
		*done = append(*done, said(v))
		return nil
	}}
	if err := g.a.AddDialog(d); err != nil {
		t.Fatal(err)
	}
	g.a.Register([]Command{{Name: "crew", Rule: Rule{Min: AnyRole, Chats: PrivateOnly, Scope: ScopeOwn},
		Run: func(r *Req) error { return d.Start(r, nil) }}}, nil, nil, Hooks{})
	return g
}

// A choice with Other takes a typed value (a number is a value, not an
// option's place) or refuses it with its buttons; a person step takes its
// extra button or words, and a name that matches nobody through Other;
// a typed answer is read again after a correction.
func TestDialogOtherAndExtra(t *testing.T) {
	var done []string
	g := crewRig(t, &done)
	got := mustOne(t, g.say("/crew"), "sendMessage")
	if labels(got.Keys) != "2 小时 3 小时 | 取消" {
		t.Fatalf("first question: %q %s", got.Text, labels(got.Keys))
	}
	got = mustOne(t, g.say("20"), "sendMessage")
	if got.Text != "请回复 1 到 12 的小时数。\n\n每班几小时？" || labels(got.Keys) != "2 小时 3 小时 | 取消" || g.flow() != "crew/len" {
		t.Fatalf("refused: %q %s, flow %q", got.Text, labels(got.Keys), g.flow())
	}
	got = mustOne(t, g.say("1"), "sendMessage")
	if !strings.HasPrefix(got.Text, "谁来？\n") || labels(got.Keys) != "张三 李四 | 没有人 | 返回 取消" {
		t.Fatalf("a typed 1 is one hour, then the people: %q %s", got.Text, labels(got.Keys))
	}
	if got = mustOne(t, g.say("无"), "sendMessage"); got.Text != "已选：没有人\n\n1h none" {
		t.Fatalf("an extra's words: %q", got.Text)
	}
	g.say("修改")
	g.say("人")
	if got = mustOne(t, g.say("刘备"), "sendMessage"); got.Text != "1h name:刘备" {
		t.Fatalf("a name nobody has: %q", got.Text)
	}
	g.say("修改")
	g.say("时长")
	if got = mustOne(t, g.tap("3 小时"), "sendMessage"); got.Text != "3h name:刘备" {
		t.Fatalf("after changing the length the typed name stands: %q", got.Text)
	}
	g.say("修改")
	g.say("人")
	out := g.tap("没有人")
	if e := texts(out, "editMessageText"); len(e) != 1 || e[0] != "谁来？\n已选：没有人" {
		t.Fatalf("the extra button: %q", e)
	}
	g.say("好")
	if want := []string{"3h none"}; !reflect.DeepEqual(done, want) {
		t.Fatalf("done %q, want %q", done, want)
	}
}
