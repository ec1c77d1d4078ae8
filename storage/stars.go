package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CommunityTx is the part of a Tx that keeps what neighbours do for the
// building beyond reports: the star rounds that thank them, and the pledges
// they make and keep (stars.go, pledges.go).
type CommunityTx struct{ *tx }

// States of a star round, in order.
const (
	StarNominating   = "nominating"
	StarShortlisting = "shortlisting"
	StarVoting       = "voting"
	StarClosed       = "closed"
)

// StarRound is one month's election of stars.
type StarRound struct {
	ID            int64
	Title         string
	State         string
	Audience      string // where the results go: an announcement audience
	NominateUntil time.Time
	VoteFrom      time.Time
	VoteUntil     time.Time
	OpenedBy      int64
	OpenedAt      time.Time
	ClosedAt      time.Time
}

const starRoundCols = `id, title, state, audience, nominate_until, vote_from, vote_until, opened_by, opened_at, closed_at`

func scanStarRound(sc interface{ Scan(...any) error }) (StarRound, error) {
	var s StarRound
	var nom, from, until, opened int64
	var closed sql.NullInt64
	err := sc.Scan(&s.ID, &s.Title, &s.State, &s.Audience, &nom, &from, &until, &s.OpenedBy, &opened, &closed)
	s.NominateUntil, s.VoteFrom, s.VoteUntil, s.OpenedAt = fromMS(nom), fromMS(from), fromMS(until), fromMS(opened)
	s.ClosedAt = nullMS(closed)
	return s, err
}

// CreateStarRound opens a round in the nominating state and returns its id.
func (t CommunityTx) CreateStarRound(s StarRound, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO star_rounds (title, state, audience, nominate_until, vote_from, vote_until, opened_by, opened_at)
		VALUES (?, 'nominating', ?, ?, ?, ?, ?, ?)`, s.Title, s.Audience, ms(s.NominateUntil), ms(s.VoteFrom), ms(s.VoteUntil), s.OpenedBy, ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: create star round: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("storage: create star round: %w", err)
	}
	return id, nil
}

// StarRound returns round id, or ErrNotFound.
func (t CommunityTx) StarRound(id int64) (StarRound, error) {
	s, err := scanStarRound(t.q.QueryRowContext(t.ctx, `SELECT `+starRoundCols+` FROM star_rounds WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return StarRound{}, ErrNotFound
	}
	if err != nil {
		return StarRound{}, fmt.Errorf("storage: star round %d: %w", id, err)
	}
	return s, nil
}

// ActiveStarRound returns the round not yet closed, or ErrNotFound.
func (t CommunityTx) ActiveStarRound() (StarRound, error) {
	s, err := scanStarRound(t.q.QueryRowContext(t.ctx, `SELECT `+starRoundCols+` FROM star_rounds WHERE state <> 'closed' ORDER BY id DESC LIMIT 1`))
	if errors.Is(err, sql.ErrNoRows) {
		return StarRound{}, ErrNotFound
	}
	if err != nil {
		return StarRound{}, fmt.Errorf("storage: active star round: %w", err)
	}
	return s, nil
}

// ClosedStarRounds returns the latest limit closed rounds, newest first.
func (t CommunityTx) ClosedStarRounds(limit int) ([]StarRound, error) {
	return queryAll(t, "closed star rounds", scanStarRound, `SELECT `+starRoundCols+` FROM star_rounds WHERE state = 'closed' ORDER BY closed_at DESC, id DESC LIMIT ?`, limit)
}

// MoveStarRound moves round id from state from to state to; it reports false
// when the round was not in from (another run moved it first).
func (t CommunityTx) MoveStarRound(id int64, from, to string, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE star_rounds SET state = ?,
		closed_at = CASE WHEN ? = 'closed' THEN ? ELSE closed_at END WHERE id = ? AND state = ?`, to, to, ms(now), id, from)
	if err != nil {
		return false, fmt.Errorf("storage: move star round %d to %s: %w", id, to, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("storage: move star round %d to %s: %w", id, to, err)
	}
	return n == 1, nil
}

// StarCandidate is a person or a building nominated in a round's category.
type StarCandidate struct {
	ID          int64
	RoundID     int64
	Category    string
	MemberID    int64  // a person; 0 for a building
	Building    string // a building (the courtyard category)
	Shortlisted bool
	Consent     string // for a person: "" not asked, asked, yes, no
	Votes       int    // counted at the close; 0 before
	Winner      bool
	Nominations int
}

// OnBallot reports whether voters may choose the candidate: shortlisted,
// and, for a person, agreeing to be shown.
func (c StarCandidate) OnBallot() bool {
	return c.Shortlisted && (c.MemberID == 0 || c.Consent == "yes")
}

const starCandCols = `id, round_id, category, coalesce(member_id, 0), building, shortlisted, consent, votes, winner,
	(SELECT count(*) FROM star_nominations n WHERE n.candidate_id = star_candidates.id)`

func scanStarCand(sc interface{ Scan(...any) error }) (StarCandidate, error) {
	var c StarCandidate
	var short, win int
	err := sc.Scan(&c.ID, &c.RoundID, &c.Category, &c.MemberID, &c.Building, &short, &c.Consent, &c.Votes, &win, &c.Nominations)
	c.Shortlisted, c.Winner = short == 1, win == 1
	return c, err
}

// StarCandidate returns candidate id, or ErrNotFound.
func (t CommunityTx) StarCandidate(id int64) (StarCandidate, error) {
	c, err := scanStarCand(t.q.QueryRowContext(t.ctx, `SELECT `+starCandCols+` FROM star_candidates WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return StarCandidate{}, ErrNotFound
	}
	if err != nil {
		return StarCandidate{}, fmt.Errorf("storage: star candidate %d: %w", id, err)
	}
	return c, nil
}

// StarCandidates lists a round's candidates in category ("" every
// category), by category then id.
func (t CommunityTx) StarCandidates(round int64, category string) ([]StarCandidate, error) {
	return queryAll(t, fmt.Sprintf("star candidates of %d", round), scanStarCand, `SELECT `+starCandCols+` FROM star_candidates
		WHERE round_id = ? AND (? = '' OR category = ?) ORDER BY category, id`, round, category, category)
}

// StarNomination is one person's nomination in a category, with its reason.
type StarNomination struct {
	ID          int64
	CandidateID int64
	Reason      string
}

// StarNominationBy returns nominator's nomination in a round's category, or
// ErrNotFound.
func (t CommunityTx) StarNominationBy(round int64, category string, nominator int64) (StarNomination, error) {
	var n StarNomination
	err := t.q.QueryRowContext(t.ctx, `SELECT id, candidate_id, reason FROM star_nominations
		WHERE round_id = ? AND category = ? AND nominator_id = ?`, round, category, nominator).Scan(&n.ID, &n.CandidateID, &n.Reason)
	if errors.Is(err, sql.ErrNoRows) {
		return n, ErrNotFound
	}
	if err != nil {
		return n, fmt.Errorf("storage: star nomination by %d: %w", nominator, err)
	}
	return n, nil
}

// Nominate records nominator's nomination of a member (memberID) or a
// building in a round's category, making the candidate when it is new. A
// second nomination by the same person in the category is refused by the
// table: callers check StarNominationBy first.
func (t CommunityTx) Nominate(round int64, category string, nominator, memberID int64, building, reason string, now time.Time) (int64, error) {
	var cand int64
	err := t.q.QueryRowContext(t.ctx, `SELECT id FROM star_candidates WHERE round_id = ? AND category = ?
		AND coalesce(member_id, 0) = ? AND building = ?`, round, category, memberID, building).Scan(&cand)
	if errors.Is(err, sql.ErrNoRows) {
		err = t.q.QueryRowContext(t.ctx, `INSERT INTO star_candidates (round_id, category, member_id, building)
			VALUES (?, ?, ?, ?) RETURNING id`, round, category, idOrNull(memberID), building).Scan(&cand)
	}
	if err != nil {
		return 0, fmt.Errorf("storage: star candidate in %d/%s: %w", round, category, err)
	}
	if _, err := t.q.ExecContext(t.ctx, `INSERT INTO star_nominations (round_id, category, nominator_id, candidate_id, reason, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, round, category, nominator, cand, reason, ms(now)); err != nil {
		return 0, fmt.Errorf("storage: nominate in %d/%s: %w", round, category, err)
	}
	return cand, nil
}

// StarReasons lists the reasons given for candidate, oldest first.
func (t CommunityTx) StarReasons(candidate int64) ([]string, error) {
	return queryAll(t, fmt.Sprintf("star reasons of %d", candidate), scanOne[string], `SELECT reason FROM star_nominations WHERE candidate_id = ? ORDER BY id`, candidate)
}

// SetStarShortlisted puts candidate on the shortlist or takes it off.
func (t CommunityTx) SetStarShortlisted(candidate int64, on bool) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE star_candidates SET shortlisted = ? WHERE id = ?`, boolInt(on), candidate)
	if err != nil {
		return fmt.Errorf("storage: shortlist star candidate %d: %w", candidate, err)
	}
	return mustAffect(res, candidate)
}

// SetStarConsent records whether a shortlisted person agreed to be shown.
func (t CommunityTx) SetStarConsent(candidate int64, consent string) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE star_candidates SET consent = ? WHERE id = ?`, consent, candidate)
	if err != nil {
		return fmt.Errorf("storage: star consent of %d: %w", candidate, err)
	}
	return mustAffect(res, candidate)
}

// CastStarVote records voter's vote in a round's category, replacing an
// earlier one; it returns the candidate voted for before (0 none).
func (t CommunityTx) CastStarVote(round int64, category string, voter, candidate int64, now time.Time) (int64, error) {
	prev, err := t.StarVoteOf(round, category, voter)
	if err != nil {
		return 0, err
	}
	_, err = t.q.ExecContext(t.ctx, `INSERT INTO star_votes (round_id, category, voter_id, candidate_id, voted_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (round_id, category, voter_id) DO UPDATE SET candidate_id = excluded.candidate_id, voted_at = excluded.voted_at`,
		round, category, voter, candidate, ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: star vote of %d: %w", voter, err)
	}
	return prev, nil
}

// StarVoteOf returns the candidate voter chose in a round's category (0 none).
func (t CommunityTx) StarVoteOf(round int64, category string, voter int64) (int64, error) {
	var c int64
	err := t.q.QueryRowContext(t.ctx, `SELECT candidate_id FROM star_votes WHERE round_id = ? AND category = ? AND voter_id = ?`,
		round, category, voter).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("storage: star vote of %d: %w", voter, err)
	}
	return c, nil
}

// CountStarVotes counts a round's votes into its candidates and marks the
// winners: in each category, every candidate on the ballot (see OnBallot;
// votes for one taken off it count for nothing) with the most
// votes, if that is more than none (so a tie gives joint winners).
func (t CommunityTx) CountStarVotes(round int64) error {
	if _, err := t.q.ExecContext(t.ctx, `UPDATE star_candidates SET votes =
		CASE WHEN shortlisted = 1 AND (member_id IS NULL OR consent = 'yes')
		THEN (SELECT count(*) FROM star_votes v WHERE v.candidate_id = star_candidates.id) ELSE 0 END
		WHERE round_id = ?`, round); err != nil {
		return fmt.Errorf("storage: count star votes of %d: %w", round, err)
	}
	if _, err := t.q.ExecContext(t.ctx, `UPDATE star_candidates SET winner = 1 WHERE round_id = ? AND votes > 0
		AND votes = (SELECT max(votes) FROM star_candidates o WHERE o.round_id = star_candidates.round_id AND o.category = star_candidates.category)`, round); err != nil {
		return fmt.Errorf("storage: star winners of %d: %w", round, err)
	}
	return nil
}

// StarsElected counts the stars of rounds closed in [from, to): each winner
// once, joint winners each.
func (t CommunityTx) StarsElected(from, to time.Time) (int, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM star_candidates c JOIN star_rounds r ON r.id = c.round_id
		WHERE c.winner = 1 AND r.state = 'closed' AND r.closed_at >= ? AND r.closed_at < ?`, ms(from), ms(to)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("storage: stars elected: %w", err)
	}
	return n, nil
}
