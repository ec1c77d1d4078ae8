// Package when reads the start and end of something a person typed, in
// Chinese or English, such as "明天 9:00", "周六 9:00-11:00", "12月5日 9点到11点半",
// "2026-12-05 09:00", "tomorrow 9am" or "Sat 9-11".
//
// Times are built with time.Date in the given zone, relative to an injected
// "now". The rules, where a reading could go two ways:
//
//   - Both a day and a time are needed. A time without a day ("9:00") and a
//     day without a time ("明天") are ErrAmbiguous, so the person adds one.
//   - Hours are 24-hour unless a part of the day is given: 9am, 7:30pm,
//     上午/早上 (morning), 中午 (1点 is 13:00), 下午 (pm), 晚上/今晚 (8点 is
//     20:00, 12点 is midnight at the end of that day), 凌晨 (small hours).
//     "点" is :00, "半" is :30, "一刻" is :15; 两 is 2.
//   - In a range the end takes the start's part of the day (下午3点到5点 is
//     15:00-17:00), and the start takes the end's when that keeps it before
//     the end (2-4pm is 14:00-16:00, 11-1pm is 11:00-13:00).
//   - A weekday alone (周六, Sat) is the next such day whose start is still
//     ahead: today if the time is later today, else a week on.
//     下周三 / "next Wed" is Wednesday of next week (weeks start on Monday);
//     本周三 / "this Wed" is Wednesday of this week, and may be past.
//   - A date without a year (12月5日, Dec 5, 12-05) is the next such date:
//     this year unless the day is already behind us; today's date with a
//     time already gone is ErrPast, not next year. 5号 is the next 5th.
//   - a/b without a year is a date only when one reading exists: 25/12 and
//     12/25 are 25 December, 3/4 is ErrAmbiguous. 12-05 is month-day.
//   - An end at or before the start is ErrEndBeforeStart, except overnight:
//     a start at 18:00 or later with an end before 06:00 ends the next day.
//   - On a day the clocks change, a wall time in the skipped hour or the
//     repeated hour is what time.Date gives for it in the zone.
//   - A start not after now is ErrPast. Impossible times and dates (25:00,
//     9:60, 2月30日) and anything unread are ErrUnknown.
//
// The errors are sentinels wrapped with detail; callers test them with
// errors.Is and answer in the reader's language, with Example.
package when

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Span is a start and, when given, an end.
type Span struct {
	Start, End time.Time
	HasEnd     bool
}

// Error kinds callers turn into a message in the reader's language.
var (
	ErrEmpty          = errors.New("when: empty")
	ErrUnknown        = errors.New("when: not understood")
	ErrAmbiguous      = errors.New("when: ambiguous")
	ErrPast           = errors.New("when: in the past")
	ErrEndBeforeStart = errors.New("when: end before start")
)

// maxLen bounds the text read; nothing sensible is longer.
const maxLen = 100

// Parse reads text typed by a person. now and loc fix "today" and the zone
// (a nil loc means now's zone).
func Parse(text string, now time.Time, loc *time.Location) (Span, error) {
	if loc == nil {
		loc = now.Location()
	}
	s := strings.TrimSpace(normalize(text))
	if s == "" {
		return Span{}, ErrEmpty
	}
	if utf8.RuneCountInString(s) > maxLen {
		return Span{}, fmt.Errorf("%w: too long", ErrUnknown)
	}
	toks, err := tokenize(s)
	if err != nil {
		return Span{}, err
	}
	p := parser{toks: toks}
	if err := p.run(); err != nil {
		return Span{}, err
	}
	switch {
	case p.day == nil && p.start == nil:
		return Span{}, fmt.Errorf("%w: no day or time", ErrUnknown)
	case p.start == nil:
		return Span{}, fmt.Errorf("%w: no time of day", ErrAmbiguous)
	case p.day == nil:
		return Span{}, fmt.Errorf("%w: no day", ErrAmbiguous)
	}
	from, to, err := rangeMinutes(*p.start, p.end)
	if err != nil {
		return Span{}, err
	}
	now = now.In(loc)
	day, err := resolveDay(*p.day, now, loc, from)
	if err != nil {
		return Span{}, err
	}
	if p.check != nil && day.Weekday() != *p.check {
		return Span{}, fmt.Errorf("%w: %s is not a %s", ErrAmbiguous, day.Format("2006-01-02"), *p.check)
	}
	sp := Span{Start: at(day, from, loc)}
	if !sp.Start.After(now) {
		return Span{}, fmt.Errorf("%w: %s", ErrPast, sp.Start.Format("2006-01-02 15:04"))
	}
	if p.end != nil {
		sp.End, sp.HasEnd = at(day, to, loc), true
		if !sp.End.After(sp.Start) {
			return Span{}, ErrEndBeforeStart
		}
	}
	return sp, nil
}

// Example is a short example of what Parse reads, for a refusal message.
func Example(lang string) string {
	if lang == "zh" {
		return "例如：明天 9:00、周六 9:00-11:00、12月5日 9:00"
	}
	return "e.g. tomorrow 9:00, Sat 9:00-11:00, Dec 5 9:00"
}

// rangeMinutes gives the start and end in minutes after midnight of the
// start's day, lending a part of the day from one to the other (see the
// package comment) and moving an overnight end to the next day.
func rangeMinutes(start clock, end *clock) (int, int, error) {
	if end != nil && start.per == perNone && end.per != perNone {
		lent := start
		lent.per = end.per
		e, err1 := end.minutes()
		s, err2 := lent.minutes()
		if err1 == nil && err2 == nil && s < e {
			start = lent
		}
	}
	from, err := start.minutes()
	if err != nil || end == nil {
		return from, 0, err
	}
	to, err := endMinutes(start, *end, from)
	if err != nil {
		return 0, 0, err
	}
	if to <= from {
		if from < 18*60 || to >= 6*60 {
			return 0, 0, ErrEndBeforeStart
		}
		to += 24 * 60
	}
	return from, to, nil
}

// endMinutes reads the end. Without its own part of the day it tries the
// start's, then the plain hour, then the hour after noon, and takes the
// first that comes after the start.
func endMinutes(start, end clock, from int) (int, error) {
	if end.per != perNone || start.per == perNone {
		return end.minutes()
	}
	lent := end
	lent.per = start.per
	if to, err := lent.minutes(); err == nil && to > from {
		return to, nil
	}
	plain, err := end.minutes()
	if err != nil {
		return 0, err
	}
	if plain <= from && end.h < 12 && (plain+12*60) > from {
		return plain + 12*60, nil
	}
	return plain, nil
}

// at is the moment min minutes after midnight (wall clock) of day in loc.
func at(day time.Time, min int, loc *time.Location) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), min/60, min%60, 0, 0, loc)
}

// resolveDay turns a day as typed into a civil date (a time at noon UTC;
// only its year, month and day count).
func resolveDay(d daySpec, now time.Time, loc *time.Location, from int) (time.Time, error) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, time.UTC)
	mondayOff := -((int(today.Weekday()) + 6) % 7)
	fromMonday := (int(d.wd) + 6) % 7
	switch d.kind {
	case dayRel:
		return today.AddDate(0, 0, d.off), nil
	case dayWeekday:
		for k := 0; k <= 7; k++ {
			c := today.AddDate(0, 0, k)
			if c.Weekday() == d.wd && at(c, from, loc).After(now) {
				return c, nil
			}
		}
	case dayNextWeek:
		return today.AddDate(0, 0, mondayOff+7+fromMonday), nil
	case dayThisWeek:
		return today.AddDate(0, 0, mondayOff+fromMonday), nil
	case dayDate:
		if d.y != 0 {
			if c, ok := civil(d.y, d.m, d.d); ok {
				return c, nil
			}
			break
		}
		for y := today.Year(); y <= today.Year()+8; y++ {
			if c, ok := civil(y, d.m, d.d); ok && !c.Before(today) {
				return c, nil
			}
		}
	case dayOfMonth:
		for k := 0; k <= 12; k++ {
			first := today.AddDate(0, k, 1-today.Day())
			if c, ok := civil(first.Year(), int(first.Month()), d.d); ok && !c.Before(today) {
				return c, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("%w: no such day", ErrUnknown)
}

// civil is the date y-m-d, if it exists.
func civil(y, m, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	c := time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
	return c, c.Day() == d && int(c.Month()) == m
}
