package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

func TestTicketBadInput(t *testing.T) {
	c := newCommunity(t)
	// Too long, empty, and a sticker where text was expected.
	c.say(c.li, "/report")
	m := c.tg.WaitMessage(t, c.li.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:cat:roads") }, wait)
	c.tg.Press(c.li, m, "tk:cat:roads")
	c.expect(c.li.ID, "Describe it in a sentence")
	c.say(c.li, strings.Repeat("坑", 2001))
	c.expect(c.li.ID, "That is too long: 2001 characters, at most 2000")
	c.tg.AddUpdate(models.Update{Message: &models.Message{ID: 77, From: &c.li, Chat: telegramtest.PrivateChat(c.li),
		Sticker: &models.Sticker{FileID: "sticker-1", FileUniqueID: "s1", Type: "regular", Width: 1, Height: 1}}})
	c.expect(c.li.ID, "Please describe it in words")
	c.say(c.li, "   ")
	c.settle()
	if n := countTickets(c); n != 0 {
		t.Fatalf("bad input opened %d tickets", n)
	}
	// A ticket that does not exist, or that the caller may not see.
	c.say(c.li, "/ticket 999")
	c.expect(c.li.ID, "There is no #999, or you may not see it")
	c.tg.SendText(c.wang, c.group, "/report 门禁坏了")
	c.expect(c.group.ID, "#1")
	stranger := c.user(2500, "Zhou", "en")
	c.register(stranger, "1", "105")
	c.say(stranger, "/ticket 1")
	c.expect(stranger.ID, "There is no #1, or you may not see it")
	c.say(stranger, "/ticket abc")
	c.expect(stranger.ID, "Usage: /ticket number")
	// A resident cannot reject, and a leader of another building cannot either.
	c.say(c.li, "/reject 1 spam")
	c.expect(c.li.ID, "may not use /reject")
	// Claiming a closed ticket names its state.
	c.say(c.admin, "/reject 1 不属于社区管理范围")
	c.expect(c.admin.ID, "#1 is rejected")
	c.expect(c.wang.ID, "被驳回：不属于社区管理范围")
	notice := c.lookup(c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:claim:1") })
	c.tg.Press(c.leader, notice, "tk:claim:1")
	c.expectAnswer("#1 现在是“已驳回”")
	c.say(c.admin, "/duplicate 1 1")
	c.expect(c.admin.ID, "Usage: /duplicate")
}

func TestReportsPerHourLimit(t *testing.T) {
	h := newHarness(t, func(cfg *config.Config) { cfg.Tickets.PerUserPerHour = 2 })
	adm := h.user(adminID, "Boss", "en")
	u := h.user(2001, "Ann", "en")
	h.register(u, "3", "5")
	g := h.tg.Group(-100300, "3")
	h.tg.SendText(adm, g, "/linkchat 3")
	h.expect(g.ID, "本群已关联")
	for _, txt := range []string{"one broken lamp", "two broken lamps", "three broken lamps"} {
		h.tg.SendText(u, g, "/report "+txt)
	}
	h.expect(g.ID, "made 2 reports in the last hour")
	h.settle()
	if n := countTickets(&community{harness: h}); n != 2 {
		t.Fatalf("%d tickets, want 2", n)
	}
	h.clock.Advance(61 * 60e9)
	h.tg.SendText(u, g, "/report four broken lamps")
	h.expect(g.ID, "#3")
}

func TestDeadlineEscalation(t *testing.T) {
	h := newHarness(t, func(cfg *config.Config) {
		cfg.Tickets.Categories[1].Deadline = 2 // lighting
		cfg.Tickets.EscalateAfter = 100
	})
	adm := h.user(adminID, "Boss", "en")
	h.register(adm, "1", "1")
	u := h.user(2001, "Ann", "en")
	g := h.tg.Group(-100300, "3")
	h.tg.SendText(adm, g, "/linkchat 3")
	h.tg.SendText(u, g, "/report the street lamp is dark")
	h.expect(g.ID, "#1")
	h.tick()
	h.clock.Advance(3 * 60 * 60e9)
	h.tick()
	h.expect(adm.ID, "Past its deadline: #1 · Lighting · building 3", "deadline 2 h")
	h.tick()
	h.settle()
	n := 0
	for _, m := range h.tg.Messages(adm.ID) {
		if strings.Contains(m.Plain, "Past its deadline") || strings.Contains(m.Plain, "Unclaimed") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d escalations, want 1", n)
	}
}

func TestStatusShowsHealth(t *testing.T) {
	c := newCommunity(t)
	c.say(c.admin, "/status")
	c.expect(c.admin.ID, "Waiting to send:", "Sent in the last hour:", "Last fetched updates: 20")
	c.say(c.li, "/status")
	c.expect(c.li.ID, "may not use /status")
}

func countTickets(c *community) int {
	n := 0
	c.db(func(tx *storage.Tx) error {
		tks, total, err := tx.Ledger(storage.LedgerFilter{}, 1, 0)
		_ = tks
		n = total
		return err
	})
	return n
}

func TestReportWithTextInPrivateNeedsOnlyTheCategory(t *testing.T) {
	c := newCommunity(t)
	c.say(c.li, "/report the manhole cover by gate 3 is loose")
	m := c.tg.WaitMessage(t, c.li.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:cat:roads") }, wait)
	c.tg.Press(c.li, m, "tk:cat:roads")
	c.privChooseName(c.li, "tk:nm:show")
	c.expect(c.li.ID, "Problem #1 · Roads · building 3 opened")
	if tk := c.ticket(1); tk.Text != "the manhole cover by gate 3 is loose" || tk.Category != "roads" {
		t.Fatalf("ticket %+v", tk)
	}
}
