package core

import (
	"os"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"

	"courtyard/testkit"
)

// picksMessages are the test's own entries and the picks step's.
func picksMessages(t *testing.T) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{
		"zh": {"lead.ask": "负责哪些楼栋？", "lead.which": "楼栋", "lead.sum": "负责 %s。对吗？"},
		"en": {"lead.ask": "Which buildings?", "lead.which": "Buildings", "lead.sum": "Leads %s. Right?"},
	}
	for lang := range out {
		raw, err := os.ReadFile("../../locale/" + lang + "/dialog_picks.yaml")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := yaml.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		for k, v := range m {
			out[lang][k] = v
		}
	}
	return out
}

// leadRig asks for buildings (at least one), then a confirm.
func leadRig(t *testing.T, got *[][]string) *rig {
	g := newRig(t, testkit.Store(t), testkit.NewClock(march2), testCatalog(t, picksMessages(t)), "zh")
	opts := func(*Req, Values) []Option {
		return []Option{{Key: "1", Zh: "1"}, {Key: "3", Zh: "3"}, {Key: "5", Zh: "5"}, {Key: "E12", Zh: "E12"}}
	}
	d := &Dialog{Name: "lead", Steps: []Step{
		PicksStep{Name: "b", Label: "lead.which", Ask: Say("lead.ask"), Options: opts},
		ConfirmStep{Name: "ok", Summary: func(r *Req, v Values) string {
			var keys []string
			v.Get("b", &keys)
			return r.T("lead.sum", r.ListJoin(keys))
		}},
	}, Done: func(r *Req, v Values) error {
		var keys []string
		v.Get("b", &keys)
		*got = append(*got, keys)
		return r.Reply("ok", nil)
	}}
	if err := g.a.AddDialog(d); err != nil {
		t.Fatal(err)
	}
	g.a.Register([]Command{{Name: "lead", Rule: Rule{Min: AnyRole, Chats: PrivateOnly, Scope: ScopeOwn},
		Run: func(r *Req) error { return d.Start(r, nil) }}}, nil, nil, Hooks{})
	return g
}

// Presses pick and unpick; Confirm with nothing picked is refused; the
// picks come in the options' order; typed words pick several at once.
func TestPicksByPresses(t *testing.T) {
	var got [][]string
	g := leadRig(t, &got)
	first := mustOne(t, g.say("/lead"), "sendMessage")
	if first.Text != "负责哪些楼栋？\n点按钮选上或取消，可以选几个；选好后点“确定”。也可以直接回复，例如“3 5”。" ||
		labels(first.Keys) != "1 3 | 5 E12 | 确定 | 取消" {
		t.Fatalf("question: %q %s", first.Text, labels(first.Keys))
	}
	g.tap("确定")
	if g.flow() != "lead/b" {
		t.Fatalf("confirm with nothing picked moved on: %q", g.flow())
	}
	e := mustOne(t, g.tap("5"), "editMessageText")
	if e.Text != "负责哪些楼栋？\n已选：5。选好后点“确定”。" || labels(e.Keys) != "1 3 | ✓ 5 E12 | 确定 | 取消" {
		t.Fatalf("after 5: %q %s", e.Text, labels(e.Keys))
	}
	g.tap("1")
	g.tap("E12")
	e = mustOne(t, g.tap("✓ 1"), "editMessageText")
	if labels(e.Keys) != "1 3 | ✓ 5 ✓ E12 | 确定 | 取消" {
		t.Fatalf("after unpicking 1: %s", labels(e.Keys))
	}
	out := g.tap("确定")
	if s := mustOne(t, out, "sendMessage"); s.Text != "负责 5、E12。对吗？" {
		t.Fatalf("confirm: %q", s.Text)
	}
	// Change: the picks are shown as they were; typing replaces them.
	e = mustOne(t, g.tap("修改"), "editMessageText")
	if e.Text != "负责哪些楼栋？\n已选：5、E12。选好后点“确定”。" || labels(e.Keys) != "1 3 | ✓ 5 ✓ E12 | 确定 | 取消" {
		t.Fatalf("changing: %q %s", e.Text, labels(e.Keys))
	}
	s := mustOne(t, g.say("e12、3"), "sendMessage")
	if s.Text != "已选：3、E12\n\n负责 3、E12。对吗？" {
		t.Fatalf("typed picks: %q", s.Text)
	}
	// A word that is no option asks again, keeping the picks.
	g.tap("修改")
	s = mustOne(t, g.say("3 和 7"), "sendMessage")
	if s.Text != "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n负责哪些楼栋？\n已选：3、E12。选好后点“确定”。" || g.flow() != "lead/b" {
		t.Fatalf("a word not understood: %q, flow %q", s.Text, g.flow())
	}
	mustOne(t, g.say("好"), "sendMessage")
	g.say("确定")
	if want := [][]string{{"3", "E12"}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("done with %v, want %v", got, want)
	}
}
