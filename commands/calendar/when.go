package calendar

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/holiday"
	"courtyard/schedule"
	"courtyard/storage"
	"courtyard/when"
)

// The preset times offered as buttons, as cron expressions.
var calPresets = map[string]string{
	"115": "30 19 1,15 * *", // the 1st and 15th of each month at 19:30 (the half-month talk)
	"mon": "0 9 * * 1",      // every Monday at 09:00
}

// nextRun is a schedule's first moment after after; zero when there is none
// (a one-off that has passed, a holiday the calendar does not know).
func (a *Calendar) nextRun(kind, spec string, after time.Time) time.Time {
	return a.nexter(kind, spec)(after)
}

// nexter reads a schedule's time once and returns its next-moment function.
func (a *Calendar) nexter(kind, spec string) func(after time.Time) time.Time {
	never := func(time.Time) time.Time { return time.Time{} }
	switch kind {
	case storage.ScheduleCron:
		s, err := schedule.ParseSpec(spec)
		if err != nil {
			return never
		}
		return func(after time.Time) time.Time { return schedule.Next(s, a.Loc, after) }
	case storage.ScheduleOnce:
		v, err := strconv.ParseInt(spec, 10, 64)
		if err != nil {
			return never
		}
		return func(after time.Time) time.Time {
			if t := time.UnixMilli(v); t.After(after) {
				return t
			}
			return time.Time{}
		}
	case storage.ScheduleHoliday:
		key, hh, mm, ok := holidaySpec(spec)
		if !ok {
			return never
		}
		offset := time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute
		return func(after time.Time) time.Time {
			d, err := holiday.Next(key, after.Add(-offset), a.Loc)
			if err != nil {
				return time.Time{}
			}
			return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, a.Loc)
		}
	}
	return never
}

// nextRuns lists up to n moments after after.
func (a *Calendar) nextRuns(kind, spec string, after time.Time, n int) []time.Time {
	next := a.nexter(kind, spec)
	var out []time.Time
	for t := next(after); !t.IsZero() && len(out) < n; t = next(t) {
		out = append(out, t)
	}
	return out
}

// tooOftenForGroups reports a schedule that would post to groups twice
// within an hour, over its next year.
func (a *Calendar) tooOftenForGroups(kind, spec string, now time.Time) bool {
	if kind != storage.ScheduleCron {
		return false
	}
	end := now.AddDate(1, 0, 0)
	prev := time.Time{}
	next := a.nexter(kind, spec)
	for i, t := 0, next(now); i < 2000 && !t.IsZero() && t.Before(end); i, t = i+1, next(t) {
		if !prev.IsZero() && t.Sub(prev) < time.Hour {
			return true
		}
		prev = t
	}
	return false
}

// tooOftenForPeople reports a schedule that would write to people in
// private more than once on a day of the community's calendar.
func (a *Calendar) tooOftenForPeople(kind, spec string, now time.Time) bool {
	if kind != storage.ScheduleCron {
		return false
	}
	end := now.AddDate(1, 0, 0)
	prev := ""
	next := a.nexter(kind, spec)
	for i, t := 0, next(now); i < 2000 && !t.IsZero() && t.Before(end); i, t = i+1, next(t) {
		day := t.In(a.Loc).Format("2006-01-02")
		if day == prev {
			return true
		}
		prev = day
	}
	return false
}

// floodRefusal says why a schedule may not go to sel at that time, or "":
// groups hear from it at most once an hour, people in private at most
// once a day.
func (a *Calendar) floodRefusal(r *core.Req, sel audSel, kind, spec string) string {
	switch {
	case sel.groups():
		if a.tooOftenForGroups(kind, spec, r.Now) {
			return r.T("cal.too_often_when")
		}
	case a.tooOftenForPeople(kind, spec, r.Now):
		return r.T("cal.too_often_people")
	}
	return ""
}

// cronRefusal explains, in the reader's language, why an expression was
// refused: the field at fault and an example.
func (a *Calendar) cronRefusal(r *core.Req, spec string, err error) string {
	var se *schedule.SpecError
	field := r.T("cal.field.spec")
	value := spec
	if errors.As(err, &se) {
		switch se.Field {
		case schedule.FieldMinute:
			field = r.T("cal.field.minute")
		case schedule.FieldHour:
			field = r.T("cal.field.hour")
		case schedule.FieldDayOfMonth:
			field = r.T("cal.field.dom")
		case schedule.FieldMonth:
			field = r.T("cal.field.month")
		case schedule.FieldDayOfWeek:
			field = r.T("cal.field.dow")
		}
		if se.Value != "" {
			value = se.Value
		}
		if errors.Is(err, schedule.ErrNeverFires) {
			return r.T("cal.cron_never", core.Esc(spec))
		}
	}
	return r.T("cal.cron_bad", field, core.Esc(value))
}

// describeWhen says when a schedule runs, in the reader's words.
func (a *Calendar) describeWhen(r *core.Req, kind, spec string) string {
	switch kind {
	case storage.ScheduleOnce:
		v, _ := strconv.ParseInt(spec, 10, 64)
		return r.T("cal.when.once", when.Describe(when.Span{Start: time.UnixMilli(v)}, r.Lang, r.Now, a.Loc))
	case storage.ScheduleHoliday:
		key, hh, mm, _ := holidaySpec(spec)
		return r.T("cal.when.holiday", a.HolidayName(r.Lang, key), fmt.Sprintf("%02d:%02d", hh, mm))
	}
	switch spec {
	case calPresets["115"]:
		return r.T("cal.when.115")
	case calPresets["mon"]:
		return r.T("cal.when.mon")
	}
	f := strings.Fields(spec)
	if len(f) == 5 && f[2] == "*" && f[3] == "*" && f[4] == "*" {
		h, errH := strconv.Atoi(f[1])
		m, errM := strconv.Atoi(f[0])
		if errH == nil && errM == nil {
			return r.T("cal.when.day", fmt.Sprintf("%02d:%02d", h, m))
		}
	}
	return r.T("cal.when.cron", core.Esc(spec))
}

// holidaySpec reads a holiday schedule's spec, "<holiday key> HH:MM": the
// time of day on each year's holiday.
func holidaySpec(spec string) (key string, hh, mm int, ok bool) {
	key, at, _ := strings.Cut(spec, " ")
	m, err := when.ParseClock(at)
	if err != nil || !holiday.Known(key) || m >= 24*60 {
		return "", 0, 0, false
	}
	return key, m / 60, m % 60, true
}
