package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ProposalsTx is the part of a Tx for residents' proposals and polls
// (proposals*.go, polls*.go).
type ProposalsTx struct{ *tx }

// States of a proposal.
const (
	ProposalOpen      = "open"      // gathering support
	ProposalAgenda    = "agenda"    // on a meeting's agenda
	ProposalAccepted  = "accepted"  // a meeting decided to do it
	ProposalRejected  = "rejected"  // a meeting decided not to, with a reason
	ProposalPostponed = "postponed" // a meeting put it off
	ProposalDeclined  = "declined"  // staff or a leader declined it, with a reason
	ProposalMerged    = "merged"    // a duplicate, merged into another
)

// Proposal is a topic a resident raised for discussion.
type Proposal struct {
	ID         int64
	MemberID   int64
	Building   string // "" the whole community
	Title      string
	Body       string
	Voice      string // a voice note's file_id, when it was spoken
	VoiceSecs  int
	Photo      string
	HideName   bool
	State      string
	MergedInto int64
	Reason     string
	MeetingID  int64
	DecisionID int64
	TicketID   int64
	JobID      int64
	CreatedAt  time.Time
	DecidedAt  time.Time
	Supports   int    // read with it
	JobEnd     string // how the job it became ended: "", ProposalJobHeld or ProposalJobCancelled
}

// Closed reports whether the proposal gathers no more support.
func (p Proposal) Closed() bool {
	return p.State != ProposalOpen && p.State != ProposalAgenda && p.State != ProposalPostponed
}

const proposalCols = `id, member_id, building, title, body, voice, voice_secs, photo, hide_name, state,
	coalesce(merged_into, 0), reason, coalesce(meeting_id, 0), coalesce(decision_id, 0), coalesce(ticket_id, 0),
	coalesce(job_id, 0), created_at, decided_at, (SELECT count(*) FROM proposal_supports s WHERE s.proposal_id = proposals.id),
	job_end`

func scanProposal(sc scanner) (Proposal, error) {
	var p Proposal
	var created int64
	var decided sql.NullInt64
	err := sc.Scan(&p.ID, &p.MemberID, &p.Building, &p.Title, &p.Body, &p.Voice, &p.VoiceSecs, &p.Photo, &p.HideName,
		&p.State, &p.MergedInto, &p.Reason, &p.MeetingID, &p.DecisionID, &p.TicketID, &p.JobID, &created, &decided, &p.Supports,
		&p.JobEnd)
	p.CreatedAt, p.DecidedAt = fromMS(created), nullMS(decided)
	return p, err
}

// CreateProposal stores p, supported by its proposer, and returns its id.
func (t ProposalsTx) CreateProposal(p Proposal, now time.Time) (int64, error) {
	var id int64
	err := t.q.QueryRowContext(t.ctx, `INSERT INTO proposals (member_id, building, title, body, voice, voice_secs, photo,
		hide_name, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?) RETURNING id`,
		p.MemberID, p.Building, p.Title, p.Body, p.Voice, p.VoiceSecs, p.Photo, p.HideName, ms(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("storage: create proposal: %w", err)
	}
	if _, err := t.Support(id, p.MemberID, now); err != nil {
		return 0, err
	}
	return id, nil
}

// Proposal returns proposal id, or ErrNotFound.
func (t ProposalsTx) Proposal(id int64) (Proposal, error) {
	p, err := scanProposal(t.q.QueryRowContext(t.ctx, `SELECT `+proposalCols+` FROM proposals WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("storage: proposal %d: %w", id, err)
	}
	return p, nil
}

// OpenProposals are the proposals gathering support or waiting for a
// meeting, the most supported first, then the oldest.
func (t ProposalsTx) OpenProposals() ([]Proposal, error) {
	return queryAll(t, "open proposals", scanProposal, `SELECT `+proposalCols+` FROM proposals
		WHERE state IN ('open','agenda','postponed') ORDER BY 19 DESC, id`)
}

// ProposalsForAgenda are the open or postponed proposals with at least min
// supports, the most supported first.
func (t ProposalsTx) ProposalsForAgenda(min int) ([]Proposal, error) {
	return queryAll(t, "proposals for agenda", scanProposal, `SELECT `+proposalCols+` FROM proposals
		WHERE state IN ('open','postponed') AND (SELECT count(*) FROM proposal_supports s WHERE s.proposal_id = proposals.id) >= ?
		ORDER BY 19 DESC, id`, min)
}

// ProposalsOfMeeting are the proposals put on meeting id's agenda.
func (t ProposalsTx) ProposalsOfMeeting(meeting int64) ([]Proposal, error) {
	return queryAll(t, "proposals of meeting", scanProposal, `SELECT `+proposalCols+` FROM proposals
		WHERE meeting_id = ? ORDER BY id`, meeting)
}

// ProposalsBetween are the proposals raised, or given an outcome, in [from, to).
func (t ProposalsTx) ProposalsBetween(from, to time.Time) ([]Proposal, error) {
	return queryAll(t, "proposals between", scanProposal, `SELECT `+proposalCols+` FROM proposals
		WHERE state <> 'merged' AND ((created_at >= ?1 AND created_at < ?2) OR (decided_at >= ?1 AND decided_at < ?2)) ORDER BY id`,
		ms(from), ms(to))
}

// Support records member's support of proposal id; false when they had
// supported it already.
func (t ProposalsTx) Support(id, member int64, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO proposal_supports (proposal_id, member_id, created_at) VALUES (?, ?, ?)`,
		id, member, ms(now))
	if err != nil {
		return false, fmt.Errorf("storage: support proposal %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Supporters are the members supporting proposal id, the earliest first.
func (t ProposalsTx) Supporters(id int64) ([]int64, error) {
	return t.ids("proposal supporters", `SELECT member_id FROM proposal_supports WHERE proposal_id = ? ORDER BY created_at, member_id`, id)
}

// MergeProposal merges duplicate dup into into: its supports join into's
// (each person once), and dup stops gathering. False when dup was closed.
func (t ProposalsTx) MergeProposal(dup, into int64, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE proposals SET state = 'merged', merged_into = ?, decided_at = ?
		WHERE id = ? AND state IN ('open','postponed')`, into, ms(now), dup)
	if err != nil {
		return false, fmt.Errorf("storage: merge proposal %d: %w", dup, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	_, err = t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO proposal_supports (proposal_id, member_id, created_at)
		SELECT ?, member_id, created_at FROM proposal_supports WHERE proposal_id = ?`, into, dup)
	if err != nil {
		return false, fmt.Errorf("storage: merge supports of %d: %w", dup, err)
	}
	return true, nil
}

// SetProposalState moves proposal id from one of the states from to state
// with a reason; false when it was in none of them.
func (t ProposalsTx) SetProposalState(id int64, from []string, state, reason string, now time.Time) (bool, error) {
	args := []any{state, reason, ms(now), id}
	for _, f := range from {
		args = append(args, f)
	}
	res, err := t.q.ExecContext(t.ctx, `UPDATE proposals SET state = ?, reason = ?, decided_at = ?
		WHERE id = ? AND state IN (`+placeholders(len(from))+`)`, args...)
	if err != nil {
		return false, fmt.Errorf("storage: proposal %d to %s: %w", id, state, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// PutOnAgenda puts proposal id on meeting's agenda.
func (t ProposalsTx) PutOnAgenda(id, meeting int64) error {
	_, err := t.q.ExecContext(t.ctx, `UPDATE proposals SET state = 'agenda', meeting_id = ? WHERE id = ? AND state IN ('open','postponed')`,
		meeting, id)
	if err != nil {
		return fmt.Errorf("storage: proposal %d on agenda: %w", id, err)
	}
	return nil
}

// LinkProposal records what an accepted proposal became: the decision, and
// the ticket or the job made of it (0 leaves one as it is).
func (t ProposalsTx) LinkProposal(id, decision, ticket, job int64) error {
	_, err := t.q.ExecContext(t.ctx, `UPDATE proposals SET decision_id = coalesce(nullif(?, 0), decision_id),
		ticket_id = coalesce(nullif(?, 0), ticket_id), job_id = coalesce(nullif(?, 0), job_id) WHERE id = ?`,
		decision, ticket, job, id)
	if err != nil {
		return fmt.Errorf("storage: link proposal %d: %w", id, err)
	}
	return nil
}

// ProposalsOfDecision are the proposals accepted as decision id.
func (t ProposalsTx) ProposalsOfDecision(decision int64) ([]Proposal, error) {
	return queryAll(t, "proposals of decision", scanProposal, `SELECT `+proposalCols+` FROM proposals WHERE decision_id = ? ORDER BY id`, decision)
}

// ProposalsOfTicket are the accepted proposals that became ticket id.
func (t ProposalsTx) ProposalsOfTicket(ticket int64) ([]Proposal, error) {
	return queryAll(t, "proposals of ticket", scanProposal, `SELECT `+proposalCols+` FROM proposals WHERE ticket_id = ? ORDER BY id`, ticket)
}

// AddProposalPost records a posted copy of proposal id (an outbox row).
func (t ProposalsTx) AddProposalPost(id, outID int64) error {
	if _, err := t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO proposal_posts (proposal_id, out_id) VALUES (?, ?)`, id, outID); err != nil {
		return fmt.Errorf("storage: proposal %d post: %w", id, err)
	}
	return nil
}

// ProposalPosts are the outbox rows of proposal id's posted copies.
func (t ProposalsTx) ProposalPosts(id int64) ([]int64, error) {
	return t.ids("proposal posts", `SELECT out_id FROM proposal_posts WHERE proposal_id = ? ORDER BY out_id`, id)
}
