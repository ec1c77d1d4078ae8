package core

import (
	"context"
	"strings"
	"testing"

	"courtyard/storage"
	"courtyard/testkit"
)

// setFlow puts the person in a conversation as a handler would have.
func (g *rig) setFlow(f storage.Flow) {
	g.t.Helper()
	f.UserID = g.user.ID
	if err := g.st.Update(context.Background(), func(tx *storage.Tx) error { return tx.SetFlow(f, march2) }); err != nil {
		g.t.Fatal(err)
	}
}

// A step gone from the declaration (a new version of the bot) goes on from
// the first step whose answer does not stand; data that cannot be read
// ends the conversation with the usual answer.
func TestDialogStepGone(t *testing.T) {
	g := newBookRig(t, "zh", new([]string))
	g.setFlow(storage.Flow{Name: "book", Step: "gone", Data: `{"v":{"room":"meeting"}}`})
	got := mustOne(t, g.say("你好"), "sendMessage")
	if got.Text != "什么时候用？请回复日期和时间，例如 2026-03-05 14:00。" || g.flow() != "book/when" {
		t.Fatalf("a step gone: %q, flow %q", got.Text, g.flow())
	}
	g.setFlow(storage.Flow{Name: "book", Step: "when", Data: `[1,2]`})
	got = mustOne(t, g.say("你好"), "sendMessage")
	if got.Text != "没太明白您的意思。点下面的按钮，或发送 /help 看看我能做什么。" || g.flow() != "" {
		t.Fatalf("unreadable data: %q, flow %q", got.Text, g.flow())
	}
}

// A dialog for staff: a person who is no longer staff cannot go on, by
// typing or by its buttons.
func TestDialogRoleDropped(t *testing.T) {
	g := newRig(t, testkit.Store(t), testkit.NewClock(march2), testCatalog(t, bookMessages), "zh")
	d := bookDialog(g.a, new([]string))
	d.Min = StaffUp
	if err := g.a.AddDialog(d); err != nil {
		t.Fatal(err)
	}
	g.setFlow(storage.Flow{Name: "book", Step: "room", Data: `{"v":{}}`})
	if got := mustOne(t, g.press("fl:book:o:room:meeting"), "answerCallbackQuery"); got.Text != "抱歉，这个按钮不是给您用的。" {
		t.Fatalf("a press: %q", got.Text)
	}
	got := mustOne(t, g.say("会议室"), "sendMessage")
	if got.Text != "您现在的身份不能继续这件事，已经取消了。" || g.flow() != "" {
		t.Fatalf("typed: %q, flow %q", got.Text, g.flow())
	}
}

// An option whose key makes the button's data too long is an error of the
// declaration, not a button Telegram would refuse.
func TestDialogDataTooLong(t *testing.T) {
	g := newRig(t, testkit.Store(t), testkit.NewClock(march2), testCatalog(t, nil), "zh")
	d := &Dialog{Name: "long", Steps: []Step{ChoiceStep{Name: "pick", Ask: Say("answer.yes"), Options: func(*Req, Values) []Option {
		return []Option{{Key: strings.Repeat("k", 60), Zh: "长"}}
	}}}, Done: func(*Req, Values) error { return nil }}
	if err := g.a.AddDialog(d); err != nil {
		t.Fatal(err)
	}
	err := g.st.Update(context.Background(), func(tx *storage.Tx) error {
		r := g.a.PersonReq(context.Background(), tx, march2, storage.Member{ID: 7})
		return d.Start(r, nil)
	})
	if err == nil || !strings.Contains(err.Error(), "over 64 bytes") {
		t.Fatalf("got %v", err)
	}
}
