package when

import (
	"errors"
	"testing"
	"time"
)

type parseCase struct {
	in         string
	start, end string // "2006-01-02 15:04" in the zone; end "" when none
	err        error
}

func shanghai(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func runCases(t *testing.T, now time.Time, loc *time.Location, cases []parseCase) {
	t.Helper()
	const layout = "2006-01-02 15:04"
	for _, c := range cases {
		sp, err := Parse(c.in, now, loc)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("%q: err %v, want %v", c.in, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if got := sp.Start.In(loc).Format(layout); got != c.start {
			t.Errorf("%q: start %s, want %s", c.in, got, c.start)
		}
		if sp.Start.Location() != loc {
			t.Errorf("%q: start in %v, want %v", c.in, sp.Start.Location(), loc)
		}
		switch {
		case c.end == "" && sp.HasEnd:
			t.Errorf("%q: end %s, want none", c.in, sp.End.Format(layout))
		case c.end != "" && !sp.HasEnd:
			t.Errorf("%q: no end, want %s", c.in, c.end)
		case c.end != "" && sp.End.In(loc).Format(layout) != c.end:
			t.Errorf("%q: end %s, want %s", c.in, sp.End.In(loc).Format(layout), c.end)
		}
	}
}

// Now is Monday 2026-11-30 10:00 in Shanghai.
func TestParseMonday(t *testing.T) {
	loc := shanghai(t)
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, loc)
	runCases(t, now, loc, []parseCase{
		// Chinese: relative days and parts of the day
		{in: "明天 9:00", start: "2026-12-01 09:00"},
		{in: "明天上午9点", start: "2026-12-01 09:00"},
		{in: "后天下午3点半", start: "2026-12-02 15:30"},
		{in: "大后天 8:15", start: "2026-12-03 08:15"},
		{in: "今天 19:30", start: "2026-11-30 19:30"},
		{in: "今天下午两点", start: "2026-11-30 14:00"},
		{in: "明天两点", start: "2026-12-01 02:00"},
		{in: "明天晚上8点", start: "2026-12-01 20:00"},
		{in: "今晚8点", start: "2026-11-30 20:00"},
		{in: "明早七点半", start: "2026-12-01 07:30"},
		{in: "明天中午", start: "2026-12-01 12:00"},
		{in: "明天中午1点", start: "2026-12-01 13:00"},
		{in: "明天凌晨3点", start: "2026-12-01 03:00"},
		{in: "明天9点15分", start: "2026-12-01 09:15"},
		{in: "明天9点一刻", start: "2026-12-01 09:15"},
		{in: "明天九点三刻", start: "2026-12-01 09:45"},
		{in: "明天十点", start: "2026-12-01 10:00"},
		{in: "明天9时30分", start: "2026-12-01 09:30"},
		{in: "明天下午15点", start: "2026-12-01 15:00"},
		// Chinese: ranges
		{in: "明天 9:00 - 11:00", start: "2026-12-01 09:00", end: "2026-12-01 11:00"},
		{in: "明天9:00到11:00", start: "2026-12-01 09:00", end: "2026-12-01 11:00"},
		{in: "明天9:00至11:00", start: "2026-12-01 09:00", end: "2026-12-01 11:00"},
		{in: "明天9:00~11:00", start: "2026-12-01 09:00", end: "2026-12-01 11:00"},
		{in: "明天下午3点到5点", start: "2026-12-01 15:00", end: "2026-12-01 17:00"},
		{in: "明天上午10点到12点", start: "2026-12-01 10:00", end: "2026-12-01 12:00"},
		{in: "明天上午11点到1点", start: "2026-12-01 11:00", end: "2026-12-01 13:00"},
		{in: "明天9点到下午3点", start: "2026-12-01 09:00", end: "2026-12-01 15:00"},
		{in: "明天晚上8点到10点", start: "2026-12-01 20:00", end: "2026-12-01 22:00"},
		{in: "明天晚上10点到12点", start: "2026-12-01 22:00", end: "2026-12-02 00:00"},
		{in: "明天晚上10点到2点", start: "2026-12-01 22:00", end: "2026-12-02 02:00"},
		{in: "明天 20:00-02:00", start: "2026-12-01 20:00", end: "2026-12-02 02:00"},
		{in: "明天 22:00-24:00", start: "2026-12-01 22:00", end: "2026-12-02 00:00"},
		{in: "明天 22:00-次日07:00", start: "2026-12-01 22:00", end: "2026-12-02 07:00"},
		{in: "明天晚上10点到第二天早上6点", start: "2026-12-01 22:00", end: "2026-12-02 06:00"},
		{in: "明天 9:00-次日9:00", start: "2026-12-01 09:00", end: "2026-12-02 09:00"},
		// Chinese: weekdays
		{in: "周六 9:00-11:00", start: "2026-12-05 09:00", end: "2026-12-05 11:00"},
		{in: "星期六 9点到11点", start: "2026-12-05 09:00", end: "2026-12-05 11:00"},
		{in: "礼拜天 9点", start: "2026-12-06 09:00"},
		{in: "周一 9:00", start: "2026-12-07 09:00"},
		{in: "周一 11:00", start: "2026-11-30 11:00"},
		{in: "下周三 14:00", start: "2026-12-09 14:00"},
		{in: "下星期一 9:00", start: "2026-12-07 09:00"},
		{in: "本周三 14:00", start: "2026-12-02 14:00"},
		{in: "这周日 9点", start: "2026-12-06 09:00"},
		{in: "周四 19:30-21:00", start: "2026-12-03 19:30", end: "2026-12-03 21:00"},
		{in: "下个星期三 14:00", start: "2026-12-09 14:00"},
		// Chinese: dates
		{in: "12月5日 9:00", start: "2026-12-05 09:00"},
		{in: "12月5号 9:00", start: "2026-12-05 09:00"},
		{in: "12月5日 9:00-11:30", start: "2026-12-05 09:00", end: "2026-12-05 11:30"},
		{in: "十二月五日 上午九点", start: "2026-12-05 09:00"},
		{in: "12月5日（周六）9:00", start: "2026-12-05 09:00"},
		{in: "2026年12月5日 9:00", start: "2026-12-05 09:00"},
		{in: "1月3日 9:00", start: "2027-01-03 09:00"},
		{in: "11月30日 11:00", start: "2026-11-30 11:00"},
		{in: "5号 9:00", start: "2026-12-05 09:00"},
		{in: "30号 11:00", start: "2026-11-30 11:00"},
		{in: "2月29日 9:00", start: "2028-02-29 09:00"},
		// numeric dates
		{in: "2026-12-05 09:00", start: "2026-12-05 09:00"},
		{in: "2026-12-05 09:00-11:00", start: "2026-12-05 09:00", end: "2026-12-05 11:00"},
		{in: "2026/12/05 9:00", start: "2026-12-05 09:00"},
		{in: "2026.12.05 9:00", start: "2026-12-05 09:00"},
		{in: "12-05 09:00", start: "2026-12-05 09:00"},
		{in: "12/25 9:00", start: "2026-12-25 09:00"},
		{in: "25/12 9:00", start: "2026-12-25 09:00"},
		{in: "２０２６－１２－０５　０９：００", start: "2026-12-05 09:00"},
		{in: "明天 ９：００", start: "2026-12-01 09:00"},
		// English
		{in: "tomorrow 9:00", start: "2026-12-01 09:00"},
		{in: "tomorrow 9am", start: "2026-12-01 09:00"},
		{in: "Tomorrow 9 a.m.", start: "2026-12-01 09:00"},
		{in: "9am tomorrow", start: "2026-12-01 09:00"},
		{in: "tomorrow 12am", start: "2026-12-01 00:00"},
		{in: "tomorrow 12pm", start: "2026-12-01 12:00"},
		{in: "tomorrow noon", start: "2026-12-01 12:00"},
		{in: "today 7:30pm", start: "2026-11-30 19:30"},
		{in: "tonight 8", start: "2026-11-30 20:00"},
		{in: "tomorrow at 9 o'clock", start: "2026-12-01 09:00"},
		{in: "Sat 9-11", start: "2026-12-05 09:00", end: "2026-12-05 11:00"},
		{in: "Saturday 9:00-11:00", start: "2026-12-05 09:00", end: "2026-12-05 11:00"},
		{in: "Thu 19:30-21:00", start: "2026-12-03 19:30", end: "2026-12-03 21:00"},
		{in: "tomorrow 10pm-7am next day", start: "2026-12-01 22:00", end: "2026-12-02 07:00"},
		{in: "sat 2-4pm", start: "2026-12-05 14:00", end: "2026-12-05 16:00"},
		{in: "sat 11-1pm", start: "2026-12-05 11:00", end: "2026-12-05 13:00"},
		{in: "sat 9am to 11am", start: "2026-12-05 09:00", end: "2026-12-05 11:00"},
		{in: "sat 9 until 11:30", start: "2026-12-05 09:00", end: "2026-12-05 11:30"},
		{in: "next Wed 14:00", start: "2026-12-09 14:00"},
		{in: "this Wednesday 2pm", start: "2026-12-02 14:00"},
		{in: "Dec 5 9:00", start: "2026-12-05 09:00"},
		{in: "December 5th 9:00", start: "2026-12-05 09:00"},
		{in: "5 Dec 9:00-11:00", start: "2026-12-05 09:00", end: "2026-12-05 11:00"},
		{in: "Dec 5, 2027 9:00", start: "2027-12-05 09:00"},
		{in: "on the 5th of December at 9am", start: "2026-12-05 09:00"},
		{in: "Jan 3 9:00", start: "2027-01-03 09:00"},
		{in: "Sat, Dec 5 9:00", start: "2026-12-05 09:00"},
		{in: "from 9 to 11 on Saturday", start: "2026-12-05 09:00", end: "2026-12-05 11:00"},
		{in: "Tuesday 14:00", start: "2026-12-01 14:00"},
		{in: "Saturday morning 9-11", start: "2026-12-05 09:00", end: "2026-12-05 11:00"},
		{in: "周六上午9点到11点", start: "2026-12-05 09:00", end: "2026-12-05 11:00"},
		{in: "明天9点半到11点", start: "2026-12-01 09:30", end: "2026-12-01 11:00"},
		{in: "下周六下午2点到4点", start: "2026-12-12 14:00", end: "2026-12-12 16:00"},
		{in: "二〇二六年十二月五日 9点整", start: "2026-12-05 09:00"},
		{in: "2026年12月5日（周六）上午9点-11点", start: "2026-12-05 09:00", end: "2026-12-05 11:00"},
		{in: "2027-01-01 00:30", start: "2027-01-01 00:30"},

		// refused: empty and unread
		{in: "", err: ErrEmpty},
		{in: "   　 ", err: ErrEmpty},
		{in: "xyz", err: ErrUnknown},
		{in: "明天 吃饭", err: ErrUnknown},
		{in: "下周 9:00", err: ErrUnknown},
		{in: "tomorrow 9:00-", err: ErrUnknown},
		{in: "tomorrow 123456", err: ErrUnknown},
		// refused: ambiguous or incomplete
		{in: "9", err: ErrAmbiguous},
		{in: "9:00", err: ErrAmbiguous},
		{in: "9:00-11:00", err: ErrAmbiguous},
		{in: "下午3点", err: ErrAmbiguous},
		{in: "明天", err: ErrAmbiguous},
		{in: "明天上午", err: ErrAmbiguous},
		{in: "3/4", err: ErrAmbiguous},
		{in: "3/4 9:00", err: ErrAmbiguous},
		{in: "明天 后天 9:00", err: ErrAmbiguous},
		{in: "明天 9:00 10:00", err: ErrAmbiguous},
		{in: "12月5日（周日）9:00", err: ErrAmbiguous},
		{in: "Sun Dec 5 9:00", err: ErrAmbiguous},
		{in: "tomorrow morning", err: ErrAmbiguous},
		{in: "tomorrow 9:00 10am", err: ErrAmbiguous},
		{in: "9点", err: ErrAmbiguous},
		{in: "12.5 9:00", err: ErrUnknown},
		{in: "next week 9:00", err: ErrUnknown},
		{in: "上周 9:00", err: ErrUnknown},
		{in: "本月 9:00", err: ErrUnknown},
		{in: "明天 24:00-02:00", err: ErrUnknown},
		{in: "明天 9:00-次日10:00", err: ErrUnknown},
		// refused: impossible
		{in: "明天 25:00", err: ErrUnknown},
		{in: "明天 24:00", err: ErrUnknown},
		{in: "明天 9:60", err: ErrUnknown},
		{in: "明天 9:5", err: ErrUnknown},
		{in: "tomorrow 13pm", err: ErrUnknown},
		{in: "明天上午13点", err: ErrUnknown},
		{in: "2月30日 9:00", err: ErrUnknown},
		{in: "2026-02-30 9:00", err: ErrUnknown},
		{in: "13月1日 9:00", err: ErrUnknown},
		{in: "31/31 9:00", err: ErrUnknown},
		// refused: past
		{in: "今天 9:00", err: ErrPast},
		{in: "今天 10:00", err: ErrPast},
		{in: "11月30日 9:00", err: ErrPast},
		{in: "2026-11-29 09:00", err: ErrPast},
		{in: "2025-12-05 09:00", err: ErrPast},
		{in: "本周一 9:00", err: ErrPast},
		{in: "today 9am", err: ErrPast},
		{in: "昨天 9:00", err: ErrPast},
		{in: "yesterday 9am", err: ErrPast},
		{in: "上周四 9:00", err: ErrPast},
		{in: "last Thu 9:00", err: ErrPast},
		// refused: end before start
		{in: "明天 11:00-10:00", err: ErrEndBeforeStart},
		{in: "明天 9:00-9:00", err: ErrEndBeforeStart},
		{in: "明天 17:00-02:00", err: ErrEndBeforeStart},
		{in: "明天 20:00-07:00", err: ErrEndBeforeStart},
		{in: "明天下午3点到2点", err: ErrEndBeforeStart},
		{in: "sat 11-1", err: ErrEndBeforeStart},
	})
}

// Now is Saturday 2026-12-05 08:00: a weekday means today while its time is
// still ahead, else a week on.
func TestParseSaturday(t *testing.T) {
	loc := shanghai(t)
	now := time.Date(2026, 12, 5, 8, 0, 0, 0, loc)
	runCases(t, now, loc, []parseCase{
		{in: "周六 9:00", start: "2026-12-05 09:00"},
		{in: "周六 9:00-11:00", start: "2026-12-05 09:00", end: "2026-12-05 11:00"},
		{in: "Sat 9-11", start: "2026-12-05 09:00", end: "2026-12-05 11:00"},
		{in: "周六 7:00", start: "2026-12-12 07:00"},
		{in: "Saturday 8:00", start: "2026-12-12 08:00"},
		{in: "周日 9点", start: "2026-12-06 09:00"},
		{in: "周五 9点", start: "2026-12-11 09:00"},
		{in: "下周六 9:00", start: "2026-12-12 09:00"},
		{in: "下周一 9:00", start: "2026-12-07 09:00"},
		{in: "next Sun 9:00", start: "2026-12-13 09:00"},
		{in: "本周日 9:00", start: "2026-12-06 09:00"},
		{in: "this Fri 9:00", err: ErrPast},
		{in: "今天 7:59", err: ErrPast},
		{in: "今天 8:00", err: ErrPast},
		{in: "今天 8:01", start: "2026-12-05 08:01"},
		{in: "12-05 09:00", start: "2026-12-05 09:00"},
		{in: "12-04 09:00", start: "2027-12-04 09:00"},
		{in: "今晚 20:00-02:00", start: "2026-12-05 20:00", end: "2026-12-06 02:00"},
	})
}

// Across the change to summer time in Berlin (2026-03-29 02:00 → 03:00),
// times are wall-clock times in the zone.
func TestParseDST(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 28, 10, 0, 0, 0, loc) // Saturday, UTC+1
	runCases(t, now, loc, []parseCase{
		{in: "tomorrow 9:00", start: "2026-03-29 09:00"},
		{in: "明天 9:00-11:00", start: "2026-03-29 09:00", end: "2026-03-29 11:00"},
		{in: "今晚 22:00-04:00", start: "2026-03-28 22:00", end: "2026-03-29 04:00"},
	})
	sp, err := Parse("tomorrow 9:00", now, loc)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 3, 29, 7, 0, 0, 0, time.UTC); !sp.Start.Equal(want) {
		t.Errorf("start %v, want %v (09:00 CEST)", sp.Start.UTC(), want)
	}
	if d := sp.Start.Sub(now); d != 22*time.Hour {
		t.Errorf("now to tomorrow 9:00 is %v, want 22h (one hour lost)", d)
	}
	sp, err = Parse("今晚 22:00-04:00", now, loc)
	if err != nil {
		t.Fatal(err)
	}
	if d := sp.End.Sub(sp.Start); d != 5*time.Hour {
		t.Errorf("overnight across the change lasts %v, want 5h", d)
	}
}
