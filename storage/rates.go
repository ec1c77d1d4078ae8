package storage

import (
	"encoding/json"
	"fmt"
	"time"
)

// The four rates of "answer every call" (接诉即办), each from one query
// over [from, to) (Unix milliseconds) giving, per building, the count the
// rate is over and the count that went well. docs/rates.md defines them;
// each can be reproduced by hand with sqlite3 and these statements.
const (
	// ResponseRateSQL: the tickets received in the period, and those
	// claimed or first acted on by someone other than their reporter
	// (claim, assign, resolve, reject, duplicate, a note) within ?3
	// milliseconds (tickets.respond_within) of coming in.
	ResponseRateSQL = `SELECT t.building, count(*),
		coalesce(sum((SELECT min(e.at) FROM ticket_events e WHERE e.ticket_id = t.id
			AND e.action IN ('claim','assign','resolve','reject','duplicate','note') AND e.actor_id <> t.reporter_id) <= t.created_at + ?3), 0)
		FROM tickets t WHERE t.created_at >= ?1 AND t.created_at < ?2 GROUP BY t.building`
	// ResponseTimesSQL: with working hours, each ticket received in the
	// period with the moment it came in and that of its first response as
	// in ResponseRateSQL (NULL: none yet); it was answered in time when
	// the working time between them is at most tickets.respond_within
	// (Respond.InTime).
	ResponseTimesSQL = `SELECT t.building, t.created_at,
		(SELECT min(e.at) FROM ticket_events e WHERE e.ticket_id = t.id
			AND e.action IN ('claim','assign','resolve','reject','duplicate','note') AND e.actor_id <> t.reporter_id)
		FROM tickets t WHERE t.created_at >= ?1 AND t.created_at < ?2`
	// CompletionRateSQL: the tickets whose deadline (created_at plus their
	// category's deadline, given as a JSON object of milliseconds in ?3;
	// categories without one are left out) fell in the period, and those
	// ended by it: closed (confirmed or auto-closed), rejected with a
	// reason, or marked a duplicate. A ticket reopened counts as ended
	// only once it ends again.
	CompletionRateSQL = `WITH d(category, span) AS (SELECT key, value FROM json_each(?3) WHERE value > 0),
		due AS (SELECT t.building, t.created_at + d.span AS due,
			CASE WHEN t.state = 'closed' THEN t.closed_at
				WHEN t.state IN ('rejected','duplicate') THEN (SELECT max(e.at) FROM ticket_events e
					WHERE e.ticket_id = t.id AND e.action IN ('reject','duplicate')) END AS ended
			FROM tickets t JOIN d ON d.category = t.category)
		SELECT building, count(*), coalesce(sum(ended IS NOT NULL AND ended <= due), 0)
		FROM due WHERE due >= ?1 AND due < ?2 GROUP BY building`
	// ResolutionRateSQL: the reporters' answers to "is it fixed?" given in
	// the period (yes, partly, no: every answer, so a ticket reopened and
	// then fixed counts twice), and the yes among them.
	ResolutionRateSQL = `SELECT t.building, count(*), coalesce(sum(e.action = 'confirm'), 0)
		FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
		WHERE e.action IN ('confirm','partly','reopen') AND e.at >= ?1 AND e.at < ?2 GROUP BY t.building`
	// SatisfactionRateSQL: the ratings of tickets on the five-level scale
	// made in the period, and those satisfied or very satisfied (4, 5).
	SatisfactionRateSQL = `SELECT building, count(*), coalesce(sum(level >= 4), 0)
		FROM ratings WHERE kind = 'ticket' AND created_at >= ?1 AND created_at < ?2 GROUP BY building`
)

// Rate is a count that went well out of the count it is over.
type Rate struct{ Good, Of int }

// Percent is the rate in whole percent, rounded; ok is false when it is
// over nothing (shown as "—", never as 0% or 100%).
func (r Rate) Percent() (int, bool) {
	if r.Of == 0 {
		return 0, false
	}
	return (200*r.Good + r.Of) / (2 * r.Of), true
}

func (r Rate) add(o Rate) Rate { return Rate{r.Good + o.Good, r.Of + o.Of} }

// Rates are the four rates of one building (or all of them).
type Rates struct {
	Response, Completion, Resolution, Satisfaction Rate
}

// Add is the rates of both together.
func (r Rates) Add(o Rates) Rates {
	return Rates{r.Response.add(o.Response), r.Completion.add(o.Completion), r.Resolution.add(o.Resolution), r.Satisfaction.add(o.Satisfaction)}
}

// RatesBetween are the four rates of [from, to) by building: respond is
// tickets.respond_within and the working hours it counts, deadlines each
// category's deadline (0: none). A deadline after now has not fallen yet:
// the completion rate of a period not over is counted up to now.
func (t ReportsTx) RatesBetween(from, to, now time.Time, respond Respond, deadlines map[string]time.Duration) (map[string]Rates, error) {
	out := map[string]Rates{}
	spans := map[string]int64{}
	for k, d := range deadlines {
		spans[k] = d.Milliseconds()
	}
	js, err := json.Marshal(spans)
	if err != nil {
		return nil, fmt.Errorf("storage: rates: %w", err)
	}
	for _, q := range []struct {
		what, sql string
		arg       any
		set       func(*Rates, Rate)
	}{
		{"response rate", ResponseRateSQL, respond.Within.Milliseconds(), func(r *Rates, x Rate) { r.Response = x }},
		{"completion rate", CompletionRateSQL, string(js), func(r *Rates, x Rate) { r.Completion = x }},
		{"resolution rate", ResolutionRateSQL, nil, func(r *Rates, x Rate) { r.Resolution = x }},
		{"satisfaction rate", SatisfactionRateSQL, nil, func(r *Rates, x Rate) { r.Satisfaction = x }},
	} {
		if q.sql == ResponseRateSQL && respond.Working != nil {
			continue // responseInWorkingTime below
		}
		args := []any{ms(from), ms(to)}
		if q.sql == CompletionRateSQL && now.Before(to) {
			args[1] = ms(now)
		}
		if q.arg != nil {
			args = append(args, q.arg)
		}
		rows, err := t.q.QueryContext(t.ctx, q.sql, args...)
		if err != nil {
			return nil, fmt.Errorf("storage: %s: %w", q.what, err)
		}
		for rows.Next() {
			var b string
			var x Rate
			if err := rows.Scan(&b, &x.Of, &x.Good); err != nil {
				rows.Close()
				return nil, fmt.Errorf("storage: %s: %w", q.what, err)
			}
			r := out[b]
			q.set(&r, x)
			out[b] = r
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("storage: %s: %w", q.what, err)
		}
	}
	if respond.Working != nil {
		by, err := t.responseInWorkingTime(from, to, respond)
		if err != nil {
			return nil, err
		}
		for b, x := range by {
			r := out[b]
			r.Response = x
			out[b] = r
		}
	}
	return out, nil
}

// TotalRates are the rates of every building together.
func TotalRates(by map[string]Rates) Rates {
	var all Rates
	for _, r := range by {
		all = all.Add(r)
	}
	return all
}
