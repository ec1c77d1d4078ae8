package app

import (
	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
)

// The care flow tests read each message the bot sends in a conversation
// whole: its text and its buttons, row by row ("a b | c").

// cfIs checks m's text and buttons.
func (c *visCast) cfIs(m telegramtest.Message, text, keys string) telegramtest.Message {
	c.t.Helper()
	if m.Plain != text || buttonLabels(m) != keys {
		c.t.Errorf("message %d:\n got %q [%s]\nwant %q [%s]", m.ID, m.Plain, buttonLabels(m), text, keys)
	}
	return m
}

// cfLast is the last message in u's private chat.
func (c *visCast) cfLast(u models.User) telegramtest.Message {
	c.t.Helper()
	ms := c.tg.Messages(u.ID)
	if len(ms) == 0 {
		c.t.Fatalf("no message to %d", u.ID)
	}
	return ms[len(ms)-1]
}

// cfNew waits for the first message sent to chat after message last since
// the latest action, and checks it.
func (c *visCast) cfNew(chat int64, last int, text, keys string) telegramtest.Message {
	c.t.Helper()
	m := c.tg.WaitMessage(c.t, chat, func(m telegramtest.Message) bool { return m.ID > last }, wait)
	return c.cfIs(m, text, keys)
}

// cfSay sends text as u and checks the next message the bot sends.
func (c *visCast) cfSay(u models.User, text, want, keys string) telegramtest.Message {
	c.t.Helper()
	c.visBreathe()
	last := c.visLast(u.ID)
	c.say(u, text)
	return c.cfNew(u.ID, last, want, keys)
}

// cfPress presses data on m as u and checks the next new message.
func (c *visCast) cfPress(u models.User, m telegramtest.Message, data, want, keys string) telegramtest.Message {
	c.t.Helper()
	c.visBreathe()
	last := c.visLast(u.ID)
	c.tg.Press(u, m, data)
	return c.cfNew(u.ID, last, want, keys)
}

// cfEdit presses data on m as u and checks m as the press changed it.
func (c *visCast) cfEdit(u models.User, m telegramtest.Message, data, want, keys string) telegramtest.Message {
	c.t.Helper()
	c.visBreathe()
	edits := m.Edits
	c.tg.Press(u, m, data)
	got := c.tg.WaitMessage(c.t, u.ID, func(x telegramtest.Message) bool { return x.ID == m.ID && x.Edits > edits }, wait)
	return c.cfIs(got, want, keys)
}

// cfNow checks message id of chat as it stands.
func (c *visCast) cfNow(chat int64, id int, text, keys string) {
	c.t.Helper()
	for _, m := range c.tg.Messages(chat) {
		if m.ID == id {
			c.cfIs(m, text, keys)
			return
		}
	}
	c.t.Errorf("no message %d in chat %d", id, chat)
}
