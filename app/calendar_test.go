package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
)

// The presets and cron expressions give the expected next runs, in the
// community's time zone; the first is laid out as the pending run, with
// the grace as its limit. The clock is Monday 2026-03-02 17:00 in Shanghai.
func TestCalendarNextRuns(t *testing.T) {
	c := newCommunity(t)
	cases := []struct {
		preset, typed string
		want          []string
	}{
		{"115", "", []string{"2026-03-15 19:30", "2026-04-01 19:30", "2026-04-15 19:30", "2026-05-01 19:30", "2026-05-15 19:30"}},
		{"mon", "", []string{"2026-03-09 09:00", "2026-03-16 09:00", "2026-03-23 09:00", "2026-03-30 09:00", "2026-04-06 09:00"}},
		{"day", "7:30", []string{"2026-03-03 07:30", "2026-03-04 07:30", "2026-03-05 07:30", "2026-03-06 07:30", "2026-03-07 07:30"}},
		{"day", "19：00", []string{"2026-03-02 19:00", "2026-03-03 19:00", "2026-03-04 19:00", "2026-03-05 19:00", "2026-03-06 19:00"}},
		{"once", "2026-03-05 10:00", []string{"2026-03-05 10:00"}},
		{"cron", "0 8 * * 1-5", []string{"2026-03-03 08:00", "2026-03-04 08:00", "2026-03-05 08:00", "2026-03-06 08:00", "2026-03-09 08:00"}},
		{"cron", "30 6 29 2 *", []string{"2028-02-29 06:30", "2032-02-29 06:30", "2036-02-29 06:30", "2040-02-29 06:30", "2044-02-29 06:30"}},
		{"hol:mid_autumn", "19:00", []string{"2026-09-25 19:00", "2027-09-15 19:00", "2028-10-03 19:00", "2029-09-22 19:00", "2030-09-12 19:00"}},
		{"hol:spring", "8:00", []string{"2027-02-06 08:00", "2028-01-26 08:00", "2029-02-13 08:00", "2030-02-03 08:00", "2031-01-23 08:00"}},
		{"cron", "@monthly", []string{"2026-04-01 00:00", "2026-05-01 00:00", "2026-06-01 00:00", "2026-07-01 00:00", "2026-08-01 00:00"}},
	}
	for i, tc := range cases {
		c.clock.Advance(time.Minute) // within the flood limit of commands a minute
		preview, id := c.calAdd(c.admin, tc.preset, tc.typed, "residents", "notice "+tc.preset, true)
		if got := calRuns(preview); !slices.Equal(got, tc.want) {
			t.Errorf("case %d (%s %q): next runs %v, want %v", i, tc.preset, tc.typed, got, tc.want)
		}
		it := c.calPending("notice", id)
		first := calAt(t, tc.want[0])
		if !it.DueAt.Equal(first) || !it.Until.Equal(first.Add(6*time.Hour)) {
			t.Errorf("case %d: pending run %v until %v, want %v until +6h", i, it.DueAt, it.Until, first)
		}
	}
	// /schedule lists them all, each with its button.
	last := c.calLast(c.admin.ID)
	c.say(c.admin, "/schedule")
	list := c.calText(c.admin.ID, last, "Scheduled notices", "1st and 15th of each month at 19:30", "every Monday at 09:00",
		"every day at 07:30", "cron 0 8 * * 1-5")
	if !strings.Contains(list.Plain, "every year on Mid-Autumn") || !hasButton(list, "sc:v:10") {
		t.Errorf("list lacks a button per notice: %+v", list.Buttons)
	}
}

// A daily notice runs, is paused (nothing goes out), resumed, and its text
// and time changed, all without a restart; without Read ✓ it has no button.
func TestCalendarPauseResumeEdit(t *testing.T) {
	c := newCommunity(t)
	_, id := c.calAdd(c.admin, "day", "7:30", "residents", "Morning notice A", false)
	c.calTo("2026-03-03 07:30")
	c.tick()
	n := c.expect(c.wang.ID, "Morning notice A", "Boss")
	if len(n.Buttons) != 0 {
		t.Errorf("a notice saved without Read ✓ has buttons: %+v", n.Buttons)
	}
	c.expect(c.li.ID, "Morning notice A")
	if it := c.calPending("notice", id); !it.DueAt.Equal(calAt(t, "2026-03-04 07:30")) {
		t.Fatalf("the next run was not laid out: %+v", it)
	}

	// Pause: the pending run goes, and the next morning nothing is sent.
	last := c.calLast(c.admin.ID)
	c.say(c.admin, "/schedule")
	c.calPressNew(c.admin, last, "sc:v:"+itoa(id))
	detail := c.calPressNew(c.admin, last, "sc:p:"+itoa(id))
	c.expectAnswer("Paused")
	c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool {
		return m.ID == detail.ID && strings.Contains(m.Plain, "paused") && hasButton(m, "sc:r:"+itoa(id))
	}, wait)
	if it := c.calPending("notice", id); it.ID != 0 {
		t.Fatalf("a paused notice still has a pending run: %+v", it)
	}
	c.calTo("2026-03-04 07:30")
	c.tick()
	c.settle()
	if n := c.calCount(c.wang.ID, "Morning notice"); n != 1 {
		t.Fatalf("sent %d times while paused", n)
	}

	// Resume: the next run is tomorrow's.
	detail = c.lookup(c.admin.ID, func(m telegramtest.Message) bool { return m.ID == detail.ID && hasButton(m, "sc:r:"+itoa(id)) })
	c.tg.Press(c.admin, detail, "sc:r:"+itoa(id))
	c.expectAnswer("Resumed")
	c.settle()
	if it := c.calPending("notice", id); !it.DueAt.Equal(calAt(t, "2026-03-05 07:30")) {
		t.Fatalf("resumed run: %+v", it)
	}

	// Edit the text, then the time.
	detail = c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool { return m.ID == detail.ID && hasButton(m, "sc:et:"+itoa(id)) }, wait)
	last = c.calLast(c.admin.ID)
	c.tg.Press(c.admin, detail, "sc:et:"+itoa(id))
	c.calText(c.admin.ID, last, "Send the new text of notice #"+itoa(id))
	c.say(c.admin, "Morning notice B")
	c.calText(c.admin.ID, last, "The text of #"+itoa(id)+" is changed")
	c.settle()
	last = c.calLast(c.admin.ID)
	c.tg.Press(c.admin, detail, "sc:ew:"+itoa(id))
	c.calPressNew(c.admin, last, "fl:schedule:o:how:day")
	c.calText(c.admin.ID, last, "At what time each day?")
	c.say(c.admin, "8:15")
	saved := c.calText(c.admin.ID, last, "The time of #"+itoa(id)+" is changed")
	shown := c.calText(c.admin.ID, saved.ID, "Next runs")
	if got := calRuns(shown.Plain); len(got) != 5 || got[0] != "2026-03-04 08:15" {
		t.Errorf("next runs after the edit: %v", got)
	}
	if it := c.calPending("notice", id); !it.DueAt.Equal(calAt(t, "2026-03-04 08:15")) {
		t.Fatalf("edited run: %+v", it)
	}
	c.calTo("2026-03-04 08:15")
	c.tick()
	c.expect(c.wang.ID, "Morning notice B")
	c.settle()
	if a, b := c.calCount(c.wang.ID, "Morning notice A"), c.calCount(c.wang.ID, "Morning notice B"); a != 1 || b != 1 {
		t.Errorf("wang got A %d and B %d times, want 1 and 1", a, b)
	}

	// Delete, once confirmed: the pending run goes and the list no longer
	// shows it; a second press changes nothing.
	last = c.calLast(c.admin.ID)
	c.say(c.admin, "/schedule")
	d := c.calPressNew(c.admin, last, "sc:v:"+itoa(id))
	d = c.calPressNew(c.admin, d.ID, "sc:d:"+itoa(id))
	c.calText(c.admin.ID, d.ID, "Delete scheduled notice #"+itoa(id)+"? It will not run again.")
	if it := c.calPending("notice", id); it.ID == 0 {
		t.Fatalf("deleted before it was confirmed")
	}
	c.calPressNew(c.admin, d.ID, "fl:scdel:o:sure:yes")
	c.calText(c.admin.ID, d.ID, "is deleted; it will not run again")
	c.tg.PressRaw(c.admin, telegramtest.PrivateChat(c.admin), d.ID, "sc:r:"+itoa(id))
	c.expectAnswer("not yours to manage, or it is gone")
	c.settle()
	if it := c.calPending("notice", id); it.ID != 0 || c.calSchedules() != 0 {
		t.Errorf("after delete: pending %+v, %d schedules", it, c.calSchedules())
	}
	c.calTo("2026-03-05 08:15")
	c.tick()
	c.settle()
	if b := c.calCount(c.wang.ID, "Morning notice B"); b != 1 {
		t.Errorf("a deleted notice was sent again: %d", b)
	}
}
