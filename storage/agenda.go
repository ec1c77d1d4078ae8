package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ComingMeetings are the posted meetings member said they would come to
// that have not ended by from (or, without an end, not started before
// from) and start before to, soonest first.
func (t CalendarTx) ComingMeetings(member int64, from, to time.Time) ([]Meeting, error) {
	return t.meetingList("meetings coming", `SELECT `+meetingCols+` FROM meetings
		WHERE id IN (SELECT meeting_id FROM meeting_rsvps WHERE member_id = ? AND coming = 1)
		AND state = 'posted' AND coalesce(ends_at, starts_at) >= ? AND starts_at < ? ORDER BY starts_at, id`,
		member, ms(from), ms(to))
}

// VisitDue is a visit not made yet of a household member visits.
type VisitDue struct {
	Visit
	Household string // the household's name
	Building  string
	Unit      string
}

// VisitsDue are the visits of rounds of fromYear or later not made yet of
// the households (not archived) member is a visitor of, oldest round
// first.
func (t CalendarTx) VisitsDue(member int64, fromYear int) ([]VisitDue, error) {
	return queryAll(t, "visits due", func(sc scanner) (VisitDue, error) {
		var d VisitDue
		var planned int64
		var visited sql.NullInt64
		err := sc.Scan(&d.ID, &d.HouseholdID, &d.Holiday, &d.Year, &planned, &d.VisitedBy, &visited, &d.Note, &d.TicketID,
			&d.Household, &d.Building, &d.Unit)
		d.PlannedAt, d.VisitedAt = fromMS(planned), nullMS(visited)
		return d, err
	}, `SELECT v.id, v.household_id, v.holiday, v.year, v.planned_at, coalesce(v.visited_by, 0), v.visited_at, v.note,
		coalesce(v.ticket_id, 0), h.name, h.building, h.unit
		FROM care_visitors c JOIN visits v ON v.household_id = c.household_id JOIN care_households h ON h.id = v.household_id
		WHERE c.member_id = ? AND v.visited_at IS NULL AND h.archived = 0 AND v.year >= ? ORDER BY v.year, v.planned_at, v.id`,
		member, fromYear)
}

// SetCalendarLink makes hash the hash of member's calendar feed secret,
// replacing any before.
func (t CalendarTx) SetCalendarLink(member int64, hash []byte, now time.Time) error {
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO calendar_links (member_id, secret_hash, created_at) VALUES (?, ?, ?)
		ON CONFLICT (member_id) DO UPDATE SET secret_hash = excluded.secret_hash, created_at = excluded.created_at`,
		member, hash, ms(now))
	if err != nil {
		return fmt.Errorf("storage: set calendar link of %d: %w", member, err)
	}
	return nil
}

// HasCalendarLink reports whether member has a calendar feed.
func (t CalendarTx) HasCalendarLink(member int64) (bool, error) {
	var n int
	if err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM calendar_links WHERE member_id = ?`, member).Scan(&n); err != nil {
		return false, fmt.Errorf("storage: calendar link of %d: %w", member, err)
	}
	return n > 0, nil
}

// RevokeCalendarLink deletes member's calendar feed; false when there was
// none.
func (t CalendarTx) RevokeCalendarLink(member int64) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `DELETE FROM calendar_links WHERE member_id = ?`, member)
	if err != nil {
		return false, fmt.Errorf("storage: revoke calendar link of %d: %w", member, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// CalendarLinkMember returns the member whose feed secret hashes to hash,
// and the stored hash; ErrNotFound when none does.
func (t CalendarTx) CalendarLinkMember(hash []byte) (int64, []byte, error) {
	var member int64
	var stored []byte
	err := t.q.QueryRowContext(t.ctx, `SELECT member_id, secret_hash FROM calendar_links WHERE secret_hash = ?`, hash).
		Scan(&member, &stored)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, ErrNotFound
	}
	if err != nil {
		return 0, nil, fmt.Errorf("storage: calendar link: %w", err)
	}
	return member, stored, nil
}
