package schedule

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Field names a part of a cron expression, for error messages.
type Field int

// The five fields of an expression, in order; FieldSpec is the expression
// as a whole (wrong number of fields, an unknown descriptor, never firing).
const (
	FieldSpec Field = iota - 1
	FieldMinute
	FieldHour
	FieldDayOfMonth
	FieldMonth
	FieldDayOfWeek
)

var fieldNames = []string{"minute", "hour", "day of month", "month", "day of week"}

// String is the field's English name ("day of month"); callers that answer
// people translate by the Field value instead.
func (f Field) String() string {
	if f < 0 || int(f) >= len(fieldNames) {
		return "expression"
	}
	return fieldNames[f]
}

// ErrNeverFires is the cause of a SpecError for an expression that parses
// but matches no moment (e.g. 31 April).
var ErrNeverFires = errors.New("never fires")

// SpecError is a cron expression that cannot be used, and which field of
// it is at fault.
type SpecError struct {
	Spec  string
	Field Field
	Value string // the text of the field at fault ("" for FieldSpec)
	Err   error
}

func (e *SpecError) Error() string {
	if e.Field == FieldSpec {
		return fmt.Sprintf("cron expression %q: %v", e.Spec, e.Err)
	}
	return fmt.Sprintf("cron expression %q: %s %q: %v", e.Spec, e.Field, e.Value, e.Err)
}

func (e *SpecError) Unwrap() error { return e.Err }

// parser is the one cron parser of the bot: the periodic scans' expressions
// and the recurrences are read by it, through ParseSpec.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSpec parses a five-field cron expression (minute hour day-of-month
// month day-of-week, e.g. "30 19 1,15 * *") or a descriptor (@daily,
// @weekly, @monthly, @yearly, @hourly). @every is refused: it is not tied
// to the clock, so a schedule laid out again after a restart would drift.
// Errors are *SpecError naming the field at fault.
func ParseSpec(spec string) (cron.Schedule, error) {
	spec = strings.TrimSpace(spec)
	fail := func(f Field, v string, err error) (cron.Schedule, error) {
		return nil, &SpecError{Spec: spec, Field: f, Value: v, Err: err}
	}
	if spec == "" {
		return fail(FieldSpec, "", errors.New("empty"))
	}
	if strings.HasPrefix(spec, "@") {
		if strings.HasPrefix(spec, "@every") {
			return fail(FieldSpec, "", errors.New("@every is not supported; use five fields"))
		}
		s, err := parser.Parse(spec)
		if err != nil {
			return fail(FieldSpec, "", err)
		}
		return s, nil
	}
	fields := strings.Fields(spec)
	if len(fields) != len(fieldNames) {
		return fail(FieldSpec, "", fmt.Errorf("want 5 fields (minute hour day-of-month month day-of-week), got %d", len(fields)))
	}
	for i, f := range fields {
		probe := []string{"*", "*", "*", "*", "*"}
		probe[i] = f
		if _, err := parser.Parse(strings.Join(probe, " ")); err != nil {
			return fail(Field(i), f, err)
		}
	}
	s, err := parser.Parse(strings.Join(fields, " "))
	if err != nil {
		return fail(FieldSpec, "", err)
	}
	// Every day-of-month/month pair recurs within five years (29 February
	// within four), so a spec silent from a leap year's start never fires.
	if Next(s, time.UTC, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
		return fail(FieldSpec, "", ErrNeverFires)
	}
	return s, nil
}

// Next returns the first firing of s after after, reading s's fields as the
// wall clock in loc (the community's time zone). Across daylight saving
// changes each wall-clock time fires once: a time skipped in spring fires
// when the clock jumps (02:30 becomes 03:30), a time repeated in autumn
// fires once. It returns the zero time when s never fires again.
func Next(s cron.Schedule, loc *time.Location, after time.Time) time.Time {
	spec, ok := s.(*cron.SpecSchedule)
	if !ok {
		return s.Next(after.In(loc))
	}
	// Walk the wall clock in UTC, which has no gaps or repeats, then read
	// each wall time in loc.
	utc := *spec
	utc.Location = time.UTC
	a := after.In(loc)
	w := time.Date(a.Year(), a.Month(), a.Day(), a.Hour(), a.Minute(), a.Second(), a.Nanosecond(), time.UTC)
	for range 10_000 {
		w = utc.Next(w)
		if w.IsZero() {
			return time.Time{}
		}
		t := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), 0, 0, loc)
		if t.After(after) {
			return t
		}
	}
	return time.Time{}
}

// PerDay counts how often s fires on day (the calendar day in loc that day
// falls on).
func PerDay(s cron.Schedule, loc *time.Location, day time.Time) int {
	d := day.In(loc)
	start := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	end := time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc)
	n := 0
	for t := Next(s, loc, start.Add(-time.Nanosecond)); !t.IsZero() && t.Before(end); t = Next(s, loc, t) {
		n++
	}
	return n
}
