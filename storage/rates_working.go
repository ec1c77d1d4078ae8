package storage

import (
	"database/sql"
	"fmt"
	"time"
)

// Respond is when a ticket counts as answered in time: tickets.respond_within
// and, with tickets.working_hours, the working time between two moments.
type Respond struct {
	Within time.Duration
	// Working measures the working time from one moment to a later one
	// (workweek.Week.Between); nil counts the clock, day and night, and
	// the response rate is ResponseRateSQL alone.
	Working func(from, to time.Time) time.Duration
}

// InTime reports whether a ticket received at in and first responded to at
// first was answered in time: within Within of working time (exactly that
// long still counts). Without working hours it is first - in.
func (r Respond) InTime(in, first time.Time) bool {
	if r.Working == nil {
		return first.Sub(in) <= r.Within
	}
	return r.Working(in, first) <= r.Within
}

// responseInWorkingTime is the response rate of [from, to) by building
// from ResponseTimesSQL and r.InTime.
func (t ReportsTx) responseInWorkingTime(from, to time.Time, r Respond) (map[string]Rate, error) {
	rows, err := t.q.QueryContext(t.ctx, ResponseTimesSQL, ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("storage: response rate: %w", err)
	}
	defer rows.Close()
	out := map[string]Rate{}
	for rows.Next() {
		var b string
		var in int64
		var first sql.NullInt64
		if err := rows.Scan(&b, &in, &first); err != nil {
			return nil, fmt.Errorf("storage: response rate: %w", err)
		}
		x := out[b]
		x.Of++
		if first.Valid && r.InTime(time.UnixMilli(in), time.UnixMilli(first.Int64)) {
			x.Good++
		}
		out[b] = x
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: response rate: %w", err)
	}
	return out, nil
}
