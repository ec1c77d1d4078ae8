package core

import (
	"reflect"
	"testing"

	"courtyard/testkit"
)

// memoMessages are the catalog entries of a dialog with an optional step.
var memoMessages = map[string]map[string]string{
	"zh": {"memo.ask_title": "标题？", "memo.title": "标题", "memo.ask_note": "备注？（可跳过）", "memo.note": "备注",
		"memo.skip": "跳过", "memo.too_long": "备注最多5个字。", "memo.summary": "%s / %s。对吗？", "memo.done": "已记下：%s / %s"},
	"en": {"memo.ask_title": "Title?", "memo.title": "Title", "memo.ask_note": "A note? (optional)", "memo.note": "Note",
		"memo.skip": "Skip", "memo.too_long": "At most 5 letters.", "memo.summary": "%s / %s. Right?", "memo.done": "Noted: %s / %s"},
}

// newMemoRig is a rig with /memo: a title, an optional note of at most
// five letters, a confirm.
func newMemoRig(t *testing.T, lang string, done *[]string) *rig {
	t.Helper()
	g := newRig(t, testkit.Store(t), testkit.NewClock(march2), testCatalog(t, memoMessages), lang)
	d := &Dialog{
		Name: "memo",
		Steps: []Step{
			TextStep{Name: "title", Label: "memo.title", Ask: Say("memo.ask_title")},
			OptionalStep{TextStep: TextStep{Name: "note", Label: "memo.note", Ask: Say("memo.ask_note"),
				Parse: func(r *Req, _ Values, text string) (any, string) {
					if RuneLen(text) > 5 {
						return nil, r.T("memo.too_long")
					}
					return text, ""
				}},
				Skip: func(r *Req, _ Values) string { return r.T("memo.skip") }},
			ConfirmStep{Name: "ok", Summary: func(r *Req, v Values) string {
				return r.T("memo.summary", v.String("title"), v.String("note"))
			}},
		},
		Done: func(r *Req, v Values) error {
			*done = append(*done, v.String("title")+"/"+v.String("note"))
			return r.Reply(r.T("memo.done", v.String("title"), v.String("note")), nil)
		},
	}
	if err := g.a.AddDialog(d); err != nil {
		t.Fatal(err)
	}
	g.a.Register([]Command{{Name: "memo", Rule: Rule{Min: AnyRole, Chats: PrivateOnly, Scope: ScopeOwn},
		Run: func(r *Req) error { return d.Start(r, nil) }}}, nil, nil, Hooks{})
	return g
}

// An optional step offers Skip beside Back and Cancel; a typed skip word,
// the button, or a note all answer it; a refused note keeps the button.
func TestOptionalStep(t *testing.T) {
	var done []string
	g := newMemoRig(t, "zh", &done)
	g.say("/memo")
	got := mustOne(t, g.say("水表"), "sendMessage")
	if got.Text != "备注？（可跳过）" || labels(got.Keys) != "跳过 | 返回 取消" {
		t.Fatalf("the optional question: %q %s", got.Text, labels(got.Keys))
	}
	got = mustOne(t, g.say("这个备注太长了"), "sendMessage")
	if got.Text != "备注最多5个字。" || labels(got.Keys) != "跳过 | 返回 取消" || g.flow() != "memo/note" {
		t.Fatalf("a refused note: %q %s, flow %q", got.Text, labels(got.Keys), g.flow())
	}
	got = mustOne(t, g.say("跳过"), "sendMessage")
	if got.Text != "已选：跳过\n\n水表 / 。对吗？" {
		t.Fatalf("typed skip: %q", got.Text)
	}
	// Changing the note: a note typed this time.
	g.tap("修改")
	g.tap("备注")
	got = mustOne(t, g.say("三楼"), "sendMessage")
	if got.Text != "水表 / 三楼。对吗？" {
		t.Fatalf("a note after the change: %q", got.Text)
	}
	g.say("好")
	// The button, in English; "none" typed is a skip too.
	g2 := newMemoRig(t, "en", &done)
	g2.say("/memo")
	g2.say("Meter")
	out := g2.tap("Skip")
	if e, s := texts(out, "editMessageText"), texts(out, "sendMessage"); !reflect.DeepEqual(e, []string{"A note? (optional)\nChosen: Skip"}) ||
		!reflect.DeepEqual(s, []string{"Meter / . Right?"}) {
		t.Fatalf("the Skip button: edits %q, sends %q", e, s)
	}
	g2.say("back")
	got = mustOne(t, g2.say("None."), "sendMessage")
	if got.Text != "Chosen: Skip\n\nMeter / . Right?" {
		t.Fatalf("typed none: %q", got.Text)
	}
	g2.say("yes")
	if want := []string{"水表/三楼", "Meter/"}; !reflect.DeepEqual(done, want) {
		t.Fatalf("done %q, want %q", done, want)
	}
}
