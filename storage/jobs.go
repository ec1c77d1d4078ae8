package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// JobsTx is the part of a Tx that keeps volunteer jobs, their seats, posts
// and attendance, and the hours volunteers log (jobs.go, job_*.go,
// hours.go).
type JobsTx struct{ *tx }

// Job states.
const (
	JobOpen      = "open"
	JobCancelled = "cancelled"
)

// Job is a one-off volunteer job: a title, a time, a place, how many
// people, for one team or (TeamID 0) for everyone.
type Job struct {
	ID            int64
	Title         string
	Place         string
	TeamID        int64 // 0: everyone
	Slots         int
	Start, End    time.Time
	WithdrawHours int // withdrawal closes this many hours before the start
	OrganiserID   int64
	State         string
	CreatedAt     time.Time
	ChangedAt     time.Time // last change of time; zero if never
}

// WithdrawCloses is when withdrawal closes.
func (j Job) WithdrawCloses() time.Time {
	return j.Start.Add(-time.Duration(j.WithdrawHours) * time.Hour)
}

// Minutes is how long the job lasts.
func (j Job) Minutes() int { return int(j.End.Sub(j.Start) / time.Minute) }

// jobCols are read from jobs aliased j.
const jobCols = `j.id, j.title, j.place, coalesce(j.team_id, 0), j.slots, j.start_at, j.end_at, j.withdraw_hours, j.organiser_id, j.state, j.created_at, j.changed_at`

func scanJob(sc interface{ Scan(...any) error }) (Job, error) {
	var j Job
	var start, end, created, changed int64
	err := sc.Scan(&j.ID, &j.Title, &j.Place, &j.TeamID, &j.Slots, &start, &end, &j.WithdrawHours, &j.OrganiserID, &j.State, &created, &changed)
	j.Start, j.End, j.CreatedAt = fromMS(start), fromMS(end), fromMS(created)
	if changed != 0 {
		j.ChangedAt = fromMS(changed)
	}
	return j, err
}

// CreateJob stores a new open job and returns its id.
func (t JobsTx) CreateJob(j Job, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO jobs (title, place, team_id, slots, start_at, end_at, withdraw_hours, organiser_id, state, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
		j.Title, j.Place, idOrNull(j.TeamID), j.Slots, ms(j.Start), ms(j.End), j.WithdrawHours, j.OrganiserID, ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: create job: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("storage: create job: %w", err)
	}
	return id, nil
}

// Job returns job id, or ErrNotFound.
func (t JobsTx) Job(id int64) (Job, error) {
	j, err := scanJob(t.q.QueryRowContext(t.ctx, `SELECT `+jobCols+` FROM jobs j WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Job{}, ErrNotFound
	}
	if err != nil {
		return Job{}, fmt.Errorf("storage: job %d: %w", id, err)
	}
	return j, nil
}

// CancelJob marks a job cancelled. ErrNotFound when it is not open.
func (t JobsTx) CancelJob(id int64, now time.Time) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE jobs SET state = 'cancelled', changed_at = ? WHERE id = ? AND state = 'open'`, ms(now), id)
	if err != nil {
		return fmt.Errorf("storage: cancel job %d: %w", id, err)
	}
	return mustAffect(res, id)
}

// MoveJob changes an open job's time.
func (t JobsTx) MoveJob(id int64, start, end, now time.Time) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE jobs SET start_at = ?, end_at = ?, changed_at = ? WHERE id = ? AND state = 'open'`,
		ms(start), ms(end), ms(now), id)
	if err != nil {
		return fmt.Errorf("storage: move job %d: %w", id, err)
	}
	return mustAffect(res, id)
}

const upcomingJobsSQL = `SELECT ` + jobCols + ` FROM jobs j WHERE state = 'open' AND start_at > ? ORDER BY start_at, id LIMIT ?`

// UpcomingJobs returns open jobs starting after now, soonest first, at most limit.
func (t JobsTx) UpcomingJobs(now time.Time, limit int) ([]Job, error) {
	return t.jobs(upcomingJobsSQL, ms(now), limit)
}

// The person's sign-ups drive the join (CROSS JOIN keeps that order): a
// person has few, the open jobs may be many.
const memberJobsSQL = `SELECT ` + jobCols + `, s.state FROM job_signups s CROSS JOIN jobs j ON s.job_id = j.id
	WHERE s.member_id = ? AND s.state <> 'withdrawn' AND j.state = 'open' AND j.end_at > ? ORDER BY j.start_at, j.id`

// MemberJobs returns the jobs member is signed up for or waiting on that
// have not ended by now, soonest first, with their state.
func (t JobsTx) MemberJobs(member int64, now time.Time) ([]Job, []string, error) {
	rows, err := t.q.QueryContext(t.ctx, memberJobsSQL, member, ms(now))
	if err != nil {
		return nil, nil, fmt.Errorf("storage: jobs of %d: %w", member, err)
	}
	defer rows.Close()
	var jobs []Job
	var states []string
	for rows.Next() {
		var j Job
		var start, end, created, changed int64
		var st string
		if err := rows.Scan(&j.ID, &j.Title, &j.Place, &j.TeamID, &j.Slots, &start, &end, &j.WithdrawHours, &j.OrganiserID, &j.State, &created, &changed, &st); err != nil {
			return nil, nil, fmt.Errorf("storage: jobs of %d: %w", member, err)
		}
		j.Start, j.End, j.CreatedAt = fromMS(start), fromMS(end), fromMS(created)
		if changed != 0 {
			j.ChangedAt = fromMS(changed)
		}
		jobs, states = append(jobs, j), append(states, st)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("storage: jobs of %d: %w", member, err)
	}
	return jobs, states, nil
}

// OverlappingJobs returns member's open jobs (signed up or waiting) other
// than except that overlap [start, end).
func (t JobsTx) OverlappingJobs(member, except int64, start, end time.Time) ([]Job, error) {
	return t.jobs(`SELECT `+jobCols+` FROM job_signups s CROSS JOIN jobs j ON s.job_id = j.id
		WHERE s.member_id = ? AND s.state <> 'withdrawn' AND j.state = 'open' AND j.id <> ? AND j.start_at < ? AND j.end_at > ?
		ORDER BY j.start_at`, member, except, ms(end), ms(start))
}

func (t JobsTx) jobs(q string, args ...any) ([]Job, error) {
	return queryAll(t, "list jobs", scanJob, q, args...)
}

// OrganisedJobs returns the open jobs member organises that have not ended
// by now, soonest first.
func (t JobsTx) OrganisedJobs(member int64, now time.Time) ([]Job, error) {
	return t.jobs(`SELECT `+jobCols+` FROM jobs j WHERE organiser_id = ? AND state = 'open' AND end_at > ? ORDER BY start_at, id`, member, ms(now))
}
