package config

import (
	"fmt"
	"strings"
	"time"

	"courtyard/workweek"
)

// Proposals configures residents' proposals.
type Proposals struct {
	AgendaThreshold int `yaml:"agenda_threshold"` // supports that put a proposal on a meeting's agenda, default 5
}

// Digest configures the weekly public digest.
type Digest struct {
	Weekly string `yaml:"weekly"` // weekday and time, e.g. "sunday 18:00" (default); "off" for none
}

// Defaults of proposals and the digest.
const (
	DefaultAgendaThreshold = 5
	DefaultDigestWeekly    = "sunday 18:00"
	DefaultRespondWithin   = 2 * time.Hour
)

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// Off reports whether the weekly digest is switched off.
func (d Digest) Off() bool { return strings.EqualFold(strings.TrimSpace(d.Weekly), "off") }

// When is the digest's weekday and its minutes after midnight.
func (d Digest) When() (time.Weekday, int, error) {
	f := strings.Fields(strings.ToLower(d.Weekly))
	if len(f) != 2 {
		return 0, 0, fmt.Errorf("digest.weekly must be a weekday and a time like \"sunday 18:00\", or off, not %q", d.Weekly)
	}
	wd, ok := weekdays[f[0]]
	if !ok {
		return 0, 0, fmt.Errorf("digest.weekly: %q is not a weekday", f[0])
	}
	t, err := time.Parse("15:04", f[1])
	if err != nil {
		return 0, 0, fmt.Errorf("digest.weekly: %q is not a time like 18:00", f[1])
	}
	return wd, t.Hour()*60 + t.Minute(), nil
}

func (p Proposals) validate() error {
	if p.AgendaThreshold < 1 || p.AgendaThreshold > 10000 {
		return fmt.Errorf("proposals.agenda_threshold must be 1 to 10000, not %d", p.AgendaThreshold)
	}
	return nil
}

func (d Digest) validate() error {
	if d.Off() {
		return nil
	}
	_, _, err := d.When()
	return err
}

func (t Tickets) validateRespond() error {
	if t.RespondWithin < time.Minute || t.RespondWithin > 30*24*time.Hour {
		return fmt.Errorf("tickets.respond_within must be 1m to 720h, not %s", t.RespondWithin)
	}
	if _, err := t.WorkWeek(time.UTC); err != nil {
		return fmt.Errorf("tickets.working_hours%w", err)
	}
	return nil
}

// WorkWeek is tickets.working_hours in loc (the community's time zone): the
// working time the response rate counts; around the clock when empty.
func (t Tickets) WorkWeek(loc *time.Location) (workweek.Week, error) {
	return workweek.Parse(t.WorkingHours, loc)
}

func (c *Config) decideDefaults() {
	setInt(&c.Proposals.AgendaThreshold, DefaultAgendaThreshold)
	setString(&c.Digest.Weekly, DefaultDigestWeekly)
	if c.Tickets.RespondWithin == 0 {
		c.Tickets.RespondWithin = DefaultRespondWithin
	}
}
