package when

import (
	"errors"
	"fmt"
)

// ClockRange is a time range without a day, in minutes after midnight
// (0 to 1439). Overnight says the end is on the next day (22:00-02:00, and
// 22:00-24:00, whose End is 0).
type ClockRange struct {
	Start, End int
	Overnight  bool
}

// Minutes is how long the range lasts on the wall clock.
func (r ClockRange) Minutes() int {
	if r.Overnight {
		return r.End + 24*60 - r.Start
	}
	return r.End - r.Start
}

// ParseClock reads a time of day alone, such as 20:00, 8点, 晚上8点,
// 下午3点半, 8pm or 19:30, with the rules of Parse for the part of the day;
// a bare hour ("8") is 24-hour. It gives minutes after midnight (0 to
// 1439; 晚上12点 is 0). A day is ErrUnknown, as is a range.
func ParseClock(text string) (int, error) {
	p, err := read(text)
	if err != nil {
		return 0, err
	}
	if err := clockOnly(p); err != nil {
		return 0, err
	}
	if p.end != nil {
		return 0, fmt.Errorf("%w: a range, not one time", ErrUnknown)
	}
	m, err := p.start.minutes()
	if err != nil {
		return 0, err
	}
	return m % (24 * 60), nil
}

// ParseClockRange reads a time range without a day, such as 19:30-21:00,
// 晚上7点到9点 or 7-9pm, with the rules of Parse: the part of the day is
// lent from one end to the other, an end before 06:00 after a start from
// 18:00 on is on the next day (22:00-02:00), and so is an end marked 次日
// or "next day" (22:00-次日07:00). Other ends at or before the start are
// ErrEndBeforeStart. A single time or a day is ErrUnknown.
func ParseClockRange(text string) (ClockRange, error) {
	p, err := read(text)
	if err != nil {
		return ClockRange{}, err
	}
	if err := clockOnly(p); err != nil {
		return ClockRange{}, err
	}
	if p.end == nil {
		return ClockRange{}, fmt.Errorf("%w: one time, not a range", ErrUnknown)
	}
	from, to, err := rangeMinutes(*p.start, p.end, p.nextDay)
	if err != nil {
		return ClockRange{}, err
	}
	const day = 24 * 60
	if from >= day { // 晚上12点到2点: from midnight ending the day
		from, to = from-day, to-day
	}
	return ClockRange{Start: from, End: to % day, Overnight: to >= day}, nil
}

// clockOnly checks that what was read is a time and no day.
func clockOnly(p *parser) error {
	switch {
	case p.day != nil:
		return fmt.Errorf("%w: a day where a time of day alone is asked", ErrUnknown)
	case p.start == nil:
		return fmt.Errorf("%w: no time", ErrUnknown)
	}
	return nil
}

// ParseNightRange reads a time range that may run past midnight however
// its end reads, as quiet hours do: 21:30-07:30, 晚上10点到早上7点,
// 10pm-7am. It is ParseClockRange, except that an end at or before the
// start is on the next day. A single time or a day is ErrUnknown.
func ParseNightRange(text string) (ClockRange, error) {
	p, err := read(text)
	if err != nil {
		return ClockRange{}, err
	}
	if err := clockOnly(p); err != nil {
		return ClockRange{}, err
	}
	if p.end == nil {
		return ClockRange{}, fmt.Errorf("%w: one time, not a range", ErrUnknown)
	}
	from, to, err := rangeMinutes(*p.start, p.end, p.nextDay)
	if errors.Is(err, ErrEndBeforeStart) {
		from, to, err = rangeMinutes(*p.start, p.end, true)
	}
	if err != nil {
		return ClockRange{}, err
	}
	const day = 24 * 60
	if from >= day {
		from, to = from-day, to-day
	}
	return ClockRange{Start: from, End: to % day, Overnight: to >= day}, nil
}
