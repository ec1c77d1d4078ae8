package storage

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// InboxItem is one Telegram update as it arrived.
type InboxItem struct {
	UpdateID int64
	Payload  []byte // the update's JSON
}

const kvOffset = "telegram.offset"

// SaveUpdates stores a batch of updates and moves the poll offset past them.
// An update already stored is left as it is.
func (t DeliveryTx) SaveUpdates(items []InboxItem, now time.Time) error {
	var max int64
	for _, it := range items {
		if _, err := t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO inbox (update_id, payload, received_at) VALUES (?, ?, ?)`,
			it.UpdateID, it.Payload, ms(now)); err != nil {
			return fmt.Errorf("storage: save update %d: %w", it.UpdateID, err)
		}
		if it.UpdateID > max {
			max = it.UpdateID
		}
	}
	if max == 0 {
		return nil
	}
	off, err := t.Offset()
	if err != nil {
		return err
	}
	if max+1 > off {
		return t.setKV(kvOffset, strconv.FormatInt(max+1, 10))
	}
	return nil
}

// Offset is the getUpdates offset that acknowledges every stored update.
func (t DeliveryTx) Offset() (int64, error) {
	v, err := t.kv(kvOffset)
	if err == ErrNotFound {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("storage: bad stored offset %q: %w", v, err)
	}
	return n, nil
}

// PendingUpdates returns up to limit unprocessed updates in update order.
func (t DeliveryTx) PendingUpdates(limit int) ([]InboxItem, error) {
	scan := func(sc scanner) (InboxItem, error) {
		var it InboxItem
		err := sc.Scan(&it.UpdateID, &it.Payload)
		return it, err
	}
	return queryAll(t, "pending updates", scan, `SELECT update_id, payload FROM inbox WHERE done_at IS NULL ORDER BY update_id LIMIT ?`, limit)
}

// UpdateDone marks an update processed; errText records a failure, if any.
// It reports false when the update was already done (a replay).
func (t DeliveryTx) UpdateDone(id int64, errText string, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE inbox SET done_at = ?, error = ? WHERE update_id = ? AND done_at IS NULL`, ms(now), errText, id)
	if err != nil {
		return false, fmt.Errorf("storage: mark update %d done: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("storage: mark update %d done: %w", id, err)
	}
	return n == 1, nil
}

// UpdatesDone marks updates processed without error, in one statement.
func (t DeliveryTx) UpdatesDone(ids []int64, now time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return fmt.Errorf("storage: mark %d updates done: %w", len(ids), err)
	}
	_, err = t.q.ExecContext(t.ctx, `UPDATE inbox SET done_at = ?, error = ''
		WHERE update_id IN (SELECT value FROM json_each(?)) AND done_at IS NULL`, ms(now), string(list))
	if err != nil {
		return fmt.Errorf("storage: mark %d updates done: %w", len(ids), err)
	}
	return nil
}

// UpdateIsDone reports whether an update was already processed.
func (t DeliveryTx) UpdateIsDone(id int64) (bool, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM inbox WHERE update_id = ? AND done_at IS NOT NULL`, id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("storage: update %d done?: %w", id, err)
	}
	return n == 1, nil
}

// PruneInbox deletes processed updates received before t0 and returns how many.
func (t DeliveryTx) PruneInbox(before time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `DELETE FROM inbox WHERE done_at IS NOT NULL AND received_at < ?`, ms(before))
	if err != nil {
		return 0, fmt.Errorf("storage: prune inbox: %w", err)
	}
	return res.RowsAffected()
}
