package storage

import (
	"fmt"
	"sort"
	"time"
)

// Sources of volunteer hours.
const (
	HoursJob    = "job"
	HoursPatrol = "patrol"
)

// HoursEntry is time one member gave: for a volunteer job or a patrol shift
// (Source), the job's or shift's id (Ref), the team it was for (0 none).
type HoursEntry struct {
	ID       int64
	MemberID int64
	Source   string // HoursJob, HoursPatrol
	Ref      int64  // job or shift id
	TeamID   int64  // 0 none
	Start    time.Time
	Minutes  int
	LoggedBy int64 // 0 the bot itself
}

// MonthHours is minutes in one calendar month ("2026-11").
type MonthHours struct {
	Month   string
	Minutes int
}

// PersonHours is one member's minutes.
type PersonHours struct {
	MemberID int64
	Name     string
	Minutes  int
}

// PersonMonthHours is one member's minutes for one team in one month.
type PersonMonthHours struct {
	MemberID int64
	Name     string
	Building string
	TeamID   int64 // 0 none
	Team     string
	Month    string
	Minutes  int
}

// HoursTotals sums a period of the ledger.
type HoursTotals struct {
	People  int // distinct members with hours
	Minutes int
}

// LogHours records e. There is one entry per (Source, Ref, MemberID):
// logging again replaces it. It returns the entry's id.
func (t JobsTx) LogHours(e HoursEntry, now time.Time) (int64, error) {
	if e.Source == "" || e.Minutes <= 0 || e.MemberID == 0 {
		return 0, fmt.Errorf("storage: log hours %+v: need a source, a member and minutes above 0", e)
	}
	var id int64
	err := t.q.QueryRowContext(t.ctx, `INSERT INTO hours (member_id, source, ref, team_id, start_at, minutes, logged_by, logged_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (source, ref, member_id) DO UPDATE SET team_id = excluded.team_id, start_at = excluded.start_at,
			minutes = excluded.minutes, logged_by = excluded.logged_by, logged_at = excluded.logged_at
		RETURNING id`,
		e.MemberID, e.Source, e.Ref, idOrNull(e.TeamID), ms(e.Start), e.Minutes, idOrNull(e.LoggedBy), ms(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("storage: log hours of %d for %s %d: %w", e.MemberID, e.Source, e.Ref, err)
	}
	return id, nil
}

// RemoveHours deletes the entry of member for source's ref. ErrNotFound
// when there was none.
func (t JobsTx) RemoveHours(source string, ref, memberID int64) error {
	res, err := t.q.ExecContext(t.ctx, `DELETE FROM hours WHERE source = ? AND ref = ? AND member_id = ?`, source, ref, memberID)
	if err != nil {
		return fmt.Errorf("storage: remove hours of %d for %s %d: %w", memberID, source, ref, err)
	}
	return mustAffect(res, memberID)
}

// HoursEntries returns member's entries starting in [from, to), earliest
// first.
func (t JobsTx) HoursEntries(memberID int64, from, to time.Time) ([]HoursEntry, error) {
	scan := func(sc scanner) (HoursEntry, error) {
		var e HoursEntry
		var start int64
		err := sc.Scan(&e.ID, &e.MemberID, &e.Source, &e.Ref, &e.TeamID, &start, &e.Minutes, &e.LoggedBy)
		e.Start = fromMS(start)
		return e, err
	}
	return queryAll(t, fmt.Sprintf("hours of %d", memberID), scan, `SELECT id, member_id, source, ref, coalesce(team_id, 0), start_at, minutes,
		coalesce(logged_by, 0) FROM hours WHERE member_id = ? AND start_at >= ? AND start_at < ? ORDER BY start_at, id`,
		memberID, ms(from), ms(to))
}

// HoursByMonth sums member's minutes by calendar month for entries starting
// in [from, to), earliest month first. Months are counted in from's time
// zone; months without hours are left out.
func (t JobsTx) HoursByMonth(memberID int64, from, to time.Time) ([]MonthHours, error) {
	entries, err := t.HoursEntries(memberID, from, to)
	if err != nil {
		return nil, err
	}
	var out []MonthHours
	for _, e := range entries {
		m := e.Start.In(from.Location()).Format("2006-01")
		if n := len(out); n > 0 && out[n-1].Month == m {
			out[n-1].Minutes += e.Minutes
			continue
		}
		out = append(out, MonthHours{Month: m, Minutes: e.Minutes})
	}
	return out, nil
}

// TeamHours sums the minutes given for the team in [from, to) by person,
// most first (then by name).
func (t JobsTx) TeamHours(teamID int64, from, to time.Time) ([]PersonHours, error) {
	scan := func(sc scanner) (PersonHours, error) {
		var p PersonHours
		err := sc.Scan(&p.MemberID, &p.Name, &p.Minutes)
		return p, err
	}
	return queryAll(t, fmt.Sprintf("hours of team %d", teamID), scan, `SELECT h.member_id, coalesce(m.name, ''), sum(h.minutes)
		FROM hours h LEFT JOIN members m ON m.id = h.member_id
		WHERE h.team_id = ? AND h.start_at >= ? AND h.start_at < ?
		GROUP BY h.member_id ORDER BY sum(h.minutes) DESC, m.name, h.member_id`, teamID, ms(from), ms(to))
}

// HoursExport sums the minutes of entries starting in [from, to) by person,
// team and month (months in from's time zone), ordered by month, then name,
// member and team.
func (t JobsTx) HoursExport(from, to time.Time) ([]PersonMonthHours, error) {
	rows, err := t.q.QueryContext(t.ctx, `SELECT h.member_id, coalesce(m.name, ''), coalesce(m.building, ''),
		coalesce(h.team_id, 0), coalesce(tm.name, ''), h.start_at, h.minutes
		FROM hours h LEFT JOIN members m ON m.id = h.member_id LEFT JOIN teams tm ON tm.id = h.team_id
		WHERE h.start_at >= ? AND h.start_at < ?`, ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("storage: export hours: %w", err)
	}
	defer rows.Close()
	type key struct {
		member, team int64
		month        string
	}
	sums := map[key]*PersonMonthHours{}
	for rows.Next() {
		var p PersonMonthHours
		var start int64
		if err := rows.Scan(&p.MemberID, &p.Name, &p.Building, &p.TeamID, &p.Team, &start, &p.Minutes); err != nil {
			return nil, fmt.Errorf("storage: export hours: %w", err)
		}
		p.Month = fromMS(start).In(from.Location()).Format("2006-01")
		k := key{p.MemberID, p.TeamID, p.Month}
		if s, ok := sums[k]; ok {
			s.Minutes += p.Minutes
		} else {
			sums[k] = &p
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: export hours: %w", err)
	}
	out := make([]PersonMonthHours, 0, len(sums))
	for _, p := range sums {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Month != b.Month {
			return a.Month < b.Month
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		if a.MemberID != b.MemberID {
			return a.MemberID < b.MemberID
		}
		return a.Team < b.Team
	})
	return out, nil
}

// HoursTotals sums the entries starting in [from, to).
func (t JobsTx) HoursTotals(from, to time.Time) (HoursTotals, error) {
	var h HoursTotals
	err := t.q.QueryRowContext(t.ctx, `SELECT count(DISTINCT member_id), coalesce(sum(minutes), 0) FROM hours
		WHERE start_at >= ? AND start_at < ?`, ms(from), ms(to)).Scan(&h.People, &h.Minutes)
	if err != nil {
		return h, fmt.Errorf("storage: hours totals: %w", err)
	}
	return h, nil
}

// JobsHeld counts the volunteer jobs with hours logged that started in
// [from, to).
func (t JobsTx) JobsHeld(from, to time.Time) (int, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, `SELECT count(DISTINCT ref) FROM hours WHERE source = ? AND start_at >= ? AND start_at < ?`,
		HoursJob, ms(from), ms(to)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("storage: jobs held: %w", err)
	}
	return n, nil
}
