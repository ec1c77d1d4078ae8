package when

import (
	"errors"
	"testing"
	"time"
)

type dateCase struct {
	in   string
	want string // "2006-01-02"
	err  error
}

func runDateCases(t *testing.T, name string, parse func(string, time.Time, *time.Location) (time.Time, error),
	now time.Time, loc *time.Location, cases []dateCase) {
	t.Helper()
	for _, c := range cases {
		got, err := parse(c.in, now, loc)
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
		if s := got.Format("2006-01-02 15:04"); s != c.want+" 00:00" {
			t.Errorf("%s(%q) = %s, want %s 00:00", name, c.in, s, c.want)
		}
		if got.Location() != loc {
			t.Errorf("%s(%q): in %v, want %v", name, c.in, got.Location(), loc)
		}
	}
}

// Now is Monday 2026-11-30 10:00 in Shanghai.
func TestParseDate(t *testing.T) {
	loc := shanghai(t)
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, loc)
	runDateCases(t, "ParseDate", ParseDate, now, loc, []dateCase{
		{in: "明天", want: "2026-12-01"},
		{in: "后天", want: "2026-12-02"},
		{in: "大后天", want: "2026-12-03"},
		{in: "今天", want: "2026-11-30"},
		{in: "周四", want: "2026-12-03"},
		{in: "星期一", want: "2026-11-30"},
		{in: "下周四", want: "2026-12-10"},
		{in: "下个星期三", want: "2026-12-09"},
		{in: "本周日", want: "2026-12-06"},
		{in: "12月20日", want: "2026-12-20"},
		{in: "12月20号", want: "2026-12-20"},
		{in: "十二月二十日", want: "2026-12-20"},
		{in: "12/20", want: "2026-12-20"},
		{in: "20/12", want: "2026-12-20"},
		{in: "12-20", want: "2026-12-20"},
		{in: "2026-12-20", want: "2026-12-20"},
		{in: "2026/12/20", want: "2026-12-20"},
		{in: "2026年12月20日", want: "2026-12-20"},
		{in: "２０２６－１２－２０", want: "2026-12-20"},
		{in: "11月30日", want: "2026-11-30"},
		{in: "11月29日", want: "2027-11-29"},
		{in: "1月3日", want: "2027-01-03"},
		{in: "2月29日", want: "2028-02-29"},
		{in: "20号", want: "2026-12-20"},
		{in: "30号", want: "2026-11-30"},
		{in: "31号", want: "2026-12-31"},
		{in: "12月5日（周六）", want: "2026-12-05"},
		{in: "tomorrow", want: "2026-12-01"},
		{in: "today", want: "2026-11-30"},
		{in: "Thu", want: "2026-12-03"},
		{in: "thursday", want: "2026-12-03"},
		{in: "next Thu", want: "2026-12-10"},
		{in: "this Sunday", want: "2026-12-06"},
		{in: "Dec 20", want: "2026-12-20"},
		{in: "20 Dec", want: "2026-12-20"},
		{in: "December 20th", want: "2026-12-20"},
		{in: "the 20th of December", want: "2026-12-20"},
		{in: "Dec 20 2027", want: "2027-12-20"},
		{in: "20 Dec 2027", want: "2027-12-20"},
		{in: "Sat, Dec 5", want: "2026-12-05"},
		{in: "Jan 3", want: "2027-01-03"},

		{in: "", err: ErrEmpty},
		{in: "xyz", err: ErrUnknown},
		{in: "昨天", err: ErrPast},
		{in: "yesterday", err: ErrPast},
		{in: "上周四", err: ErrPast},
		{in: "last Thu", err: ErrPast},
		{in: "本周一", want: "2026-11-30"},
		{in: "2026-11-29", err: ErrPast},
		{in: "明天 9:00", err: ErrUnknown},
		{in: "9:00", err: ErrUnknown},
		{in: "晚上8点", err: ErrUnknown},
		{in: "明天上午", err: ErrUnknown},
		{in: "明天到后天", err: ErrUnknown},
		{in: "11月", err: ErrAmbiguous},
		{in: "本月", err: ErrAmbiguous},
		{in: "下周", err: ErrAmbiguous},
		{in: "next week", err: ErrAmbiguous},
		{in: "3/4", err: ErrAmbiguous},
		{in: "12月5日（周日）", err: ErrAmbiguous},
		{in: "明天 后天", err: ErrAmbiguous},
		{in: "2月30日", err: ErrUnknown},
		{in: "13月1日", err: ErrUnknown},
		{in: "2026-02-30", err: ErrUnknown},
		{in: "32号", err: ErrUnknown},
	})
}

// Now is Monday 2026-11-30 10:00 in Shanghai: past days are asked for.
func TestParsePastDate(t *testing.T) {
	loc := shanghai(t)
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, loc)
	runDateCases(t, "ParsePastDate", ParsePastDate, now, loc, []dateCase{
		{in: "今天", want: "2026-11-30"},
		{in: "昨天", want: "2026-11-29"},
		{in: "前天", want: "2026-11-28"},
		{in: "大前天", want: "2026-11-27"},
		{in: "yesterday", want: "2026-11-29"},
		{in: "周四", want: "2026-11-26"},
		{in: "周一", want: "2026-11-30"},
		{in: "周日", want: "2026-11-29"},
		{in: "Thu", want: "2026-11-26"},
		{in: "上周四", want: "2026-11-26"},
		{in: "上周一", want: "2026-11-23"},
		{in: "上个星期日", want: "2026-11-29"},
		{in: "last Thu", want: "2026-11-26"},
		{in: "本周一", want: "2026-11-30"},
		{in: "12月20日", want: "2025-12-20"},
		{in: "Dec 20", want: "2025-12-20"},
		{in: "20 Dec", want: "2025-12-20"},
		{in: "12/20", want: "2025-12-20"},
		{in: "12-20", want: "2025-12-20"},
		{in: "11月30日", want: "2026-11-30"},
		{in: "11月1日", want: "2026-11-01"},
		{in: "2月29日", want: "2024-02-29"},
		{in: "20号", want: "2026-11-20"},
		{in: "31号", want: "2026-10-31"},
		{in: "2026-11-01", want: "2026-11-01"},
		{in: "2025-12-20", want: "2025-12-20"},

		{in: "明天", err: ErrFuture},
		{in: "tomorrow", err: ErrFuture},
		{in: "2026-12-01", err: ErrFuture},
		{in: "下周一", err: ErrFuture},
		{in: "本周二", err: ErrFuture},
		{in: "12月5日（周六）", err: ErrAmbiguous}, // 2025-12-05 is a Friday
		{in: "", err: ErrEmpty},
	})
}

// Now is Sunday 2027-01-03 10:00, just after the turn of the year.
func TestParseDateNewYear(t *testing.T) {
	loc := shanghai(t)
	now := time.Date(2027, 1, 3, 10, 0, 0, 0, loc)
	runDateCases(t, "ParseDate", ParseDate, now, loc, []dateCase{
		{in: "12月31日", want: "2027-12-31"},
		{in: "周五", want: "2027-01-08"},
		{in: "周日", want: "2027-01-03"},
		{in: "下周一", want: "2027-01-04"},
		{in: "本周一", err: ErrPast},
	})
	runDateCases(t, "ParsePastDate", ParsePastDate, now, loc, []dateCase{
		{in: "12月31日", want: "2026-12-31"},
		{in: "周五", want: "2027-01-01"},
		{in: "本周一", want: "2026-12-28"},
		{in: "上周五", want: "2026-12-25"},
		{in: "31号", want: "2026-12-31"},
	})
}
