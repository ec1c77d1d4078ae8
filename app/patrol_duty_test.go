package app

import (
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// A swap to one named member; an overlapping take asks first; check-in
// opens half an hour before; a missed check-in tells the lead once;
// /found opens a ticket that reaches the building's leader; check-out logs
// the hours; a check-in a day late is refused; the week's roster and the
// month's CSV show it all.
func TestPatrolSwapCheckInFoundAndRoster(t *testing.T) {
	c := patNewCrew(t, nil) // Monday 2026-03-02 17:00 in Shanghai
	leader := c.patPerson(4010, "Lou")
	boss := c.patPerson(adminID, "Boss")
	c.lgWrite(func(tx *storage.Tx) error {
		return tx.SetRole(leader.ID, storage.RoleLeader, []string{"3"}, adminID, c.clock.Now())
	})
	tpl := c.patTemplate("0 20 * * *", 180, 2, "east gate")
	late := c.patTemplate("30 21 * * *", 60, 1, "north lane")
	shs := c.patShifts(tpl)
	s0, s1 := shs[0], shs[1]
	c.patPut(s0.ID, c.a, c.b)
	c.patPut(s1.ID, c.a, c.c)

	// Ann offers tomorrow's shift to one member: first to someone outside the team.
	c.say(c.a, "/shifts")
	list := c.patWait(c.a, 0, "Your shifts", "pt:offer:"+patSID(s1))
	c.tg.Press(c.a, list, "pt:offer:"+patSID(s1))
	choice := c.patWait(c.a, list.ID, "Offer Night patrol · tomorrow 20:00-23:00", "pt:offm:"+patSID(s1))
	c.tg.Press(c.a, choice, "pt:offm:"+patSID(s1))
	c.patWait(c.a, choice.ID, "To which team member do you offer Night patrol · tomorrow 20:00-23:00", "fl:patrol_offer:k:who:"+itoa(c.d.ID))
	c.say(c.a, itoa(c.other.ID))
	c.expect(c.a.ID, "Nobody on the list matches “"+itoa(c.other.ID)+"”")
	c.say(c.a, itoa(c.d.ID))
	c.expect(c.a.ID, "Offered Night patrol · tomorrow 20:00-23:00 · east gate to Di")
	offer := c.patWait(c.d, 0, "Ann asks you to take their place on Night patrol · tomorrow 20:00-23:00", "pt:swap:"+patSID(s1)+":"+itoa(c.a.ID))
	// Bo was not offered it: a forged press is refused.
	c.tg.PressRaw(c.b, telegramtest.PrivateChat(c.b), offer.ID, "pt:swap:"+patSID(s1)+":"+itoa(c.a.ID))
	c.expectAnswer("Too late: this shift is no longer offered")
	c.tg.Press(c.d, offer, "pt:swap:"+patSID(s1)+":"+itoa(c.a.ID))
	c.expect(c.d.ID, "You're on Night patrol · tomorrow 20:00-23:00")
	c.expect(c.a.ID, "Di took your place on Night patrol · tomorrow 20:00-23:00")
	if d := c.patDuty(s1.ID); d[c.a.ID].State != storage.DutyGave || d[c.d.ID].State != storage.DutyOn || d[c.d.ID].Via != "swap" {
		t.Fatalf("after the swap: %+v", d)
	}

	// Bo, on tonight's 20:00-23:00, takes the overlapping 21:30 shift after confirming.
	c.say(c.b, "/shifts")
	list = c.patWait(c.b, 0, "Open shifts in your teams", "pt:take:"+patSID(c.patShifts(late)[0]))
	c.tg.Press(c.b, list, "pt:take:"+patSID(c.patShifts(late)[0]))
	conf := c.patWait(c.b, list.ID, "You already hold Night patrol · today 20:00-23:00 · east gate, which overlaps", "pt:takec:"+patSID(c.patShifts(late)[0]))
	if d := c.patDuty(c.patShifts(late)[0].ID); len(d) != 0 {
		t.Fatalf("taken before confirming: %+v", d)
	}
	c.tg.Press(c.b, conf, "pt:takec:"+patSID(c.patShifts(late)[0]))
	c.expect(c.b.ID, "You're on Night patrol · today 21:30-22:30 · north lane")

	// Check-in opens at 19:30.
	c.patAt("2026-03-02 19:00")
	rem := c.patWait(c.a, 0, "Patrol soon: Night patrol · today 20:00-23:00", "pt:in:"+patSID(s0))
	c.tg.Press(c.a, rem, "pt:in:"+patSID(s0))
	c.expectAnswer("Check-in opens at 19:30")
	c.patAt("2026-03-02 19:40")
	c.tg.Press(c.a, rem, "pt:in:"+patSID(s0))
	c.expectAnswer("Checked in")
	walking := c.patWait(c.a, rem.ID-1, "On patrol: Night patrol", "pt:out:"+patSID(s0))

	// Bo has not checked in 15 minutes after the start: the lead is told once.
	c.patAt("2026-03-02 20:15")
	c.patAt("2026-03-02 20:20")
	if n := c.patCount(c.lead.ID, "Night patrol · today 20:00-23:00 · east gate: no check-in 15 minutes after the start from Bo."); n != 1 {
		t.Errorf("the lead was told of the missing check-in %d times", n)
	}

	// Found on patrol: one step, a ticket to the building's leader.
	c.say(c.a, "/found broken lamp by the east gate")
	c.privChooseName(c.a, "tk:nm:show")                                                      // like any report, the name is asked before anything is posted
	c.expect(leader.ID, "New:", "[🔦 Night patrol · east gate] broken lamp by the east gate") // the place mark reads the same in every language
	c.say(c.c, "/found something")
	c.expect(c.c.ID, "You are not on a patrol shift right now")

	c.patAt("2026-03-02 23:05")
	c.tg.Press(c.a, walking, "pt:out:"+patSID(s0))
	c.expect(c.a.ID, "Done: Night patrol · today 20:00-23:00 · east gate. 3h logged.")
	c.db(func(tx *storage.Tx) error {
		es, err := tx.HoursEntries(c.a.ID, time.Time{}, c.clock.Now())
		if len(es) != 1 || es[0].Source != storage.HoursPatrol || es[0].Ref != s0.ID || es[0].Minutes != 180 || es[0].TeamID != c.team {
			t.Errorf("Ann's hours: %+v", es)
		}
		return err
	})

	// A check-in a day late is refused.
	c.patAt("2026-03-03 20:30")
	rem = c.lookup(c.b.ID, func(m telegramtest.Message) bool {
		return strings.Contains(m.Plain, "Patrol soon: Night patrol · today 20:00-23:00") && hasButton(m, "pt:in:"+patSID(s0))
	})
	c.tg.Press(c.b, rem, "pt:in:"+patSID(s0))
	c.expectAnswer("This shift is over; check-in is closed")
	if d := c.patDuty(s0.ID); !d[c.b.ID].CheckIn.IsZero() {
		t.Errorf("Bo's late check-in was recorded")
	}

	c.say(c.lead, "/roster 2026-03-02")
	week := c.expect(c.lead.ID, "Patrol roster Mon 2 Mar to Sun 8 Mar")
	for _, part := range []string{"Mon 2 Mar 20:00-23:00 east gate\n  ✓Ann ✗Bo", "Tue 3 Mar 20:00-23:00 east gate\n  ⇄Ann ✗Cy ✗Di", "+1 open"} {
		if !strings.Contains(week.Plain, part) {
			t.Errorf("roster lacks %q:\n%s", part, week.Plain)
		}
	}
	c.say(c.lead, "/roster Night patrol 2026-W10")
	if w := c.patWait(c.lead, week.ID, "Patrol roster Mon 2 Mar to Sun 8 Mar", ""); !strings.Contains(w.Plain, "⇄Ann") {
		t.Errorf("the roster by ISO week: %s", w.Plain)
	}
	c.say(c.lead, "/roster 2026-02-18")
	c.expect(c.lead.ID, "No patrol shifts in the week of Mon 16 Feb.")
	c.say(c.other, "/roster Night patrol")
	c.expect(c.other.ID, "Sorry, you may not use /roster.")
	c.say(c.lead, "/roster export 2026-03")
	c.expect(c.lead.ID, "Only staff may do that")
	c.say(boss, "/roster export 2026-03")
	m := c.tg.WaitMessage(t, boss.ID, func(m telegramtest.Message) bool { return m.DocumentName == "roster-2026-03.csv" }, wait)
	data := string(m.DocumentData)
	if !strings.HasPrefix(data, "\ufeff") || !strings.Contains(data, ",Ann,已巡逻,take,2026-03-02 19:40,2026-03-02 23:05") ||
		!strings.Contains(data, ",Ann,已转让,") {
		t.Errorf("roster CSV:\n%s", data)
	}
}
