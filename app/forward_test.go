package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/commands/core"
	"courtyard/storage"
)

// forward passes text on from someone else into chat, as Telegram does
// when a person forwards a message.
func (h *harness) forward(from models.User, chat models.Chat, text string, origin models.User) int64 {
	f := from
	m := &models.Message{ID: 900000 + len(h.tg.Messages(chat.ID)), From: &f, Chat: chat, Date: 1, Text: text,
		ForwardOrigin: &models.MessageOrigin{Type: models.MessageOriginTypeUser,
			MessageOriginUser: &models.MessageOriginUser{Type: models.MessageOriginTypeUser, Date: 1, SenderUser: origin}}}
	if strings.HasPrefix(text, "/") {
		m.Entities = []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Length: len(strings.Fields(text)[0])}}
	}
	return h.tg.AddUpdate(models.Update{Message: m})
}

func TestForwardedIsNeverACommand(t *testing.T) {
	c := newCommunity(t)
	someone := models.User{ID: 7777, FirstName: "Someone"}
	// A forwarded one-line report in the linked group files nothing and
	// names no one.
	c.forward(c.li, c.group, "/report 路灯不亮", someone)
	c.settle()
	c.db(func(tx *storage.Tx) error {
		if _, err := tx.Ticket(1); !core.IsNotFound(err) {
			t.Errorf("a forwarded /report filed a ticket (err %v)", err)
		}
		return nil
	})
	for _, m := range c.tg.Messages(c.group.ID) {
		if strings.Contains(m.Plain, "路灯不亮") || strings.Contains(m.Plain, "Li") && strings.Contains(m.Plain, "#1") {
			t.Errorf("the group was told of a forwarded report: %q", m.Plain)
		}
	}
	// A forwarded /forgetme in private is not the command: no question,
	// the person is kept.
	c.forward(c.wang, telegramtest.PrivateChat(c.wang), "/forgetme", someone)
	c.expect(c.wang.ID, "没太明白您的意思")
	c.settle()
	for _, m := range c.tg.Messages(c.wang.ID) {
		if strings.Contains(m.Plain, "确定删除您的个人数据吗") {
			t.Errorf("a forwarded /forgetme asked: %q", m.Plain)
		}
	}
	c.db(func(tx *storage.Tx) error {
		m, err := tx.Member(c.wang.ID)
		if err != nil || !m.Registered() || m.Building != "3" {
			t.Errorf("after a forwarded /forgetme: %+v %v", m, err)
		}
		return nil
	})
	// At a step that takes text, a forwarded text is the answer.
	c.say(c.wang, "/report")
	m := c.expect(c.wang.ID, "遇到了什么问题")
	c.tg.Press(c.wang, m, "tk:cat:lighting")
	c.expect(c.wang.ID, "请用一句话说说")
	c.forward(c.wang, telegramtest.PrivateChat(c.wang), "/report 3栋东边的路灯坏了", someone)
	id := c.privChooseName(c.wang, "tk:nm:show")
	if tk := c.ticket(id); tk.Text != "/report 3栋东边的路灯坏了" || tk.ReporterID != c.wang.ID {
		t.Errorf("the forwarded text as a report: %+v", tk)
	}
	// An ordinary /report in the group still files one.
	c.tg.SendText(c.li, c.group, "/report 垃圾桶满了")
	c.expect(c.group.ID, "垃圾桶满了")
}
