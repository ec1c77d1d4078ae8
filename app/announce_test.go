package app

import (
	"context"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// The /announce conversation's buttons.
const (
	annAudience = "fl:announce:o:audience:"
	annBuilding = "fl:announce:t:buildings:"
	annBuilt    = "fl:announce:f:buildings"
	annTeam     = "fl:announce:o:team:"
	annPin      = "fl:announce:o:pin:pin"
	annNoPin    = "fl:announce:o:pin:nopin"
	annRoutine  = "fl:announce:o:urgent:routine"
	annUrgent   = "fl:announce:o:urgent:urgent"
	annSend     = "fl:announce:y:ok"
	annChange   = "fl:announce:c:ok"
)

// annStart walks u through /announce up to the question of the text: the
// audience, then its buildings or team (picks: the buttons' data).
func (c *community) annStart(u models.User, audience string, picks ...string) telegramtest.Message {
	c.t.Helper()
	c.tg.SendText(u, telegramtest.PrivateChat(u), "/announce")
	m := c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, annAudience+audience) }, wait)
	c.tg.Press(u, m, annAudience+audience)
	for _, p := range picks {
		m = c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, p) }, wait)
		c.tg.Press(u, m, p)
	}
	if len(picks) > 0 && strings.HasPrefix(picks[0], annBuilding) {
		m = c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, annBuilt) && calTicked(m) }, wait)
		c.tg.Press(u, m, annBuilt)
	}
	return c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, "fl:announce:x:text") }, wait)
}

// announce walks u through /announce up to the confirmation and returns
// it: the audience and its picks, the text, for groups not to pin, and
// that it is routine.
func (c *community) announce(u models.User, audience, text string, picks ...string) telegramtest.Message {
	c.t.Helper()
	c.annStart(u, audience, picks...)
	c.tg.SendText(u, telegramtest.PrivateChat(u), text)
	if audience == "groups" || audience == "bgroups" {
		m := c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, annNoPin) }, wait)
		c.tg.Press(u, m, annNoPin)
	}
	m := c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, annRoutine) }, wait)
	c.tg.Press(u, m, annRoutine)
	return c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, annSend) }, wait)
}

func TestAnnounceToGroupsWithPreviewPinAndAcks(t *testing.T) {
	c := newCommunity(t)
	g2 := c.tg.Group(-100200, "2号楼")
	c.tg.SendText(c.admin, g2, "/linkchat 2")
	c.expect(g2.ID, "本群已关联到 2 栋")
	c.annStart(c.admin, "groups")
	c.say(c.admin, "周六上午 9 点在广场开半月谈 <请准时>")
	pin := c.expect(c.admin.ID, "Pin it in the groups once it is sent?")
	c.tg.Press(c.admin, pin, annPin)
	c.tg.Press(c.admin, c.expect(c.admin.ID, "Is it urgent?"), annRoutine)
	// The preview is exactly what the groups will get; nothing went out yet.
	preview := c.expect(c.admin.ID, "周六上午 9 点在广场开半月谈 <请准时>", "Boss")
	if !hasButton(preview, "an:ack:0") {
		t.Errorf("the preview lacks its Read button: %+v", preview.Buttons)
	}
	ctl := c.expect(c.admin.ID, "Above is the preview", "To: All linked groups, 2 recipients, pinned in the groups once sent.", "Send it?")
	if !hasButton(ctl, annSend) || !hasButton(ctl, annChange) || ctl.Buttons[0][0].Text != "Confirm" {
		t.Fatalf("control message: %q %+v", ctl.Plain, ctl.Buttons)
	}
	c.tg.Press(c.admin, preview, "an:ack:0")
	c.expectAnswer("This is a preview")
	for _, g := range []int64{c.group.ID, g2.ID} {
		for _, m := range c.tg.Messages(g) {
			if strings.Contains(m.Plain, "半月谈") {
				t.Fatalf("sent before Send was pressed: %q", m.Plain)
			}
		}
	}
	c.tg.Press(c.admin, ctl, annSend)
	c.expect(c.admin.ID, "Announcement #1 is going out to 2 recipients")
	n1 := c.expect(c.group.ID, "社区通知", "半月谈 <请准时>")
	c.expect(g2.ID, "社区通知", "半月谈")
	c.tg.WaitMessage(t, c.group.ID, func(m telegramtest.Message) bool { return m.ID == n1.ID && m.Pinned }, wait)
	// A second press sends nothing twice.
	c.tg.PressRaw(c.admin, telegramtest.PrivateChat(c.admin), ctl.ID, annSend)
	c.expectAnswer("This button no longer works")
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
	c.tg.Press(c.admin, ctl, annSend)
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
	c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), ctl.ID, annSend)
	c.expectAnswer("this button is not for you")
	c.tg.PressRaw(c.leader, telegramtest.PrivateChat(c.leader), ctl.ID, annSend)
	c.expectAnswer("失效")
	// A leader may announce only to the buildings they lead.
	c.say(c.leader, "/announce")
	m := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, annAudience+"bgroups") }, wait)
	if hasButton(m, annAudience+"residents") || hasButton(m, annAudience+"groups") {
		t.Errorf("a leader is offered community-wide audiences: %+v", m.Buttons)
	}
	c.tg.PressRaw(c.leader, telegramtest.PrivateChat(c.leader), m.ID, annAudience+"residents")
	c.expectAnswer("失效")
	c.tg.Press(c.leader, m, annAudience+"bgroups")
	pick := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, annBuilding+"3") }, wait)
	if hasButton(pick, annBuilding+"1") {
		t.Errorf("a leader is offered buildings they do not lead: %+v", pick.Buttons)
	}
	c.tg.PressRaw(c.leader, telegramtest.PrivateChat(c.leader), pick.ID, annBuilding+"1")
	c.expectAnswer("失效")
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
	c.tg.Press(c.admin, ctl, annSend)
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
