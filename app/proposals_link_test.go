package app

import (
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// A decision about a problem already filed (ticket #1's street light,
// pulled onto the agenda) joins that ticket: nothing new is filed in 其他
// and the group hears of no second ticket.
func TestProposalsDecisionJoinsTheTicketItIsAbout(t *testing.T) {
	c := newPropCast(t)
	c.tg.SendText(c.wang, c.b3, "/report 东边路灯坏了")
	c.expect(c.b3.ID, "#1", "东边路灯坏了")
	ask := c.calMeeting(c.admin, "Half-month talk", "2026-03-02 19:30", "Station", "", true, "leaders")
	c.calPost(c.admin, ask)
	c.calTo("2026-03-02 21:00")
	last := c.calLast(c.admin.ID)
	c.say(c.admin, "/meetings")
	list := c.calText(c.admin.ID, last, "Past", "#1")
	c.tg.Press(c.admin, list, "mt:v:1")
	page := c.calWait(c.admin.ID, list.ID, func(m telegramtest.Message) bool { return hasButton(m, "mt:dec:1") })
	last = c.calLast(c.admin.ID)
	c.tg.Press(c.admin, page, "mt:dec:1")
	c.calText(c.admin.ID, last, "Send one decision of “Half-month talk”")
	c.say(c.admin, "Replace the east street light this week")
	dec := c.calWait(c.admin.ID, last, func(m telegramtest.Message) bool { return hasButton(m, "mt:lk:1:1") })
	if want := "🔗 Join ticket #1 | 🎫 Ticket, building 1 🎫 Ticket, building 2 🎫 Ticket, building 3 | 🎫 Ticket, building E12 | 🙋 Make it a volunteer job"; buttonLabels(dec) != want {
		t.Errorf("the decision's buttons:\n got %q\nwant %q", buttonLabels(dec), want)
	}
	groupBefore := len(c.tg.Messages(c.b3.ID))
	c.tg.Press(c.admin, dec, "mt:lk:1:1")
	c.expectAnswer("Joined ticket #1")
	c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool {
		return m.ID == dec.ID && m.Plain == "Decision: Replace the east street light this week\nJoined the existing ticket #1; no new ticket was filed."
	}, wait)
	c.tg.PressRaw(c.admin, telegramtest.PrivateChat(c.admin), dec.ID, "mt:tk:1:3")
	c.expectAnswer("already a ticket or a job")
	var d storage.Decision
	c.db(func(tx *storage.Tx) error {
		var err error
		d, err = tx.Decision(1)
		return err
	})
	if d.TicketID != 1 {
		t.Errorf("the decision's ticket is #%d, want #1", d.TicketID)
	}
	if n := countTickets(&community{harness: c.harness}); n != 1 {
		t.Errorf("%d tickets, want 1", n)
	}
	if n := len(c.tg.Messages(c.b3.ID)); n != groupBefore {
		t.Errorf("the group got %d more messages after the decision joined its ticket", n-groupBefore)
	}
}
