package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// States of a pledge period.
const (
	PledgeOpen   = "open"   // members pledge and check items off
	PledgeReview = "review" // self-review, staff comment and residents' ratings
	PledgeClosed = "closed"
)

// PledgePeriod is a span staff open for pledges, e.g. "2026 H2".
type PledgePeriod struct {
	ID          int64
	Name        string
	State       string
	ReviewUntil time.Time // set when the review window opens
	OpenedAt    time.Time
}

const pledgePeriodCols = `id, name, state, review_until, opened_at`

func scanPledgePeriod(sc interface{ Scan(...any) error }) (PledgePeriod, error) {
	var p PledgePeriod
	var until sql.NullInt64
	var opened int64
	err := sc.Scan(&p.ID, &p.Name, &p.State, &until, &opened)
	p.ReviewUntil, p.OpenedAt = nullMS(until), fromMS(opened)
	return p, err
}

// CreatePledgePeriod opens a period called name.
func (t CommunityTx) CreatePledgePeriod(name string, by int64, now time.Time) (int64, error) {
	var id int64
	err := t.q.QueryRowContext(t.ctx, `INSERT INTO pledge_periods (name, state, opened_by, opened_at) VALUES (?, 'open', ?, ?) RETURNING id`,
		name, by, ms(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("storage: create pledge period %q: %w", name, err)
	}
	return id, nil
}

// PledgePeriod returns period id, or ErrNotFound.
func (t CommunityTx) PledgePeriod(id int64) (PledgePeriod, error) {
	return t.pledgePeriod(`SELECT `+pledgePeriodCols+` FROM pledge_periods WHERE id = ?`, id)
}

// PledgePeriodByName returns the period called name, or ErrNotFound.
func (t CommunityTx) PledgePeriodByName(name string) (PledgePeriod, error) {
	return t.pledgePeriod(`SELECT `+pledgePeriodCols+` FROM pledge_periods WHERE name = ?`, name)
}

// CurrentPledgePeriod returns the latest period not closed, else the latest
// one, or ErrNotFound when there is none.
func (t CommunityTx) CurrentPledgePeriod() (PledgePeriod, error) {
	return t.pledgePeriod(`SELECT ` + pledgePeriodCols + ` FROM pledge_periods ORDER BY state = 'closed', id DESC LIMIT 1`)
}

func (t CommunityTx) pledgePeriod(q string, args ...any) (PledgePeriod, error) {
	p, err := scanPledgePeriod(t.q.QueryRowContext(t.ctx, q, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("storage: pledge period: %w", err)
	}
	return p, nil
}

// MovePledgePeriod moves period id from one state to another, setting the
// review window's end when it opens; false when it was not in from.
func (t CommunityTx) MovePledgePeriod(id int64, from, to string, reviewUntil, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE pledge_periods SET state = ?,
		review_until = coalesce(?, review_until), closed_at = CASE WHEN ? = 'closed' THEN ? ELSE closed_at END
		WHERE id = ? AND state = ?`, to, msOrNull(reviewUntil), to, ms(now), id, from)
	if err != nil {
		return false, fmt.Errorf("storage: move pledge period %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("storage: move pledge period %d: %w", id, err)
	}
	return n == 1, nil
}

// AllowPledge lets a member pledge who is neither a leader nor in a team.
func (t CommunityTx) AllowPledge(member, by int64, now time.Time) error {
	if _, err := t.q.ExecContext(t.ctx, `INSERT INTO pledge_allowed (member_id, allowed_by, allowed_at) VALUES (?, ?, ?)
		ON CONFLICT (member_id) DO NOTHING`, member, by, ms(now)); err != nil {
		return fmt.Errorf("storage: allow pledge %d: %w", member, err)
	}
	return nil
}

// PledgeAllowed reports whether staff allowed member to pledge.
func (t CommunityTx) PledgeAllowed(member int64) (bool, error) {
	var n int
	if err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM pledge_allowed WHERE member_id = ?`, member).Scan(&n); err != nil {
		return false, fmt.Errorf("storage: pledge allowed %d: %w", member, err)
	}
	return n > 0, nil
}

// InAnyTeam reports whether member is in some team that is not archived.
func (t CommunityTx) InAnyTeam(member int64) (bool, error) {
	var n int
	if err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM team_members m JOIN teams t ON t.id = m.team_id
		WHERE m.member_id = ? AND t.archived = 0`, member).Scan(&n); err != nil {
		return false, fmt.Errorf("storage: teams of %d: %w", member, err)
	}
	return n > 0, nil
}

// Pledge is one member's pledge for a period, with its items and ratings.
type Pledge struct {
	ID        int64
	PeriodID  int64
	MemberID  int64
	CreatedAt time.Time
	Review    string
	Comment   string
	CommentBy int64
	Items     []PledgeItem
	Ratings   int     // how many residents rated it
	Average   float64 // their average, 0 when none
}

// Done counts the items checked off.
func (p Pledge) Done() int {
	n := 0
	for _, it := range p.Items {
		if !it.DoneAt.IsZero() {
			n++
		}
	}
	return n
}

// PledgeItem is one concrete thing pledged.
type PledgeItem struct {
	ID     int64
	Pos    int // 1-based
	Text   string
	DoneAt time.Time
	Note   string
	Photo  string
}

// CreatePledge records member's pledge of items for period.
func (t CommunityTx) CreatePledge(period, member int64, items []string, now time.Time) (int64, error) {
	var id int64
	err := t.q.QueryRowContext(t.ctx, `INSERT INTO pledges (period_id, member_id, created_at) VALUES (?, ?, ?) RETURNING id`,
		period, member, ms(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("storage: create pledge of %d: %w", member, err)
	}
	for i, it := range items {
		if _, err := t.q.ExecContext(t.ctx, `INSERT INTO pledge_items (pledge_id, pos, text) VALUES (?, ?, ?)`, id, i+1, it); err != nil {
			return 0, fmt.Errorf("storage: pledge %d item %d: %w", id, i+1, err)
		}
	}
	return id, nil
}

const pledgeCols = `id, period_id, member_id, created_at, review, comment, coalesce(comment_by, 0),
	(SELECT count(*) FROM pledge_ratings r WHERE r.pledge_id = pledges.id),
	coalesce((SELECT avg(stars) FROM pledge_ratings r WHERE r.pledge_id = pledges.id), 0)`

// Pledge returns pledge id with its items, or ErrNotFound.
func (t CommunityTx) Pledge(id int64) (Pledge, error) {
	ps, err := t.pledges(`SELECT `+pledgeCols+` FROM pledges WHERE id = ?`, id)
	if err != nil {
		return Pledge{}, err
	}
	if len(ps) == 0 {
		return Pledge{}, ErrNotFound
	}
	return ps[0], nil
}

// PledgeOf returns member's pledge for period, or ErrNotFound.
func (t CommunityTx) PledgeOf(period, member int64) (Pledge, error) {
	ps, err := t.pledges(`SELECT `+pledgeCols+` FROM pledges WHERE period_id = ? AND member_id = ?`, period, member)
	if err != nil {
		return Pledge{}, err
	}
	if len(ps) == 0 {
		return Pledge{}, ErrNotFound
	}
	return ps[0], nil
}

// Pledges lists a period's pledges, oldest first.
func (t CommunityTx) Pledges(period int64) ([]Pledge, error) {
	return t.pledges(`SELECT `+pledgeCols+` FROM pledges WHERE period_id = ? ORDER BY id`, period)
}

func (t CommunityTx) pledges(q string, args ...any) ([]Pledge, error) {
	scan := func(sc scanner) (Pledge, error) {
		var p Pledge
		var created int64
		err := sc.Scan(&p.ID, &p.PeriodID, &p.MemberID, &created, &p.Review, &p.Comment, &p.CommentBy, &p.Ratings, &p.Average)
		p.CreatedAt = fromMS(created)
		return p, err
	}
	out, err := queryAll(t, "pledges", scan, q, args...)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Items, err = t.pledgeItems(out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (t CommunityTx) pledgeItems(pledge int64) ([]PledgeItem, error) {
	scan := func(sc scanner) (PledgeItem, error) {
		var it PledgeItem
		var done sql.NullInt64
		err := sc.Scan(&it.ID, &it.Pos, &it.Text, &done, &it.Note, &it.Photo)
		it.DoneAt = nullMS(done)
		return it, err
	}
	return queryAll(t, fmt.Sprintf("pledge %d items", pledge), scan, `SELECT id, pos, text, done_at, note, photo FROM pledge_items WHERE pledge_id = ? ORDER BY pos`, pledge)
}

// CheckPledgeItem marks item pos of pledge done with a note and photo
// (file id, "" none); false when it was done already.
func (t CommunityTx) CheckPledgeItem(pledge int64, pos int, note, photo string, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE pledge_items SET done_at = ?, note = ?, photo = ? WHERE pledge_id = ? AND pos = ? AND done_at IS NULL`,
		ms(now), note, photo, pledge, pos)
	if err != nil {
		return false, fmt.Errorf("storage: check pledge %d item %d: %w", pledge, pos, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("storage: check pledge %d item %d: %w", pledge, pos, err)
	}
	return n == 1, nil
}

// SetPledgeReview records the member's self-review.
func (t CommunityTx) SetPledgeReview(pledge int64, text string, now time.Time) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE pledges SET review = ?, reviewed_at = ? WHERE id = ?`, text, ms(now), pledge)
	if err != nil {
		return fmt.Errorf("storage: pledge %d review: %w", pledge, err)
	}
	return mustAffect(res, pledge)
}

// SetPledgeComment records staff's comment.
func (t CommunityTx) SetPledgeComment(pledge int64, text string, by int64, now time.Time) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE pledges SET comment = ?, comment_by = ?, commented_at = ? WHERE id = ?`, text, by, ms(now), pledge)
	if err != nil {
		return fmt.Errorf("storage: pledge %d comment: %w", pledge, err)
	}
	return mustAffect(res, pledge)
}

// RatePledge records rater's rating; false, and nothing changed, when they
// rated it already.
func (t CommunityTx) RatePledge(pledge, rater int64, stars int, word string, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO pledge_ratings (pledge_id, rater_id, stars, word, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (pledge_id, rater_id) DO NOTHING`, pledge, rater, stars, word, ms(now))
	if err != nil {
		return false, fmt.Errorf("storage: rate pledge %d: %w", pledge, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("storage: rate pledge %d: %w", pledge, err)
	}
	return n == 1, nil
}

// HasRatedPledge reports whether rater rated pledge.
func (t CommunityTx) HasRatedPledge(pledge, rater int64) (bool, error) {
	var n int
	if err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM pledge_ratings WHERE pledge_id = ? AND rater_id = ?`, pledge, rater).Scan(&n); err != nil {
		return false, fmt.Errorf("storage: rated pledge %d: %w", pledge, err)
	}
	return n > 0, nil
}

// PledgeWords lists the words residents left with their ratings, oldest first.
func (t CommunityTx) PledgeWords(pledge int64) ([]string, error) {
	return queryAll(t, fmt.Sprintf("pledge %d words", pledge), scanOne[string], `SELECT word FROM pledge_ratings WHERE pledge_id = ? AND word <> '' ORDER BY created_at`, pledge)
}

// PledgeFigures counts the pledges made in [from, to), their items, and
// those items checked off.
func (t CommunityTx) PledgeFigures(from, to time.Time) (pledges, itemsKept, itemsTotal int, err error) {
	err = t.q.QueryRowContext(t.ctx, `SELECT count(DISTINCT p.id), count(i.id), count(i.done_at) FROM pledges p
		LEFT JOIN pledge_items i ON i.pledge_id = p.id WHERE p.created_at >= ? AND p.created_at < ?`, ms(from), ms(to)).
		Scan(&pledges, &itemsTotal, &itemsKept)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("storage: pledge figures: %w", err)
	}
	return pledges, itemsKept, itemsTotal, nil
}
