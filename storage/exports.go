package storage

import (
	"fmt"
	"time"
)

// ExportRequest is a ticket export someone asked for, waiting to be built.
type ExportRequest struct {
	ID       int64
	ChatID   int64
	MemberID int64
	Lang     string
	From, To time.Time
	Name     string // labels the file
	Format   string // ExportCSV or ExportXLSX
}

// Export formats: CSV documents, or one workbook.
const (
	ExportCSV  = "csv"
	ExportXLSX = "xlsx"
)

// RequestExport stores a request for an export.
func (t ReportsTx) RequestExport(r ExportRequest, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO export_requests (chat_id, member_id, lang, from_at, to_at, name, format, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.ChatID, r.MemberID, r.Lang, ms(r.From), ms(r.To), r.Name, formatOr(r.Format), ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: request export: %w", err)
	}
	return res.LastInsertId()
}

// PendingExports returns up to limit requests not yet done, oldest first.
func (t ReportsTx) PendingExports(limit int) ([]ExportRequest, error) {
	scan := func(sc scanner) (ExportRequest, error) {
		var r ExportRequest
		var from, to int64
		err := sc.Scan(&r.ID, &r.ChatID, &r.MemberID, &r.Lang, &from, &to, &r.Name, &r.Format)
		r.From, r.To = fromMS(from), fromMS(to)
		return r, err
	}
	return queryAll(t, "pending exports", scan, `SELECT id, chat_id, member_id, lang, from_at, to_at, name, format
		FROM export_requests WHERE done_at IS NULL ORDER BY id LIMIT ?`, limit)
}

// ExportDone marks a request done; false when it already was (built twice
// by a restart in between: the second is not sent).
func (t ReportsTx) ExportDone(id int64, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE export_requests SET done_at = ? WHERE id = ? AND done_at IS NULL`, ms(now), id)
	if err != nil {
		return false, fmt.Errorf("storage: export %d done: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("storage: export %d done: %w", id, err)
	}
	return n == 1, nil
}

// CountTicketsCreated counts the tickets created in [from, to).
func (t ReportsTx) CountTicketsCreated(from, to time.Time) (int, error) {
	lo, hi := rangeMS(from, to)
	var n int
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM tickets WHERE created_at >= ? AND created_at < ?`, lo, hi).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("storage: count tickets: %w", err)
	}
	return n, nil
}

// ExportPeople returns the reporters and assignees of the tickets created
// in [from, to), and their teams: what an export names.
func (t ReportsTx) ExportPeople(from, to time.Time) (people, teams []int64, err error) {
	lo, hi := rangeMS(from, to)
	people, err = t.ids("export people", `SELECT reporter_id FROM tickets WHERE created_at >= ? AND created_at < ?
		UNION SELECT assignee_id FROM tickets WHERE created_at >= ? AND created_at < ? AND assignee_id IS NOT NULL`, lo, hi, lo, hi)
	if err != nil {
		return nil, nil, err
	}
	teams, err = t.ids("export teams", `SELECT DISTINCT team_id FROM tickets
		WHERE created_at >= ? AND created_at < ? AND team_id IS NOT NULL`, lo, hi)
	return people, teams, err
}

// formatOr is f, or ExportCSV when none was given.
func formatOr(f string) string {
	if f == "" {
		return ExportCSV
	}
	return f
}
