package core

import (
	"testing"
	"time"

	"courtyard/when"
)

func TestQuietEndIsTheEndOfThePeriodNowFallsIn(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	night := when.ClockRange{Start: 21*60 + 30, End: 7*60 + 30, Overnight: true}
	nap := when.ClockRange{Start: 13 * 60, End: 14 * 60}
	for _, c := range []struct {
		r    when.ClockRange
		now  string
		want string // "" when outside
	}{
		{night, "2026-03-02 21:29", ""},
		{night, "2026-03-02 21:30", "2026-03-03 07:30"},
		{night, "2026-03-02 23:59", "2026-03-03 07:30"},
		{night, "2026-03-03 00:00", "2026-03-03 07:30"},
		{night, "2026-03-03 07:29", "2026-03-03 07:30"},
		{night, "2026-03-03 07:30", ""},
		{nap, "2026-03-03 12:59", ""},
		{nap, "2026-03-03 13:00", "2026-03-03 14:00"},
		{nap, "2026-03-03 14:00", ""},
	} {
		got := quietEnd(c.r, at(c.now).UTC(), loc)
		if c.want == "" && !got.IsZero() || c.want != "" && !got.Equal(at(c.want)) {
			t.Errorf("%s in %+v: %v, want %q", c.now, c.r, got, c.want)
		}
	}
}
