// Package when reads the dates and times a person types, in Chinese or
// English: Parse a start and optional end, such as "明天 9:00", "周六 9:00-11:00",
// "12月5日 9点到11点半", "2026-12-05 09:00", "tomorrow 9am" or "Sat 9-11";
// ParseDate and ParsePastDate a day alone; ParseClock a time of day alone;
// ParseClockRange a time range without a day; ParseDateRange and
// ParsePastDateRange a period of days or a month. All read the same words
// with the same rules. Describe and its kin write the confirmation shown
// back; Example and its kin give examples for refusal messages.
//
// Times are built with time.Date in the given zone, relative to an injected
// "now". The rules, where a reading could go two ways:
//
//   - Parse needs both a day and a time. A time without a day ("9:00") and
//     a day without a time ("明天") are ErrAmbiguous, so the person adds one.
//   - A year is four digits from 1000 on; weeks run Monday to Sunday.
//   - Hours are 24-hour unless a part of the day is given: 9am, 7:30pm,
//     上午/早上 (morning), 中午 (1点 is 13:00), 下午 (pm), 晚上/今晚 (8点 is
//     20:00, 12点 is midnight at the end of that day), 凌晨 (small hours).
//     "点" is :00, "半" is :30, "一刻" is :15; 两 is 2.
//   - In a range the end takes the start's part of the day (下午3点到5点 is
//     15:00-17:00), and the start takes the end's when that keeps it before
//     the end (2-4pm is 14:00-16:00, 11-1pm is 11:00-13:00).
//     24:00 is read as the end of a range (midnight ending the day).
//   - A weekday alone (周六, Sat) is the next such day whose start is still
//     ahead: today if the time is later today, else a week on.
//     下周三 / "next Wed" is Wednesday of next week (weeks start on Monday);
//     本周三 / "this Wed" is Wednesday of this week, and may be past;
//     上周三 / "last Wed" is Wednesday of last week. 昨天 / yesterday and
//     前天 are read, and are past.
//   - A date without a year (12月5日, Dec 5, 12-05) is the next such date:
//     this year unless the day is already behind us; today's date with a
//     time already gone is ErrPast, not next year. 5号 is the next 5th.
//   - a/b without a year is a date only when one reading exists: 25/12 and
//     12/25 are 25 December, 3/4 is ErrAmbiguous. 12-05 is month-day.
//   - An end at or before the start is ErrEndBeforeStart, except overnight:
//     a start at 18:00 or later with an end before 06:00 ends the next day,
//     and so does an end marked 次日 (22:00-次日07:00) or "next day"
//     (10pm-7am next day), up to a day after the start.
//   - On a day the clocks change, a wall time in the skipped hour or the
//     repeated hour is what time.Date gives for it in the zone.
//   - A start more than two years after now (Latest) is ErrTooFar; a
//     day more than a year ahead is always described with its year.
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
	ErrFuture         = errors.New("when: in the future")
	ErrEndBeforeStart = errors.New("when: end before start")
	ErrTooFar         = errors.New("when: more than two years ahead")
)

// maxLen bounds the text read; nothing sensible is longer.
const maxLen = 100

// Parse reads text typed by a person. now and loc fix "today" and the zone
// (a nil loc means now's zone).
func Parse(text string, now time.Time, loc *time.Location) (Span, error) {
	if loc == nil {
		loc = now.Location()
	}
	p, err := read(text)
	if err != nil {
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
	from, to, err := rangeMinutes(*p.start, p.end, p.nextDay)
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
	if err := checkFar(sp.Start, now, loc); err != nil {
		return Span{}, err
	}
	if p.end != nil {
		sp.End, sp.HasEnd = at(day, to, loc), true
		if !sp.End.After(sp.Start) {
			return Span{}, ErrEndBeforeStart
		}
	}
	return sp, nil
}

// tokens normalises and tokenises text.
func tokens(text string) ([]token, error) {
	s := strings.TrimSpace(normalize(text))
	if s == "" {
		return nil, ErrEmpty
	}
	if utf8.RuneCountInString(s) > maxLen {
		return nil, fmt.Errorf("%w: too long", ErrUnknown)
	}
	return tokenize(s)
}

// read normalises and tokenises text and runs the grammar over it.
func read(text string) (*parser, error) {
	toks, err := tokens(text)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	if err := p.run(); err != nil {
		return nil, err
	}
	return p, nil
}

// rangeMinutes gives the start and end in minutes after midnight of the
// start's day, lending a part of the day from one to the other (see the
// package comment) and moving an overnight end to the next day. An end
// marked as on the next day is read as typed, a day on.
func rangeMinutes(start clock, end *clock, nextDay bool) (int, int, error) {
	if nextDay && end != nil {
		return nextDayMinutes(start, *end)
	}
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

// nextDayMinutes reads a range whose end is marked as on the next day
// (22:00-次日07:00): it may last up to a day.
func nextDayMinutes(start, end clock) (int, int, error) {
	from, err := start.minutes()
	if err != nil {
		return 0, 0, err
	}
	to, err := end.minutes()
	if err != nil {
		return 0, 0, err
	}
	to += 24 * 60
	switch {
	case to <= from:
		return 0, 0, ErrEndBeforeStart
	case to-from > 24*60:
		return 0, 0, fmt.Errorf("%w: longer than a day", ErrUnknown)
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
// only its year, month and day count). A weekday alone is the next such
// day whose start is still ahead; other days are placed as ParseDate
// places them.
func resolveDay(d daySpec, now time.Time, loc *time.Location, from int) (time.Time, error) {
	today := civilDay(now)
	if d.kind != dayWeekday {
		return placeDay(d, today, today, ahead)
	}
	for k := 0; k <= 7; k++ {
		c := today.AddDate(0, 0, k)
		if c.Weekday() == d.wd && at(c, from, loc).After(now) {
			return c, nil
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
