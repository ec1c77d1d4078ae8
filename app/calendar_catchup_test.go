package app

import (
	"strings"
	"testing"
)

// Notices live in SQLite: after a restart the schedule is as it was, a run
// that fell due while the bot was down goes out once if it is less than
// schedule.grace late, and runs later than that are recorded as missed and
// staff told once, in one message listing them.
func TestCalendarRestartAndCatchUp(t *testing.T) {
	c := newCommunity(t)
	_, once := c.calAdd(c.admin, "once", "2026-03-03 10:00", "residents", "Once notice", true)
	_, daily := c.calAdd(c.admin, "day", "9:00", "residents", "Daily notice", false)

	// Down from 17:00 to 12:00 the next day: both are 2-3 hours late.
	c.shutdown()
	c.calTo("2026-03-03 12:00")
	c.start()
	c.tick()
	n := c.expect(c.wang.ID, "Once notice")
	if !hasButtonPrefix(n, "an:ack:") {
		t.Errorf("a notice saved with Read ✓ lacks it: %+v", n.Buttons)
	}
	c.expect(c.wang.ID, "Daily notice")
	c.tick()
	c.settle()
	if a, b := c.calCount(c.wang.ID, "Once notice"), c.calCount(c.wang.ID, "Daily notice"); a != 1 || b != 1 {
		t.Fatalf("after the restart: once %d, daily %d; want 1 and 1", a, b)
	}
	if it := c.calPending("notice", once); it.ID != 0 {
		t.Errorf("a one-off notice has another run: %+v", it)
	}
	// The list read after the restart shows the schedule and its next runs.
	last := c.calLast(c.admin.ID)
	c.say(c.admin, "/schedule")
	c.calPressNew(c.admin, last, "sc:v:"+itoa(daily))
	d := c.calText(c.admin.ID, last, "Next runs")
	if got := calRuns(d.Plain); len(got) != 5 || got[0] != "Wed 4 Mar 09:00" {
		t.Errorf("next runs after a restart: %v", got)
	}

	// Down for three days: the 4th and 5th are beyond the grace, the 6th
	// (3 hours late) still goes out.
	c.shutdown()
	c.calTo("2026-03-06 12:00")
	c.start()
	restarted := c.mark()
	c.tick()
	c.tick()
	c.settle()
	if b := c.calCount(c.wang.ID, "Daily notice"); b != 2 {
		t.Errorf("daily notice sent %d times in all, want 2 (the 3rd and the 6th)", b)
	}
	report := c.expectSince(restarted, c.admin.ID, "While the bot was down")
	if !strings.Contains(report.Plain, "notice #"+itoa(daily)+" “Daily notice”, due Wed 4 Mar 09:00 (2 times)") ||
		!strings.Contains(report.Plain, "6 hours") {
		t.Errorf("missed report: %q", report.Plain)
	}
	c.calTo("2026-03-06 13:00")
	c.tick()
	c.settle()
	if n := c.calCount(c.admin.ID, "While the bot was down"); n != 1 {
		t.Errorf("staff told %d times", n)
	}
	if it := c.calPending("notice", daily); !it.DueAt.Equal(calAt(t, "2026-03-07 09:00")) {
		t.Errorf("next run after the catch-up: %+v", it)
	}
}

// A meeting reminder due while the bot was down is sent if it is less than
// the grace late; one later than that is reported to staff as missed.
func TestCalendarMissedReminder(t *testing.T) {
	c := newCommunity(t)
	ask := c.calMeeting(c.admin, "Study session", "2026-03-04 19:30", "Hall", "Rules", false, "leaders")
	c.calPost(c.admin, ask)
	c.expect(c.leader.ID, "Study session")
	c.settle()
	c.shutdown()
	c.calTo("2026-03-04 18:40")
	c.start()
	c.tick()
	c.expect(c.leader.ID, "会议提醒", "Study session")
	report := c.expect(c.admin.ID, "While the bot was down")
	if !strings.Contains(report.Plain, "reminder of the meeting “Study session”, due Tue 3 Mar 19:30") {
		t.Errorf("missed report: %q", report.Plain)
	}
	c.tick()
	c.settle()
	if a, b := c.calCount(c.leader.ID, "会议提醒"), c.calCount(c.admin.ID, "While the bot was down"); a != 1 || b != 1 {
		t.Errorf("reminders %d, reports %d; want 1 and 1", a, b)
	}
}
