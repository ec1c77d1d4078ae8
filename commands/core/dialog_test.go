package core

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/testkit"
)

// With buttons, in English: each press puts the answer in place of the
// question's buttons, and Confirm ends the dialog.
func TestDialogByPresses(t *testing.T) {
	var booked []string
	g := newBookRig(t, "en", &booked)
	g.say("/book")
	out := g.tap("Meeting room")
	if e, s := texts(out, "editMessageText"), texts(out, "sendMessage"); !reflect.DeepEqual(e, []string{"Which room would you like?\nChosen: Meeting room"}) ||
		!reflect.DeepEqual(s, []string{"When? Reply with a date and time, e.g. 2026-03-05 14:00."}) {
		t.Fatalf("after the press: edits %q, sends %q", e, s)
	}
	if l := labels(g.last.Keys); l != "Back Cancel" {
		t.Fatalf("time question's buttons: %s", l)
	}
	got := mustOne(t, g.say("2026-03-05 14:00"), "sendMessage")
	if got.Text != "Meeting room, 2026-03-05 14:00. Is that right?" || labels(got.Keys) != "Confirm Change Cancel" {
		t.Fatalf("confirm: %q %s", got.Text, labels(got.Keys))
	}
	out = g.tap("Confirm")
	if e, s := texts(out, "editMessageText"), texts(out, "sendMessage"); !reflect.DeepEqual(e, []string{"Meeting room, 2026-03-05 14:00. Is that right?"}) ||
		!reflect.DeepEqual(s, []string{"Booked: Meeting room, 2026-03-05 14:00."}) {
		t.Fatalf("confirmed: edits %q, sends %q", e, s)
	}
	if !reflect.DeepEqual(booked, []string{"meeting 2026-03-05 14:00"}) || g.flow() != "" {
		t.Fatalf("booked %q, flow %q", booked, g.flow())
	}
	// The dialog is over: its buttons are stale.
	got = mustOne(t, g.press("fl:book:y:ok"), "answerCallbackQuery")
	if got.Text != "This button no longer works." {
		t.Fatalf("a press after the end: %q", got.Text)
	}
}

// Back goes to the step before; typed cancel words and the Cancel button
// end the dialog politely.
func TestDialogBackAndCancel(t *testing.T) {
	g := newBookRig(t, "zh", new([]string))
	g.say("/book")
	g.say("会议室")
	got := mustOne(t, g.say("返回"), "sendMessage")
	if got.Text != "想借哪个房间？" || g.flow() != "book/room" {
		t.Fatalf("back: %q, flow %q", got.Text, g.flow())
	}
	got = mustOne(t, g.say("算了吧。"), "sendMessage")
	if got.Text != "已取消。需要时再找我。" || g.flow() != "" {
		t.Fatalf("typed cancel: %q, flow %q", got.Text, g.flow())
	}
	g.say("/book")
	g.tap("活动室")
	out := g.tap("取消")
	if e := texts(out, "editMessageText"); !reflect.DeepEqual(e, []string{"已取消。需要时再找我。"}) || g.flow() != "" {
		t.Fatalf("the cancel button: %q, flow %q", e, g.flow())
	}
}

// An unexpected message, a command, a photo and a flood warning leave the
// dialog where it was; after the minute the person goes on.
func TestDialogOutlivesOtherMessages(t *testing.T) {
	g := newBookRig(t, "zh", new([]string))
	g.a.Cfg.Limits.MessagesPerMinute = 2 // six a minute in a conversation
	g.say("/book")
	if got := mustOne(t, g.say("/nosuch"), "sendMessage"); got.Text != "没有这个命令。发送 /help 看看可以做什么。" {
		t.Fatalf("unknown command: %q", got.Text)
	}
	g.msgID++
	photo := g.handle(&models.Update{Message: &models.Message{ID: g.msgID, From: &g.user, Chat: models.Chat{ID: 7, Type: models.ChatTypePrivate},
		Photo: []models.PhotoSize{{FileID: "p", Width: 10, Height: 10}}}})
	if got := mustOne(t, photo, "sendMessage"); !strings.HasPrefix(got.Text, "请点下面的一个按钮") {
		t.Fatalf("a photo at a choice: %q", got.Text)
	}
	var warned, silent int
	for i := 0; i < 8; i++ {
		switch out := g.say("嗯？"); {
		case len(out) == 0:
			silent++
		case out[0].Text == "消息发得太快了：接下来约一分钟内我不再回复新消息。已经报告的问题都已保存。":
			warned++
		}
	}
	if warned != 1 || silent == 0 || g.flow() != "book/room" {
		t.Fatalf("flood: %d warnings, %d unanswered, flow %q", warned, silent, g.flow())
	}
	g.clock.Advance(time.Minute)
	got := mustOne(t, g.say("图书角"), "sendMessage")
	if !strings.HasPrefix(got.Text, "已选：图书角") || g.flow() != "book/when" {
		t.Fatalf("after the minute: %q, flow %q", got.Text, g.flow())
	}
}

// A dialog survives a restart: a new Core over the same database goes on
// where the person was, and the old message's buttons correct the room.
func TestDialogSurvivesRestart(t *testing.T) {
	st := testkit.Store(t)
	clock := testkit.NewClock(march2)
	var booked []string
	g := newBookRigOn(t, st, clock, "zh", &booked)
	g.say("/book")
	roomQuestion := g.last
	g.say("活动室")

	g = newBookRigOn(t, st, clock, "zh", &booked)
	got := mustOne(t, g.say("2026-03-05 14:00"), "sendMessage")
	if got.Text != "借活动室，2026-03-05 14:00。对吗？" {
		t.Fatalf("after the restart: %q", got.Text)
	}
	g.last = roomQuestion
	out := g.tap("会议室")
	if s := texts(out, "sendMessage"); !reflect.DeepEqual(s, []string{"借会议室，2026-03-05 14:00。对吗？"}) {
		t.Fatalf("a correction from the first question's buttons: %q", s)
	}
	// The confirm's own Back button is not on an earlier question: a
	// press of a step not reached yet is stale.
	if got := mustOne(t, g.press("fl:book:o:nosuch:x"), "answerCallbackQuery"); got.Text != "这个按钮已经失效了。" {
		t.Fatalf("a press of no step: %q", got.Text)
	}
	g.say("是")
	if !reflect.DeepEqual(booked, []string{"meeting 2026-03-05 14:00"}) {
		t.Fatalf("booked %q", booked)
	}
}

// The dialog's buttons are rows of the permission table: private, the
// person's own conversation, one row a verb its steps use.
func TestDialogButtonRows(t *testing.T) {
	g := newBookRig(t, "zh", new([]string))
	var got []string
	for _, p := range g.a.Permissions() {
		if strings.HasPrefix(p.Action, "fl:") {
			got = append(got, p.Action+" "+string(p.Min)+" "+strings.Join(p.Chats, ",")+" "+p.Scope)
		}
	}
	want := []string{
		"fl:book:b resident private own", "fl:book:c resident private own", "fl:book:o resident private own",
		"fl:book:w resident private own", "fl:book:x resident private own", "fl:book:y resident private own",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if err := g.a.AddDialog(&Dialog{Name: "book", Steps: []Step{TextStep{Name: "x"}}, Done: func(*Req, Values) error { return nil }}); err == nil {
		t.Error("a second dialog named book was registered")
	}
	for _, d := range []*Dialog{
		{Name: "a:b", Steps: []Step{TextStep{Name: "x"}}, Done: func(*Req, Values) error { return nil }},
		{Name: "twice", Steps: []Step{TextStep{Name: "x"}, ChoiceStep{Name: "x"}}, Done: func(*Req, Values) error { return nil }},
		{Name: "nodone", Steps: []Step{TextStep{Name: "x"}}},
		{Name: "a-name-over-sixteen", Steps: []Step{TextStep{Name: "x"}}, Done: func(*Req, Values) error { return nil }},
	} {
		if err := g.a.AddDialog(d); err == nil {
			t.Errorf("dialog %q was registered", d.Name)
		}
	}
}
