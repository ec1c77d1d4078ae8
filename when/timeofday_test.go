package when

import (
	"errors"
	"testing"
)

func TestParseClock(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
		err  error
	}{
		{in: "20:00", want: 20 * 60},
		{in: "8点", want: 8 * 60},
		{in: "晚上8点", want: 20 * 60},
		{in: "8pm", want: 20 * 60},
		{in: "at 8 p.m.", want: 20 * 60},
		{in: "下午3点半", want: 15*60 + 30},
		{in: "19:30", want: 19*60 + 30},
		{in: "9", want: 9 * 60},
		{in: "九点一刻", want: 9*60 + 15},
		{in: "早上七点", want: 7 * 60},
		{in: "7:30am", want: 7*60 + 30},
		{in: "12am", want: 0},
		{in: "12pm", want: 12 * 60},
		{in: "noon", want: 12 * 60},
		{in: "中午", want: 12 * 60},
		{in: "中午1点", want: 13 * 60},
		{in: "凌晨3点", want: 3 * 60},
		{in: "晚上12点", want: 0},
		{in: "0:00", want: 0},
		{in: "23:59", want: 23*60 + 59},
		{in: "８：３０", want: 8*60 + 30},

		{in: "", err: ErrEmpty},
		{in: "xyz", err: ErrUnknown},
		{in: "24:00", err: ErrUnknown},
		{in: "25:00", err: ErrUnknown},
		{in: "9:60", err: ErrUnknown},
		{in: "13pm", err: ErrUnknown},
		{in: "明天 8点", err: ErrUnknown},
		{in: "明天", err: ErrUnknown},
		{in: "12月5日", err: ErrUnknown},
		{in: "19:30-21:00", err: ErrUnknown},
		{in: "晚上", err: ErrAmbiguous},
		{in: "8:00 9:00", err: ErrAmbiguous},
	} {
		got, err := ParseClock(c.in)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("ParseClock(%q): err %v, want %v", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseClock(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
}

func TestParseClockRange(t *testing.T) {
	for _, c := range []struct {
		in   string
		want ClockRange
		err  error
	}{
		{in: "19:30-21:00", want: ClockRange{Start: 19*60 + 30, End: 21 * 60}},
		{in: "19:30 至 21:00", want: ClockRange{Start: 19*60 + 30, End: 21 * 60}},
		{in: "19:30~21:00", want: ClockRange{Start: 19*60 + 30, End: 21 * 60}},
		{in: "晚上7点到9点", want: ClockRange{Start: 19 * 60, End: 21 * 60}},
		{in: "7-9pm", want: ClockRange{Start: 19 * 60, End: 21 * 60}},
		{in: "7pm to 9pm", want: ClockRange{Start: 19 * 60, End: 21 * 60}},
		{in: "9-11", want: ClockRange{Start: 9 * 60, End: 11 * 60}},
		{in: "下午3点到5点", want: ClockRange{Start: 15 * 60, End: 17 * 60}},
		{in: "11-1pm", want: ClockRange{Start: 11 * 60, End: 13 * 60}},
		{in: "9点到下午3点", want: ClockRange{Start: 9 * 60, End: 15 * 60}},
		{in: "22:00-02:00", want: ClockRange{Start: 22 * 60, End: 2 * 60, Overnight: true}},
		{in: "晚上10点到2点", want: ClockRange{Start: 22 * 60, End: 2 * 60, Overnight: true}},
		{in: "晚上10点到12点", want: ClockRange{Start: 22 * 60, End: 0, Overnight: true}},
		{in: "22:00-24:00", want: ClockRange{Start: 22 * 60, End: 0, Overnight: true}},
		{in: "22:00-次日07:00", want: ClockRange{Start: 22 * 60, End: 7 * 60, Overnight: true}},
		{in: "晚上10点到第二天早上7点", want: ClockRange{Start: 22 * 60, End: 7 * 60, Overnight: true}},
		{in: "10pm-7am next day", want: ClockRange{Start: 22 * 60, End: 7 * 60, Overnight: true}},
		{in: "9:00-次日9:00", want: ClockRange{Start: 9 * 60, End: 9 * 60, Overnight: true}},
		{in: "晚上12点到2点", want: ClockRange{Start: 0, End: 2 * 60}},

		{in: "", err: ErrEmpty},
		{in: "9:00", err: ErrUnknown},
		{in: "22:00-", err: ErrUnknown},
		{in: "明天 9:00-11:00", err: ErrUnknown},
		{in: "24:00-02:00", err: ErrUnknown},
		{in: "9:00-次日10:00", err: ErrUnknown},
		{in: "20:00-07:00", err: ErrEndBeforeStart},
		{in: "11:00-10:00", err: ErrEndBeforeStart},
		{in: "9:00-9:00", err: ErrEndBeforeStart},
		{in: "17:00-02:00", err: ErrEndBeforeStart},
		{in: "下午3点到2点", err: ErrEndBeforeStart},
	} {
		got, err := ParseClockRange(c.in)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("ParseClockRange(%q): err %v, want %v", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseClockRange(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
}

func TestClockRangeMinutes(t *testing.T) {
	for _, c := range []struct {
		r    ClockRange
		want int
	}{
		{ClockRange{Start: 19*60 + 30, End: 21 * 60}, 90},
		{ClockRange{Start: 22 * 60, End: 2 * 60, Overnight: true}, 240},
		{ClockRange{Start: 22 * 60, End: 0, Overnight: true}, 120},
		{ClockRange{Start: 9 * 60, End: 9 * 60, Overnight: true}, 24 * 60},
	} {
		if got := c.r.Minutes(); got != c.want {
			t.Errorf("%+v.Minutes() = %d, want %d", c.r, got, c.want)
		}
	}
}
