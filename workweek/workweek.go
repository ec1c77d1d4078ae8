// Package workweek is a community's working hours over a week, such as
// Monday to Friday 08:30-17:30 and Saturday 09:00-12:00, in its time zone,
// and the working time between two moments. A week without hours is around
// the clock: all time is working time.
//
// Public holidays are not known to it: a holiday on a working weekday is a
// working day.
package workweek

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"courtyard/when"
)

const day = 24 * 60

// span is working time from Start to End minutes after the midnight that
// begins its day (0 to 1440).
type span struct{ Start, End int }

// Week is working hours by weekday in one time zone. The zero Week is
// around the clock.
type Week struct {
	days [7][]span // by time.Weekday, sorted and merged
	loc  *time.Location
}

// AroundTheClock reports whether w has no hours: all time is working time.
func (w Week) AroundTheClock() bool {
	for _, d := range w.days {
		if len(d) > 0 {
			return false
		}
	}
	return true
}

// Between is the working time from a to b (0 when b is not after a): the
// part of [a, b] inside the week's hours, on the wall clock of its zone
// (a day when the clocks change is as long as it really is). Around the
// clock it is b - a.
func (w Week) Between(a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	if w.AroundTheClock() {
		return b.Sub(a)
	}
	la, lb := a.In(w.loc), b.In(w.loc)
	var sum time.Duration
	for d := time.Date(la.Year(), la.Month(), la.Day(), 0, 0, 0, 0, w.loc); !d.After(lb); d = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, w.loc) {
		for _, s := range w.days[d.Weekday()] {
			from := time.Date(d.Year(), d.Month(), d.Day(), 0, s.Start, 0, 0, w.loc)
			to := time.Date(d.Year(), d.Month(), d.Day(), 0, s.End, 0, 0, w.loc)
			if from.Before(a) {
				from = a
			}
			if to.After(b) {
				to = b
			}
			if to.After(from) {
				sum += to.Sub(from)
			}
		}
	}
	return sum
}

// Parse reads working hours, one line a set of days and a clock range:
// "mon-fri 08:30-17:30", "sat 9:00-12:00", "周一至周五 8:30-17:30",
// "mon,wed 13:00-17:00", "daily 08:00-20:00". The days are English names
// or their first three letters, or 周一…周日 (星期一…星期日), one or a list
// (",", "、") of days and ranges ("-", "~", "至", "到"; "fri-mon" goes
// round the weekend), or daily (每天). An error starts with the line's
// index in brackets: "[1] ...". The clock range is read by
// when.ParseClockRange (22:00-次日06:00 ends the next day). Hours that
// overlap are joined. No lines is around the clock.
func Parse(lines []string, loc *time.Location) (Week, error) {
	w := Week{loc: loc}
	for i, line := range lines {
		line := strings.TrimSpace(line)
		cut := strings.IndexFunc(line, unicode.IsSpace)
		if cut < 0 || strings.TrimSpace(line[cut:]) == "" {
			return Week{}, fmt.Errorf("[%d] %q: write the days, a space and the hours, like \"mon-fri 08:30-17:30\"", i, line)
		}
		days, hours := line[:cut], line[cut:]
		set, err := parseDays(days)
		if err != nil {
			return Week{}, fmt.Errorf("[%d] %q: %w", i, line, err)
		}
		r, err := when.ParseClockRange(strings.TrimSpace(hours))
		if err != nil {
			return Week{}, fmt.Errorf("[%d] %q: %q is not a time range like 08:30-17:30: %w", i, line, strings.TrimSpace(hours), err)
		}
		for _, d := range set {
			if !r.Overnight {
				w.days[d] = append(w.days[d], span{r.Start, r.End})
				continue
			}
			// Overnight: the day's part, and the next day's from midnight.
			w.days[d] = append(w.days[d], span{r.Start, day})
			if r.End > 0 {
				next := (d + 1) % 7
				w.days[next] = append(w.days[next], span{0, r.End})
			}
		}
	}
	for d := range w.days {
		w.days[d] = merge(w.days[d])
	}
	return w, nil
}

// merge sorts spans and joins those that overlap or touch.
func merge(ss []span) []span {
	slices.SortFunc(ss, func(a, b span) int { return a.Start - b.Start })
	var out []span
	for _, s := range ss {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}
