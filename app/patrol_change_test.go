package app

import (
	"courtyard/bot/telegramtest"
	"testing"
	"time"
)

// Changing a template changes only shifts not yet started, and tells who
// is on them; a new schedule replaces the old starts; pause and remove
// take the coming shifts away, resume lays them out again.
func TestPatrolTemplateChangePauseRemove(t *testing.T) {
	c := patNewCrew(t, nil) // Monday 2026-03-02 17:00 in Shanghai
	tpl := c.patTemplate("0 20 * * *", 180, 2, "east gate")
	shs := c.patShifts(tpl)
	c.patPut(shs[0].ID, c.a)
	c.patPut(shs[1].ID, c.a)
	id := itoa(tpl)

	// Changing opens the preview of the template as it is; each Change
	// picks one part, and the preview comes back.
	change := func(steps func(prev telegramtest.Message) telegramtest.Message) {
		t.Helper()
		c.say(c.lead, "/patrol")
		page := c.patWait(c.lead, c.patLast(c.lead), "Patrol shifts of Night patrol", "pt:tc:"+id)
		c.tg.Press(c.lead, page, "pt:tc:"+id)
		prev := c.patWait(c.lead, page.ID, "The shifts will be", "fl:patrol_tpl:y:ok")
		prev = steps(prev)
		c.tg.Press(c.lead, prev, "fl:patrol_tpl:y:ok")
		c.patWait(c.lead, prev.ID-1, "Saved:", "")
	}
	part := func(prev telegramtest.Message, step, answer, next string) telegramtest.Message {
		t.Helper()
		c.tg.Press(c.lead, prev, "fl:patrol_tpl:c:ok")
		which := c.patWait(c.lead, prev.ID-1, "What would you like to change?", "fl:patrol_tpl:w:ok:"+step)
		c.tg.Press(c.lead, which, "fl:patrol_tpl:w:ok:"+step)
		c.patWait(c.lead, which.ID, "", "")
		c.say(c.lead, answer)
		return c.patWait(c.lead, which.ID, next, "fl:patrol_tpl:y:ok")
	}
	change(func(prev telegramtest.Message) telegramtest.Message {
		prev = part(prev, "dur", "2h", "every day 20:00 · 2h · 2 per shift · east gate")
		return part(prev, "area", "west gate", "every day 20:00 · 2h · 2 per shift · west gate")
	})
	c.expect(c.a.ID, "A patrol shift you are on was changed; it is now Night patrol · today 20:00-22:00 · west gate.")
	c.expect(c.a.ID, "it is now Night patrol · tomorrow 20:00-22:00 · west gate.")
	if sh := c.patShifts(tpl)[0]; sh.End.Sub(sh.Start) != 2*time.Hour || sh.Area != "west gate" {
		t.Fatalf("changed shift: %+v", sh)
	}

	change(func(prev telegramtest.Message) telegramtest.Message {
		return part(prev, "sched", "0 21 * * *", "every day 21:00 · 2h · 2 per shift · west gate")
	})
	c.expect(c.a.ID, "A patrol shift you were on was removed: Night patrol · today 20:00-22:00 · west gate.")
	c.expect(c.a.ID, "was removed: Night patrol · tomorrow 20:00-22:00")
	now := c.clock.Now()
	future := func() (n int) {
		for _, sh := range c.patShifts(tpl) {
			if sh.Start.After(now) {
				n++
				if got := sh.Start.In(c.cfg.Location()).Format("15:04"); got != "21:00" {
					t.Fatalf("a shift at %s after the change to 21:00", got)
				}
			}
		}
		return n
	}
	if n := future(); n != 14 {
		t.Fatalf("%d shifts at 21:00, want 14", n)
	}

	press := func(data string) {
		t.Helper()
		c.say(c.lead, "/patrol")
		page := c.patWait(c.lead, c.patLast(c.lead), "Patrol shifts of Night patrol", data)
		c.tg.Press(c.lead, page, data)
		c.settle()
	}
	press("pt:tp:" + id)
	if n := future(); n != 14 {
		t.Fatalf("%d coming shifts before the pause is confirmed, want 14", n)
	}
	pause := c.patWait(c.lead, 0, "Pause this template?", "pt:tpc:"+id)
	c.tg.Press(c.lead, pause, "pt:tpc:"+id)
	c.settle()
	if n := future(); n != 0 {
		t.Fatalf("%d coming shifts while paused", n)
	}
	press("pt:tp:" + id)
	if n := future(); n != 14 {
		t.Fatalf("%d coming shifts after resuming, want 14", n)
	}
	c.patPut(c.patShifts(tpl)[0].ID, c.b)
	c.say(c.lead, "/patrol")
	page := c.patWait(c.lead, c.patLast(c.lead), "Patrol shifts of Night patrol", "pt:tr:"+id)
	c.tg.Press(c.lead, page, "pt:tr:"+id)
	sure := c.patWait(c.lead, page.ID-1, "Remove this template?", "pt:trc:"+id)
	c.tg.PressRaw(c.a, telegramtest.PrivateChat(c.a), sure.ID, "pt:trc:"+id)
	c.expectAnswer("Sorry, this button is not for you.")
	c.tg.Press(c.lead, sure, "pt:trc:"+id)
	c.expect(c.b.ID, "A patrol shift you were on was removed: Night patrol · today 21:00-23:00")
	if n := future(); n != 0 {
		t.Fatalf("%d coming shifts after removal", n)
	}
}
