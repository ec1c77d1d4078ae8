package core

import (
	"context"
	"testing"
	"time"

	"courtyard/locale"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/testkit"
)

func TestReadAnswer(t *testing.T) {
	cases := []struct {
		text string
		want Answer
		ok   bool
	}{
		{"是", AnswerYes, true}, {"好", AnswerYes, true}, {"好的", AnswerYes, true}, {"对", AnswerYes, true},
		{"确定", AnswerYes, true}, {"可以", AnswerYes, true}, {"行", AnswerYes, true}, {"嗯", AnswerYes, true},
		{"yes", AnswerYes, true}, {"Y", AnswerYes, true}, {"OK", AnswerYes, true}, {"sure", AnswerYes, true},
		{"confirm", AnswerYes, true}, {"ＯＫ", AnswerYes, true}, {"  好的！ ", AnswerYes, true}, {"好啊", AnswerYes, true},
		{"嗯嗯", AnswerYes, true}, {"对对对", AnswerYes, true}, {"是的。", AnswerYes, true}, {"Yes!", AnswerYes, true},
		{"否", AnswerNo, true}, {"不", AnswerNo, true}, {"不是", AnswerNo, true}, {"不要", AnswerNo, true},
		{"no", AnswerNo, true}, {"N", AnswerNo, true}, {"不对！", AnswerNo, true}, {"不是的", AnswerNo, true},
		{"取消", AnswerCancel, true}, {"cancel", AnswerCancel, true}, {"算了", AnswerCancel, true}, {"算了吧…", AnswerCancel, true},
		{"返回", AnswerBack, true}, {"Back", AnswerBack, true}, {"修改", AnswerChange, true}, {"改", AnswerChange, true},
		{"change", AnswerChange, true}, {"edit", AnswerChange, true},
		{"", "", false}, {"？", "", false}, {"不是这个意思，我要改地址", "", false}, {"好几个人", "", false},
		{"yesterday", "", false}, {"哈哈", "", false}, {"502", "", false},
	}
	for _, tc := range cases {
		got, ok := ReadAnswer(tc.text)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ReadAnswer(%q) = %q, %v; want %q, %v", tc.text, got, ok, tc.want, tc.ok)
		}
	}
}

// The answer buttons read the same in every flow: 是/否, never a
// ticket's 解决了/没解决.
func TestAnswerButtons(t *testing.T) {
	cat, err := locale.Load("zh")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	a := New(testkit.Config(t, "http://127.0.0.1:1"), cat, "bot", testkit.NewClock(now).Now, nil, nil)
	want := map[string][]telegram.Button{
		"zh": {{Text: "是", CallbackData: "x:1:yes"}, {Text: "否", CallbackData: "x:1:no"}, {Text: "确定", CallbackData: "x:1:confirm"},
			{Text: "修改", CallbackData: "x:1:change"}, {Text: "返回", CallbackData: "x:1:back"}, {Text: "取消", CallbackData: "x:1:cancel"}},
		"en": {{Text: "Yes", CallbackData: "x:1:yes"}, {Text: "No", CallbackData: "x:1:no"}, {Text: "Confirm", CallbackData: "x:1:confirm"},
			{Text: "Change", CallbackData: "x:1:change"}, {Text: "Back", CallbackData: "x:1:back"}, {Text: "Cancel", CallbackData: "x:1:cancel"}},
	}
	for lang, w := range want {
		r := a.PersonReq(context.Background(), nil, now, storage.Member{ID: 7, Language: lang})
		got := r.AnswerRow("x:1:", AnswerYes, AnswerNo, AnswerConfirm, AnswerChange, AnswerBack, AnswerCancel)
		if len(got) != len(w) {
			t.Fatalf("%s: %v", lang, got)
		}
		for i := range w {
			if got[i] != w[i] {
				t.Errorf("%s: button %d is %+v, want %+v", lang, i, got[i], w[i])
			}
		}
	}
}
