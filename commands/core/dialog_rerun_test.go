package core

import (
	"fmt"
	"reflect"
	"strconv"
	"testing"

	"courtyard/testkit"
)

var orderMessages = map[string]map[string]string{
	"zh": {"order.ask_size": "要多少？", "order.ask_count": "几份？", "order.ask_note": "送到时怎么做？",
		"order.size": "份量", "order.count": "数量", "order.note": "备注", "order.too_many": "最多 %d 份，请再回复一次。"},
	"en": {"order.ask_size": "How much?", "order.ask_count": "How many?", "order.ask_note": "What to do on arrival?",
		"order.size": "Size", "order.count": "Count", "order.note": "Note", "order.too_many": "At most %d. Please reply again."},
}

// orderRig has a dialog whose count depends on the size chosen before it,
// and whose note is asked for big orders only; /order big seeds the size.
func orderRig(t *testing.T, done *[]string) *rig {
	g := newRig(t, testkit.Store(t), testkit.NewClock(march2), testCatalog(t, orderMessages), "zh")
	limit := func(v Values) int {
		if v.String("size") == "big" {
			return 50
		}
		return 5
	}
	big := func(v Values) bool { return v.String("size") == "big" }
	summary := func(v Values) string {
		var n int
		v.Get("count", &n)
		return fmt.Sprintf("%s %d %s", v.String("size"), n, v.String("note"))
	}
	d := &Dialog{Name: "order", Steps: []Step{
		ChoiceStep{Name: "size", Label: "order.size", Ask: Say("order.ask_size"), Options: func(*Req, Values) []Option {
			return []Option{{Key: "small", Zh: "小份", En: "Small"}, {Key: "big", Zh: "大份", En: "Big"}}
		}},
		TextStep{Name: "count", Label: "order.count", Ask: Say("order.ask_count"), Parse: func(r *Req, v Values, text string) (any, string) {
			n, err := strconv.Atoi(Fold(text))
			if err != nil || n < 1 || n > limit(v) {
				return nil, r.T("order.too_many", limit(v))
			}
			return n, ""
		}},
		OnlyIf(big, TextStep{Name: "note", Label: "order.note", Ask: Say("order.ask_note")}),
		ConfirmStep{Name: "ok", Summary: func(_ *Req, v Values) string { return summary(v) }},
	}, Done: func(r *Req, v Values) error {
		*done = append(*done, summary(v))
		return nil
	}}
	if err := g.a.AddDialog(d); err != nil {
		t.Fatal(err)
	}
	g.a.Register([]Command{{Name: "order", Rule: Rule{Min: AnyRole, Chats: PrivateOnly, Scope: ScopeOwn}, Run: func(r *Req) error {
		seed := Values{}
		if r.Args != "" {
			if err := seed.Set("size", r.Args); err != nil {
				return err
			}
		}
		return d.Start(r, seed)
	}}}, nil, nil, Hooks{})
	return g
}

// A seeded answer is not asked; after a correction the later steps run
// again: a typed count read again against the new size, a step that no
// longer applies forgotten, one that applies again asked.
func TestDialogRunsLaterStepsAgain(t *testing.T) {
	var done []string
	g := orderRig(t, &done)
	steps := []struct{ say, tap, want string }{
		{say: "/order big", want: "几份？"},
		{say: "20", want: "送到时怎么做？"},
		{say: "放门口", want: "big 20 放门口"},
		{say: "修改", want: "要修改哪一项？"},
		{say: "返回", want: "big 20 放门口"},
		{say: "修改", want: "要修改哪一项？"},
		{say: "1", want: "要多少？"},
		// 20 is over the small size's limit: asked again.
		{say: "小份", want: "已选：小份\n\n几份？"},
		{say: "8", want: "最多 5 份，请再回复一次。"},
		{say: "3", want: "small 3 "},
		{say: "改", want: "要修改哪一项？"},
		{tap: "份量", want: "要多少？"},
		// 3 fits a big order; the note applies again and is asked.
		{tap: "大份", want: "送到时怎么做？"},
		{say: "敲门", want: "big 3 敲门"},
	}
	for i, st := range steps {
		var out []sent
		if st.tap != "" {
			out = g.tap(st.tap)
		} else {
			out = g.say(st.say)
		}
		got := texts(out, "sendMessage")
		if len(got) == 0 {
			got = texts(out, "editMessageText")
		}
		if len(got) == 0 || got[len(got)-1] != st.want {
			t.Fatalf("step %d (%s%s): got %q, want %q", i, st.say, st.tap, got, st.want)
		}
	}
	if got := labels(g.last.Keys); got != "确定 修改 取消" {
		t.Fatalf("confirm buttons: %s", got)
	}
	g.say("确定")
	if !reflect.DeepEqual(done, []string{"big 3 敲门"}) || g.flow() != "" {
		t.Fatalf("done %q, flow %q", done, g.flow())
	}
}

// Change offers the labelled steps as buttons; the one tapped is asked.
func TestDialogChangeByButton(t *testing.T) {
	var done []string
	g := orderRig(t, &done)
	g.say("/order")
	g.tap("小份")
	g.say("2")
	g.say("改")
	if got := labels(g.last.Keys); got != "份量 数量 | 返回 取消" {
		t.Fatalf("which: %s", got)
	}
	got := mustOne(t, g.tap("数量"), "sendMessage")
	if got.Text != "几份？" || g.flow() != "order/count" {
		t.Fatalf("changing the count: %q, flow %q", got.Text, g.flow())
	}
	if got := mustOne(t, g.say("4"), "sendMessage"); got.Text != "small 4 " {
		t.Fatalf("after the change: %q", got.Text)
	}
}
