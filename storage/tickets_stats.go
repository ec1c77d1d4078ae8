package storage

import (
	"database/sql"
	"fmt"
	"slices"
	"time"
)

// TicketStats are a period's figures, the ones a community reports upward.
type TicketStats struct {
	ByCategory      map[string]map[TicketState]int // category → current state → tickets
	ByBuilding      map[string]int                 // building → tickets
	Total           int
	MedianClaim     time.Duration // created → first claim, over the tickets claimed
	MedianResolve   time.Duration // created → last resolve, over the tickets resolved
	Claimed         int           // tickets with a claim
	Resolved        int           // tickets with a resolve
	WishesTotal     int
	WishesFulfilled int // wishes now resolved or closed
}

const statsSQL = `SELECT kind, category, building, state, created_at, claimed_at, resolved_at
	FROM tickets WHERE created_at >= ? AND created_at < ?`

// TicketStats counts the tickets created in [from, to) (a zero bound is
// unbounded). A median over an even number of tickets is the mean of the two
// middle ones; with no tickets it is 0.
func (t TicketsTx) TicketStats(from, to time.Time) (TicketStats, error) {
	st := TicketStats{ByCategory: map[string]map[TicketState]int{}, ByBuilding: map[string]int{}}
	lo, hi := rangeMS(from, to)
	rows, err := t.q.QueryContext(t.ctx, statsSQL, lo, hi)
	if err != nil {
		return TicketStats{}, fmt.Errorf("storage: ticket stats: %w", err)
	}
	defer rows.Close()
	var claims, resolves []int64
	for rows.Next() {
		var kind, category, building string
		var state TicketState
		var created int64
		var claimed, resolved sql.NullInt64
		if err := rows.Scan(&kind, &category, &building, &state, &created, &claimed, &resolved); err != nil {
			return TicketStats{}, fmt.Errorf("storage: ticket stats: %w", err)
		}
		st.Total++
		if st.ByCategory[category] == nil {
			st.ByCategory[category] = map[TicketState]int{}
		}
		st.ByCategory[category][state]++
		st.ByBuilding[building]++
		if claimed.Valid {
			claims = append(claims, claimed.Int64-created)
		}
		if resolved.Valid {
			resolves = append(resolves, resolved.Int64-created)
		}
		if kind == TicketKindWish {
			st.WishesTotal++
			if state == TicketResolved || state == TicketClosed {
				st.WishesFulfilled++
			}
		}
	}
	if err := rows.Err(); err != nil {
		return TicketStats{}, fmt.Errorf("storage: ticket stats: %w", err)
	}
	st.Claimed, st.Resolved = len(claims), len(resolves)
	st.MedianClaim, st.MedianResolve = medianMS(claims), medianMS(resolves)
	return st, nil
}

func medianMS(v []int64) time.Duration {
	if len(v) == 0 {
		return 0
	}
	slices.Sort(v)
	m := len(v) / 2
	if len(v)%2 == 1 {
		return time.Duration(v[m]) * time.Millisecond
	}
	return time.Duration(v[m-1]+v[m]) * time.Millisecond / 2
}
