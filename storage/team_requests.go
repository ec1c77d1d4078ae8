package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Team join request states.
const (
	RequestPending  = "pending"
	RequestApproved = "approved"
	RequestDeclined = "declined"
)

// ErrPending is returned for a second join request while one waits.
var ErrPending = errors.New("storage: a request is already pending")

// TeamRequest is someone's request to join a restricted team.
type TeamRequest struct {
	ID        int64
	TeamID    int64
	MemberID  int64
	State     string
	CreatedAt time.Time
	DecidedBy int64 // 0 while pending
	DecidedAt time.Time
}

const teamRequestCols = `id, team_id, member_id, state, created_at, coalesce(decided_by, 0), decided_at`

func scanTeamRequest(sc interface{ Scan(...any) error }) (TeamRequest, error) {
	var rq TeamRequest
	var created int64
	var decided sql.NullInt64
	err := sc.Scan(&rq.ID, &rq.TeamID, &rq.MemberID, &rq.State, &created, &rq.DecidedBy, &decided)
	rq.CreatedAt, rq.DecidedAt = fromMS(created), nullMS(decided)
	return rq, err
}

// CreateTeamRequest records member's request to join the team. ErrPending
// when one of theirs for that team is still waiting.
func (t TeamsTx) CreateTeamRequest(teamID, memberID int64, now time.Time) (int64, error) {
	if _, err := t.PendingTeamRequest(teamID, memberID); err == nil {
		return 0, ErrPending
	} else if !errors.Is(err, ErrNotFound) {
		return 0, err
	}
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO team_requests (team_id, member_id, created_at) VALUES (?, ?, ?)`,
		teamID, memberID, ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: request of %d to join team %d: %w", memberID, teamID, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("storage: request of %d to join team %d: %w", memberID, teamID, err)
	}
	return id, nil
}

// TeamRequest returns request id, or ErrNotFound.
func (t TeamsTx) TeamRequest(id int64) (TeamRequest, error) {
	rq, err := scanTeamRequest(t.q.QueryRowContext(t.ctx, `SELECT `+teamRequestCols+` FROM team_requests WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return TeamRequest{}, ErrNotFound
	}
	if err != nil {
		return TeamRequest{}, fmt.Errorf("storage: team request %d: %w", id, err)
	}
	return rq, nil
}

// PendingTeamRequest returns member's waiting request for the team, or
// ErrNotFound.
func (t TeamsTx) PendingTeamRequest(teamID, memberID int64) (TeamRequest, error) {
	rq, err := scanTeamRequest(t.q.QueryRowContext(t.ctx, `SELECT `+teamRequestCols+` FROM team_requests
		WHERE team_id = ? AND member_id = ? AND state = 'pending'`, teamID, memberID))
	if errors.Is(err, sql.ErrNoRows) {
		return TeamRequest{}, ErrNotFound
	}
	if err != nil {
		return TeamRequest{}, fmt.Errorf("storage: pending request of %d for team %d: %w", memberID, teamID, err)
	}
	return rq, nil
}

// DecideTeamRequest approves (adding the member to the team) or declines a
// waiting request. It reports false, changing nothing, when the request was
// already decided.
func (t TeamsTx) DecideTeamRequest(id int64, approve bool, by int64, now time.Time) (bool, error) {
	state := RequestDeclined
	if approve {
		state = RequestApproved
	}
	res, err := t.q.ExecContext(t.ctx, `UPDATE team_requests SET state = ?, decided_by = ?, decided_at = ?
		WHERE id = ? AND state = 'pending'`, state, idOrNull(by), ms(now), id)
	if err != nil {
		return false, fmt.Errorf("storage: decide team request %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("storage: decide team request %d: %w", id, err)
	}
	if n == 0 {
		if _, err := t.TeamRequest(id); err != nil {
			return false, err
		}
		return false, nil
	}
	if !approve {
		return true, nil
	}
	rq, err := t.TeamRequest(id)
	if err != nil {
		return false, err
	}
	return true, t.AddTeamMember(rq.TeamID, rq.MemberID, now)
}

// OutByRef returns the calls that belong to ref, in the order they were
// queued (for editing every copy of a message).
func (t TeamsTx) OutByRef(ref string) ([]OutMsg, error) {
	return queryAll(t, fmt.Sprintf("calls of %s", ref), scanOut, `SELECT `+outCols+` FROM outbox WHERE ref = ? ORDER BY id`, ref)
}
