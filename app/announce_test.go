package app

import (
	"context"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// announce walks staff through /announce up to the preview and returns the
// control message with Send / Cancel.
func (c *community) announce(u models.User, audience, text string, picks ...string) telegramtest.Message {
	c.t.Helper()
	by := u.ID
	c.tg.SendText(u, telegramtest.PrivateChat(u), "/announce")
	m := c.tg.WaitMessage(c.t, by, func(m telegramtest.Message) bool { return hasButton(m, "an:a:"+audience) }, wait)
	c.tg.Press(u, m, "an:a:"+audience)
	for _, p := range picks {
		m = c.tg.WaitMessage(c.t, by, func(m telegramtest.Message) bool { return hasButton(m, p) }, wait)
		c.tg.Press(u, m, p)
	}
	if len(picks) > 0 && strings.HasPrefix(picks[0], "an:b:") {
		m = c.tg.WaitMessage(c.t, by, func(m telegramtest.Message) bool { return hasButton(m, "an:bd") && strings.Contains(m.Text, "✓") }, wait)
		c.tg.Press(u, m, "an:bd")
	}
	ask := c.tg.WaitMessage(c.t, by, func(m telegramtest.Message) bool { return m.ForceReply && m.ID > m.ID-1 }, wait)
	c.tg.SendReply(u, telegramtest.PrivateChat(u), text, ask)
	return c.tg.WaitMessage(c.t, by, func(m telegramtest.Message) bool { return hasButtonPrefix(m, "an:send:") }, wait)
}

func TestAnnounceToGroupsWithPreviewPinAndAcks(t *testing.T) {
	c := newCommunity(t)
	g2 := c.tg.Group(-100200, "2号楼")
	c.tg.SendText(c.admin, g2, "/linkchat 2")
	c.expect(g2.ID, "本群已关联到 2 栋")
	ctl := c.announce(c.admin, "groups", "周六上午 9 点在广场开半月谈 <请准时>")
	// The preview is exactly what the groups will get; nothing went out yet.
	c.expect(c.admin.ID, "周六上午 9 点在广场开半月谈 <请准时>", "Boss")
	if !strings.Contains(ctl.Plain, "2 recipients") || !hasButton(ctl, "an:pin:1") {
		t.Fatalf("control message: %q %+v", ctl.Plain, ctl.Buttons)
	}
	for _, g := range []int64{c.group.ID, g2.ID} {
		for _, m := range c.tg.Messages(g) {
			if strings.Contains(m.Plain, "半月谈") {
				t.Fatalf("sent before Send was pressed: %q", m.Plain)
			}
		}
	}
	c.tg.Press(c.admin, ctl, "an:pin:1")
	n1 := c.expect(c.group.ID, "社区通知", "半月谈 <请准时>")
	c.expect(g2.ID, "社区通知", "半月谈")
	c.tg.WaitMessage(t, c.group.ID, func(m telegramtest.Message) bool { return m.ID == n1.ID && m.Pinned }, wait)
	// A second press sends nothing twice.
	c.tg.PressRaw(c.admin, telegramtest.PrivateChat(c.admin), ctl.ID, "an:send:1")
	c.expectAnswer("already sent")
	// Residents acknowledge from the group.
	c.tg.Press(c.wang, n1, "an:ack:1")
	c.expectAnswer("已记录您已读")
	c.tg.Press(c.li, n1, "an:ack:1")
	c.tg.Press(c.li, n1, "an:ack:1")
	c.expectAnswer("already marked it read")
	c.settle()
	c.say(c.admin, "/announcements")
	c.expect(c.admin.ID, "Announcement #1", "Recipients 2: delivered 2, waiting 0, failed 0, blocked the bot 0; read by 2", "王阿姨")
	count := 0
	for _, m := range c.tg.Messages(c.group.ID) {
		if strings.Contains(m.Plain, "半月谈") {
			count++
		}
	}
	if count != 1 {
		t.Errorf("group got the announcement %d times", count)
	}
}

func TestAnnounceToResidentsShowsWhoHasNotRead(t *testing.T) {
	c := newCommunity(t)
	c.tg.Block(c.li.ID)
	ctl := c.announce(c.admin, "residents", "Water is off on Tuesday 9-12.")
	c.tg.Press(c.admin, ctl, "an:send:1")
	c.expect(c.admin.ID, "is going out to 4 recipients")
	n := c.expect(c.wang.ID, "Water is off on Tuesday")
	if !strings.Contains(n.Plain, "社区通知") {
		t.Errorf("a Chinese reader got the header in another language: %q", n.Plain)
	}
	c.tg.Press(c.wang, n, "an:ack:1")
	c.expectAnswer("已记录")
	c.settle()
	c.say(c.admin, "/announcements 1")
	r := c.expect(c.admin.ID, "Recipients 4: delivered 3, waiting 0, failed 0, blocked the bot 1; read by 1")
	if !strings.Contains(r.Plain, "Read by: 王阿姨") || !strings.Contains(r.Plain, "Not read by:") || !strings.Contains(r.Plain, "林") {
		t.Errorf("report lacks readers: %q", r.Plain)
	}
}

func TestAnnouncePermissions(t *testing.T) {
	c := newCommunity(t)
	// A resident cannot start one, nor press Send on someone's preview.
	c.say(c.li, "/announce")
	c.expect(c.li.ID, "may not use /announce")
	ctl := c.announce(c.admin, "groups", "Notice")
	c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), ctl.ID, "an:send:1")
	c.expectAnswer("not your draft")
	c.tg.PressRaw(c.leader, telegramtest.PrivateChat(c.leader), ctl.ID, "an:send:1")
	c.tg.WaitCall(t, "answerCallbackQuery", nil, wait)
	// A leader may announce only to the buildings they lead.
	c.say(c.leader, "/announce")
	m := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "an:a:bgroups") }, wait)
	if hasButton(m, "an:a:residents") || hasButton(m, "an:a:groups") {
		t.Errorf("a leader is offered community-wide audiences: %+v", m.Buttons)
	}
	c.tg.PressRaw(c.leader, telegramtest.PrivateChat(c.leader), m.ID, "an:a:residents")
	c.expectAnswer("失效")
	c.tg.Press(c.leader, m, "an:a:bgroups")
	pick := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "an:b:3") }, wait)
	if hasButton(pick, "an:b:1") {
		t.Errorf("a leader is offered buildings they do not lead: %+v", pick.Buttons)
	}
	c.tg.PressRaw(c.leader, telegramtest.PrivateChat(c.leader), pick.ID, "an:b:1")
	c.settle()
	c.db(func(tx *storage.Tx) error {
		f, err := tx.Flow(c.leader.ID)
		if err != nil {
			return err
		}
		if strings.Contains(f.Data, `"1"`) {
			t.Errorf("a forged building reached the draft: %s", f.Data)
		}
		return nil
	})
	if len(c.tg.Messages(c.group.ID)) > 2 {
		for _, m := range c.tg.Messages(c.group.ID) {
			if strings.Contains(m.Plain, "Notice") {
				t.Errorf("a refused press sent the announcement")
			}
		}
	}
}

func TestAnnouncingToThousandsReturnsAtOnce(t *testing.T) {
	c := newCommunity(t)
	s, err := storage.Open(context.Background(), c.cfg.Database.Path)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(context.Background(), func(tx *storage.Tx) error {
		for i := int64(0); i < 2000; i++ {
			id := 100000 + i
			if err := tx.TouchMember(id, "R"+itoa(i), "", "zh", c.clock.Now()); err != nil {
				return err
			}
			if err := tx.Register(id, "2", "1", c.clock.Now()); err != nil {
				return err
			}
		}
		return nil
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	for i := int64(0); i < 2000; i++ {
		c.tg.User(100000+i, "R", "zh")
	}
	ctl := c.announce(c.admin, "residents", "Fire drill on Friday")
	c.tg.Press(c.admin, ctl, "an:send:1")
	c.expect(c.admin.ID, "is going out to 2004 recipients")
	// The answer came while most deliveries were still queued.
	delivered := 0
	for i := int64(0); i < 2000; i++ {
		if len(c.tg.Messages(100000+i)) > 0 {
			delivered++
		}
	}
	if delivered > 1500 {
		t.Errorf("Send answered only after %d of 2000 deliveries", delivered)
	}
	c.tg.WaitUntil(t, func() bool {
		return c.tg.CallCount("sendMessage") >= 2000
	}, wait*3)
}
