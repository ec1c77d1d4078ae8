package storage

import "fmt"

// UnlinkChat undoes LinkChat: the group is no longer a building's or the
// community's. It reports whether the chat was linked.
func (t PeopleTx) UnlinkChat(id int64) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE chats SET building = '', community = 0 WHERE id = ? AND (building <> '' OR community = 1)`, id)
	if err != nil {
		return false, fmt.Errorf("storage: unlink chat %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("storage: unlink chat %d: %w", id, err)
	}
	return n > 0, nil
}
