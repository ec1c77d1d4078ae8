package core

import (
	"reflect"
	"strconv"
	"testing"

	"courtyard/testkit"
)

var postMessages = map[string]map[string]string{
	"zh": {"post.ask_n": "要几个人？点一个数字，或直接回复人数。", "post.n": "人数", "post.ask_where": "发到哪些群？", "post.where": "群",
		"post.done": "完成", "post.none": "不发群"},
	"en": {"post.ask_n": "How many people?", "post.n": "People", "post.ask_where": "Post in which groups?", "post.where": "Groups",
		"post.done": "Done", "post.none": "No groups"},
}

// postRig asks a number (buttons 4 6 8, or any number typed) and groups
// (ticks), then a confirm.
func postRig(t *testing.T, got *[]string) *rig {
	g := newRig(t, testkit.Store(t), testkit.NewClock(march2), testCatalog(t, postMessages), "zh")
	sizes := func(_ *Req, v Values) []Option {
		out := []Option{{Key: "4", Zh: "4"}, {Key: "6", Zh: "6"}, {Key: "8", Zh: "8"}}
		if n := v.String("n"); n != "" && n != "4" && n != "6" && n != "8" {
			out = append(out, Option{Key: n, Zh: n})
		}
		return out
	}
	groups := func(*Req, Values) []Option {
		return []Option{{Key: "-1", Zh: "三号楼群", En: "Building 3"}, {Key: "-2", Zh: "社区群", En: "Community"}}
	}
	d := &Dialog{Name: "post", Steps: []Step{
		ChoiceStep{Name: "n", Label: "post.n", Ask: Say("post.ask_n"), Options: sizes,
			Read: func(_ *Req, _ Values, text string) (Option, bool) {
				n, err := strconv.Atoi(Fold(text))
				return Option{Key: Fold(text), Zh: Fold(text)}, err == nil && n >= 1 && n <= 500
			}},
		ChecksStep{Name: "where", Label: "post.where", Ask: Say("post.ask_where"), Options: groups,
			Finish: func(r *Req, n int) string {
				if n == 0 {
					return r.T("post.none")
				}
				return r.T("post.done")
			}},
		ConfirmStep{Name: "ok", Summary: func(r *Req, v Values) string {
			var where []string
			v.Get("where", &where)
			return v.String("n") + " " + r.a.ListJoin("zh", where) + "？"
		}},
	}, Done: func(r *Req, v Values) error {
		var where []string
		v.Get("where", &where)
		*got = append(*got, v.String("n"), r.a.ListJoin("zh", where))
		return nil
	}}
	if err := g.a.AddDialog(d); err != nil {
		t.Fatal(err)
	}
	g.a.Register([]Command{{Name: "post", Rule: Rule{Min: AnyRole, Chats: PrivateOnly, Scope: ScopeOwn},
		Run: func(r *Req) error { return d.Start(r, nil) }}}, nil, nil, Hooks{})
	return g
}

// A typed number is the number, not the option at that place; groups
// are ticked by buttons and by typed names, and the ticks are kept when
// the step is asked again.
func TestChoiceReadAndChecks(t *testing.T) {
	var got []string
	g := postRig(t, &got)
	mustOne(t, g.say("/post"), "sendMessage")
	if s := mustOne(t, g.say("2"), "sendMessage"); s.Text != "已选：2\n\n发到哪些群？" || labels(s.Keys) != "三号楼群 | 社区群 | 不发群 | 返回 取消" {
		t.Fatalf("after a typed 2: %q %s", s.Text, labels(s.Keys))
	}
	// A press ticks, in place.
	if s := mustOne(t, g.tap("社区群"), "editMessageText"); labels(s.Keys) != "三号楼群 | ✓ 社区群 | 完成 | 返回 取消" {
		t.Fatalf("after a tick: %s", labels(s.Keys))
	}
	// A typed name ticks too; a typed word that is none asks again.
	if s := mustOne(t, g.say("三号楼群"), "sendMessage"); labels(s.Keys) != "✓ 三号楼群 | ✓ 社区群 | 完成 | 返回 取消" {
		t.Fatalf("after a typed tick: %s", labels(s.Keys))
	}
	if s := mustOne(t, g.say("明天"), "sendMessage"); s.Text != "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n发到哪些群？" || labels(s.Keys) != "✓ 三号楼群 | ✓ 社区群 | 完成 | 返回 取消" {
		t.Fatalf("a word that is no group: %q %s", s.Text, labels(s.Keys))
	}
	// Untick by number, then finish by typing.
	mustOne(t, g.say("1"), "sendMessage")
	if s := mustOne(t, g.say("好"), "sendMessage"); s.Text != "已选：社区群\n\n2 -2？" {
		t.Fatalf("confirm: %q", s.Text)
	}
	// Change the groups: the ticks are shown again; none is an answer.
	mustOne(t, g.say("修改"), "sendMessage")
	if s := mustOne(t, g.say("群"), "sendMessage"); labels(s.Keys) != "三号楼群 | ✓ 社区群 | 完成 | 返回 取消" {
		t.Fatalf("asked again: %s", labels(s.Keys))
	}
	mustOne(t, g.tap("✓ 社区群"), "editMessageText")
	if s := mustOne(t, g.tap("不发群"), "sendMessage"); s.Text != "2 ？" {
		t.Fatalf("confirm with no group: %q", s.Text)
	}
	g.say("确定")
	if want := []string{"2", ""}; !reflect.DeepEqual(got, want) || g.flow() != "" {
		t.Fatalf("done with %q, flow %q", got, g.flow())
	}
}
