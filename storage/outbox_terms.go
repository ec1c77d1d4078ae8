package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Message classes: when a message may reach a person.
const (
	ClassUrgent  = "urgent"  // at once, day or night (a gas leak, a fire)
	ClassTimely  = "timely"  // when it is due, day or night (a night shift's start, an answer to the person asking)
	ClassRoutine = "routine" // held through the reader's quiet hours
)

// Why a call ended without being made.
const (
	DroppedLate      = "late"      // past its last useful moment
	DroppedWithdrawn = "withdrawn" // what it was about changed or was cancelled
)

// OutTerms are what the messages queued in a transaction are, unless a
// message says otherwise: set for the work in hand (an update being
// answered, a timed item being done) by whoever starts that work.
type OutTerms struct {
	Answering []int64   // the chats of the update in hand: what goes to them is an answer
	Class     string    // "" decides by the reader's quiet hours
	Until     time.Time // the last moment the work's messages are worth sending
	Ref       string    // what the work's messages belong to, e.g. a timed item's DueRef
}

// Terms are the transaction's current terms for what it queues.
func (t *Tx) Terms() OutTerms { return t.terms }

// SetTerms sets the terms for what the transaction queues from now on and
// returns the ones they replace.
func (t *Tx) SetTerms(o OutTerms) OutTerms {
	old := t.terms
	t.terms = o
	return old
}

// DueRef is the ref of the messages a timed item sends: withdrawn when the
// item is cancelled (CancelDue, CancelDuePrefix).
func DueRef(kind, key string) string { return "due:" + kind + ":" + key }

// withdrawDue ends the pending messages of timed items of kind whose key is
// key (or starts with it, for prefix): what they were about changed.
func (t DeliveryTx) withdrawDue(kind, key string, prefix bool) error {
	ref := DueRef(kind, key)
	where, arg := `ref = ?`, []any{ref}
	if prefix {
		where, arg = `ref >= ? AND ref < ?`, []any{ref, ref + "\xff"}
	}
	_, err := t.q.ExecContext(t.ctx, `UPDATE outbox SET state = 'failed', dropped = 'withdrawn', error = 'withdrawn'
		WHERE state = 'pending' AND `+where, arg...)
	if err != nil {
		return fmt.Errorf("storage: withdraw messages of %s: %w", ref, err)
	}
	return nil
}

// WithdrawDueTo ends the pending messages to chat of the timed items whose
// ref matches the GLOB pattern (a DueRef with wildcards): a person who left
// a shift or a job is not reminded of it.
func (t DeliveryTx) WithdrawDueTo(chat int64, pattern string) error {
	_, err := t.q.ExecContext(t.ctx, `UPDATE outbox SET state = 'failed', dropped = 'withdrawn', error = 'withdrawn'
		WHERE state = 'pending' AND chat_id = ? AND ref GLOB ?`, chat, pattern)
	if err != nil {
		return fmt.Errorf("storage: withdraw messages %s to %d: %w", pattern, chat, err)
	}
	return nil
}

// MarkDropped ends a call that was not made: why is DroppedLate or
// DroppedWithdrawn. It reports false when the call was no longer pending.
func (t DeliveryTx) MarkDropped(id int64, why string, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE outbox SET state = 'failed', dropped = ?, sent_at = ?, error = ? WHERE id = ? AND state = 'pending'`,
		why, ms(now), why, id)
	if err != nil {
		return false, fmt.Errorf("storage: drop outbox %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// SetQuiet records a member's own quiet hours: "" for the community's,
// "off", or a clock range such as "22:00-07:00".
func (t PeopleTx) SetQuiet(id int64, quiet string) error {
	if _, err := t.q.ExecContext(t.ctx, `UPDATE members SET quiet = ? WHERE id = ?`, quiet, id); err != nil {
		return fmt.Errorf("storage: set quiet hours of %d: %w", id, err)
	}
	return nil
}

// Quiet is a member's own quiet hours ("" when they keep the community's
// or are not known).
func (t PeopleTx) Quiet(id int64) (string, error) {
	var q string
	err := t.q.QueryRowContext(t.ctx, `SELECT quiet FROM members WHERE id = ?`, id).Scan(&q)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("storage: quiet hours of %d: %w", id, err)
	}
	return q, nil
}
