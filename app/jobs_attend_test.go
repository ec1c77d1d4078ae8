package app

import (
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// jobHours is member's logged minutes for job id.
func (c *jobCast) jobHours(member, id int64) int {
	c.t.Helper()
	total := 0
	c.db(func(tx *storage.Tx) error {
		es, err := tx.HoursEntries(member, time.Time{}, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
		for _, e := range es {
			if e.Source == storage.HoursJob && e.Ref == id {
				total += e.Minutes
			}
		}
		return err
	})
	return total
}

// jobAttendPress marks member on the attendance list and waits for the list to show it.
func (c *jobCast) jobAttendPress(list telegramtest.Message, id, member int64, came bool, shows string) {
	c.t.Helper()
	flag := "0"
	if came {
		flag = "1"
	}
	c.tg.Press(c.lin, c.jobNow(list.ChatID, list.ID), "jb:at:"+itoa(id)+":"+itoa(member)+":"+flag)
	c.jobCopyShows(list, []string{shows})
}

func TestJobAttendanceLogsHoursAndNoShowsStopSignUps(t *testing.T) {
	c := newJobCast(t, func(cfg *config.Config) { cfg.Jobs.MaxNoShows = 1 })
	s := jobSaturday(c, "4")
	s.when = "2026-03-04 09:00-11:30"
	id := c.jobCreate(c.lin, s)
	c.jobPress(c.wang, c.jobCopy(c.wang.ID, id), "jb:su:"+itoa(id), "已报名")
	c.jobPress(c.li, c.jobCopy(c.li.ID, id), "jb:su:"+itoa(id), "signed up")

	c.jobAt("2026-03-04 11:29")
	c.jobTick()
	if n := c.jobCount(c.lin.ID, "Who came"); n != 0 {
		t.Fatalf("attendance list before the end")
	}
	c.jobAt("2026-03-04 11:30")
	c.jobTick()
	list := c.expect(c.lin.ID, "Who came to Clean the E-district lanes", "王阿姨 — not marked", "Li — not marked", "2h30m")
	c.jobTick()
	if n := c.jobCount(c.lin.ID, "Who came"); n != 1 {
		t.Errorf("%d attendance lists", n)
	}

	// Only the organiser (or staff) marks attendance.
	c.jobForge(c.wang, telegramtest.PrivateChat(c.wang), list.ID, "jb:at:"+itoa(id)+":"+itoa(c.wang.ID)+":1", "只有活动组织者或工作人员可以签到")
	if m := c.jobHours(c.wang.ID, id); m != 0 {
		t.Fatalf("a forged press logged %d minutes", m)
	}

	c.jobAttendPress(list, id, c.wang.ID, true, "王阿姨 — came")
	c.jobAttendPress(list, id, c.li.ID, false, "Li — did not come")
	if w, l := c.jobHours(c.wang.ID, id), c.jobHours(c.li.ID, id); w != 150 || l != 0 {
		t.Errorf("hours: 王 %d, Li %d minutes; want 150 and 0", w, l)
	}
	// Changing a mark replaces it, never doubles it.
	c.jobAttendPress(list, id, c.wang.ID, false, "王阿姨 — did not come")
	c.jobAttendPress(list, id, c.wang.ID, true, "王阿姨 — came")
	if w := c.jobHours(c.wang.ID, id); w != 150 {
		t.Errorf("after changing the mark twice: %d minutes", w)
	}

	// Li missed one job: with jobs.max_no_shows 1 she cannot sign up again
	// until a lead lets her.
	s.when = "2026-03-10 09:00-11:00"
	next := c.jobCreate(c.lin, s)
	liCopy := c.jobCopy(c.li.ID, next)
	c.jobPress(c.li, liCopy, "jb:su:"+itoa(next), "You missed 1 job")
	clear := c.tg.WaitMessage(c.t, c.lin.ID, func(m telegramtest.Message) bool {
		return hasButton(m, "jb:clr:"+itoa(c.li.ID)+":"+itoa(c.team))
	}, wait)
	// A resident cannot clear it.
	c.tg.PressRaw(c.chen, telegramtest.PrivateChat(c.chen), clear.ID, "jb:clr:"+itoa(c.li.ID)+":"+itoa(c.team))
	c.expectAnswer("Only staff or a lead")
	c.tg.Press(c.lin, clear, "jb:clr:"+itoa(c.li.ID)+":"+itoa(c.team))
	c.expect(c.li.ID, "You can sign up for volunteer jobs again.")
	c.jobPress(c.li, liCopy, "jb:su:"+itoa(next), "You are signed up")
}

func TestJobClearByCommand(t *testing.T) {
	c := newJobCast(t, func(cfg *config.Config) { cfg.Jobs.MaxNoShows = 1 })
	s := jobSaturday(c, "4")
	s.when = "2026-03-04 09:00-11:00"
	id := c.jobCreate(c.lin, s)
	c.jobPress(c.li, c.jobCopy(c.li.ID, id), "jb:su:"+itoa(id), "signed up")
	c.jobAt("2026-03-04 11:00")
	c.jobTick()
	list := c.expect(c.lin.ID, "Who came to")
	c.jobAttendPress(list, id, c.li.ID, false, "Li — did not come")
	c.say(c.chen, "/job clear @nobody")
	c.expect(c.chen.ID, "I don't know that person yet")
	c.say(c.chen, "/job clear 2002")
	c.expect(c.chen.ID, "Only staff or a lead")
	c.say(c.lin, "/job clear 2002")
	c.expect(c.lin.ID, "Li can sign up for jobs again.")
	c.expect(c.li.ID, "You can sign up for volunteer jobs again.")
	c.say(c.lin, "/job clear 2002")
	c.expect(c.lin.ID, "Li has no no-shows to clear.")
	// A stranger in a group cannot sign up before registering.
	stranger := c.user(2999, "Zed", "en")
	s.when, s.team = "2026-03-12 09:00-11:00", "0"
	next := c.jobCreate(c.lin, s)
	c.jobPress(stranger, c.jobCopy(c.community.ID, next), "jb:su:"+itoa(next), "Please register first")
}
