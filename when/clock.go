package when

import "fmt"

// clock is a time of day as typed: hour, minute and the part of the day.
type clock struct {
	h, m int
	per  period
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
	if p.peek(0).k == kNextDay { // 22:00-次日07:00
		p.nextDay = true
		p.i++
	}
	p.inEnd = true
	end, ok, err := p.clock()
	p.inEnd = false
	if err != nil {
		return false, err
	}
	if !ok {
		return false, fmt.Errorf("%w: range without an end", ErrUnknown)
	}
	p.end = &end
	if p.peek(0).k == kNext && p.peek(1).k == kDayWord { // 10pm-7am next day
		p.nextDay = true
		p.i += 2
	}
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
	if midnight := p.inEnd && c.h == 24 && c.m == 0; (c.h > 23 && !midnight) || c.m > 59 || c.m < 0 {
		return c, false, fmt.Errorf("%w: no such time %d:%02d", ErrUnknown, c.h, c.m)
	}
	return c, true, nil
}

// minutes turns a clock into minutes after midnight of its day. It may be
// 1440 (晚上12点, or 24:00 as an end: midnight at the end of the day).
func (c clock) minutes() (int, error) {
	h := c.h
	switch c.per {
	case perAM, perSmall: // 12am is 00:00
		if h > 12 {
			return 0, c.impossible()
		}
		h %= 12
	case perMorning: // 上午12点 is noon
		if h > 12 {
			return 0, c.impossible()
		}
	case perNoon: // 中午1点 is 13:00
		if h >= 1 && h <= 4 {
			h += 12
		}
	case perPM: // 下午3点, 3pm; 下午15点 stays 15:00
		if h == 0 {
			return 0, c.impossible()
		}
		if h < 12 {
			h += 12
		}
	case perEvening: // 晚上8点 is 20:00, 晚上12点 is midnight ending the day
		if h == 0 || h == 12 {
			h = 24
		} else if h < 12 {
			h += 12
		}
	}
	return h*60 + c.m, nil
}

func (c clock) impossible() error {
	return fmt.Errorf("%w: hour %d in that part of the day", ErrUnknown, c.h)
}
