package when

import (
	"testing"
	"time"
)

// Now is Monday 2026-11-30 10:00 in Shanghai.
func TestDescribe(t *testing.T) {
	loc := shanghai(t)
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, loc)
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, loc) }
	span := func(s, e time.Time) Span { return Span{Start: s, End: e, HasEnd: true} }
	for _, c := range []struct {
		sp     Span
		zh, en string
	}{
		{span(at(2026, 12, 8, 9, 0), at(2026, 12, 8, 11, 0)), "12月8日（周二）09:00-11:00", "Tue 8 Dec 09:00-11:00"},
		{Span{Start: at(2027, 1, 5, 9, 0)}, "2027年1月5日（周二）09:00", "Tue 5 Jan 2027 09:00"},
		{Span{Start: at(2026, 11, 30, 19, 30)}, "11月30日（周一）19:30", "Mon 30 Nov 19:30"},
		{Span{Start: at(2025, 11, 30, 8, 5)}, "2025年11月30日（周日）08:05", "Sun 30 Nov 2025 08:05"},
		{span(at(2026, 12, 1, 22, 0), at(2026, 12, 2, 0, 0)), "12月1日（周二）22:00-24:00", "Tue 1 Dec 22:00-24:00"},
		{span(at(2026, 12, 1, 22, 0), at(2026, 12, 2, 7, 0)), "12月1日（周二）22:00-次日07:00", "Tue 1 Dec 22:00-07:00 next day"},
		{span(at(2026, 12, 31, 22, 0), at(2027, 1, 1, 2, 0)), "12月31日（周四）22:00-次日02:00", "Thu 31 Dec 22:00-02:00 next day"},
		{span(at(2026, 12, 8, 9, 0), at(2026, 12, 10, 11, 0)), "12月8日（周二）09:00至12月10日（周四）11:00", "Tue 8 Dec 09:00 to Thu 10 Dec 11:00"},
		{span(at(2026, 12, 1, 9, 0), at(2026, 12, 2, 10, 0)), "12月1日（周二）09:00至12月2日（周三）10:00", "Tue 1 Dec 09:00 to Wed 2 Dec 10:00"},
		{span(at(2026, 12, 31, 9, 0), at(2027, 1, 2, 9, 0)), "12月31日（周四）09:00至2027年1月2日（周六）09:00", "Thu 31 Dec 09:00 to Sat 2 Jan 2027 09:00"},
		// a start given in another zone is written in loc
		{Span{Start: time.Date(2026, 12, 8, 1, 0, 0, 0, time.UTC)}, "12月8日（周二）09:00", "Tue 8 Dec 09:00"},
	} {
		if got := Describe(c.sp, "zh", now, loc); got != c.zh {
			t.Errorf("Describe(%v, zh) = %q, want %q", c.sp, got, c.zh)
		}
		if got := Describe(c.sp, "en", now, loc); got != c.en {
			t.Errorf("Describe(%v, en) = %q, want %q", c.sp, got, c.en)
		}
	}
	// any language but Chinese is written in English; a nil loc is now's zone
	if got, want := Describe(Span{Start: at(2026, 12, 8, 9, 0)}, "fr", now, nil), "Tue 8 Dec 09:00"; got != want {
		t.Errorf("Describe(fr) = %q, want %q", got, want)
	}
}

func TestDescribeDate(t *testing.T) {
	loc := shanghai(t)
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, loc)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, loc) }
	for _, c := range []struct {
		day    time.Time
		zh, en string
	}{
		{day(2026, 12, 20), "12月20日（周日）", "Sun 20 Dec"},
		{day(2027, 1, 1), "2027年1月1日（周五）", "Fri 1 Jan 2027"},
		{day(2026, 1, 1), "1月1日（周四）", "Thu 1 Jan"},
		{time.Date(2026, 12, 19, 16, 0, 0, 0, time.UTC), "12月20日（周日）", "Sun 20 Dec"}, // midnight in Shanghai
	} {
		if got := DescribeDate(c.day, "zh", now, loc); got != c.zh {
			t.Errorf("DescribeDate(%v, zh) = %q, want %q", c.day, got, c.zh)
		}
		if got := DescribeDate(c.day, "en", now, loc); got != c.en {
			t.Errorf("DescribeDate(%v, en) = %q, want %q", c.day, got, c.en)
		}
	}
}

func TestDescribeDateRange(t *testing.T) {
	loc := shanghai(t)
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, loc)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, loc) }
	for _, c := range []struct {
		r      DateRange
		zh, en string
	}{
		{DateRange{day(2026, 11, 1), day(2026, 11, 30)}, "11月1日（周日）至11月30日（周一）", "Sun 1 Nov to Mon 30 Nov"},
		{DateRange{day(2026, 12, 20), day(2027, 1, 5)}, "2026年12月20日（周日）至2027年1月5日（周二）", "Sun 20 Dec 2026 to Tue 5 Jan 2027"},
		{DateRange{day(2025, 12, 1), day(2025, 12, 31)}, "2025年12月1日（周一）至2025年12月31日（周三）", "Mon 1 Dec 2025 to Wed 31 Dec 2025"},
		{DateRange{day(2026, 12, 1), day(2026, 12, 1)}, "12月1日（周二）", "Tue 1 Dec"},
	} {
		if got := DescribeDateRange(c.r, "zh", now, loc); got != c.zh {
			t.Errorf("DescribeDateRange(%v, zh) = %q, want %q", c.r, got, c.zh)
		}
		if got := DescribeDateRange(c.r, "en", now, loc); got != c.en {
			t.Errorf("DescribeDateRange(%v, en) = %q, want %q", c.r, got, c.en)
		}
	}
}

func TestDescribeClock(t *testing.T) {
	for _, c := range []struct {
		min  int
		want string
	}{{20 * 60, "20:00"}, {0, "00:00"}, {9*60 + 5, "09:05"}, {23*60 + 59, "23:59"}} {
		if got := DescribeClock(c.min); got != c.want {
			t.Errorf("DescribeClock(%d) = %q, want %q", c.min, got, c.want)
		}
	}
	for _, c := range []struct {
		r      ClockRange
		zh, en string
	}{
		{ClockRange{Start: 19*60 + 30, End: 21 * 60}, "19:30-21:00", "19:30-21:00"},
		{ClockRange{Start: 22 * 60, End: 2 * 60, Overnight: true}, "22:00-次日02:00", "22:00-02:00 next day"},
		{ClockRange{Start: 22 * 60, End: 0, Overnight: true}, "22:00-24:00", "22:00-24:00"},
	} {
		if got := DescribeClockRange(c.r, "zh"); got != c.zh {
			t.Errorf("DescribeClockRange(%+v, zh) = %q, want %q", c.r, got, c.zh)
		}
		if got := DescribeClockRange(c.r, "en"); got != c.en {
			t.Errorf("DescribeClockRange(%+v, en) = %q, want %q", c.r, got, c.en)
		}
	}
}

// What Describe writes is read back as the same times, so a person may
// copy a confirmation.
func TestDescribeReadBack(t *testing.T) {
	loc := shanghai(t)
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, loc)
	for _, in := range []string{"明天 9:00", "周四 19:30-21:00", "12月8日 9:00-11:00", "2027-01-05 09:00",
		"明天晚上10点到12点", "今晚 22:00-02:00", "12月31日 22:00-次日07:00", "tomorrow 9am"} {
		sp, err := Parse(in, now, loc)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		for _, lang := range []string{"zh", "en"} {
			text := Describe(sp, lang, now, loc)
			back, err := Parse(text, now, loc)
			if err != nil || !back.Start.Equal(sp.Start) || back.HasEnd != sp.HasEnd || !back.End.Equal(sp.End) {
				t.Errorf("%q → %q → %+v, %v; want %+v", in, text, back, err, sp)
			}
		}
	}
	for _, in := range []string{"本月", "12月20日到1月5日", "周一到周五", "明天"} {
		r, err := ParseDateRange(in, now, loc)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		for _, lang := range []string{"zh", "en"} {
			text := DescribeDateRange(r, lang, now, loc)
			if back, err := ParseDateRange(text, now, loc); err != nil || !back.First.Equal(r.First) || !back.Last.Equal(r.Last) {
				t.Errorf("%q → %q → %+v, %v; want %+v", in, text, back, err, r)
			}
		}
	}
	for _, in := range []string{"19:30-21:00", "22:00-02:00", "晚上10点到12点", "22:00-次日07:00"} {
		r, err := ParseClockRange(in)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		for _, lang := range []string{"zh", "en"} {
			text := DescribeClockRange(r, lang)
			if back, err := ParseClockRange(text); err != nil || back != r {
				t.Errorf("%q → %q → %+v, %v; want %+v", in, text, back, err, r)
			}
		}
	}
}
