package workweek

import (
	"strings"
	"testing"
	"time"
)

// Working time between two moments, worked out by hand. March 2026 in
// Shanghai (no daylight saving): Mon 2, Fri 6, Sat 7, Sun 8, Mon 9.
func TestBetween(t *testing.T) {
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, sh) }
	weekdays := []string{"mon-fri 08:30-17:30"}
	withSat := []string{"mon-fri 08:30-17:30", "sat 09:00-12:00"}
	for _, c := range []struct {
		name  string
		hours []string
		loc   *time.Location
		a, b  time.Time
		want  time.Duration
	}{
		{"within one day's hours", withSat, sh, at(2, 9, 0), at(2, 10, 30), 90 * time.Minute},
		{"overnight: 30 min before closing, 30 after opening", withSat, sh, at(2, 17, 0), at(3, 9, 0), time.Hour},
		{"received outside hours: counts from opening", withSat, sh, at(2, 20, 0), at(3, 10, 0), 90 * time.Minute},
		{"answered before the hours start", withSat, sh, at(2, 20, 0), at(3, 7, 0), 0},
		{"weekend of weekdays only: Fri 17:00 to Mon 10:00 is 2h", weekdays, sh, at(6, 17, 0), at(9, 10, 0), 2 * time.Hour},
		{"weekend with Saturday morning: 30 min + 3h + 90 min", withSat, sh, at(6, 17, 0), at(9, 10, 0), 5 * time.Hour},
		{"into Saturday's hours", withSat, sh, at(6, 17, 0), at(7, 10, 0), 90 * time.Minute},
		{"all on Sunday", withSat, sh, at(8, 12, 0), at(8, 15, 0), 0},
		{"a whole week: 5 x 9h + 3h", withSat, sh, at(2, 8, 30), at(9, 8, 30), 48 * time.Hour},
		{"answer before receipt", withSat, sh, at(2, 10, 0), at(2, 9, 0), 0},
		{"given in another zone (UTC 01:00 is 09:00 in Shanghai)", withSat, sh,
			time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC), time.Date(2026, 3, 2, 2, 30, 0, 0, time.UTC), 90 * time.Minute},
		{"a lunch break is not working time", []string{"mon-fri 08:30-12:00", "mon-fri 13:30-17:30"}, sh, at(2, 11, 0), at(2, 14, 0), 90 * time.Minute},
		{"overlapping lines count once", []string{"mon 08:00-12:00", "mon 10:00-14:00"}, sh, at(2, 7, 0), at(2, 15, 0), 6 * time.Hour},
		{"night hours end the next day", []string{"daily 22:00-次日06:00"}, sh, at(2, 21, 0), at(3, 7, 0), 8 * time.Hour},
		{"Saturday night runs into Sunday", []string{"sat 22:00-次日02:00"}, sh, at(7, 23, 0), at(8, 3, 0), 3 * time.Hour},
		{"Chinese days and hours", []string{"周一至周五 上午8点半到下午5点半"}, sh, at(6, 17, 0), at(9, 10, 0), 2 * time.Hour},
		{"around the clock", nil, sh, at(6, 17, 0), at(9, 10, 0), 65 * time.Hour},
		{"a day the clocks go forward is 23h long", []string{"daily 00:00-24:00"}, berlin,
			time.Date(2026, 3, 28, 12, 0, 0, 0, berlin), time.Date(2026, 3, 29, 12, 0, 0, 0, berlin), 23 * time.Hour},
	} {
		w, err := Parse(c.hours, c.loc)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := w.Between(c.a, c.b); got != c.want {
			t.Errorf("%s: %v to %v is %v of working time, want %v", c.name, c.a, c.b, got, c.want)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{"", "write the days, a space and the hours"},
		{"mon-fri", "write the days, a space and the hours"},
		{"weekdays 08:30-17:30", `"weekdays" is not a day of the week`},
		{"mon-fry 08:30-17:30", `"fry" is not a day of the week`},
		{"mon-fri 17:30-08:30", "is not a time range like 08:30-17:30"},
		{"mon-fri 08:30", "is not a time range like 08:30-17:30"},
		{"mon-fri 25:00-26:00", "is not a time range like 08:30-17:30"},
		{"mon-fri 2026-03-02 08:30-17:30", "is not a time range like 08:30-17:30"},
	} {
		_, err := Parse([]string{"sat 09:00-12:00", c.line}, time.UTC)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "[1] ") {
			t.Errorf("Parse(%q) = %v, want an error about [1] with %q", c.line, err, c.want)
		}
	}
}

func TestAroundTheClock(t *testing.T) {
	if w, err := Parse(nil, time.UTC); err != nil || !w.AroundTheClock() {
		t.Errorf("no lines: %v, %v; want around the clock", w, err)
	}
	if w, err := Parse([]string{"sun 10:00-11:00"}, time.UTC); err != nil || w.AroundTheClock() {
		t.Errorf("Sunday's hour: %v, %v; want not around the clock", w, err)
	}
}
