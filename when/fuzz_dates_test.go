package when

import (
	"testing"
	"time"
)

// fuzzNow is 2026-01-01 10:00 plus some hours (up to about 7 years), in
// Shanghai or in Berlin (which changes to and from summer time).
func fuzzNow(f *testing.F) func(hours uint16, inBerlin bool) (time.Time, *time.Location) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		f.Fatal(err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		f.Fatal(err)
	}
	return func(hours uint16, inBerlin bool) (time.Time, *time.Location) {
		loc := shanghai
		if inBerlin {
			loc = berlin
		}
		return time.Date(2026, 1, 1, 10, 0, 0, 0, loc).Add(time.Duration(hours) * time.Hour), loc
	}
}

// isMidnight says whether t is the start of its day in loc.
func isMidnight(t time.Time, loc *time.Location) bool {
	return t.Location() == loc && t.Equal(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc))
}

// FuzzParseDate checks that ParseDate and ParsePastDate never panic, that
// a day they accept is the start of a day on the side of today they read,
// and that DescribeDate writes it in a way they read back as the same day.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"明天", "周四", "下周四", "上周四", "12月20日", "12/20", "12-20", "2026-12-20", "20号", "昨天",
		"tomorrow", "Thu", "next Thu", "last Thu", "Dec 20", "20 Dec 2027", "12月5日（周六）", "2月29日",
		"11月", "明天 9:00", "",
	} {
		f.Add(s, uint16(0), false, false)
		f.Add(s, uint16(8000), true, true)
	}
	at := fuzzNow(f)
	f.Fuzz(func(t *testing.T, s string, hours uint16, inBerlin, past bool) {
		now, loc := at(hours, inBerlin)
		parse := ParseDate
		if past {
			parse = ParsePastDate
		}
		d, err := parse(s, now, loc)
		if err != nil {
			return
		}
		today := now.In(loc)
		today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, loc)
		if !isMidnight(d, loc) || (!past && d.Before(today)) || (past && d.After(today)) {
			t.Fatalf("%q (past %v) on %v: %v", s, past, now, d)
		}
		for _, lang := range []string{"zh", "en"} {
			text := DescribeDate(d, lang, now, loc)
			if back, err := parse(text, now, loc); err != nil || !back.Equal(d) {
				t.Fatalf("%q: %v written %q, read back %v, %v", s, d, text, back, err)
			}
		}
	})
}

// FuzzParseClock checks that ParseClock and ParseClockRange never panic,
// that what they accept is within a day, and that DescribeClock and
// DescribeClockRange write it in a way they read back the same.
func FuzzParseClock(f *testing.F) {
	for _, s := range []string{
		"20:00", "8点", "晚上8点", "8pm", "下午3点半", "19:30", "晚上12点", "24:00", "19:30-21:00",
		"晚上7点到9点", "7-9pm", "22:00-02:00", "22:00-24:00", "22:00-次日07:00", "10pm-7am next day",
		"晚上12点到2点", "9:00-次日9:00", "明天 9:00", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if m, err := ParseClock(s); err == nil {
			if m < 0 || m >= 24*60 {
				t.Fatalf("%q: %d", s, m)
			}
			if back, err := ParseClock(DescribeClock(m)); err != nil || back != m {
				t.Fatalf("%q: %d written %q, read back %d, %v", s, m, DescribeClock(m), back, err)
			}
		}
		r, err := ParseClockRange(s)
		if err != nil {
			return
		}
		if r.Start < 0 || r.Start >= 24*60 || r.End < 0 || r.End >= 24*60 || r.Minutes() <= 0 || r.Minutes() > 24*60 ||
			(!r.Overnight && r.End <= r.Start) {
			t.Fatalf("%q: %+v", s, r)
		}
		for _, lang := range []string{"zh", "en"} {
			text := DescribeClockRange(r, lang)
			if back, err := ParseClockRange(text); err != nil || back != r {
				t.Fatalf("%q: %+v written %q, read back %+v, %v", s, r, text, back, err)
			}
		}
	})
}

// FuzzParseDateRange checks that ParseDateRange and ParsePastDateRange
// never panic, that a period they accept runs forward from the start of a
// day, is not over (or has begun, for the past), and that
// DescribeDateRange writes it in a way they read back as the same days.
func FuzzParseDateRange(f *testing.F) {
	for _, s := range []string{
		"2026-11-01 to 2026-11-30", "11月1日到11月30日", "11月1日-30日", "Nov 1 - Nov 30", "Nov 1-30",
		"2026-11", "11月", "2026年11月", "Nov 2026", "上个月", "last month", "本月", "this month", "下周",
		"周一到周五", "12月20日到1月5日", "11月到12月", "2026-11-2027-01", "11月30日到11月1日", "明天", "",
	} {
		f.Add(s, uint16(0), false, false)
		f.Add(s, uint16(8000), true, true)
	}
	at := fuzzNow(f)
	f.Fuzz(func(t *testing.T, s string, hours uint16, inBerlin, past bool) {
		now, loc := at(hours, inBerlin)
		parse := ParseDateRange
		if past {
			parse = ParsePastDateRange
		}
		r, err := parse(s, now, loc)
		if err != nil {
			return
		}
		today := now.In(loc)
		today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, loc)
		if !isMidnight(r.First, loc) || !isMidnight(r.Last, loc) || r.Last.Before(r.First) ||
			(!past && r.Last.Before(today)) || (past && r.First.After(today)) || !r.End().After(r.Last) {
			t.Fatalf("%q (past %v) on %v: %v .. %v", s, past, now, r.First, r.Last)
		}
		for _, lang := range []string{"zh", "en"} {
			text := DescribeDateRange(r, lang, now, loc)
			if back, err := parse(text, now, loc); err != nil || !back.First.Equal(r.First) || !back.Last.Equal(r.Last) {
				t.Fatalf("%q: %v .. %v written %q, read back %+v, %v", s, r.First, r.Last, text, back, err)
			}
		}
	})
}
