package summary

import (
	"time"

	"courtyard/storage"
)

// Services is what the report upward reads of the services desk: counts
// only, never a case's contents.
type Services interface {
	// ServiceCounts counts the desk's work of [from, to).
	ServiceCounts(tx *storage.Tx, from, to time.Time) (storage.ServiceCounts, error)
	// ServiceKeys are the catalogue's services in order.
	ServiceKeys() []string
	// ServiceName is a service's name in lang.
	ServiceName(lang, key string) string
}

// sumService is one service's line: applications received and completed.
type sumService struct {
	key                 string
	received, completed int
}

// serviceFigure is a figure read from the desk's counts.
func (a *Summary) serviceFigure(key string, pick func(storage.ServiceCounts) int) figure {
	return figure{key: key, get: func(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
		c, err := a.services.ServiceCounts(tx, from, to)
		return float64(pick(c)), true, err
	}}
}

// serviceFigures are the desk's lines of /summary.
func (a *Summary) serviceFigures() []figure {
	if a.services == nil {
		return nil
	}
	total := func(m map[string]int) int { return int(sum(m)) }
	return []figure{
		a.serviceFigure("services_received", func(c storage.ServiceCounts) int { return total(c.Received) }),
		a.serviceFigure("services_completed", func(c storage.ServiceCounts) int { return total(c.Completed) }),
		a.serviceFigure("bookings_kept", func(c storage.ServiceCounts) int { return c.Bookings[storage.BookingKept] }),
		a.serviceFigure("bookings_missed", func(c storage.ServiceCounts) int { return c.Bookings[storage.BookingMissed] }),
		a.serviceFigure("public_notices", func(c storage.ServiceCounts) int { return c.Notices }),
		a.serviceFigure("objections", func(c storage.ServiceCounts) int { return c.Objections }),
		a.serviceFigure("cases_rated", func(c storage.ServiceCounts) int { return c.Rated }),
		a.serviceFigure("cases_satisfied", func(c storage.ServiceCounts) int { return c.Satisfied }),
	}
}

// serviceLines are the catalogue's services with their counts, then any
// service no longer in it.
func (a *Summary) serviceLines(tx *storage.Tx, from, to time.Time) ([]sumService, error) {
	if a.services == nil {
		return nil, nil
	}
	c, err := a.services.ServiceCounts(tx, from, to)
	if err != nil {
		return nil, err
	}
	var out []sumService
	seen := map[string]bool{}
	for _, k := range a.services.ServiceKeys() {
		seen[k] = true
		out = append(out, sumService{key: k, received: c.Received[k], completed: c.Completed[k]})
	}
	for _, m := range []map[string]int{c.Received, c.Completed} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, sumService{key: k, received: c.Received[k], completed: c.Completed[k]})
			}
		}
	}
	return out, nil
}
