package app

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/testkit"
)

// A test waits for what its own last action caused. Every action the
// harness takes (a person writes, replies or presses; the clock moves; the
// scheduler ticks; the bot starts) first sets the harness's mark, and every
// wait (expect, expectAnswer, answered, tg.WaitMessage, tg.WaitCall) sees
// only messages sent or changed, and calls made, after the latest mark. A
// test that wants something from before says so: expectSince with a mark
// it kept, or lookup for a message it goes back to.

// marks holds the latest mark.
type marks struct {
	mu    sync.Mutex
	since telegramtest.Mark
}

// act sets the mark: what comes after it is caused by the action about to
// be taken.
func (h *harness) act() {
	m := h.tg.Server.Mark()
	h.marks.mu.Lock()
	h.marks.since = m
	h.marks.mu.Unlock()
}

// mark is the mark of the latest action, to be kept for expectSince.
func (h *harness) mark() telegramtest.Mark {
	h.marks.mu.Lock()
	defer h.marks.mu.Unlock()
	return h.marks.since
}

// expect waits for a message to chat, sent or changed since the latest
// action, whose plain text (or caption) contains every part.
func (h *harness) expect(chat int64, parts ...string) telegramtest.Message {
	h.t.Helper()
	return h.expectSince(h.mark(), chat, parts...)
}

// expectSince is expect for a message sent or changed since mark m.
func (h *harness) expectSince(m telegramtest.Mark, chat int64, parts ...string) telegramtest.Message {
	h.t.Helper()
	return h.tg.Server.WaitMessageSince(h.t, m, chat, func(m telegramtest.Message) bool {
		for _, p := range parts {
			if !strings.Contains(m.Plain+m.Caption, p) {
				return false
			}
		}
		return true
	}, wait)
}

// expectAnswer waits for an answer to a button press, given since the
// latest action, whose text contains part.
func (h *harness) expectAnswer(part string) telegramtest.Call {
	h.t.Helper()
	return h.tg.WaitCall(h.t, "answerCallbackQuery", func(c telegramtest.Call) bool {
		s, _ := c.Params["text"].(string)
		return strings.Contains(s, part)
	}, wait)
}

// answered waits for a button answer given since the latest action that
// contains want.
func (h *harness) answered(want string) {
	h.t.Helper()
	h.expectAnswer(want)
}

// fakeTG is the fake Telegram as the tests drive it: what a person does
// through it sets the harness's mark first, and its waits look only past
// the latest mark. The whole history stays readable (Messages, Calls).
type fakeTG struct {
	*telegramtest.Server
	h *harness
}

func (f *fakeTG) SendText(from models.User, chat models.Chat, text string) int64 {
	f.h.act()
	return f.Server.SendText(from, chat, text)
}

func (f *fakeTG) SendReply(from models.User, chat models.Chat, text string, to telegramtest.Message) int64 {
	f.h.act()
	return f.Server.SendReply(from, chat, text, to)
}

func (f *fakeTG) SendPhoto(from models.User, chat models.Chat, caption string) int64 {
	f.h.act()
	return f.Server.SendPhoto(from, chat, caption)
}

func (f *fakeTG) SendVoice(from models.User, chat models.Chat, seconds int, caption string) int64 {
	f.h.act()
	return f.Server.SendVoice(from, chat, seconds, caption)
}

func (f *fakeTG) SendAudio(from models.User, chat models.Chat, seconds int, caption string) int64 {
	f.h.act()
	return f.Server.SendAudio(from, chat, seconds, caption)
}

func (f *fakeTG) SendLocation(from models.User, chat models.Chat, lat, lon float64) int64 {
	f.h.act()
	return f.Server.SendLocation(from, chat, lat, lon)
}

func (f *fakeTG) Press(from models.User, msg telegramtest.Message, data string) int64 {
	f.h.act()
	return f.Server.Press(from, msg, data)
}

func (f *fakeTG) PressRaw(from models.User, chat models.Chat, messageID int, data string) int64 {
	f.h.act()
	return f.Server.PressRaw(from, chat, messageID, data)
}

func (f *fakeTG) AddUpdate(u models.Update) int64 {
	f.h.act()
	return f.Server.AddUpdate(u)
}

// WaitMessage waits for a message in the chat sent or changed since the
// latest action; see telegramtest.Server.WaitMessage.
func (f *fakeTG) WaitMessage(t testing.TB, chatID int64, match func(telegramtest.Message) bool, timeout time.Duration) telegramtest.Message {
	t.Helper()
	return f.Server.WaitMessageSince(t, f.h.mark(), chatID, match, timeout)
}

// WaitCall waits for a call made since the latest action; see
// telegramtest.Server.WaitCall.
func (f *fakeTG) WaitCall(t testing.TB, method string, match func(telegramtest.Call) bool, timeout time.Duration) telegramtest.Call {
	t.Helper()
	return f.Server.WaitCallSince(t, f.h.mark(), method, match, timeout)
}

// clock is the injected clock the business logic reads; moving it is an
// action.
type clock struct {
	*testkit.Clock
	h *harness
}

// Advance moves the clock on by d.
func (c *clock) Advance(d time.Duration) {
	c.h.act()
	c.Clock.Advance(d)
}

// Set puts the clock at t.
func (c *clock) Set(t time.Time) {
	c.h.act()
	c.Clock.Set(t)
}

// lookup waits for a message anywhere in the chat's history, old or new,
// that match accepts, and returns the first in send order: for a message
// a test goes back to (a menu, a notice some steps ago), never for what
// its last action caused.
func (h *harness) lookup(chat int64, match func(telegramtest.Message) bool) telegramtest.Message {
	h.t.Helper()
	return h.tg.Server.WaitMessageSince(h.t, telegramtest.Mark{}, chat, match, wait)
}

func TestHarnessWaitsPastTheLatestAction(t *testing.T) {
	h := newHarness(t, nil)
	u := h.user(2001, "Ann", "en")
	h.say(u, "/help")
	first := h.expect(u.ID, "/teams")
	for _, a := range []struct {
		name string
		act  func()
	}{
		{"a clock move", func() { h.clock.Advance(time.Minute) }},
		{"a tick", h.tick},
		{"a message", func() { h.say(u, "/help") }},
	} {
		a.act()
		h.settle()
		for _, m := range h.tg.MessagesSince(h.mark(), u.ID) {
			if m.ID <= first.ID {
				t.Errorf("after %s the mark still sees message %d: %q", a.name, m.ID, m.Plain)
			}
		}
	}
	if again := h.expect(u.ID, "/teams"); again.ID <= first.ID {
		t.Errorf("expect took the earlier answer %d", again.ID)
	}
	if old := h.expectSince(telegramtest.Mark{}, u.ID, "/teams"); old.ID != first.ID {
		t.Errorf("expectSince the start found %d, want the first answer %d", old.ID, first.ID)
	}
}
