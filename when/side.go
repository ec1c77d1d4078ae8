package when

import (
	"fmt"
	"time"
)

// sideKind says what one side of a date range is.
type sideKind int

const (
	sideDay      sideKind = iota // a day, with a weekday typed next to it as a check
	sideMonth                    // a month: y (0: none), m
	sideRelMonth                 // a month counted from this one: off
	sideRelWeek                  // a week (Monday to Sunday) counted from this one: off
	sideDayNum                   // a bare day number ending a range (Nov 1-30): day.d
)

// sideSpec is a day or a period as typed, before it is placed in time.
type sideSpec struct {
	kind  sideKind
	day   daySpec
	check *time.Weekday
	y, m  int
	off   int
}

// atSep says whether the token at off ends a side: a separator or the end.
func (p *parser) atSep(off int) bool {
	t := p.peek(off)
	return t.k == -1 || t.k == kTo || p.isSym(off, '-')
}

// side reads one side of a date range, stopping at a separator or the end.
// The end of a range may be a bare day number (Nov 1-30).
func (p *parser) side(end bool) (sideSpec, error) {
	if s, ok := p.period(); ok {
		return s, nil
	}
	if t := p.peek(0); end && t.k == kNum && t.n <= 2 && p.peek(1).k == -1 {
		p.i++
		return sideSpec{kind: sideDayNum, day: daySpec{d: t.val}}, nil
	}
	p.day, p.check = nil, nil
	for !p.atSep(0) {
		d, err := p.date()
		if err != nil {
			return sideSpec{}, err
		}
		if d == nil {
			return sideSpec{}, fmt.Errorf("%w: unexpected text", ErrUnknown)
		}
		if err := p.setDay(*d); err != nil {
			return sideSpec{}, err
		}
	}
	if p.day == nil {
		return sideSpec{}, fmt.Errorf("%w: no day", ErrUnknown)
	}
	return sideSpec{kind: sideDay, day: *p.day, check: p.check}, nil
}

// period reads a month (2026-11, 2026年11月, 11月, Nov 2026, Nov) or a
// month or week counted from this one (上个月, this week).
func (p *parser) period() (sideSpec, bool) {
	t, u := p.peek(0), p.peek(1)
	switch {
	case (t.k == kThis || t.k == kNext || t.k == kLast) && (u.k == kMonthWord || u.k == kWeekWord):
		p.i += 2
		s := sideSpec{kind: sideRelMonth}
		if u.k == kWeekWord {
			s.kind = sideRelWeek
		}
		switch t.k {
		case kNext:
			s.off = 1
		case kLast:
			s.off = -1
		}
		return s, true
	case t.k == kMonth && !(u.k == kNum && u.n <= 2): // Nov, Nov 2026
		p.i++
		s := sideSpec{kind: sideMonth, m: t.val}
		if isYear(u) {
			s.y = u.val
			p.i++
		}
		return s, true
	case isYear(t) && u.k == kYearMark && p.peek(2).k == kNum && p.peek(2).n <= 2 &&
		p.peek(3).k == kMonthMark && p.peek(4).k != kNum: // 2026年11月
		p.i += 4
		return sideSpec{kind: sideMonth, y: t.val, m: p.peek(-2).val}, true
	case isYear(t) && u.k == kSym && u.sym != ':' && p.peek(2).k == kNum && p.peek(2).n <= 2 &&
		!(p.isSym(3, u.sym) && p.peek(4).k == kNum && p.peek(4).n <= 2): // 2026-11, 2026/11
		p.i += 3
		return sideSpec{kind: sideMonth, y: t.val, m: p.peek(-1).val}, true
	case t.k == kNum && t.n <= 2 && u.k == kMonthMark && p.peek(2).k != kNum: // 11月
		p.i += 2
		return sideSpec{kind: sideMonth, m: t.val}, true
	}
	return sideSpec{}, false
}

// fixed says whether the side is placed by itself, without an anchor.
func (s sideSpec) fixed() bool {
	switch s.kind {
	case sideMonth:
		return s.y != 0
	case sideDay:
		return s.day.kind != dayWeekday && s.day.kind != dayOfMonth && !(s.day.kind == dayDate && s.day.y == 0)
	}
	return true
}

// place gives the first and last civil day of the side. A side that is not
// fixed is the first such day or month not over on anchor (ahead), or the
// last begun on anchor (back).
func (s sideSpec) place(today, anchor time.Time, w dir) (time.Time, time.Time, error) {
	switch s.kind {
	case sideDay, sideDayNum:
		d := s.day
		if s.kind == sideDayNum {
			d.kind = dayOfMonth
		}
		c, err := placeDay(d, today, anchor, w)
		if err != nil {
			return c, c, err
		}
		if s.check != nil && c.Weekday() != *s.check {
			return c, c, fmt.Errorf("%w: %s is not a %s", ErrAmbiguous, c.Format("2006-01-02"), *s.check)
		}
		return c, c, nil
	case sideMonth:
		if s.m < 1 || s.m > 12 {
			return today, today, fmt.Errorf("%w: month %d", ErrUnknown, s.m)
		}
		if s.y != 0 {
			f, l := monthDays(s.y, s.m)
			return f, l, nil
		}
		f, l := monthDays(anchor.Year(), s.m)
		switch {
		case w == ahead && l.Before(anchor):
			f, l = monthDays(anchor.Year()+1, s.m)
		case w == back && f.After(anchor):
			f, l = monthDays(anchor.Year()-1, s.m)
		}
		return f, l, nil
	case sideRelMonth:
		f, l := monthDays(today.Year(), int(today.Month())+s.off)
		return f, l, nil
	}
	monday := today.AddDate(0, 0, -((int(today.Weekday())+6)%7)+7*s.off)
	return monday, monday.AddDate(0, 0, 6), nil
}

// monthDays is the first and last civil day of month m of year y (m may
// be out of 1..12 and is then counted on from y).
func monthDays(y, m int) (time.Time, time.Time) {
	f := time.Date(y, time.Month(m), 1, 12, 0, 0, 0, time.UTC)
	return f, f.AddDate(0, 1, -1)
}
