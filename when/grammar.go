package when

import (
	"fmt"
	"time"
)

// dayKind says how a day was given.
type dayKind int

const (
	dayRel      dayKind = iota // today + off
	dayWeekday                 // the next such weekday (today if the start is ahead)
	dayNextWeek                // 下周三, next Wed: that day of next week (weeks start on Monday)
	dayThisWeek                // 本周三, this Wed: that day of this week
	dayDate                    // y (0: next occurrence), m, d
	dayOfMonth                 // 5号: the next 5th
	dayLastWeek                // 上周三, last Wed: that day of last week
)

type daySpec struct {
	kind    dayKind
	off     int
	wd      time.Weekday
	y, m, d int
}

// parser walks the tokens once: each step reads a day or a time (range).
type parser struct {
	toks  []token
	i     int
	day   *daySpec
	check *time.Weekday // a weekday given next to a date: must agree
	start *clock
	end   *clock
	// nextDay: the end was marked as on the next day (次日, "next day").
	nextDay bool
	// inEnd: the clock being read is the end of a range, which may be 24:00.
	inEnd bool
	// dateOnly: no time follows, so 12-05 alone is a date.
	dateOnly bool
}

func (p *parser) peek(off int) token {
	if p.i+off < len(p.toks) {
		return p.toks[p.i+off]
	}
	return token{k: -1}
}

func (p *parser) isSym(off int, s byte) bool {
	t := p.peek(off)
	return t.k == kSym && t.sym == s
}

func (p *parser) run() error {
	for p.i < len(p.toks) {
		d, err := p.date()
		if err != nil {
			return err
		}
		if d != nil {
			if err := p.setDay(*d); err != nil {
				return err
			}
			continue
		}
		ok, err := p.times()
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%w: unexpected text", ErrUnknown)
		}
	}
	return nil
}

// setDay keeps one day. A weekday next to a date ("12月5日 周六") is kept
// as a check; two days otherwise are ambiguous.
func (p *parser) setDay(d daySpec) error {
	if p.day == nil {
		p.day = &d
		return nil
	}
	switch {
	case p.check == nil && d.kind == dayWeekday && p.day.kind != dayWeekday:
		p.check = &d.wd
	case p.check == nil && p.day.kind == dayWeekday && d.kind != dayWeekday:
		wd := p.day.wd
		p.check, p.day = &wd, &d
	default:
		return fmt.Errorf("%w: two days", ErrAmbiguous)
	}
	return nil
}

// date reads a day at the current token, or returns nil when there is none.
func (p *parser) date() (*daySpec, error) {
	t := p.peek(0)
	switch t.k {
	case kRel:
		p.i++
		return &daySpec{kind: dayRel, off: t.val}, nil
	case kWeekday:
		p.i++
		return &daySpec{kind: dayWeekday, wd: time.Weekday(t.val)}, nil
	case kNext, kThis, kLast:
		if p.peek(1).k != kWeekday {
			return nil, fmt.Errorf("%w: next/this/last without a weekday", ErrUnknown)
		}
		p.i += 2
		k := dayNextWeek
		switch t.k {
		case kThis:
			k = dayThisWeek
		case kLast:
			k = dayLastWeek
		}
		return &daySpec{kind: k, wd: time.Weekday(p.peek(-1).val)}, nil
	case kMonth: // Dec 5 [2026]
		if p.peek(1).k != kNum {
			return nil, fmt.Errorf("%w: month without a day", ErrUnknown)
		}
		p.i += 2
		d := &daySpec{kind: dayDate, m: t.val, d: p.peek(-1).val}
		d.y = p.year()
		return d, nil
	case kNum:
		return p.numericDate()
	}
	return nil, nil
}

// year reads an optional four-digit year after "Dec 5" or "5 Dec".
func (p *parser) year() int {
	if t := p.peek(0); isYear(t) && !p.isSym(1, ':') && p.peek(1).k != kClock {
		p.i++
		return t.val
	}
	return 0
}

// isYear says whether t is a year: four digits, from 1000 on.
func isYear(t token) bool {
	return t.k == kNum && t.n == 4 && t.val >= 1000
}

func (p *parser) numericDate() (*daySpec, error) {
	a := p.peek(0)
	// 2026-12-05, 2026/12/05, 2026.12.05
	if isYear(a) && p.peek(1).k == kSym && p.peek(2).k == kNum &&
		p.isSym(3, p.peek(1).sym) && p.peek(4).k == kNum {
		p.i += 5
		return &daySpec{kind: dayDate, y: a.val, m: p.peek(-3).val, d: p.peek(-1).val}, nil
	}
	// 2026年12月5日
	if isYear(a) && p.peek(1).k == kYearMark {
		p.i += 2
		d, err := p.numericDate()
		if err != nil || d == nil || d.kind != dayDate || d.y != 0 {
			return nil, fmt.Errorf("%w: year without month and day", ErrUnknown)
		}
		d.y = a.val
		return d, nil
	}
	switch b := p.peek(1); {
	case b.k == kMonthMark: // 12月5日
		if p.peek(2).k != kNum {
			return nil, fmt.Errorf("%w: month without a day", ErrUnknown)
		}
		p.i += 3
		d := &daySpec{kind: dayDate, m: a.val, d: p.peek(-1).val}
		if p.peek(0).k == kDayMark {
			p.i++
		}
		return d, nil
	case b.k == kDayMark: // 5号
		p.i += 2
		return &daySpec{kind: dayOfMonth, d: a.val}, nil
	case b.k == kMonth: // 5 Dec [2026]
		p.i += 2
		return &daySpec{kind: dayDate, y: p.year(), m: b.val, d: a.val}, nil
	case p.isSym(1, '/') && p.peek(2).k == kNum: // 12/25, 25/12; 3/4 is ambiguous
		p.i += 3
		return slashDate(a.val, p.peek(-1).val)
	case p.day == nil && a.n == 2 && p.isSym(1, '-') && p.peek(2).k == kNum && p.peek(2).n == 2 &&
		(p.peek(3).k == kNum || p.peek(3).k == kPeriod || p.dateOnly): // 12-05 09:00
		p.i += 3
		return &daySpec{kind: dayDate, m: a.val, d: p.peek(-1).val}, nil
	}
	return nil, nil
}

// slashDate reads a/b without a year. It is a date only when one reading
// is possible: 25/12 is 25 December, 12/25 is December 25, 3/4 is refused.
func slashDate(a, b int) (*daySpec, error) {
	switch {
	case a > 12 && b <= 12:
		return &daySpec{kind: dayDate, m: b, d: a}, nil
	case b > 12 && a <= 12, a == b:
		return &daySpec{kind: dayDate, m: a, d: b}, nil
	case a > 12 && b > 12:
		return nil, fmt.Errorf("%w: %d/%d is not a date", ErrUnknown, a, b)
	}
	return nil, fmt.Errorf("%w: %d/%d could be day/month or month/day", ErrAmbiguous, a, b)
}
