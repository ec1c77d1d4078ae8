package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Block is a person the bot ignores.
type Block struct {
	MemberID int64
	ByID     int64
	Reason   string
	At       time.Time
	Name     string // the member's name, for lists
}

// BlockMember makes the bot ignore member. It reports false when member
// was blocked already.
func (t BookkeepingTx) BlockMember(member, by int64, reason string, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO blocked (member_id, by_id, reason, at) VALUES (?, ?, ?, ?)`,
		member, by, reason, ms(now))
	if err != nil {
		return false, fmt.Errorf("storage: block %d: %w", member, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// UnblockMember lifts member's block. It reports false when there was none.
func (t BookkeepingTx) UnblockMember(member int64) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `DELETE FROM blocked WHERE member_id = ?`, member)
	if err != nil {
		return false, fmt.Errorf("storage: unblock %d: %w", member, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// Blocked reports whether member is blocked.
func (t BookkeepingTx) Blocked(member int64) (bool, error) {
	var one int
	err := t.q.QueryRowContext(t.ctx, `SELECT 1 FROM blocked WHERE member_id = ?`, member).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("storage: blocked %d: %w", member, err)
	}
	return true, nil
}

// Blocks lists everyone blocked, most recent first.
func (t BookkeepingTx) Blocks() ([]Block, error) {
	rows, err := t.q.QueryContext(t.ctx, `SELECT b.member_id, b.by_id, b.reason, b.at, COALESCE(m.name, '')
		FROM blocked b LEFT JOIN members m ON m.id = b.member_id ORDER BY b.at DESC, b.member_id`)
	if err != nil {
		return nil, fmt.Errorf("storage: blocks: %w", err)
	}
	defer rows.Close()
	var out []Block
	for rows.Next() {
		var b Block
		var at int64
		if err := rows.Scan(&b.MemberID, &b.ByID, &b.Reason, &at, &b.Name); err != nil {
			return nil, fmt.Errorf("storage: blocks: %w", err)
		}
		b.At = fromMS(at)
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: blocks: %w", err)
	}
	return out, nil
}
