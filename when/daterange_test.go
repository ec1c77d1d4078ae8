package when

import (
	"errors"
	"testing"
	"time"
)

type rangeCase struct {
	in          string
	first, last string // "2006-01-02"
	err         error
}

func runRangeCases(t *testing.T, name string, parse func(string, time.Time, *time.Location) (DateRange, error),
	now time.Time, loc *time.Location, cases []rangeCase) {
	t.Helper()
	for _, c := range cases {
		r, err := parse(c.in, now, loc)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("%s(%q): err %v, want %v", name, c.in, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s(%q): %v", name, c.in, err)
			continue
		}
		const layout = "2006-01-02 15:04"
		if f, l := r.First.Format(layout), r.Last.Format(layout); f != c.first+" 00:00" || l != c.last+" 00:00" {
			t.Errorf("%s(%q) = %s .. %s, want %s .. %s", name, c.in, f, l, c.first, c.last)
		}
		if r.First.Location() != loc || r.Last.Location() != loc {
			t.Errorf("%s(%q): in %v, want %v", name, c.in, r.First.Location(), loc)
		}
	}
}

// Now is Monday 2026-11-30 10:00 in Shanghai.
func TestParseDateRange(t *testing.T) {
	loc := shanghai(t)
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, loc)
	runRangeCases(t, "ParseDateRange", ParseDateRange, now, loc, []rangeCase{
		{in: "2026-11-01 to 2026-11-30", first: "2026-11-01", last: "2026-11-30"},
		{in: "2026-11-01 - 2026-11-30", first: "2026-11-01", last: "2026-11-30"},
		{in: "2026/11/01~2026/11/30", first: "2026-11-01", last: "2026-11-30"},
		{in: "11月1日到11月30日", first: "2026-11-01", last: "2026-11-30"},
		{in: "11月1日至11月30日", first: "2026-11-01", last: "2026-11-30"},
		{in: "11月1日-30日", first: "2026-11-01", last: "2026-11-30"},
		{in: "11月1日到30号", first: "2026-11-01", last: "2026-11-30"},
		{in: "Nov 1 - Nov 30", first: "2026-11-01", last: "2026-11-30"},
		{in: "Nov 1-30", first: "2026-11-01", last: "2026-11-30"},
		{in: "1 Nov to 30 Nov", first: "2026-11-01", last: "2026-11-30"},
		{in: "11月1日（周日）至11月30日（周一）", first: "2026-11-01", last: "2026-11-30"},
		{in: "Sun 1 Nov to Mon 30 Nov", first: "2026-11-01", last: "2026-11-30"},
		{in: "2026-11", first: "2026-11-01", last: "2026-11-30"},
		{in: "2026/11", first: "2026-11-01", last: "2026-11-30"},
		{in: "2026年11月", first: "2026-11-01", last: "2026-11-30"},
		{in: "11月", first: "2026-11-01", last: "2026-11-30"},
		{in: "11月份", first: "2026-11-01", last: "2026-11-30"},
		{in: "十一月", first: "2026-11-01", last: "2026-11-30"},
		{in: "Nov 2026", first: "2026-11-01", last: "2026-11-30"},
		{in: "November", first: "2026-11-01", last: "2026-11-30"},
		{in: "本月", first: "2026-11-01", last: "2026-11-30"},
		{in: "这个月", first: "2026-11-01", last: "2026-11-30"},
		{in: "this month", first: "2026-11-01", last: "2026-11-30"},
		{in: "下个月", first: "2026-12-01", last: "2026-12-31"},
		{in: "next month", first: "2026-12-01", last: "2026-12-31"},
		{in: "12月", first: "2026-12-01", last: "2026-12-31"},
		{in: "1月", first: "2027-01-01", last: "2027-01-31"},
		{in: "10月", first: "2027-10-01", last: "2027-10-31"},
		{in: "2月", first: "2027-02-01", last: "2027-02-28"},
		{in: "本周", first: "2026-11-30", last: "2026-12-06"},
		{in: "this week", first: "2026-11-30", last: "2026-12-06"},
		{in: "下周", first: "2026-12-07", last: "2026-12-13"},
		{in: "next week", first: "2026-12-07", last: "2026-12-13"},
		{in: "明天", first: "2026-12-01", last: "2026-12-01"},
		{in: "12月20日", first: "2026-12-20", last: "2026-12-20"},
		{in: "今天到周五", first: "2026-11-30", last: "2026-12-04"},
		{in: "周一到周五", first: "2026-11-30", last: "2026-12-04"},
		{in: "Mon-Fri", first: "2026-11-30", last: "2026-12-04"},
		{in: "下周一到下周五", first: "2026-12-07", last: "2026-12-11"},
		{in: "12月20日到1月5日", first: "2026-12-20", last: "2027-01-05"},
		{in: "2026-12-20 to 01-05", first: "2026-12-20", last: "2027-01-05"},
		{in: "11月到12月", first: "2026-11-01", last: "2026-12-31"},
		{in: "12月到1月", first: "2026-12-01", last: "2027-01-31"},
		{in: "11月30日到1号", first: "2026-11-30", last: "2026-12-01"},
		{in: "2026-11 到 2027-01", first: "2026-11-01", last: "2027-01-31"},
		{in: "2026-11-2027-01", first: "2026-11-01", last: "2027-01-31"},
		{in: "2026-12-01 ~ 2026-12-31", first: "2026-12-01", last: "2026-12-31"},

		{in: "", err: ErrEmpty},
		{in: "xyz", err: ErrUnknown},
		{in: "上个月", err: ErrPast},
		{in: "last month", err: ErrPast},
		{in: "上周", err: ErrPast},
		{in: "昨天", err: ErrPast},
		{in: "2026-10", err: ErrPast},
		{in: "2026-10-01 to 2026-10-31", err: ErrPast},
		{in: "11月30日到11月1日", err: ErrEndBeforeStart},
		{in: "2026-11-30 to 2026-11-01", err: ErrEndBeforeStart},
		{in: "Nov 30-1", err: ErrEndBeforeStart},
		{in: "11月1日-31日", err: ErrUnknown},
		{in: "13月", err: ErrUnknown},
		{in: "2026-13", err: ErrUnknown},
		{in: "明天 9:00", err: ErrUnknown},
		{in: "2026-11-01 to", err: ErrUnknown},
		{in: "明天到后天到周五", err: ErrUnknown},
		{in: "本月 明天", err: ErrUnknown},
		{in: "周一到5", err: ErrUnknown},
		{in: "12月5日（周日）到12月6日", err: ErrAmbiguous},
	})
}

// Now is Monday 2026-11-30 10:00 in Shanghai: periods that have begun.
func TestParsePastDateRange(t *testing.T) {
	loc := shanghai(t)
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, loc)
	runRangeCases(t, "ParsePastDateRange", ParsePastDateRange, now, loc, []rangeCase{
		{in: "上个月", first: "2026-10-01", last: "2026-10-31"},
		{in: "上月", first: "2026-10-01", last: "2026-10-31"},
		{in: "last month", first: "2026-10-01", last: "2026-10-31"},
		{in: "本月", first: "2026-11-01", last: "2026-11-30"},
		{in: "11月", first: "2026-11-01", last: "2026-11-30"},
		{in: "12月", first: "2025-12-01", last: "2025-12-31"},
		{in: "1月", first: "2026-01-01", last: "2026-01-31"},
		{in: "2026-11", first: "2026-11-01", last: "2026-11-30"},
		{in: "2025-12", first: "2025-12-01", last: "2025-12-31"},
		{in: "Nov 2025", first: "2025-11-01", last: "2025-11-30"},
		{in: "上周", first: "2026-11-23", last: "2026-11-29"},
		{in: "last week", first: "2026-11-23", last: "2026-11-29"},
		{in: "本周", first: "2026-11-30", last: "2026-12-06"},
		{in: "11月1日到11月30日", first: "2026-11-01", last: "2026-11-30"},
		{in: "2026-11-01 to 2026-11-30", first: "2026-11-01", last: "2026-11-30"},
		{in: "12月20日到1月5日", first: "2025-12-20", last: "2026-01-05"},
		{in: "12月1日-31日", first: "2025-12-01", last: "2025-12-31"},
		{in: "Dec 1-31", first: "2025-12-01", last: "2025-12-31"},
		{in: "周一到周五", first: "2026-11-30", last: "2026-12-04"},
		{in: "上周一到今天", first: "2026-11-23", last: "2026-11-30"},
		{in: "昨天", first: "2026-11-29", last: "2026-11-29"},
		{in: "10月到11月", first: "2026-10-01", last: "2026-11-30"},

		{in: "下个月", err: ErrFuture},
		{in: "next week", err: ErrFuture},
		{in: "明天", err: ErrFuture},
		{in: "2026-12-01 to 2026-12-31", err: ErrFuture},
		{in: "2026-12", err: ErrFuture},
		{in: "", err: ErrEmpty},
	})
}

// Now is Sunday 2027-01-03 10:00, just after the turn of the year.
func TestParseDateRangeNewYear(t *testing.T) {
	loc := shanghai(t)
	now := time.Date(2027, 1, 3, 10, 0, 0, 0, loc)
	runRangeCases(t, "ParsePastDateRange", ParsePastDateRange, now, loc, []rangeCase{
		{in: "上个月", first: "2026-12-01", last: "2026-12-31"},
		{in: "12月", first: "2026-12-01", last: "2026-12-31"},
		{in: "本周", first: "2026-12-28", last: "2027-01-03"},
		{in: "12月20日到1月5日", first: "2026-12-20", last: "2027-01-05"},
	})
	runRangeCases(t, "ParseDateRange", ParseDateRange, now, loc, []rangeCase{
		{in: "12月", first: "2027-12-01", last: "2027-12-31"},
		{in: "上个月", err: ErrPast},
		{in: "12月20日到1月5日", first: "2026-12-20", last: "2027-01-05"},
		{in: "11月1日到11月30日", first: "2027-11-01", last: "2027-11-30"},
		{in: "2月", first: "2027-02-01", last: "2027-02-28"},
	})
}

func TestDateRangeEnd(t *testing.T) {
	loc := shanghai(t)
	r := DateRange{First: time.Date(2026, 11, 1, 0, 0, 0, 0, loc), Last: time.Date(2026, 11, 30, 0, 0, 0, 0, loc)}
	if got, want := r.End(), time.Date(2026, 12, 1, 0, 0, 0, 0, loc); !got.Equal(want) {
		t.Errorf("End() = %v, want %v", got, want)
	}
}
