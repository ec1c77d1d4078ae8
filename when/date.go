package when

import (
	"fmt"
	"time"
)

// dir says which way a day typed without a year, or a bare weekday, is
// placed from today.
type dir int

const (
	ahead dir = iota // the next such day, today included; earlier is ErrPast
	back             // the last such day, today included; later is ErrFuture
)

// ParseDate reads a day alone, such as 明天, 周四, 下周四, 12月20日, 20号,
// 12/20, 12-20, 2026-12-20, tomorrow, Thu, next Thu, Dec 20 or 20 Dec.
// It is read with the rules of Parse: a date without a year, a day of the
// month (20号) and a weekday alone are the next such day, today included.
// A day before today is ErrPast, one more than two years ahead ErrTooFar;
// a time of day is ErrUnknown.
//
// The result is the start of that day in loc (a nil loc means now's zone).
func ParseDate(text string, now time.Time, loc *time.Location) (time.Time, error) {
	return parseDate(text, now, loc, ahead)
}

// ParsePastDate reads a day alone like ParseDate, for a day that has
// come: a date without a year, a day of the month and a weekday alone are
// the last such day, today included, and 上周四 / "last Thu" is Thursday of
// last week. A day after today is ErrFuture.
func ParsePastDate(text string, now time.Time, loc *time.Location) (time.Time, error) {
	return parseDate(text, now, loc, back)
}

func parseDate(text string, now time.Time, loc *time.Location, w dir) (time.Time, error) {
	if loc == nil {
		loc = now.Location()
	}
	toks, err := tokens(text)
	if err != nil {
		return time.Time{}, err
	}
	p := &parser{toks: toks, dateOnly: true}
	s, err := p.side(false)
	if err != nil {
		return time.Time{}, err
	}
	if p.i < len(p.toks) {
		return time.Time{}, fmt.Errorf("%w: more than a day", ErrUnknown)
	}
	if s.kind != sideDay {
		return time.Time{}, fmt.Errorf("%w: a month or week, not a day", ErrAmbiguous)
	}
	today := civilDay(now.In(loc))
	first, _, err := s.place(today, today, w)
	if err != nil {
		return time.Time{}, err
	}
	if err := checkSide(first, first, today, w); err != nil {
		return time.Time{}, err
	}
	if w == ahead {
		if err := checkFar(startOf(first, loc), now, loc); err != nil {
			return time.Time{}, err
		}
	}
	return startOf(first, loc), nil
}

// checkSide checks that the days first to last are on the side of today
// that w asks for: not over yet (ahead) or begun (back).
func checkSide(first, last, today time.Time, w dir) error {
	switch {
	case w == ahead && last.Before(today):
		return fmt.Errorf("%w: %s", ErrPast, last.Format("2006-01-02"))
	case w == back && first.After(today):
		return fmt.Errorf("%w: %s", ErrFuture, first.Format("2006-01-02"))
	}
	return nil
}

// civilDay is t's date as a civil date (noon UTC; only the date counts).
func civilDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.UTC)
}

// startOf is the start of civil date c in loc.
func startOf(c time.Time, loc *time.Location) time.Time {
	return time.Date(c.Year(), c.Month(), c.Day(), 0, 0, 0, 0, loc)
}

// placeDay turns a day as typed into a civil date. Days counted from today
// (明天, 下周四) are fixed; the others (a date without a year, a day of the
// month, a weekday alone) are the first such day on or after anchor (ahead)
// or the last on or before it (back).
func placeDay(d daySpec, today, anchor time.Time, w dir) (time.Time, error) {
	step := 1
	if w == back {
		step = -1
	}
	onSide := func(c time.Time) bool {
		return w == ahead && !c.Before(anchor) || w == back && !c.After(anchor)
	}
	mondayOff := -((int(today.Weekday()) + 6) % 7)
	fromMonday := (int(d.wd) + 6) % 7
	switch d.kind {
	case dayRel:
		return today.AddDate(0, 0, d.off), nil
	case dayNextWeek:
		return today.AddDate(0, 0, mondayOff+7+fromMonday), nil
	case dayThisWeek:
		return today.AddDate(0, 0, mondayOff+fromMonday), nil
	case dayLastWeek:
		return today.AddDate(0, 0, mondayOff-7+fromMonday), nil
	case dayWeekday:
		for k := 0; k < 7; k++ {
			if c := anchor.AddDate(0, 0, k*step); c.Weekday() == d.wd {
				return c, nil
			}
		}
	case dayDate:
		if d.y != 0 {
			if c, ok := civil(d.y, d.m, d.d); ok {
				return c, nil
			}
			break
		}
		for k := 0; k <= 8; k++ { // 2月29日 comes back within 8 years
			if c, ok := civil(anchor.Year()+k*step, d.m, d.d); ok && onSide(c) {
				return c, nil
			}
		}
	case dayOfMonth:
		for k := 0; k <= 12; k++ {
			first := anchor.AddDate(0, k*step, 1-anchor.Day())
			if c, ok := civil(first.Year(), int(first.Month()), d.d); ok && onSide(c) {
				return c, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("%w: no such day", ErrUnknown)
}
