package jobs

import (
	"errors"
	"testing"
	"time"

	"courtyard/commands/core"
	"courtyard/when"
)

// What is typed for the end of a job that starts on Tuesday 3 March at
// 09:00 (or at 22:00), on Monday 2 March at 17:00 in Shanghai: an end,
// new times that day, or a day that corrects the start's day, never an
// end paired with a start on another day.
func TestJobEnd(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	a := &Jobs{Core: &core.Core{Loc: loc}}
	now := time.Date(2026, 3, 2, 17, 0, 0, 0, loc)
	at := func(day, h, m int) time.Time { return time.Date(2026, 3, day, h, m, 0, 0, loc) }
	for _, c := range []struct {
		start      time.Time
		text       string
		from, till time.Time
		err        error
	}{
		{at(3, 9, 0), "11:00", at(3, 9, 0), at(3, 11, 0), nil},
		{at(3, 9, 0), "11点", at(3, 9, 0), at(3, 11, 0), nil},
		{at(3, 9, 0), "下午3点半", at(3, 9, 0), at(3, 15, 30), nil},
		{at(3, 22, 0), "凌晨2点", at(3, 22, 0), at(4, 2, 0), nil},
		{at(3, 22, 0), "2:00", at(3, 22, 0), at(4, 2, 0), nil},
		{at(3, 9, 0), "8:00", time.Time{}, time.Time{}, when.ErrEndBeforeStart},
		{at(3, 9, 0), "10:00-12:00", at(3, 10, 0), at(3, 12, 0), nil},
		{at(3, 9, 0), "明天 11点", at(3, 9, 0), at(3, 11, 0), nil},
		{at(3, 22, 0), "3月4日 01:00", at(3, 22, 0), at(4, 1, 0), nil},
		// A later day: the start moves to it, keeping its time of day.
		{at(3, 9, 0), "后天 11点", at(4, 9, 0), at(4, 11, 0), nil},
		{at(3, 9, 0), "2026-03-06 10:30", at(6, 9, 0), at(6, 10, 30), nil},
		{at(3, 9, 0), "Sat 11am", at(7, 9, 0), at(7, 11, 0), nil},
		{at(3, 9, 0), "后天 8点", time.Time{}, time.Time{}, when.ErrEndBeforeStart},
		// A day with both times replaces both.
		{at(3, 9, 0), "周六 9:00-11:00", at(7, 9, 0), at(7, 11, 0), nil},
		{at(3, 9, 0), "12月5日 14:00到16:00", time.Date(2026, 12, 5, 14, 0, 0, 0, loc), time.Date(2026, 12, 5, 16, 0, 0, 0, loc), nil},
		{at(3, 9, 0), "昨天 11点", time.Time{}, time.Time{}, when.ErrPast},
		{at(3, 9, 0), "后天", time.Time{}, time.Time{}, when.ErrAmbiguous},
		{at(3, 9, 0), "过几天", time.Time{}, time.Time{}, when.ErrUnknown},
	} {
		sp, err := a.jobEnd(c.text, c.start, now)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("%s after %s: %v, want %v", c.text, c.start.Format("01-02 15:04"), err, c.err)
			}
			continue
		}
		if err != nil || !sp.Start.Equal(c.from) || !sp.End.Equal(c.till) || !sp.HasEnd {
			t.Errorf("%s after %s: %s-%s %v, want %s-%s", c.text, c.start.Format("01-02 15:04"),
				sp.Start.Format("01-02 15:04"), sp.End.Format("01-02 15:04"), err, c.from.Format("01-02 15:04"), c.till.Format("01-02 15:04"))
		}
	}
}
