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
)

type daySpec struct {
	kind    dayKind
	off     int
	wd      time.Weekday
	y, m, d int
}

// clock is a time of day as typed: hour, minute and the part of the day.
type clock struct {
	h, m int
	per  period
}

// parser walks the tokens once: each step reads a day or a time (range).
type parser struct {
	toks  []token
	i     int
	day   *daySpec
	check *time.Weekday // a weekday given next to a date: must agree
	start *clock
	end   *clock
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
	case kNext, kThis:
		if p.peek(1).k != kWeekday {
			return nil, fmt.Errorf("%w: next/this without a weekday", ErrUnknown)
		}
		p.i += 2
		k := dayNextWeek
		if t.k == kThis {
			k = dayThisWeek
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
	if t := p.peek(0); t.k == kNum && t.n == 4 && !p.isSym(1, ':') && p.peek(1).k != kClock {
		p.i++
		return t.val
	}
	return 0
}

func (p *parser) numericDate() (*daySpec, error) {
	a := p.peek(0)
	// 2026-12-05, 2026/12/05, 2026.12.05
	if a.n == 4 && p.peek(1).k == kSym && p.peek(2).k == kNum &&
		p.isSym(3, p.peek(1).sym) && p.peek(4).k == kNum {
		p.i += 5
		return &daySpec{kind: dayDate, y: a.val, m: p.peek(-3).val, d: p.peek(-1).val}, nil
	}
	// 2026年12月5日
	if a.n == 4 && p.peek(1).k == kYearMark {
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
		(p.peek(3).k == kNum || p.peek(3).k == kPeriod): // 12-05 09:00
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

// times reads a time or a range at the current token.
func (p *parser) times() (bool, error) {
	start, ok, err := p.clock()
	if err != nil || !ok {
		return false, err
	}
	if p.start != nil {
		return false, fmt.Errorf("%w: two times", ErrAmbiguous)
	}
	p.start = &start
	if !(p.isSym(0, '-') || p.peek(0).k == kTo) {
		return true, nil
	}
	p.i++
	end, ok, err := p.clock()
	if err != nil {
		return false, err
	}
	if !ok {
		return false, fmt.Errorf("%w: range without an end", ErrUnknown)
	}
	p.end = &end
	return true, nil
}

// clock reads one time of day: 9:00, 9am, 7:30pm, 下午3点半, 9点15分, 中午.
func (p *parser) clock() (clock, bool, error) {
	var c clock
	if t := p.peek(0); t.k == kPeriod {
		c.per = period(t.val)
		p.i++
	}
	h := p.peek(0)
	if h.k != kNum || h.n > 2 {
		if c.per == perNoon {
			return clock{h: 12, per: perNoon}, true, nil
		}
		if c.per != perNone {
			return c, false, fmt.Errorf("%w: a part of the day without a time", ErrAmbiguous)
		}
		return c, false, nil
	}
	p.i++
	c.h = h.val
	switch {
	case p.isSym(0, ':'):
		m := p.peek(1)
		if m.k != kNum || m.n != 2 {
			return c, false, fmt.Errorf("%w: minutes", ErrUnknown)
		}
		c.m = m.val
		p.i += 2
	case p.peek(0).k == kClock:
		p.i++
		switch m := p.peek(0); {
		case m.k == kHalf:
			c.m = 30
			p.i++
		case m.k == kNum && p.peek(1).k == kQuarter:
			c.m = m.val * 15
			p.i += 2
		case m.k == kNum && m.n <= 2:
			c.m = m.val
			p.i++
			if p.peek(0).k == kMinute {
				p.i++
			}
		}
	}
	if t := p.peek(0); t.k == kPeriod {
		if c.per != perNone && c.per != period(t.val) {
			return c, false, fmt.Errorf("%w: two parts of the day", ErrAmbiguous)
		}
		c.per = period(t.val)
		p.i++
		if c.h > 12 { // 13pm
			return c, false, fmt.Errorf("%w: %d with am/pm", ErrUnknown, c.h)
		}
	}
	if c.h > 23 || c.m > 59 || c.m < 0 {
		return c, false, fmt.Errorf("%w: no such time %d:%02d", ErrUnknown, c.h, c.m)
	}
	return c, true, nil
}

// minutes turns a clock into minutes after midnight of its day. It may be
// 1440 (晚上12点: midnight at the end of the day).
func (c clock) minutes() (int, error) {
	h := c.h
	bad := fmt.Errorf("%w: no such time %d %s", ErrUnknown, c.h, "with that part of the day")
	switch c.per {
	case perAM, perSmall:
		if h > 12 {
			return 0, bad
		}
		if h == 12 {
			h = 0
		}
	case perMorning:
		if h > 12 {
			return 0, bad
		}
	case perNoon:
		if h >= 1 && h <= 4 {
			h += 12
		}
	case perPM:
		if h == 0 {
			return 0, bad
		}
		if h < 12 {
			h += 12
		}
	case perEvening:
		if h == 0 || h == 12 {
			h = 24
		} else if h < 12 {
			h += 12
		}
	}
	return h*60 + c.m, nil
}
