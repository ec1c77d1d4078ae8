package core

import (
	"reflect"
	"testing"

	"courtyard/testkit"
)

var noteMessages = map[string]map[string]string{
	"zh": {"note.ask_where": "发到哪几栋？", "note.where": "楼栋", "note.done": "选好了", "note.one": "请至少选一栋楼。",
		"note.ask_text": "请发送内容。", "note.text": "内容", "note.sure": "就这样发吗？"},
	"en": {"note.ask_where": "Which buildings?", "note.where": "Buildings", "note.done": "Done", "note.one": "Please pick at least one building.",
		"note.ask_text": "Send the text.", "note.text": "Text", "note.sure": "Send it like this?"},
}

// noteRig asks buildings (at least one), a text, and a confirm preceded
// by a preview of the notice.
func noteRig(t *testing.T, sent *[]string) *rig {
	g := newRig(t, testkit.Store(t), testkit.NewClock(march2), testCatalog(t, noteMessages), "zh")
	buildings := func(*Req, Values) []Option { return []Option{{Key: "1", Zh: "1栋"}, {Key: "2", Zh: "2栋"}} }
	notice := func(v Values) string {
		var bs []string
		v.Get("where", &bs)
		return "【通知】" + v.String("text") + " → " + g.a.ListJoin("zh", bs)
	}
	d := &Dialog{Name: "note", Steps: []Step{
		AtLeastOne(ChecksStep{Name: "where", Label: "note.where", Ask: Say("note.ask_where"), Options: buildings,
			Finish: func(r *Req, _ int) string { return r.T("note.done") }}, "note.one"),
		TextStep{Name: "text", Label: "note.text", Ask: Say("note.ask_text")},
		Preview(func(r *Req, v Values) error { return r.Reply(notice(v), nil) },
			ConfirmStep{Name: "ok", Summary: Say("note.sure")}),
	}, Done: func(r *Req, v Values) error {
		*sent = append(*sent, notice(v))
		return nil
	}}
	if err := g.a.AddDialog(d); err != nil {
		t.Fatal(err)
	}
	g.a.Register([]Command{{Name: "note", Rule: Rule{Min: AnyRole, Chats: PrivateOnly, Scope: ScopeOwn},
		Run: func(r *Req) error { return d.Start(r, nil) }}}, nil, nil, Hooks{})
	return g
}

// Finishing with nothing ticked is refused, by a press or typed; the
// preview comes before the confirm when it is reached and after a
// correction, never when the confirm only asks again.
func TestPreviewAndAtLeastOne(t *testing.T) {
	var sent []string
	g := noteRig(t, &sent)
	mustOne(t, g.say("/note"), "sendMessage")
	out := g.tap("选好了")
	if len(texts(out, "sendMessage")) != 0 || len(texts(out, "editMessageText")) != 0 || g.flow() != "note/where" {
		t.Fatalf("finishing with none: %+v, flow %q", out, g.flow())
	}
	if s := mustOne(t, g.say("好"), "sendMessage"); s.Text != "请至少选一栋楼。\n\n发到哪几栋？" || labels(s.Keys) != "1栋 | 2栋 | 选好了 | 取消" {
		t.Fatalf("a typed yes with none: %q %s", s.Text, labels(s.Keys))
	}
	mustOne(t, g.tap("2栋"), "editMessageText")
	mustOne(t, g.say("选好了"), "sendMessage")
	out = g.say("周六停水")
	if got := texts(out, "sendMessage"); !reflect.DeepEqual(got, []string{"【通知】周六停水 → 2", "就这样发吗？"}) {
		t.Fatalf("preview and confirm: %q", got)
	}
	// A reply the confirm does not take: asked again, no second preview.
	if got := texts(g.say("明天"), "sendMessage"); !reflect.DeepEqual(got, []string{"请点下面的一个按钮，也可以直接回复按钮上的字。\n\n就这样发吗？"}) {
		t.Fatalf("asked again: %q", got)
	}
	// What to change: no preview; after the change, the new preview.
	if got := texts(g.say("修改"), "sendMessage"); !reflect.DeepEqual(got, []string{"要修改哪一项？"}) {
		t.Fatalf("which: %q", got)
	}
	mustOne(t, g.say("内容"), "sendMessage")
	if got := texts(g.say("周日停电"), "sendMessage"); !reflect.DeepEqual(got, []string{"【通知】周日停电 → 2", "就这样发吗？"}) {
		t.Fatalf("after the change: %q", got)
	}
	g.say("确定")
	if want := []string{"【通知】周日停电 → 2"}; !reflect.DeepEqual(sent, want) || g.flow() != "" {
		t.Fatalf("sent %q, flow %q", sent, g.flow())
	}
}
