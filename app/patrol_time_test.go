package app

import (
	"testing"
	"time"

	"courtyard/config"
	"courtyard/storage"
)

// In Europe/Berlin, across both clock changes, each template fires once a
// day at its wall-clock time, a 02:30 start skipped in spring comes at
// 03:30 and one repeated in autumn comes once, and a shift lasts its
// length in elapsed time (20:00 for 6 h crosses midnight).
func TestPatrolBerlinWeeksWithClockChanges(t *testing.T) {
	c := patNewCrew(t, func(cfg *config.Config) { cfg.Community.Timezone = "Europe/Berlin" })
	loc := c.cfg.Location()
	for _, week := range []struct {
		name   string
		from   time.Time
		change string // the day of the change
	}{
		{"spring", time.Date(2026, 3, 25, 12, 0, 0, 0, loc), "2026-03-29"},
		{"autumn", time.Date(2026, 10, 21, 12, 0, 0, 0, loc), "2026-10-25"},
	} {
		c.clock.Advance(week.from.Sub(c.clock.Now()))
		night := c.patTemplate("0 20 * * *", 360, 1, "night round")
		early := c.patTemplate("30 2 * * *", 60, 1, "early round")
		to := week.from.AddDate(0, 0, c.cfg.Patrol.HorizonDays)
		for _, tc := range []struct {
			tpl  int64
			wall string
		}{{night, "20:00"}, {early, "02:30"}} {
			days := map[string]int{}
			for _, sh := range c.patShifts(tc.tpl) {
				if sh.Start.Before(week.from) {
					continue
				}
				s := sh.Start.In(loc)
				days[s.Format("2006-01-02")]++
				if got := sh.End.Sub(sh.Start); got != time.Duration(map[int64]int{night: 360, early: 60}[tc.tpl])*time.Minute {
					t.Errorf("%s: shift at %v lasts %v", week.name, s, got)
				}
				want := tc.wall
				if week.name == "spring" && tc.wall == "02:30" && s.Format("2006-01-02") == week.change {
					want = "03:30" // 02:30 does not exist that night
				}
				if s.Format("15:04") != want {
					t.Errorf("%s: a %s shift starts at %v", week.name, tc.wall, s)
				}
			}
			for d := week.from; d.Before(to.Add(-24 * time.Hour)); d = d.AddDate(0, 0, 1) {
				if day := d.AddDate(0, 0, 1).Format("2006-01-02"); days[day] != 1 {
					t.Errorf("%s: %s shifts on %s: %d, want 1 (all: %v)", week.name, tc.wall, day, days[day], days)
				}
			}
			if days[week.change] != 1 {
				t.Errorf("%s: the change day %s has %d %s shifts", week.name, week.change, days[week.change], tc.wall)
			}
		}
		c.lgWrite(func(tx *storage.Tx) error {
			if err := tx.SetPatrolTemplateState(night, storage.PatrolRemoved, c.clock.Now()); err != nil {
				return err
			}
			return tx.SetPatrolTemplateState(early, storage.PatrolRemoved, c.clock.Now())
		})
	}
}

// A restart in the middle doubles nothing; after three days down the
// layout catches up, and no reminder or alert goes out for a shift already
// past.
func TestPatrolRestartAndThreeDaysDown(t *testing.T) {
	c := patNewCrew(t, nil) // Monday 2026-03-02 17:00 in Shanghai
	tpl := c.patTemplate("0 20 * * *", 180, 2, "east gate", c.a.ID, c.b.ID)
	c.settle()
	c.shutdown()
	c.clock.Advance(30 * time.Minute)
	c.start()
	c.tick()
	c.settle()
	if n := len(c.patShifts(tpl)); n != 14 {
		t.Fatalf("%d shifts after a restart, want 14", n)
	}
	if n := c.patCount(c.a.ID, "The rotation put you on"); n != 1 {
		t.Fatalf("Ann told of the rotation %d times", n)
	}

	// Down from Monday 17:30 to Thursday 19:30.
	c.shutdown()
	c.clock.Advance(3*24*time.Hour + 2*time.Hour)
	c.start()
	c.tick()
	c.tick()
	c.settle()
	shs := c.patShifts(tpl)
	if len(shs) != 17 {
		t.Fatalf("%d shifts after three days down, want 17 (03-02 to 03-18)", len(shs))
	}
	for _, sh := range shs {
		if d := c.patDuty(sh.ID); len(d) != 2 {
			t.Fatalf("shift %v has %d people", sh.Start, len(d))
		}
	}
	for _, u := range []int64{c.a.ID, c.b.ID} {
		if n := c.patCount(u, "Patrol soon: Night patrol · today 20:00-23:00"); n != 1 {
			t.Errorf("%d got %d reminders before tonight's shift, want 1", u, n)
		}
		if n := c.patCount(u, "Patrol reminder"); n != 0 {
			t.Errorf("%d got %d stale reminders the day before", u, n)
		}
	}
	if n := c.patCount(c.lead.ID, "no check-in"); n != 0 {
		t.Errorf("the lead got %d stale missing-check-in alerts", n)
	}
	// The three shifts laid out as the horizon moved are told in the
	// weekly message, on Monday, not as they come.
	if n := c.patCount(c.a.ID, "The rotation put you on"); n != 1 {
		t.Errorf("Ann was told of the rotation %d times, want once (when the template was saved)", n)
	}
	c.clock.Set(wallAt(t, "2026-03-09 09:00"))
	c.tick()
	c.tick()
	c.settle()
	if n := c.patCount(c.a.ID, "Your coming patrol shifts"); n != 1 {
		t.Errorf("Ann got the weekly message %d times, want once", n)
	}
}
