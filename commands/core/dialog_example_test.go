package core

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"courtyard/storage"
	"courtyard/testkit"
)

// bookMessages are the example capability's own catalog entries.
var bookMessages = map[string]map[string]string{
	"zh": {
		"book.ask_room": "想借哪个房间？", "book.room": "房间", "book.when": "时间",
		"book.room.activity": "活动室", "book.room.meeting": "会议室", "book.room.reading": "图书角",
		"book.ask_when": "什么时候用？请回复日期和时间，例如 2026-03-05 14:00。",
		"book.bad_when": "没看懂这个时间。请按 2026-03-05 14:00 这样写。",
		"book.summary":  "借%s，%s。对吗？", "book.done": "已预约：%s，%s。",
	},
	"en": {
		"book.ask_room": "Which room would you like?", "book.room": "Room", "book.when": "Time",
		"book.room.activity": "Activity room", "book.room.meeting": "Meeting room", "book.room.reading": "Reading corner",
		"book.ask_when": "When? Reply with a date and time, e.g. 2026-03-05 14:00.",
		"book.bad_when": "I could not read that. Please write it like 2026-03-05 14:00.",
		"book.summary":  "%s, %s. Is that right?", "book.done": "Booked: %s, %s.",
	},
}

var errPast = errors.New("in the past")

// parseAt stands in for when.Parse: a date and a time ahead of now.
func parseAt(text string, now time.Time, loc *time.Location) (any, error) {
	t, err := time.ParseInLocation("2006-01-02 15:04", text, loc)
	if err == nil && !t.After(now) {
		err = errPast
	}
	return t, err
}

// bookDialog is how a capability declares a conversation: a choice of
// room, a time, and a confirm; Done gets the answers.
func bookDialog(a *Core, booked *[]string) *Dialog {
	rooms := func(*Req, Values) []Option {
		return []Option{
			a.Option("activity", "book.room.activity", "大活动室"),
			a.Option("meeting", "book.room.meeting"),
			a.Option("reading", "book.room.reading", "阅览室"),
		}
	}
	said := func(r *Req, v Values) (room, at string) {
		for _, o := range rooms(r, v) {
			if o.Key == v.String("room") {
				room = o.Text(r.Lang)
			}
		}
		var t time.Time
		v.Get("when", &t)
		return room, t.In(a.Loc).Format("2006-01-02 15:04")
	}
	return &Dialog{
		Name: "book",
		Steps: []Step{
			ChoiceStep{Name: "room", Label: "book.room", Ask: Say("book.ask_room"), Options: rooms},
			DateStep{Name: "when", Label: "book.when", Ask: Say("book.ask_when"), Parse: parseAt,
				Refuse: func(r *Req, err error) string { return r.T("book.bad_when") }},
			ConfirmStep{Name: "ok", Summary: func(r *Req, v Values) string {
				room, at := said(r, v)
				return r.T("book.summary", room, at)
			}},
		},
		Done: func(r *Req, v Values) error {
			room, at := said(r, v)
			*booked = append(*booked, v.String("room")+" "+at)
			return r.Reply(r.T("book.done", room, at), nil)
		},
	}
}

// newBookRig is a rig with the booking dialog registered and /book
// starting it.
func newBookRig(t *testing.T, lang string, booked *[]string) *rig {
	st := testkit.Store(t)
	return newBookRigOn(t, st, testkit.NewClock(march2), lang, booked)
}

// newBookRigOn is newBookRig over st, as after a restart.
func newBookRigOn(t *testing.T, st *storage.Storage, clock *testkit.Clock, lang string, booked *[]string) *rig {
	t.Helper()
	g := newRig(t, st, clock, testCatalog(t, bookMessages), lang)
	d := bookDialog(g.a, booked)
	if err := g.a.AddDialog(d); err != nil {
		t.Fatal(err)
	}
	g.a.Register([]Command{{Name: "book", Rule: Rule{Min: AnyRole, Chats: PrivateOnly, Scope: ScopeOwn},
		Run: func(r *Req) error { return d.Start(r, nil) }}}, nil, nil, Hooks{})
	return g
}

// The example: a person books a room by typing only, is understood or
// asked again at each step, corrects the room at the confirm, and the
// time they gave stands.
func TestExampleDialog(t *testing.T) {
	var booked []string
	g := newBookRig(t, "zh", &booked)

	got := mustOne(t, g.say("/book"), "sendMessage")
	if got.Text != "想借哪个房间？" || labels(got.Keys) != "活动室 会议室 图书角 | 取消" {
		t.Fatalf("first question: %q %s", got.Text, labels(got.Keys))
	}
	// Typing where a button is expected asks the same step again.
	got = mustOne(t, g.say("明天下午"), "sendMessage")
	if got.Text != "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n想借哪个房间？" || labels(got.Keys) != "活动室 会议室 图书角 | 取消" {
		t.Fatalf("not understood: %q %s", got.Text, labels(got.Keys))
	}
	if f := g.flow(); f != "book/room" {
		t.Fatalf("flow after a message not understood: %q", f)
	}
	// An option's number picks it; the next question says how it was read.
	got = mustOne(t, g.say("２"), "sendMessage")
	if got.Text != "已选：会议室\n\n什么时候用？请回复日期和时间，例如 2026-03-05 14:00。" || labels(got.Keys) != "返回 取消" {
		t.Fatalf("after a number: %q %s", got.Text, labels(got.Keys))
	}
	got = mustOne(t, g.say("下周"), "sendMessage")
	if got.Text != "没看懂这个时间。请按 2026-03-05 14:00 这样写。" || g.flow() != "book/when" {
		t.Fatalf("a time not read: %q, flow %q", got.Text, g.flow())
	}
	got = mustOne(t, g.say("2026-03-05 14:00"), "sendMessage")
	if got.Text != "借会议室，2026-03-05 14:00。对吗？" || labels(got.Keys) != "确定 修改 取消" {
		t.Fatalf("confirm: %q %s", got.Text, labels(got.Keys))
	}
	// Change: which step, then that step; the time stands and the
	// confirm is asked again.
	got = mustOne(t, g.tap("修改"), "editMessageText")
	if got.Text != "要修改哪一项？" || labels(got.Keys) != "房间 时间 | 返回 取消" {
		t.Fatalf("which: %q %s", got.Text, labels(got.Keys))
	}
	out := g.tap("房间")
	if e, s := texts(out, "editMessageText"), texts(out, "sendMessage"); !reflect.DeepEqual(e, []string{"修改：房间"}) || !reflect.DeepEqual(s, []string{"想借哪个房间？"}) {
		t.Fatalf("changing the room: edits %q, sends %q", e, s)
	}
	got = mustOne(t, g.say("阅览室！"), "sendMessage")
	if got.Text != "已选：图书角\n\n借图书角，2026-03-05 14:00。对吗？" {
		t.Fatalf("confirm after the change: %q", got.Text)
	}
	got = mustOne(t, g.say("好的"), "sendMessage")
	if got.Text != "已预约：图书角，2026-03-05 14:00。" || g.flow() != "" {
		t.Fatalf("done: %q, flow %q", got.Text, g.flow())
	}
	if want := []string{"reading 2026-03-05 14:00"}; !reflect.DeepEqual(booked, want) {
		t.Fatalf("booked %q, want %q", booked, want)
	}
}
