package storage

import (
	"fmt"
	"time"
)

// JobSeats returns everyone who ever signed up for a job, by arrival.
func (t JobsTx) JobSeats(job int64) ([]Seat, error) {
	scan := func(sc scanner) (Seat, error) {
		var s Seat
		err := sc.Scan(&s.MemberID, &s.State, &s.Position)
		return s, err
	}
	return queryAll(t, fmt.Sprintf("seats of job %d", job), scan, `SELECT member_id, state, position FROM job_signups WHERE job_id = ? ORDER BY position, member_id`, job)
}

// JobCount is how many are signed up and waiting.
type JobCount struct{ Signed, Waiting int }

// CountSeats counts a list's signed up and waiting people.
func CountSeats(list []Seat) JobCount {
	var c JobCount
	for _, s := range list {
		switch s.State {
		case SignedUp:
			c.Signed++
		case Waiting:
			c.Waiting++
		}
	}
	return c
}

// JobSignUp signs member up for job (or puts them on its waitlist).
func (t JobsTx) JobSignUp(job Job, member int64, now time.Time) (SeatChange, error) {
	list, err := t.JobSeats(job.ID)
	if err != nil {
		return SeatChange{}, err
	}
	var pos int64
	if err := t.q.QueryRowContext(t.ctx, `SELECT coalesce(max(position), 0) + 1 FROM job_signups WHERE job_id = ?`, job.ID).Scan(&pos); err != nil {
		return SeatChange{}, fmt.Errorf("storage: sign %d up for job %d: %w", member, job.ID, err)
	}
	next, ch := PlanSignUp(list, job.Slots, member, pos)
	if ch.Already {
		return ch, nil
	}
	return ch, t.saveSeats(job.ID, list, next, now)
}

// JobWithdraw takes member off job; the first waiting move up.
func (t JobsTx) JobWithdraw(job Job, member int64, now time.Time) (SeatChange, error) {
	list, err := t.JobSeats(job.ID)
	if err != nil {
		return SeatChange{}, err
	}
	next, ch := PlanWithdraw(list, job.Slots, member)
	if ch.Already {
		return ch, nil
	}
	// The job's reminders not yet sent to them are not theirs any more.
	if err := t.WithdrawDueTo(member, DueRef("job.remind", fmt.Sprint(job.ID)+":*")); err != nil {
		return ch, err
	}
	return ch, t.saveSeats(job.ID, list, next, now)
}

// saveSeats writes the rows of next that differ from before.
func (t JobsTx) saveSeats(job int64, before, next []Seat, now time.Time) error {
	old := map[int64]Seat{}
	for _, s := range before {
		old[s.MemberID] = s
	}
	for _, s := range next {
		if o, ok := old[s.MemberID]; ok && o == s {
			continue
		}
		_, err := t.q.ExecContext(t.ctx, `INSERT INTO job_signups (job_id, member_id, state, position, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (job_id, member_id) DO UPDATE SET state = excluded.state, position = excluded.position, updated_at = excluded.updated_at`,
			job, s.MemberID, s.State, s.Position, ms(now))
		if err != nil {
			return fmt.Errorf("storage: seat %d on job %d: %w", s.MemberID, job, err)
		}
	}
	return nil
}

// JobPost is one posted copy of a job's message: in a group or a person's
// private chat, in the language it was written in.
type JobPost struct {
	ID        int64
	JobID     int64
	ChatID    int64
	OutID     int64 // the sendMessage outbox row
	Lang      string
	EditOutID int64 // the latest editMessageText outbox row, 0 none
}

// AddJobPost records a posted copy.
func (t JobsTx) AddJobPost(p JobPost) error {
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO job_posts (job_id, chat_id, out_id, lang) VALUES (?, ?, ?, ?)`, p.JobID, p.ChatID, p.OutID, p.Lang)
	if err != nil {
		return fmt.Errorf("storage: post of job %d: %w", p.JobID, err)
	}
	return nil
}

// JobPosts returns a job's posted copies.
func (t JobsTx) JobPosts(job int64) ([]JobPost, error) {
	scan := func(sc scanner) (JobPost, error) {
		var p JobPost
		err := sc.Scan(&p.ID, &p.JobID, &p.ChatID, &p.OutID, &p.Lang, &p.EditOutID)
		return p, err
	}
	return queryAll(t, fmt.Sprintf("posts of job %d", job), scan, `SELECT id, job_id, chat_id, out_id, lang, edit_out_id FROM job_posts WHERE job_id = ? ORDER BY id`, job)
}

// SetJobPostEdit records the pending edit of a posted copy.
func (t JobsTx) SetJobPostEdit(post, outID int64) error {
	if _, err := t.q.ExecContext(t.ctx, `UPDATE job_posts SET edit_out_id = ? WHERE id = ?`, outID, post); err != nil {
		return fmt.Errorf("storage: edit of job post %d: %w", post, err)
	}
	return nil
}
