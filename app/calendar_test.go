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
		first         string // the first run, laid out as the pending one
		want          []string
	}{
		{"115", "", "2026-03-15 19:30", []string{"Sun 15 Mar 19:30", "Wed 1 Apr 19:30", "Wed 15 Apr 19:30", "Fri 1 May 19:30", "Fri 15 May 19:30"}},
		{"mon", "", "2026-03-09 09:00", []string{"Mon 9 Mar 09:00", "Mon 16 Mar 09:00", "Mon 23 Mar 09:00", "Mon 30 Mar 09:00", "Mon 6 Apr 09:00"}},
		{"day", "7:30", "2026-03-03 07:30", []string{"Tue 3 Mar 07:30", "Wed 4 Mar 07:30", "Thu 5 Mar 07:30", "Fri 6 Mar 07:30", "Sat 7 Mar 07:30"}},
		{"day", "19：00", "2026-03-02 19:00", []string{"Mon 2 Mar 19:00", "Tue 3 Mar 19:00", "Wed 4 Mar 19:00", "Thu 5 Mar 19:00", "Fri 6 Mar 19:00"}},
		{"once", "2026-03-05 10:00", "2026-03-05 10:00", []string{"Thu 5 Mar 10:00"}},
		{"cron", "0 8 * * 1-5", "2026-03-03 08:00", []string{"Tue 3 Mar 08:00", "Wed 4 Mar 08:00", "Thu 5 Mar 08:00", "Fri 6 Mar 08:00", "Mon 9 Mar 08:00"}},
		{"cron", "30 6 29 2 *", "2028-02-29 06:30", []string{"Tue 29 Feb 2028 06:30", "Sun 29 Feb 2032 06:30", "Fri 29 Feb 2036 06:30", "Wed 29 Feb 2040 06:30", "Mon 29 Feb 2044 06:30"}},
		{"hol:mid_autumn", "19:00", "2026-09-25 19:00", []string{"Fri 25 Sep 19:00", "Wed 15 Sep 2027 19:00", "Tue 3 Oct 2028 19:00", "Sat 22 Sep 2029 19:00", "Thu 12 Sep 2030 19:00"}},
		{"hol:spring", "8:00", "2027-02-06 08:00", []string{"Sat 6 Feb 2027 08:00", "Wed 26 Jan 2028 08:00", "Tue 13 Feb 2029 08:00", "Sun 3 Feb 2030 08:00", "Thu 23 Jan 2031 08:00"}},
		{"cron", "@monthly", "2026-04-01 00:00", []string{"Wed 1 Apr 00:00", "Fri 1 May 00:00", "Mon 1 Jun 00:00", "Wed 1 Jul 00:00", "Sat 1 Aug 00:00"}},
	}
	for i, tc := range cases {
		c.clock.Advance(time.Minute) // within the flood limit of commands a minute
		preview, id := c.calAdd(c.admin, tc.preset, tc.typed, "residents", "notice "+tc.preset, true)
		if got := calRuns(preview); !slices.Equal(got, tc.want) {
			t.Errorf("case %d (%s %q): next runs %v, want %v", i, tc.preset, tc.typed, got, tc.want)
		}
		it := c.calPending("notice", id)
		first := calAt(t, tc.first)
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
	if got := calRuns(shown.Plain); len(got) != 5 || got[0] != "Wed 4 Mar 08:15" {
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
