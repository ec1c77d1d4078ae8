package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// A rotation fills the shifts in turn and tells the people once; each
// reminder comes once; Can't make it frees the slot and asks the team at
// once; someone else takes it; forged presses change nothing; a shift
// still short six hours before alerts the lead once.
func TestPatrolRotationRemindersCantMakeItAndShort(t *testing.T) {
	c := patNewCrew(t, nil) // Monday 2026-03-02 17:00 in Shanghai
	tpl := c.patTemplate("0 20 * * *", 180, 2, "east gate", c.a.ID, c.b.ID, c.c.ID)
	shs := c.patShifts(tpl)
	if len(shs) != 14 {
		t.Fatalf("%d shifts laid out, want 14", len(shs))
	}
	want := [][]int64{{c.a.ID, c.b.ID}, {c.c.ID, c.a.ID}, {c.b.ID, c.c.ID}, {c.a.ID, c.b.ID}}
	for i, w := range want {
		d := c.patDuty(shs[i].ID)
		for _, id := range w {
			if d[id].State != storage.DutyOn || d[id].Via != "rotation" {
				t.Fatalf("shift %d: %d is %+v, want on by rotation (all: %+v)", i, id, d[id], d)
			}
		}
		if len(d) != 2 {
			t.Fatalf("shift %d has %d people", i, len(d))
		}
	}
	c.settle()
	for _, u := range []int64{c.a.ID, c.b.ID, c.c.ID} {
		if n := c.patCount(u, "The rotation put you on"); n != 1 {
			t.Errorf("%d was told %d times of the rotation", u, n)
		}
	}

	// Today's 20:00 shift: its morning reminder is past; the one an hour before comes once.
	c.patAt("2026-03-02 19:00")
	c.expect(c.a.ID, "Patrol soon", "With Bo.")
	c.patAt("2026-03-02 19:01")
	for _, u := range []int64{c.a.ID, c.b.ID} {
		if n := c.patCount(u, "Patrol soon: Night patrol · today 20:00-23:00 · east gate."); n != 1 {
			t.Errorf("%d got the reminder before today's shift %d times", u, n)
		}
		if n := c.patCount(u, "Patrol reminder: Night patrol · today 20:00"); n != 0 {
			t.Errorf("%d got a stale morning reminder", u)
		}
	}

	// Tomorrow's 20:00 shift is reminded at 09:00 that day (20:00 the day before is over 18 h ahead).
	c.patAt("2026-03-03 08:59")
	if n := c.patCount(c.c.ID, "Patrol reminder"); n != 0 {
		t.Fatalf("Cy reminded before 09:00")
	}
	c.patAt("2026-03-03 09:00")
	sh := patSID(shs[1])
	rem := c.patWait(c.c, 0, "Patrol reminder", "pt:cant:"+sh)
	c.patAt("2026-03-03 09:05")
	if n := c.patCount(c.c.ID, "Patrol reminder: Night patrol · today 20:00-23:00 · east gate."); n != 1 {
		t.Fatalf("Cy got tomorrow's reminder %d times", n)
	}

	// Forged presses by someone outside the team change nothing.
	c.tg.PressRaw(c.other, telegramtest.PrivateChat(c.other), rem.ID, "pt:cant:"+sh)
	c.expectAnswer("Sorry, this button is not for you.")
	c.tg.PressRaw(c.other, telegramtest.PrivateChat(c.other), rem.ID, "pt:take:"+sh)
	c.expectAnswer("Sorry, this button is not for you.")
	c.tg.PressRaw(c.d, telegramtest.PrivateChat(c.d), rem.ID, "pt:in:"+sh)
	c.expectAnswer("Sorry, this button is not for you.")

	c.tg.Press(c.c, rem, "pt:cant:"+sh)
	c.expect(c.c.ID, "You are not going to this shift: Night patrol · today 20:00-23:00")
	for _, u := range []models.User{c.lead, c.b, c.d} {
		c.patWait(u, 0, "Night patrol · today 20:00-23:00 · east gate needs 1 more", "pt:take:"+sh)
	}
	if n := c.patCount(c.a.ID, "needs 1 more"); n != 0 {
		t.Errorf("Ann, on the shift, was asked to take it")
	}
	ask := c.patWait(c.d, 0, "needs 1 more", "pt:take:"+sh)
	c.tg.Press(c.d, ask, "pt:take:"+sh)
	c.expect(c.d.ID, "You're on Night patrol · today 20:00-23:00")
	ask = c.patFind(c.b, "needs 1 more", "pt:take:"+sh) // asked when Cy dropped out
	c.tg.Press(c.b, ask, "pt:take:"+sh)
	c.expectAnswer("This shift is full already")
	d := c.patDuty(shs[1].ID)
	if d[c.c.ID].State != storage.DutyDropped || d[c.d.ID].State != storage.DutyOn || d[c.b.ID].State != "" {
		t.Fatalf("after can't-make-it and take: %+v", d)
	}

	// Ann drops out too: the shift is short at 14:00, and the lead hears of it once.
	rem = c.patFind(c.a, "Patrol reminder: Night patrol · today 20:00", "pt:cant:"+sh) // the 09:00 reminder
	c.tg.Press(c.a, rem, "pt:cant:"+sh)
	c.expect(c.a.ID, "You are not going to this shift")
	c.patAt("2026-03-03 13:59")
	if n := c.patCount(c.lead.ID, "Short of people"); n != 0 {
		t.Fatalf("short alert before its time")
	}
	// The main menu of a patrol member leads to the shifts.
	c.say(c.d, "hello")
	menu := c.patWait(c.d, 0, "", "menu:shifts")
	c.tg.Press(c.d, menu, "menu:shifts")
	c.patWait(c.d, menu.ID, "Your shifts", "pt:cant:"+sh+":l")
	c.say(c.other, "hello")
	if m := c.patWait(c.other, 0, "", "menu:help"); hasButton(m, "menu:shifts") {
		t.Errorf("someone in no patrol team is offered patrol shifts")
	}

	c.patAt("2026-03-03 14:00")
	c.patAt("2026-03-03 15:00")
	if n := c.patCount(c.lead.ID, "Short of people: Night patrol · today 20:00-23:00 · east gate has 1 of 2, and needs 1 more."); n != 1 {
		t.Errorf("the lead got the short alert %d times", n)
	}

	// Can't make it, pressed on the list: the list stays, brought up to
	// date, with what was done above it; the shift is open to take again.
	list := c.patFind(c.d, "Your shifts", "pt:cant:"+sh+":l")
	c.tg.Press(c.d, list, "pt:cant:"+sh+":l")
	c.tg.WaitMessage(t, c.d.ID, func(m telegramtest.Message) bool {
		return m.ID == list.ID && strings.HasPrefix(m.Plain, "You are not going to this shift: Night patrol · today 20:00-23:00 · east gate.") &&
			strings.Contains(m.Plain, "Open shifts in your teams\n• Night patrol · today 20:00-23:00 · east gate") &&
			!strings.Contains(m.Plain, "Your shifts") && hasButton(m, "pt:take:"+sh)
	}, wait)
	if d := c.patDuty(shs[1].ID); d[c.d.ID].State != storage.DutyDropped {
		t.Fatalf("after can't-make-it on the list: %+v", d)
	}
}
