package when

import (
	"fmt"
	"time"
)

// DateRange is a run of whole days in a zone: First and Last are the
// starts of its first and last day (equal for one day).
type DateRange struct {
	First, Last time.Time
}

// End is the start of the day after Last: t is in the range when
// !t.Before(r.First) && t.Before(r.End()).
func (r DateRange) End() time.Time {
	return time.Date(r.Last.Year(), r.Last.Month(), r.Last.Day()+1, 0, 0, 0, 0, r.Last.Location())
}

// ParseDateRange reads a period of days: two days joined by 到, 至, -, ~ or
// "to" ("2026-11-01 to 2026-11-30", "11月1日到11月30日", "11月1日-30日",
// "Nov 1 - Nov 30", "Nov 1-30", "周一到周五"); a month ("2026-11", "11月",
// "2026年11月", "Nov 2026", "Nov"), a month or week counted from now (本月,
// 上个月, 下个月, 本周, 上周, this month, last month, next week) or a
// single day, each as a whole; or two months ("11月到12月").
//
// Days and months without a year, and weekdays, are placed so that the
// period is not over yet: the end is the next such day or month, today
// included, and the start the last such one on or before the end. An end
// before the start is ErrEndBeforeStart; a period wholly before today is
// ErrPast.
func ParseDateRange(text string, now time.Time, loc *time.Location) (DateRange, error) {
	return parseDateRange(text, now, loc, ahead)
}

// ParsePastDateRange reads a period like ParseDateRange, for a period that
// has begun, as an audit or export filter wants: the start is the last
// such day or month, today included, and the end the next one on or after
// the start ("11月" in March is last November). A period that starts after
// today is ErrFuture.
func ParsePastDateRange(text string, now time.Time, loc *time.Location) (DateRange, error) {
	return parseDateRange(text, now, loc, back)
}

func parseDateRange(text string, now time.Time, loc *time.Location, w dir) (DateRange, error) {
	if loc == nil {
		loc = now.Location()
	}
	toks, err := tokens(text)
	if err != nil {
		return DateRange{}, err
	}
	p := &parser{toks: toks, dateOnly: true}
	s1, err := p.side(false)
	if err != nil {
		return DateRange{}, err
	}
	s2 := s1
	two := p.i < len(p.toks)
	if two {
		if !p.atSep(0) {
			return DateRange{}, fmt.Errorf("%w: unexpected text", ErrUnknown)
		}
		p.i++
		if s2, err = p.side(true); err != nil {
			return DateRange{}, err
		}
		if p.i < len(p.toks) {
			return DateRange{}, fmt.Errorf("%w: more than two days", ErrUnknown)
		}
		if s2, err = endDay(s1, s2); err != nil {
			return DateRange{}, err
		}
	}
	today := civilDay(now.In(loc))
	var f1, l2 time.Time
	if !two {
		f1, l2, err = s1.place(today, today, w)
	} else {
		f1, l2, err = placeBoth(s1, s2, today, w)
	}
	if err != nil {
		return DateRange{}, err
	}
	// An end before the start, or in the start's month a year on
	// (11月30日到11月1日), was typed the wrong way round.
	if l2.Before(f1) || two && f1.Month() == l2.Month() && f1.Year() != l2.Year() && !(s1.fixed() && s2.fixed()) {
		return DateRange{}, ErrEndBeforeStart
	}
	if err := checkSide(f1, l2, today, w); err != nil {
		return DateRange{}, err
	}
	return DateRange{First: startOf(f1, loc), Last: startOf(l2, loc)}, nil
}

// placeBoth places the two sides of a range: a side fixed by itself first,
// the other from it. With both sides floating, the end is placed from
// today (ahead) or the start is (back).
func placeBoth(s1, s2 sideSpec, today time.Time, w dir) (time.Time, time.Time, error) {
	if s1.fixed() || (!s2.fixed() && w == back) {
		f1, _, err := s1.place(today, today, w)
		if err != nil {
			return f1, f1, err
		}
		_, l2, err := s2.place(today, f1, ahead)
		return f1, l2, err
	}
	_, l2, err := s2.place(today, today, w)
	if err != nil {
		return l2, l2, err
	}
	f1, _, err := s1.place(today, l2, back)
	return f1, l2, err
}

// endDay reads a day of the month ending a range (Nov 1-30, 11月1日-30日)
// as a day of the start's month. A bare number must come after the start;
// 25日到5号 is the next 5th.
func endDay(s1, s2 sideSpec) (sideSpec, error) {
	num := s2.kind == sideDayNum
	if !num && (s2.kind != sideDay || s2.day.kind != dayOfMonth) {
		return s2, nil
	}
	if s1.kind != sideDay || s1.day.kind != dayDate {
		if num {
			return s2, fmt.Errorf("%w: a day number after something other than a date", ErrUnknown)
		}
		return s2, nil
	}
	if s2.day.d < s1.day.d {
		if num {
			return s2, ErrEndBeforeStart
		}
		return s2, nil
	}
	d := s1.day
	d.d = s2.day.d
	return sideSpec{kind: sideDay, day: d, check: s2.check}, nil
}
