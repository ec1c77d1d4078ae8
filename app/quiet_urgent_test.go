package app

import (
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// At 23:00 an announcement sent as urgent reaches the residents at once;
// a routine one waits for the morning.
func TestQuietUrgentAnnouncementGoesAtOnce(t *testing.T) {
	c := newCommunityWith(t, quietOn)
	c.clock.Set(wallAt(t, "2026-03-02 23:00"))
	c.annStart(c.admin, "residents")
	c.say(c.admin, "Water main burst: water is off now")
	c.tg.Press(c.admin, c.expect(c.admin.ID, "Is it urgent?"), annUrgent)
	ctl := c.expect(c.admin.ID, "urgent: sent at once even at night", "Send it?")
	c.tg.Press(c.admin, ctl, annSend)
	c.expect(c.wang.ID, "Water main burst")

	ctl = c.announce(c.admin, "residents", "Litter pick on Saturday")
	c.tg.Press(c.admin, ctl, annSend)
	c.expect(c.admin.ID, "is going out")
	c.settle()
	for _, m := range c.tg.Messages(c.wang.ID) {
		if strings.Contains(m.Plain, "Litter pick") {
			t.Fatalf("a routine announcement reached a resident at 23:00")
		}
	}
	c.clock.Set(wallAt(t, "2026-03-03 07:30"))
	c.tick()
	c.expect(c.wang.ID, "Litter pick on Saturday")
}

// On a night patrol, a find marked urgent reaches the building's leader at
// once; an ordinary find waits for the morning.
func TestQuietUrgentPatrolFindGoesAtOnce(t *testing.T) {
	c := patNewCrew(t, func(cfg *config.Config) { cfg.Notify.QuietHours = "21:30-07:30" })
	leader := c.patPerson(4010, "Lou")
	c.lgWrite(func(tx *storage.Tx) error {
		return tx.SetRole(leader.ID, storage.RoleLeader, []string{"3"}, adminID, c.clock.Now())
	})
	sh := c.patShifts(c.patTemplate("0 23 * * *", 120, 1, "east gate"))[0]
	c.patPut(sh.ID, c.a)
	c.clock.Set(wallAt(t, "2026-03-02 22:40"))
	c.tick()
	soon := c.patWait(c.a, 0, "Patrol soon", "pt:in:"+patSID(sh))
	c.tg.Press(c.a, soon, "pt:in:"+patSID(sh))
	walking := c.tg.WaitMessage(t, c.a.ID, func(m telegramtest.Message) bool { return hasButton(m, "pt:foundu:"+patSID(sh)) }, wait)

	find := func(data, text string) {
		t.Helper()
		c.tg.Press(c.a, walking, data)
		ask := c.tg.WaitMessage(t, c.a.ID, func(x telegramtest.Message) bool { return x.ForceReply }, wait)
		c.tg.SendReply(c.a, telegramtest.PrivateChat(c.a), text, ask)
		choice := c.tg.WaitMessage(t, c.a.ID, func(x telegramtest.Message) bool { return hasButton(x, "tk:nm:show") }, wait)
		c.tg.Press(c.a, choice, "tk:nm:show")
		c.tg.WaitMessage(t, c.a.ID, func(x telegramtest.Message) bool { return x.ID != choice.ID && strings.Contains(x.Plain, "#") }, wait)
	}
	c.clock.Set(wallAt(t, "2026-03-02 23:20"))
	find("pt:foundu:"+patSID(sh), "smell of gas by door 2")
	c.tg.WaitMessage(t, leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:claim:1") }, wait)

	find("pt:found:"+patSID(sh), "a bench is broken")
	c.settle()
	for _, m := range c.tg.Messages(leader.ID) {
		if hasButton(m, "tk:claim:2") {
			t.Fatalf("an ordinary find reached the leader at night")
		}
	}
	c.clock.Set(wallAt(t, "2026-03-03 07:30"))
	c.tick()
	c.tg.WaitMessage(t, leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:claim:2") }, wait)
}

// A queued message past its last useful moment is dropped when the sender
// reaches it, and /metrics counts it.
func TestQuietDroppedLateIsCountedInTheMetrics(t *testing.T) {
	h, base := startMonitored(t)
	u := h.user(2001, "Ann", "en")
	h.say(u, "/help")
	h.expect(u.ID, "/teams")
	h.write(func(tx *storage.Tx) error {
		_, err := tx.Enqueue(storage.OutMsg{ChatID: u.ID, Method: "sendMessage", Until: h.clock.Now().Add(-time.Minute),
			Payload: []byte(`{"chat_id":2001,"text":"your shift started a minute ago"}`)}, h.clock.Now())
		return err
	})
	h.say(u, "/help") // wakes the sender, which reads the row
	h.expect(u.ID, "/teams")
	h.settle()
	for _, m := range h.tg.Messages(u.ID) {
		if strings.Contains(m.Plain, "a minute ago") {
			t.Fatalf("a message past its last useful moment was sent")
		}
	}
	_, page := get(t, base+"/metrics")
	if got := metric(t, page, "courtyard_messages_dropped_late_total"); got != "1" {
		t.Errorf("courtyard_messages_dropped_late_total = %s, want 1", got)
	}
}
