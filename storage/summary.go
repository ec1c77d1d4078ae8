package storage

import (
	"database/sql"
	"fmt"
	"time"
)

// ReportsTx is the part of a Tx that reads across the other parts' tables
// for the ledger and the summary: the counts of a period, and the exports
// asked for and built (summary.go, exports.go).
type ReportsTx struct{ *tx }

// The queries behind /summary's figures, kept as constants so that each
// figure can be reproduced by hand from the database (sqlite3 courtyard.db,
// times in Unix milliseconds, [from, to)).
const (
	// ProblemsReceivedSQL: problems (kind report) created in the period,
	// by category.
	ProblemsReceivedSQL = `SELECT category, count(*) FROM tickets
		WHERE kind = 'report' AND created_at >= ? AND created_at < ? GROUP BY category`
	// ProblemsSolvedSQL: problems now resolved or closed whose last
	// resolve fell in the period, by category.
	ProblemsSolvedSQL = `SELECT category, count(*) FROM tickets
		WHERE kind = 'report' AND state IN ('resolved', 'closed') AND resolved_at >= ? AND resolved_at < ? GROUP BY category`
	// WishesFulfilledSQL: micro-wishes now resolved or closed whose last
	// resolve fell in the period.
	WishesFulfilledSQL = `SELECT count(*) FROM tickets
		WHERE kind = 'wish' AND state IN ('resolved', 'closed') AND resolved_at >= ? AND resolved_at < ?`
	// AnnouncementsSentSQL: announcements sent by hand in the period.
	AnnouncementsSentSQL = `SELECT count(*) FROM announcements WHERE state = 'sent' AND schedule_id IS NULL AND sent_at >= ? AND sent_at < ?`
	// NoticesSentSQL: runs of scheduled notices sent in the period.
	NoticesSentSQL = `SELECT count(*) FROM announcements WHERE state = 'sent' AND schedule_id IS NOT NULL AND sent_at >= ? AND sent_at < ?`
	// MeetingsHeldSQL: meetings posted whose time fell in the period.
	MeetingsHeldSQL = `SELECT count(*) FROM meetings WHERE state = 'posted' AND starts_at >= ? AND starts_at < ?`
	// MeetingDecisionsSQL: decisions recorded for meetings held in the period.
	MeetingDecisionsSQL = `SELECT count(*) FROM meeting_decisions d JOIN meetings m ON m.id = d.meeting_id
		WHERE m.state = 'posted' AND m.starts_at >= ? AND m.starts_at < ?`
	// PledgesKeptSQL: pledge items checked off in the period, whenever
	// they were pledged: a period's figure does not change once it is over.
	PledgesKeptSQL = `SELECT count(*) FROM pledge_items WHERE done_at >= ? AND done_at < ?`
	// ProblemDatesSQL: the creation time and category of every problem of
	// the period, for the chart's months (counted in the community's zone).
	ProblemDatesSQL = `SELECT category, created_at FROM tickets
		WHERE kind = 'report' AND created_at >= ? AND created_at < ? ORDER BY created_at`
	// FirstRecordSQL: the earliest ticket or member, when the bot began.
	FirstRecordSQL = `SELECT min(t) FROM (SELECT min(created_at) AS t FROM tickets UNION ALL SELECT min(created_at) FROM members)`
)

// countBy runs a "category, count" query over [from, to).
func (t ReportsTx) countBy(what, q string, from, to time.Time) (map[string]int, error) {
	rows, err := t.q.QueryContext(t.ctx, q, ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("storage: %s: %w", what, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("storage: %s: %w", what, err)
		}
		out[k] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: %s: %w", what, err)
	}
	return out, nil
}

func (t ReportsTx) count(what, q string, from, to time.Time) (int, error) {
	var n int
	if err := t.q.QueryRowContext(t.ctx, q, ms(from), ms(to)).Scan(&n); err != nil {
		return 0, fmt.Errorf("storage: %s: %w", what, err)
	}
	return n, nil
}

// ProblemsReceived counts the problems created in [from, to) by category.
func (t ReportsTx) ProblemsReceived(from, to time.Time) (map[string]int, error) {
	return t.countBy("problems received", ProblemsReceivedSQL, from, to)
}

// ProblemsSolved counts the problems resolved in [from, to) by category.
func (t ReportsTx) ProblemsSolved(from, to time.Time) (map[string]int, error) {
	return t.countBy("problems solved", ProblemsSolvedSQL, from, to)
}

// WishesFulfilled counts the micro-wishes fulfilled in [from, to).
func (t ReportsTx) WishesFulfilled(from, to time.Time) (int, error) {
	return t.count("wishes fulfilled", WishesFulfilledSQL, from, to)
}

// NoticesSent counts the runs of scheduled notices sent in [from, to).
func (t ReportsTx) NoticesSent(from, to time.Time) (int, error) {
	return t.count("notices sent", NoticesSentSQL, from, to)
}

// MeetingsHeld counts the meetings posted for a time in [from, to).
func (t ReportsTx) MeetingsHeld(from, to time.Time) (int, error) {
	return t.count("meetings held", MeetingsHeldSQL, from, to)
}

// MeetingDecisions counts the decisions of meetings held in [from, to).
func (t ReportsTx) MeetingDecisions(from, to time.Time) (int, error) {
	return t.count("meeting decisions", MeetingDecisionsSQL, from, to)
}

// PledgesKept counts the pledge items checked off in [from, to).
func (t ReportsTx) PledgesKept(from, to time.Time) (int, error) {
	return t.count("pledges kept", PledgesKeptSQL, from, to)
}

// AnnouncementsSent counts the announcements sent by hand in [from, to).
func (t ReportsTx) AnnouncementsSent(from, to time.Time) (int, error) {
	return t.count("announcements sent", AnnouncementsSentSQL, from, to)
}

// ProblemDates calls fn with the category and creation time of every
// problem created in [from, to), oldest first.
func (t ReportsTx) ProblemDates(from, to time.Time, fn func(category string, at time.Time)) error {
	rows, err := t.q.QueryContext(t.ctx, ProblemDatesSQL, ms(from), ms(to))
	if err != nil {
		return fmt.Errorf("storage: problem dates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		var at int64
		if err := rows.Scan(&c, &at); err != nil {
			return fmt.Errorf("storage: problem dates: %w", err)
		}
		fn(c, fromMS(at))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("storage: problem dates: %w", err)
	}
	return nil
}

// FirstRecord is when the bot began: its earliest ticket or member. It is
// zero for an empty database.
func (t ReportsTx) FirstRecord() (time.Time, error) {
	var v sql.NullInt64
	if err := t.q.QueryRowContext(t.ctx, FirstRecordSQL).Scan(&v); err != nil {
		return time.Time{}, fmt.Errorf("storage: first record: %w", err)
	}
	return nullMS(v), nil
}

// VolunteerJobHoursSQL: the people and minutes of the volunteer jobs whose
// hours started in the period (patrol hours are not counted here).
const VolunteerJobHoursSQL = `SELECT count(DISTINCT member_id), coalesce(sum(minutes), 0) FROM hours
	WHERE source = 'job' AND start_at >= ? AND start_at < ?`

// VolunteerJobHours sums the job hours of [from, to): distinct people and
// minutes.
func (t ReportsTx) VolunteerJobHours(from, to time.Time) (HoursTotals, error) {
	var h HoursTotals
	if err := t.q.QueryRowContext(t.ctx, VolunteerJobHoursSQL, ms(from), ms(to)).Scan(&h.People, &h.Minutes); err != nil {
		return h, fmt.Errorf("storage: volunteer job hours: %w", err)
	}
	return h, nil
}

// VolunteerJobHoursByBuilding sums the job hours of [from, to) by the
// building the members who gave them live in: distinct people and minutes
// for each building with any (hours of members without a building are
// left out).
func (t ReportsTx) VolunteerJobHoursByBuilding(from, to time.Time) (map[string]HoursTotals, error) {
	rows, err := t.q.QueryContext(t.ctx, `SELECT m.building, count(DISTINCT h.member_id), sum(h.minutes)
		FROM hours h JOIN members m ON m.id = h.member_id
		WHERE h.source = 'job' AND h.start_at >= ? AND h.start_at < ? AND m.building <> ''
		GROUP BY m.building`, ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("storage: volunteer job hours by building: %w", err)
	}
	defer rows.Close()
	out := map[string]HoursTotals{}
	for rows.Next() {
		var b string
		var h HoursTotals
		if err := rows.Scan(&b, &h.People, &h.Minutes); err != nil {
			return nil, fmt.Errorf("storage: volunteer job hours by building: %w", err)
		}
		out[b] = h
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: volunteer job hours by building: %w", err)
	}
	return out, nil
}
