package config

import (
	"fmt"
	"slices"

	"courtyard/when"
)

// DefaultQuietHours is when routine messages wait, in the community's time
// zone, unless a person chose their own hours.
const DefaultQuietHours = "21:30-07:30"

// Notify configures when messages reach people.
type Notify struct {
	QuietHours string `yaml:"quiet_hours"` // a clock range, default 21:30-07:30; "off" for none
	// MaxScheduledPerDay is how many scheduled notices a person gets in
	// private a day; the rest of the day's go in one digest. Default 3.
	MaxScheduledPerDay int `yaml:"max_scheduled_per_day"`
}

// Quiet is the community's quiet hours; ok is false when they are off.
func (n Notify) Quiet() (r when.ClockRange, ok bool) {
	if n.QuietHours == "off" {
		return r, false
	}
	r, err := when.ParseNightRange(n.QuietHours)
	return r, err == nil
}

func (n Notify) validate() error {
	if n.MaxScheduledPerDay < 1 || n.MaxScheduledPerDay > 50 {
		return fmt.Errorf("notify.max_scheduled_per_day must be between 1 and 50, not %d", n.MaxScheduledPerDay)
	}
	if n.QuietHours == "off" {
		return nil
	}
	r, err := when.ParseNightRange(n.QuietHours)
	if err != nil {
		return fmt.Errorf("notify.quiet_hours %q is not a time range such as 21:30-07:30 (or off): %w", n.QuietHours, err)
	}
	if r.Minutes() > 16*60 {
		return fmt.Errorf("notify.quiet_hours %q lasts more than 16 hours", n.QuietHours)
	}
	return nil
}

// IsUrgent reports whether tickets of category key are urgent: they reach
// staff at once, day or night.
func (t Tickets) IsUrgent(key string) bool { return slices.Contains(t.UrgentCategories, key) }

func (t Tickets) validateUrgent() error {
	for i, k := range t.UrgentCategories {
		if !slices.ContainsFunc(t.Categories, func(c Category) bool { return c.Key == k }) {
			return fmt.Errorf("tickets.urgent_categories[%d]: %q is not a key of tickets.categories", i, k)
		}
	}
	return nil
}
