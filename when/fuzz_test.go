package when

import (
	"testing"
	"time"
)

// FuzzParse checks that Parse never panics, that whatever it accepts
// starts after now and, with an end, ends after the start within a day on
// the wall clock (so within 25 hours when the clocks go back), and that
// Describe writes it in a way Parse reads back as the same times.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"明天 9:00", "后天下午3点半", "周六 9点到11点", "下周三 14:00", "12月5日 9:00-11:30",
		"2026-12-05 09:00-11:00", "2026/12/05 9:00", "十二月五日 上午九点", "今晚 20:00-02:00",
		"tomorrow 9am", "today 7:30pm", "Sat 9-11", "next Wed 14:00", "5 Dec 9:00-11:00",
		"Dec 5, 2027 9:00", "12-05 09:00", "3/4 9:00", "２０２６－１２－０５　０９：００",
		"晚上12点到1点", "5号 9:00", "2月29日 9:00", "",
		"周四 19:30-21:00", "明天 22:00-次日07:00", "tomorrow 10pm-7am next day", "明天 22:00-24:00",
		"12月8日（周二）09:00-11:00", "Tue 5 Jan 2027 09:00",
	} {
		f.Add(s, uint16(0), false)
	}
	f.Add("明天 02:30-03:00", uint16(2064), true) // now 2026-03-28 10:00 in Berlin
	f.Add("明天 01:30-02:30", uint16(7104), true) // now 2026-10-24, the day before summer time ends
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		f.Fatal(err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		f.Fatal(err)
	}
	// now is 2026-01-01 10:00 plus some hours (up to about 7 years), in
	// Shanghai or in Berlin (which changes to and from summer time).
	f.Fuzz(func(t *testing.T, s string, hours uint16, inBerlin bool) {
		loc := shanghai
		if inBerlin {
			loc = berlin
		}
		now := time.Date(2026, 1, 1, 10, 0, 0, 0, loc).Add(time.Duration(hours) * time.Hour)
		sp, err := Parse(s, now, loc)
		if err != nil {
			return
		}
		if !sp.Start.After(now) {
			t.Fatalf("%q: start %v not after now", s, sp.Start)
		}
		if sp.Start.Location() != loc {
			t.Fatalf("%q: start in %v", s, sp.Start.Location())
		}
		if sp.HasEnd && (!sp.End.After(sp.Start) || sp.End.Sub(sp.Start) > 25*time.Hour) {
			t.Fatalf("%q: start %v end %v", s, sp.Start, sp.End)
		}
		if !sp.HasEnd && !sp.End.IsZero() {
			t.Fatalf("%q: end %v without HasEnd", s, sp.End)
		}
		for _, lang := range []string{"zh", "en"} {
			text := Describe(sp, lang, now, loc)
			back, err := Parse(text, now, loc)
			if err != nil || !back.Start.Equal(sp.Start) || back.HasEnd != sp.HasEnd || !back.End.Equal(sp.End) {
				t.Fatalf("%q: %+v written %q, read back %+v, %v", s, sp, text, back, err)
			}
		}
	})
}
