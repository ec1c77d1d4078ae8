package app

import (
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// A lead defines two templates through /patrol's guided flow; each bad
// value is refused with its reason and asked again; the shifts are laid
// out 14 days ahead, once.
func TestPatrolTemplatesByButtonsLaidOutOnce(t *testing.T) {
	c := patNewCrew(t, nil) // Monday 2026-03-02 17:00 in Shanghai
	tm := itoa(c.team)

	c.say(c.a, "/patrol")
	c.expect(c.a.ID, "You lead no team")
	m := c.patWait(c.a, 0, "You lead no team", "")
	c.tg.PressRaw(c.a, telegramtest.PrivateChat(c.a), m.ID, "pt:ta:"+tm)
	c.expectAnswer("Sorry, this button is not for you.")

	c.say(c.lead, "/patrol")
	page := c.patWait(c.lead, 0, "Patrol shifts of Night patrol", "pt:ta:"+tm)
	c.tg.Press(c.lead, page, "pt:ta:"+tm)
	ask := c.patWait(c.lead, page.ID, "When do shifts start?", "fl:patrol_tpl:o:sched:daily")
	bad := []struct{ text, answer string }{
		{"0 25 * * *", `The hour field "25" does not parse`},
		{"* * * * *", "more than 48 shifts a day"},
		{"0 20 * *", "is not a cron expression I can use"},
	}
	for _, b := range bad {
		c.say(c.lead, b.text)
		c.expect(c.lead.ID, b.answer)
	}
	c.tg.Press(c.lead, ask, "fl:patrol_tpl:o:sched:daily")
	c.patWait(c.lead, ask.ID, "At what time", "")
	c.say(c.lead, "20:00")
	dur := c.patWait(c.lead, ask.ID, "Noted: every day 20:00.\nHow long is a shift?", "fl:patrol_tpl:o:dur:180")
	for _, s := range []string{"0", "25h", "2h30s"} {
		c.say(c.lead, s)
		c.patWait(c.lead, dur.ID, "at most 24 h, in whole minutes", "")
		dur = c.tg.Messages(c.lead.ID)[len(c.tg.Messages(c.lead.ID))-1]
	}
	c.say(c.lead, "3h")
	slots := c.patWait(c.lead, dur.ID, "How many people", "fl:patrol_tpl:o:slots:2")
	for _, s := range []string{"0", "101"} {
		c.say(c.lead, s)
		c.expect(c.lead.ID, "Send a number from 1 to 100")
	}
	c.tg.Press(c.lead, slots, "fl:patrol_tpl:o:slots:2")
	c.patWait(c.lead, slots.ID, "Where does the patrol go?", "")
	c.say(c.lead, "east gate -> E-district lanes")
	rot := c.patWait(c.lead, slots.ID, "Rotation (optional)", "fl:patrol_tpl:o:rot1:none")
	c.say(c.lead, itoa(c.other.ID))
	rot = c.patWait(c.lead, rot.ID, itoa(c.other.ID)+" is not a member of this team", "fl:patrol_tpl:o:rot1:none")
	c.tg.Press(c.lead, rot, "fl:patrol_tpl:o:rot1:none")
	prev := c.patWait(c.lead, rot.ID, "every day 20:00 · 3h · 2 per shift · east gate -> E-district lanes", "fl:patrol_tpl:y:ok")
	c.tg.Press(c.lead, prev, "fl:patrol_tpl:y:ok")
	c.expect(c.lead.ID, "Saved: every day 20:00")

	// The second by a cron expression, with a rotation.
	page = c.patWait(c.lead, prev.ID, "Patrol shifts of Night patrol", "pt:ta:"+tm)
	c.tg.Press(c.lead, page, "pt:ta:"+tm)
	ask = c.patWait(c.lead, page.ID, "When do shifts start?", "fl:patrol_tpl:o:sched:daily")
	c.say(c.lead, "0 9 * * 1-5")
	dur = c.patWait(c.lead, ask.ID, "How long is a shift?", "fl:patrol_tpl:o:dur:180")
	c.tg.Press(c.lead, dur, "fl:patrol_tpl:o:dur:180")
	slots = c.patWait(c.lead, dur.ID, "How many people", "fl:patrol_tpl:o:slots:1")
	c.tg.Press(c.lead, slots, "fl:patrol_tpl:o:slots:1")
	c.patWait(c.lead, slots.ID, "Where does the patrol go?", "")
	c.say(c.lead, "day route")
	c.patWait(c.lead, slots.ID, "Rotation (optional)", "fl:patrol_tpl:o:rot1:none")
	c.say(c.lead, itoa(c.a.ID)+" "+itoa(c.b.ID))
	prev = c.patWait(c.lead, slots.ID, "weekdays 09:00 · 3h · 1 per shift · day route · rotation: Ann, Bo", "fl:patrol_tpl:y:ok")
	c.tg.Press(c.lead, prev, "fl:patrol_tpl:y:ok")
	c.expect(c.lead.ID, "Saved: weekdays 09:00")

	var tpls []storage.PatrolTemplate
	c.db(func(tx *storage.Tx) error {
		var err error
		tpls, err = tx.PatrolTemplates(c.team)
		return err
	})
	if len(tpls) != 2 {
		t.Fatalf("%d templates, want 2 (bad input must not have saved any)", len(tpls))
	}
	check := func(when string) {
		t.Helper()
		night, day := c.patShifts(tpls[0].ID), c.patShifts(tpls[1].ID)
		// Now is Mon 03-02 17:00; the horizon ends Mon 03-16 17:00.
		if len(night) != 14 || len(day) != 10 {
			t.Fatalf("%s: %d night and %d day shifts, want 14 and 10", when, len(night), len(day))
		}
		for _, sh := range night {
			if got := sh.Start.In(c.cfg.Location()).Format("15:04"); got != "20:00" || sh.End.Sub(sh.Start) != 3*time.Hour || sh.Slots != 2 {
				t.Fatalf("%s: night shift %+v", when, sh)
			}
		}
	}
	check("after saving")
	// Bo and Ann were put on the day shifts in turn, and told once each.
	if n := c.patCount(c.a.ID, "The rotation put you on 5 patrol shift(s)"); n != 1 {
		t.Errorf("Ann was told %d times of her 5 rotation shifts", n)
	}
	c.tick()
	c.clock.Advance(time.Hour)
	c.tick()
	c.settle()
	check("after the hourly job ran again")
	if n := c.patCount(c.a.ID, "The rotation put you on"); n != 1 {
		t.Errorf("Ann was told of rotation shifts %d times", n)
	}
	if strings.Count(c.logs.String(), "level=ERROR") > 0 {
		t.Errorf("errors logged:\n%s", c.logs.String())
	}
}
