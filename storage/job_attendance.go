package storage

import (
	"fmt"
	"time"
)

// MarkAttendance records whether member came to job; marking again
// replaces the mark.
func (t JobsTx) MarkAttendance(job, member int64, came bool, by int64, now time.Time) error {
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO job_attendance (job_id, member_id, came, marked_by, marked_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (job_id, member_id) DO UPDATE SET came = excluded.came, cleared = 0, marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
		job, member, boolInt(came), by, ms(now))
	if err != nil {
		return fmt.Errorf("storage: attendance of %d on job %d: %w", member, job, err)
	}
	return nil
}

// Attendance returns the marks of a job: member → came.
func (t JobsTx) Attendance(job int64) (map[int64]bool, error) {
	rows, err := t.q.QueryContext(t.ctx, `SELECT member_id, came FROM job_attendance WHERE job_id = ?`, job)
	if err != nil {
		return nil, fmt.Errorf("storage: attendance of job %d: %w", job, err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		var came int
		if err := rows.Scan(&id, &came); err != nil {
			return nil, fmt.Errorf("storage: attendance of job %d: %w", job, err)
		}
		out[id] = came == 1
	}
	return out, rows.Err()
}

const noShowsSQL = `SELECT count(*) FROM job_attendance a JOIN jobs j ON j.id = a.job_id
	WHERE a.member_id = ? AND a.came = 0 AND a.cleared = 0 AND j.end_at >= ?`

// NoShows counts member's uncleared no-shows on jobs that ended at or after since.
func (t JobsTx) NoShows(member int64, since time.Time) (int, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, noShowsSQL, member, ms(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("storage: no-shows of %d: %w", member, err)
	}
	return n, nil
}

// ClearNoShows forgives member's no-shows so far; it returns how many.
func (t JobsTx) ClearNoShows(member int64) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE job_attendance SET cleared = 1 WHERE member_id = ? AND came = 0 AND cleared = 0`, member)
	if err != nil {
		return 0, fmt.Errorf("storage: clear no-shows of %d: %w", member, err)
	}
	return res.RowsAffected()
}

// NoShowMembers returns the active members with uncleared no-shows on jobs
// that ended at or after since, by id.
func (t *Tx) NoShowMembers(since time.Time) ([]Member, error) {
	return t.members(`SELECT `+memberCols+` FROM members WHERE active = 1 AND id IN (
		SELECT a.member_id FROM job_attendance a JOIN jobs j ON j.id = a.job_id
		WHERE a.came = 0 AND a.cleared = 0 AND j.end_at >= ?) ORDER BY id`, ms(since))
}
