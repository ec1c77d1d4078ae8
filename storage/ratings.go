package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// What a rating is of.
const (
	RatingTicket = "ticket" // a ticket's handling, after "is it fixed?"
	RatingCase   = "case"   // a service case, when it ends
)

// Rating is one person's rating of one thing, Level 1 (非常不满意) to 5
// (非常满意).
type Rating struct {
	Kind     string
	Ref      int64
	MemberID int64
	Building string
	Level    int
	Note     string
	At       time.Time
}

// SaveRating records r; the same person rating the same thing again
// replaces their earlier rating.
func (t ReportsTx) SaveRating(r Rating) error {
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO ratings (kind, ref, member_id, building, level, note, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, ref, member_id) DO UPDATE SET level = excluded.level, note = excluded.note, created_at = excluded.created_at`,
		r.Kind, r.Ref, r.MemberID, r.Building, r.Level, r.Note, ms(r.At))
	if err != nil {
		return fmt.Errorf("storage: save rating of %s %d: %w", r.Kind, r.Ref, err)
	}
	return nil
}

// RatingsBetween returns the ratings of kind made in [from, to), oldest
// first.
func (t ReportsTx) RatingsBetween(kind string, from, to time.Time) ([]Rating, error) {
	return queryAll(t, "ratings", scanRating, `SELECT kind, ref, member_id, building, level, note, created_at
		FROM ratings WHERE kind = ? AND created_at >= ? AND created_at < ? ORDER BY created_at, ref`, kind, ms(from), ms(to))
}

func scanRating(sc scanner) (Rating, error) {
	var r Rating
	var at int64
	err := sc.Scan(&r.Kind, &r.Ref, &r.MemberID, &r.Building, &r.Level, &r.Note, &at)
	r.At = fromMS(at)
	return r, err
}

// RatingBy returns member's rating of the thing, or ErrNotFound.
func (t ReportsTx) RatingBy(kind string, ref, member int64) (Rating, error) {
	r, err := scanRating(t.q.QueryRowContext(t.ctx, `SELECT kind, ref, member_id, building, level, note, created_at
		FROM ratings WHERE kind = ? AND ref = ? AND member_id = ?`, kind, ref, member))
	if errors.Is(err, sql.ErrNoRows) {
		return Rating{}, ErrNotFound
	}
	if err != nil {
		return Rating{}, fmt.Errorf("storage: rating of %s %d: %w", kind, ref, err)
	}
	return r, nil
}
