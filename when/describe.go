package when

import (
	"fmt"
	"time"
)

// The confirmation format every flow shows, in Chinese ("zh") or English
// (any other lang): the weekday always, the year only when it is not the
// current one, 24-hour times.
//
//	zh  12月8日（周二）09:00-11:00     2027年1月5日（周二）09:00
//	en  Tue 8 Dec 09:00-11:00         Tue 5 Jan 2027 09:00
//
// What it writes, Parse, ParseDate, ParseDateRange and ParseClockRange
// read back as the same times.

// Describe writes a start and, when it has one, its end. An end on the
// same day is its time; midnight ending the day is 24:00; an end on the
// next day before the start's time of day is marked (22:00-次日02:00,
// "22:00-02:00 next day"); a later end is written in full.
func Describe(sp Span, lang string, now time.Time, loc *time.Location) string {
	if loc == nil {
		loc = now.Location()
	}
	year := now.In(loc).Year()
	s := sp.Start.In(loc)
	out := dateTime(s, lang, s.Year() != year)
	if !sp.HasEnd {
		return out
	}
	e := sp.End.In(loc)
	days := civilDay(e).Sub(civilDay(s)) / (24 * time.Hour)
	endMin, startMin := e.Hour()*60+e.Minute(), s.Hour()*60+s.Minute()
	switch {
	case days == 0:
		return out + "-" + clockText(endMin)
	case days == 1 && endMin == 0:
		return out + "-24:00"
	case days == 1 && endMin <= startMin:
		return out + "-" + nextDay(endMin, lang)
	}
	return out + rangeWord(lang) + dateTime(e, lang, e.Year() != year)
}

// DescribeDate writes the day of t in loc, such as 12月8日（周二） or
// Tue 8 Dec.
func DescribeDate(t time.Time, lang string, now time.Time, loc *time.Location) string {
	if loc == nil {
		loc = now.Location()
	}
	t = t.In(loc)
	return dateText(t, lang, t.Year() != now.In(loc).Year())
}

// DescribeDateRange writes a period as its first and last day, such as
// 11月1日（周日）至11月30日（周一） or "Sun 1 Nov to Mon 30 Nov", with the
// year on both when either is not in the current year; one day is written
// as DescribeDate writes it.
func DescribeDateRange(r DateRange, lang string, now time.Time, loc *time.Location) string {
	if loc == nil {
		loc = now.Location()
	}
	f, l := r.First.In(loc), r.Last.In(loc)
	if civilDay(f).Equal(civilDay(l)) {
		return DescribeDate(f, lang, now, loc)
	}
	year := now.In(loc).Year()
	withYear := f.Year() != year || l.Year() != year
	return dateText(f, lang, withYear) + rangeWord(lang) + dateText(l, lang, withYear)
}

// DescribeClock writes minutes after midnight as a 24-hour time: 20:00.
func DescribeClock(minutes int) string {
	return clockText(minutes)
}

// DescribeClockRange writes a time range without a day, such as
// 19:30-21:00, 22:00-24:00 or 22:00-次日02:00 ("22:00-02:00 next day").
func DescribeClockRange(r ClockRange, lang string) string {
	out := clockText(r.Start) + "-"
	switch {
	case !r.Overnight:
		return out + clockText(r.End)
	case r.End == 0:
		return out + "24:00"
	}
	return out + nextDay(r.End, lang)
}

func dateTime(t time.Time, lang string, withYear bool) string {
	sep := " "
	if lang == "zh" {
		sep = ""
	}
	return dateText(t, lang, withYear) + sep + clockText(t.Hour()*60+t.Minute())
}

func dateText(t time.Time, lang string, withYear bool) string {
	if lang == "zh" {
		y := ""
		if withYear {
			y = fmt.Sprintf("%d年", t.Year())
		}
		return fmt.Sprintf("%s%d月%d日（%s）", y, int(t.Month()), t.Day(), zhWeekday(t.Weekday()))
	}
	s := fmt.Sprintf("%s %d %s", t.Weekday().String()[:3], t.Day(), t.Month().String()[:3])
	if withYear {
		s += fmt.Sprintf(" %d", t.Year())
	}
	return s
}

func zhWeekday(wd time.Weekday) string {
	return "周" + string([]rune("日一二三四五六")[wd])
}

func clockText(minutes int) string {
	return fmt.Sprintf("%02d:%02d", minutes/60%24, minutes%60)
}

func nextDay(minutes int, lang string) string {
	if lang == "zh" {
		return "次日" + clockText(minutes)
	}
	return clockText(minutes) + " next day"
}

func rangeWord(lang string) string {
	if lang == "zh" {
		return "至"
	}
	return " to "
}

// DescribeLength writes a length of minutes: 2小时, 2小时30分钟 or 45分钟
// in Chinese; 2h, 2h30m or 45m in English.
func DescribeLength(minutes int, lang string) string {
	h, m := minutes/60, minutes%60
	if lang == "zh" {
		switch {
		case h == 0:
			return fmt.Sprintf("%d分钟", m)
		case m == 0:
			return fmt.Sprintf("%d小时", h)
		}
		return fmt.Sprintf("%d小时%d分钟", h, m)
	}
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02dm", h, m)
}
