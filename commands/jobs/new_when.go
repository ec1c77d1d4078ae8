package jobs

import (
	"errors"
	"time"

	"courtyard/commands/core"
	"courtyard/when"
)

// errTooLong refuses a job longer than maxJobDuration.
var errTooLong = errors.New("jobs: a job lasts at most a day")

// maxOvernight is how far past midnight an end given as a time of day
// alone may run: 22:00 then 02:00 ends the next day, 09:00 then 08:00 is
// an end before the start.
const maxOvernight = 12 * time.Hour

// askWhen asks a job's time, after what the conversation was started
// with ("intro").
func (a *Jobs) askWhen(r *core.Req, v core.Values) string {
	ask := r.T("job.ask_when", when.Example(r.Lang))
	if intro := v.String("intro"); intro != "" {
		return intro + "\n" + ask
	}
	return ask
}

// readWhen reads a job's day and start, and its end when given.
func (a *Jobs) readWhen(text string, now time.Time, loc *time.Location) (any, error) {
	sp, err := when.Parse(text, now, loc)
	if err != nil {
		return nil, err
	}
	if sp.HasEnd && sp.End.Sub(sp.Start) > maxJobDuration {
		return nil, errTooLong
	}
	return sp, nil
}

// needsEnd holds when the time was given without its end.
func needsEnd(v core.Values) bool {
	var sp when.Span
	return v.Get("when", &sp) && !sp.HasEnd
}

// spanOf is the job's time the answers come to: the one the end was
// given with (which may have corrected the day), else the time given.
func spanOf(v core.Values) when.Span {
	var sp when.Span
	if !v.Get("until", &sp) {
		v.Get("when", &sp)
	}
	return sp
}

func (a *Jobs) askUntil(r *core.Req, v core.Values) string {
	var sp when.Span
	v.Get("when", &sp)
	return r.T("job.ask_until", a.describe(r, when.Span{Start: sp.Start}))
}

// readUntil reads the end of a job whose start was given: its answer is
// the whole time, start and end.
func (a *Jobs) readUntil(r *core.Req, v core.Values, text string) (any, string) {
	var sp when.Span
	v.Get("when", &sp)
	out, err := a.jobEnd(text, sp.Start, r.Now)
	if err != nil {
		return nil, a.whenError(r, err, true)
	}
	return out, ""
}

// jobEnd reads what is typed for the end of a job starting at start. A
// time of day alone (11:00, 下午3点) ends it that day, or past midnight.
// Times of day from and to (9:00-11:00) replace the start's on its day.
// A day with its times (后天 9:00-11:00) replaces both. A day with one
// time (后天 11:00) is the end when it falls on the start's day or just
// past midnight; otherwise the day is a correction of the start's day,
// which keeps its time of day: the new day is never paired with the old
// start.
func (a *Jobs) jobEnd(text string, start, now time.Time) (when.Span, error) {
	s := start.In(a.Loc)
	on := func(day time.Time, minutes int) time.Time {
		return time.Date(day.Year(), day.Month(), day.Day(), minutes/60, minutes%60, 0, 0, a.Loc)
	}
	if m, err := when.ParseClock(text); err == nil {
		end := on(s, m)
		if !end.After(s) {
			end = on(s.AddDate(0, 0, 1), m)
			if end.Sub(s) > maxOvernight {
				return when.Span{}, when.ErrEndBeforeStart
			}
		}
		return checkJobTime(when.Span{Start: s, End: end, HasEnd: true}, now)
	}
	if cr, err := when.ParseClockRange(text); err == nil {
		sp := when.Span{Start: on(s, cr.Start), End: on(s, cr.End), HasEnd: true}
		if cr.Overnight {
			sp.End = on(s.AddDate(0, 0, 1), cr.End)
		}
		return checkJobTime(sp, now)
	}
	sp, err := when.Parse(text, now, a.Loc)
	switch {
	case err != nil:
		return sp, err
	case sp.HasEnd:
		return checkJobTime(sp, now)
	}
	end := sp.Start.In(a.Loc)
	if end.After(s) && (sameDay(end, s) || end.Sub(s) <= maxOvernight) {
		return checkJobTime(when.Span{Start: s, End: end, HasEnd: true}, now)
	}
	return checkJobTime(when.Span{Start: on(end, s.Hour()*60+s.Minute()), End: end, HasEnd: true}, now)
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// checkJobTime refuses a time that cannot be a job's: gone, ending before
// it starts, or longer than a day.
func checkJobTime(sp when.Span, now time.Time) (when.Span, error) {
	switch {
	case !sp.Start.After(now):
		return sp, when.ErrPast
	case !sp.End.After(sp.Start):
		return sp, when.ErrEndBeforeStart
	case sp.End.Sub(sp.Start) > maxJobDuration:
		return sp, errTooLong
	}
	return sp, nil
}

// whenError is the one-line answer to a time that cannot be read or
// cannot be a job's; end is for the question of the end.
func (a *Jobs) whenError(r *core.Req, err error, end bool) string {
	ex := when.Example(r.Lang)
	if far, ok := r.TooFar(err); ok {
		return far
	}
	switch {
	case errors.Is(err, errTooLong):
		return r.T("job.too_long_span")
	case errors.Is(err, when.ErrEndBeforeStart):
		return r.T("job.end_before_start")
	case errors.Is(err, when.ErrPast):
		return r.T("job.when_past", ex)
	case end:
		return r.T("job.until_unknown")
	case errors.Is(err, when.ErrAmbiguous):
		return r.T("job.when_ambiguous", ex)
	}
	return r.T("job.when_unknown", ex)
}

// jobTimeProblem says what is wrong with a job's time now, or "".
func (a *Jobs) jobTimeProblem(r *core.Req, sp when.Span) string {
	if _, err := checkJobTime(sp, r.Now); err != nil {
		return a.whenError(r, err, false)
	}
	return ""
}
