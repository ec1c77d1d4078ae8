package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// States of a due item. Only a pending item is ever run.
const (
	DuePending   = "pending"
	DueDone      = "done"      // its work was done
	DueMissed    = "missed"    // picked up after Until: not done
	DueCancelled = "cancelled" // its handler found nothing left to do
	DueFailed    = "failed"    // it failed too often, or nobody knows its kind
)

// DueItem is one piece of timed work: do Kind with Data at DueAt, once.
type DueItem struct {
	ID    int64
	Kind  string    // which handler runs it, e.g. "job.remind"
	Key   string    // unique within Kind among pending items, e.g. "12:24h"
	DueAt time.Time // when it is to be done
	Until time.Time // the last moment it is still worth doing; zero means no limit
	Data  string    // JSON for the handler

	// Read back, never written by ScheduleDue.
	State    string
	Attempts int    // failed runs so far
	Error    string // the last failure
}

const dueCols = `id, kind, key, due_at, until_at, data, state, attempts, error`

func scanDue(sc interface{ Scan(...any) error }) (DueItem, error) {
	var it DueItem
	var due, until int64
	err := sc.Scan(&it.ID, &it.Kind, &it.Key, &due, &until, &it.Data, &it.State, &it.Attempts, &it.Error)
	it.DueAt = fromMS(due)
	if until != 0 {
		it.Until = fromMS(until)
	}
	return it, err
}

func (t DeliveryTx) dueList(what, q string, args ...any) ([]DueItem, error) {
	return queryAll(t, what, scanDue, q, args...)
}

// ScheduleDue makes sure the item Kind+Key is done at it.DueAt, and returns
// its id.
//
//   - A pending item with the same Kind and Key is replaced (due time, limit
//     and data); scheduling the same values again changes nothing.
//   - If an item with the same Kind, Key and DueAt has already finished
//     (done, missed or failed), nothing new is scheduled: that moment has
//     been dealt with. A pending item of that Kind and Key for another
//     moment is dropped. So laying out the same items again after a restart
//     doubles nothing, and moving a job back to the time it had does not
//     remind anyone twice.
//   - A different DueAt is a new moment: it is scheduled even when an older
//     one was done (a job moved to another day is reminded again).
//
// Finished items are kept for a while (see PruneDue); an item laid out again
// after its record was pruned would run again, so callers do not lay out
// items due longer ago than that.
func (t DeliveryTx) ScheduleDue(it DueItem, now time.Time) (int64, error) {
	if it.Kind == "" || it.Key == "" {
		return 0, fmt.Errorf("storage: schedule due item: kind and key are required (kind %q, key %q)", it.Kind, it.Key)
	}
	if !it.Until.IsZero() && it.Until.Before(it.DueAt) {
		return 0, fmt.Errorf("storage: schedule due %s %s: until %v is before its due time %v", it.Kind, it.Key, it.Until, it.DueAt)
	}
	var id int64
	err := t.q.QueryRowContext(t.ctx, `SELECT id FROM due WHERE kind = ? AND key = ? AND due_at = ?
		AND state IN ('done', 'missed', 'failed') ORDER BY id DESC LIMIT 1`, it.Kind, it.Key, ms(it.DueAt)).Scan(&id)
	switch {
	case err == nil:
		if _, err := t.q.ExecContext(t.ctx, `DELETE FROM due WHERE kind = ? AND key = ? AND state = 'pending'`, it.Kind, it.Key); err != nil {
			return 0, fmt.Errorf("storage: schedule due %s %s: %w", it.Kind, it.Key, err)
		}
		return id, nil
	case !errors.Is(err, sql.ErrNoRows):
		return 0, fmt.Errorf("storage: schedule due %s %s: %w", it.Kind, it.Key, err)
	}
	// In an upsert's SET every expression reads the row as it was.
	err = t.q.QueryRowContext(t.ctx, `INSERT INTO due (kind, key, due_at, until_at, data, next_try, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, key) WHERE state = 'pending' DO UPDATE SET
			attempts = CASE WHEN due_at <> excluded.due_at OR data <> excluded.data THEN 0 ELSE attempts END,
			error = CASE WHEN due_at <> excluded.due_at OR data <> excluded.data THEN '' ELSE error END,
			next_try = CASE WHEN due_at <> excluded.due_at OR data <> excluded.data THEN excluded.next_try ELSE next_try END,
			due_at = excluded.due_at, until_at = excluded.until_at, data = excluded.data
		RETURNING id`,
		it.Kind, it.Key, ms(it.DueAt), msOrZero(it.Until), it.Data, ms(it.DueAt), ms(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("storage: schedule due %s %s: %w", it.Kind, it.Key, err)
	}
	return id, nil
}

// CancelDue drops the pending item Kind+Key, if there is one, and
// withdraws the messages of Kind+Key still waiting to be sent.
func (t DeliveryTx) CancelDue(kind, key string) error {
	if _, err := t.q.ExecContext(t.ctx, `DELETE FROM due WHERE kind = ? AND key = ? AND state = 'pending'`, kind, key); err != nil {
		return fmt.Errorf("storage: cancel due %s %s: %w", kind, key, err)
	}
	return t.withdrawDue(kind, key, false)
}

// CancelDuePrefix drops every pending item of kind whose key starts with
// keyPrefix, e.g. every reminder of job 12: CancelDuePrefix("job.remind", "12:").
func (t DeliveryTx) CancelDuePrefix(kind, keyPrefix string) error {
	where, args := duePrefixWhere(kind, keyPrefix)
	if _, err := t.q.ExecContext(t.ctx, `DELETE FROM due WHERE state = 'pending' AND `+where, args...); err != nil {
		return fmt.Errorf("storage: cancel due %s %s*: %w", kind, keyPrefix, err)
	}
	return t.withdrawDue(kind, keyPrefix, true)
}

// duePrefixWhere matches kind and keys starting with prefix as a range, so
// the (kind, key) index serves it.
func duePrefixWhere(kind, prefix string) (string, []any) {
	if prefix == "" {
		return `kind = ?`, []any{kind}
	}
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return `kind = ? AND key >= ? AND key < ?`, []any{kind, prefix, string(b[:i+1])}
		}
	}
	return `kind = ? AND key >= ?`, []any{kind, prefix}
}

// dueSQL picks the pending items due by a moment, oldest first. It reads
// the due_pending index from its start: items in the future are never
// visited.
const dueSQL = `SELECT ` + dueCols + ` FROM due WHERE state = 'pending' AND next_try <= ? ORDER BY next_try, id LIMIT ?`

// DueItems returns up to limit pending items due by now, oldest first. An
// item that failed waits for its next try (see RetryDue).
func (t DeliveryTx) DueItems(now time.Time, limit int) ([]DueItem, error) {
	return t.dueList("due items", dueSQL, ms(now), limit)
}

// FinishDue marks a pending item done, missed, cancelled or failed. It
// returns ErrNotFound when the item is not pending (finished already, or
// cancelled).
func (t DeliveryTx) FinishDue(id int64, state string, now time.Time) error {
	switch state {
	case DueDone, DueMissed, DueCancelled, DueFailed:
	default:
		return fmt.Errorf("storage: finish due item %d: bad state %q", id, state)
	}
	res, err := t.q.ExecContext(t.ctx, `UPDATE due SET state = ?, finished_at = ? WHERE id = ? AND state = 'pending'`, state, ms(now), id)
	if err != nil {
		return fmt.Errorf("storage: finish due item %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("storage: finish due item %d: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("storage: finish due item %d: %w", id, ErrNotFound)
	}
	return nil
}

// RetryDue records a failed run of a pending item: it is tried again at
// next, or marked failed once it has failed maxAttempts times. It reports
// whether the item is now failed for good.
func (t DeliveryTx) RetryDue(id int64, msg string, maxAttempts int, next, now time.Time) (bool, error) {
	var state string
	err := t.q.QueryRowContext(t.ctx, `UPDATE due SET attempts = attempts + 1, error = ?, next_try = ?,
			state = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE state END,
			finished_at = CASE WHEN attempts + 1 >= ? THEN ? ELSE finished_at END
		WHERE id = ? AND state = 'pending' RETURNING state`,
		msg, ms(next), maxAttempts, maxAttempts, ms(now), id).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("storage: retry due item %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return false, fmt.Errorf("storage: retry due item %d: %w", id, err)
	}
	return state == DueFailed, nil
}

// PendingDue lists the pending items of kind whose key starts with
// keyPrefix, by due time.
func (t DeliveryTx) PendingDue(kind, keyPrefix string) ([]DueItem, error) {
	where, args := duePrefixWhere(kind, keyPrefix)
	return t.dueList("pending due items", `SELECT `+dueCols+` FROM due WHERE state = 'pending' AND `+where+` ORDER BY due_at, id`, args...)
}

// DueHistory lists every item of kind and key still on record, pending or
// finished, oldest first.
func (t DeliveryTx) DueHistory(kind, key string) ([]DueItem, error) {
	return t.dueList("due history", `SELECT `+dueCols+` FROM due WHERE kind = ? AND key = ? ORDER BY id`, kind, key)
}

// PruneDue drops the records of items finished before before.
func (t DeliveryTx) PruneDue(before time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `DELETE FROM due WHERE state <> 'pending' AND finished_at < ?`, ms(before))
	if err != nil {
		return 0, fmt.Errorf("storage: prune due items: %w", err)
	}
	return res.RowsAffected()
}
