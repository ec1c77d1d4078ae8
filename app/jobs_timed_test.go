package app

import (
	"strings"
	"testing"
	"time"
)

func TestJobRemindersFireOnceAtTheirMinuteAcrossARestart(t *testing.T) {
	c := newJobCast(t, nil)
	id := c.jobCreate(c.lin, jobSaturday(c, "2"))
	c.jobPress(c.wang, c.jobCopy(c.wang.ID, id), "jb:su:"+itoa(id), "已报名")
	reminders := func() int { return c.jobCount(c.wang.ID, "⏰ 提醒", "Clean the E-district lanes") }
	alerts := func() int { return c.jobCount(c.lin.ID, "has 1 of 2 people") }
	check := func(when string, wantRem, wantAlerts int) {
		t.Helper()
		if got := reminders(); got != wantRem {
			t.Errorf("%s: %d reminders, want %d", when, got, wantRem)
		}
		if got := alerts(); got != wantAlerts {
			t.Errorf("%s: %d short-of-people alerts, want %d", when, got, wantAlerts)
		}
	}

	c.jobAt("2026-03-06 08:59")
	c.jobTick()
	check("a minute before the day-before reminder", 0, 0)
	c.jobAt("2026-03-06 09:00")
	c.jobTick()
	check("at the day-before reminder", 1, 1)
	m := c.expect(c.wang.ID, "⏰ 提醒", "3月7日（周六） 09:00-11:00", "E-district gate")
	if !hasButton(m, "jb:ok:"+itoa(id)) || !hasButton(m, "jb:wd:"+itoa(id)) {
		t.Errorf("reminder buttons: %v", m.Buttons)
	}
	c.jobTick()
	check("the next scan", 1, 1)

	c.shutdown()
	c.start()
	c.jobTick()
	check("after a restart", 1, 1)

	c.jobAt("2026-03-07 06:59")
	c.jobTick()
	check("a minute before the two-hour reminder", 1, 1)
	c.jobAt("2026-03-07 07:00")
	c.jobTick()
	check("at the two-hour reminder", 2, 1)
	c.jobTick()
	c.jobAt("2026-03-07 09:30")
	c.jobTick()
	check("after the start", 2, 1)
	if n := c.jobCount(c.li.ID, "⏰"); n != 0 {
		t.Errorf("Li did not sign up but got %d reminders", n)
	}
}

func TestJobNoStaleReminderAfterThreeDaysDown(t *testing.T) {
	c := newJobCast(t, nil)
	s := jobSaturday(c, "2")
	s.when = "2026-03-04 09:00-11:00"
	id := c.jobCreate(c.lin, s)
	c.jobPress(c.wang, c.jobCopy(c.wang.ID, id), "jb:su:"+itoa(id), "已报名")
	c.clock.Advance(72 * time.Hour)
	c.jobTick()
	c.expect(c.lin.ID, "Who came to Clean the E-district lanes")
	if n := c.jobCount(c.wang.ID, "⏰"); n != 0 {
		t.Errorf("%d stale reminders sent after the job", n)
	}
	if n := c.jobCount(c.lin.ID, "people:"); n != 0 {
		t.Errorf("%d stale short-of-people alerts", n)
	}
	logs := c.logs.String()
	if !strings.Contains(logs, "item missed") || !strings.Contains(logs, "job.remind") {
		t.Errorf("the dropped reminders were not logged:\n%s", logs)
	}
}
