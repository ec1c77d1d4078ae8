package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// DeliveryTx is the part of a Tx that carries work in and out: updates
// taken from Telegram (inbox.go), messages waiting to be sent (outbox.go),
// and the items due at a time (due.go).
type DeliveryTx struct{ *tx }

// Outbox states.
const (
	OutPending = "pending"
	OutSent    = "sent"
	OutFailed  = "failed"
	OutBlocked = "blocked"
)

// Priorities: a person waiting for an answer goes ahead of bulk sends; a
// group's notices (a new ticket's line, an announcement) go ahead of answers
// to questions asked in that group, which share its 20 messages a minute.
const (
	PriorityBulk   = 0
	PriorityReply  = 10
	PriorityNotice = 20
)

// OutMsg is one Bot API call waiting to be made, or made.
type OutMsg struct {
	ID        int64
	ChatID    int64 // 0 for calls that are not to a chat (answerCallbackQuery)
	Method    string
	Payload   []byte // the call's JSON parameters
	Priority  int
	State     string
	Attempts  int
	NotBefore time.Time
	CreatedAt time.Time
	MessageID int
	Error     string
	Ref       string // what it belongs to, e.g. "ann:12"
	After     string // what to do once sent: "pin" pins the message
	FileName  string // an upload (sendDocument's document, sendPhoto's photo), with FileData
	FileData  []byte
	Class     string    // ClassUrgent, ClassTimely or ClassRoutine ("" is routine)
	Until     time.Time // the last moment it is still worth sending; zero: no limit
	Dropped   string    // why a call that ended failed was not made: DroppedLate, DroppedWithdrawn
}

// Enqueue adds a call to the outbox.
func (t DeliveryTx) Enqueue(m OutMsg, now time.Time) (int64, error) {
	if m.Class == "" {
		m.Class = ClassRoutine
	}
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO outbox (chat_id, method, payload, priority, not_before, created_at, ref, after, file_name, file_data, class, until_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ChatID, m.Method, m.Payload, m.Priority, msOrZero(m.NotBefore), ms(now), m.Ref, m.After, m.FileName, m.FileData, m.Class, msOrZero(m.Until))
	if err != nil {
		return 0, fmt.Errorf("storage: enqueue %s to %d: %w", m.Method, m.ChatID, err)
	}
	return res.LastInsertId()
}

const outCols = `id, chat_id, method, payload, priority, state, attempts, not_before, created_at, coalesce(message_id, 0), error, ref, after, file_name, file_data, class, until_at, dropped`

func scanOut(sc interface{ Scan(...any) error }) (OutMsg, error) {
	var m OutMsg
	var nb, created, until int64
	err := sc.Scan(&m.ID, &m.ChatID, &m.Method, &m.Payload, &m.Priority, &m.State, &m.Attempts, &nb, &created, &m.MessageID, &m.Error, &m.Ref, &m.After, &m.FileName, &m.FileData,
		&m.Class, &until, &m.Dropped)
	m.NotBefore = fromMS(nb)
	if nb == 0 {
		m.NotBefore = time.Time{}
	}
	if until != 0 {
		m.Until = fromMS(until)
	}
	m.CreatedAt = fromMS(created)
	return m, err
}

// sentToGroupSQL reads a group's recent sends through outbox_group_recent
// (its "chat_id < 0" lets SQLite use that partial index).
const sentToGroupSQL = `SELECT count(*) FROM outbox
	WHERE chat_id < 0 AND chat_id = ? AND created_at >= ? AND method = ? AND payload = ?`

// SentToGroupSince reports whether the same call (method and payload) was
// queued to group chatID at or after since: an answer already on its way.
func (t DeliveryTx) SentToGroupSince(chatID int64, method string, payload []byte, since time.Time) (bool, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, sentToGroupSQL, chatID, ms(since), method, payload).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("storage: recent sends to %d: %w", chatID, err)
	}
	return n > 0, nil
}

// PendingOut returns up to limit pending calls, most urgent first, with ids
// above after (for paging through a deep outbox).
func (t DeliveryTx) PendingOut(limit int) ([]OutMsg, error) {
	return queryAll(t, "pending outbox", scanOut, `SELECT `+outCols+` FROM outbox WHERE state = 'pending' ORDER BY priority DESC, id LIMIT ?`, limit)
}

// OutByID returns one outbox row.
func (t DeliveryTx) OutByID(id int64) (OutMsg, error) {
	m, err := scanOut(t.q.QueryRowContext(t.ctx, `SELECT `+outCols+` FROM outbox WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return OutMsg{}, ErrNotFound
	}
	if err != nil {
		return OutMsg{}, fmt.Errorf("storage: outbox %d: %w", id, err)
	}
	return m, nil
}

// MarkSent records a call Telegram accepted.
func (t DeliveryTx) MarkSent(id int64, messageID int, now time.Time) error {
	_, err := t.q.ExecContext(t.ctx, `UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?, message_id = ?, error = '' WHERE id = ?`,
		ms(now), messageID, id)
	if err != nil {
		return fmt.Errorf("storage: mark outbox %d sent: %w", id, err)
	}
	return nil
}

// MarkFailed ends a call that will not be retried; state is failed or blocked.
func (t DeliveryTx) MarkFailed(id int64, state, errText string, now time.Time) error {
	_, err := t.q.ExecContext(t.ctx, `UPDATE outbox SET state = ?, attempts = attempts + 1, sent_at = ?, error = ? WHERE id = ?`,
		state, ms(now), errText, id)
	if err != nil {
		return fmt.Errorf("storage: mark outbox %d %s: %w", id, state, err)
	}
	return nil
}

// Postpone schedules another attempt of a call.
func (t DeliveryTx) Postpone(id int64, notBefore time.Time, errText string, countAttempt bool) error {
	_, err := t.q.ExecContext(t.ctx, `UPDATE outbox SET not_before = ?, error = ?, attempts = attempts + ? WHERE id = ?`,
		ms(notBefore), errText, boolInt(countAttempt), id)
	if err != nil {
		return fmt.Errorf("storage: postpone outbox %d: %w", id, err)
	}
	return nil
}

// BlockChat ends every pending call to a chat that blocked the bot.
func (t DeliveryTx) BlockChat(chatID int64, errText string, now time.Time) error {
	_, err := t.q.ExecContext(t.ctx, `UPDATE outbox SET state = 'blocked', sent_at = ?, error = ? WHERE chat_id = ? AND state = 'pending'`,
		ms(now), errText, chatID)
	if err != nil {
		return fmt.Errorf("storage: block chat %d in outbox: %w", chatID, err)
	}
	return nil
}

// RedirectChat moves pending calls for a chat to its new id.
func (t DeliveryTx) RedirectChat(from, to int64, rewrite func([]byte) []byte) error {
	type item struct {
		id      int64
		payload []byte
	}
	scan := func(sc scanner) (item, error) {
		var it item
		err := sc.Scan(&it.id, &it.payload)
		return it, err
	}
	items, err := queryAll(t, fmt.Sprintf("redirect chat %d", from), scan, `SELECT id, payload FROM outbox WHERE chat_id = ? AND state = 'pending'`, from)
	if err != nil {
		return err
	}
	for _, it := range items {
		if _, err := t.q.ExecContext(t.ctx, `UPDATE outbox SET chat_id = ?, payload = ?, not_before = 0 WHERE id = ?`, to, rewrite(it.payload), it.id); err != nil {
			return fmt.Errorf("storage: redirect chat %d: %w", from, err)
		}
	}
	return nil
}

// OutboxHealth is what /status reports about sending.
type OutboxHealth struct {
	Pending      int
	OldestQueued time.Time // zero when nothing is pending
	SentLastHour int
	LateLastDay  int // dropped in the last 24 hours as past their last useful moment
	Held         int // pending, held until after now through their reader's quiet hours (not a retry waiting)
}

// OutboxHealth summarises the outbox at now.
func (t DeliveryTx) OutboxHealth(now time.Time) (OutboxHealth, error) {
	var h OutboxHealth
	var oldest sql.NullInt64
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*), min(created_at), coalesce(sum(not_before > ? AND error = ''), 0) FROM outbox WHERE state = 'pending'`,
		ms(now)).Scan(&h.Pending, &oldest, &h.Held)
	if err != nil {
		return h, fmt.Errorf("storage: outbox health: %w", err)
	}
	h.OldestQueued = nullMS(oldest)
	err = t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM outbox WHERE state = 'sent' AND sent_at >= ?`, ms(now.Add(-time.Hour))).Scan(&h.SentLastHour)
	if err != nil {
		return h, fmt.Errorf("storage: outbox health: %w", err)
	}
	err = t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM outbox WHERE dropped = 'late' AND sent_at >= ?`, ms(now.Add(-24*time.Hour))).Scan(&h.LateLastDay)
	if err != nil {
		return h, fmt.Errorf("storage: outbox health: %w", err)
	}
	return h, nil
}

// RefCounts counts the calls of a ref by state.
func (t DeliveryTx) RefCounts(ref string) (map[string]int, error) {
	rows, err := t.q.QueryContext(t.ctx, `SELECT state, count(*) FROM outbox WHERE ref = ? GROUP BY state`, ref)
	if err != nil {
		return nil, fmt.Errorf("storage: counts of %s: %w", ref, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, fmt.Errorf("storage: counts of %s: %w", ref, err)
		}
		out[s] = n
	}
	return out, rows.Err()
}

// PendingOutAfter returns the pending calls with ids above after, in id
// order. Payloads come with them, except for calls that belong to something
// (a ref: they may be rewritten or withdrawn while queued) and uploads,
// which are read when they are sent.
//
// bulk chooses the bulk calls (priority 0), else the more urgent ones; at
// most limit are returned.
func (t DeliveryTx) PendingOutAfter(after int64, bulk bool, limit int) ([]OutMsg, error) {
	which := `priority > 0`
	if bulk {
		which = `priority = 0`
	}
	scan := func(sc scanner) (OutMsg, error) {
		var m OutMsg
		var nb, until int64
		err := sc.Scan(&m.ID, &m.ChatID, &m.Priority, &nb, &until, &m.Method, &m.After, &m.Ref, &m.Payload)
		if nb != 0 {
			m.NotBefore = fromMS(nb)
		}
		if until != 0 {
			m.Until = fromMS(until)
		}
		return m, err
	}
	return queryAll(t, "pending outbox", scan, `SELECT id, chat_id, priority, not_before, until_at, method, after, ref,
			CASE WHEN ref = '' AND file_data IS NULL THEN payload END
		FROM outbox WHERE state = 'pending' AND `+which+` AND id > ? ORDER BY id LIMIT ?`, after, limit)
}

// ReplacePending swaps the payload of a call not yet made. It reports false
// when the call is no longer pending (it was sent, or ended).
//
// Only a call with a ref may be rewritten: the sender reads those from
// their row when it makes them, and makes them again (or edits what went
// out) when the row changed on the way; a call without one is made from
// what was loaded, so a rewrite of it would be lost. Rewriting one is an
// error.
func (t DeliveryTx) ReplacePending(id int64, payload []byte) (bool, error) {
	var ref string
	err := t.q.QueryRowContext(t.ctx, `UPDATE outbox SET payload = ? WHERE id = ? AND state = 'pending' RETURNING ref`, payload, id).Scan(&ref)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("storage: replace outbox %d: %w", id, err)
	}
	if ref == "" {
		return false, fmt.Errorf("storage: replace outbox %d: a call without a ref is sent as it was loaded and cannot be rewritten", id)
	}
	return true, nil
}

// PruneOutbox deletes finished calls made before t0 that belong to nothing
// (replies and notices) or to a timed item (a reminder). Calls with another
// ref, the delivery record of an announcement or a ticket's group line,
// are kept without their payload:
// their state, chat and message id are what is still read. Ids are never
// handed out again (the table is AUTOINCREMENT), so any row may go.
func (t DeliveryTx) PruneOutbox(before time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `DELETE FROM outbox WHERE (ref = '' OR ref GLOB 'due:*') AND state <> 'pending' AND created_at < ?`, ms(before))
	if err != nil {
		return 0, fmt.Errorf("storage: prune outbox: %w", err)
	}
	if _, err := t.q.ExecContext(t.ctx, `UPDATE outbox SET payload = x'', file_data = NULL
		WHERE ref <> '' AND state <> 'pending' AND created_at < ? AND length(payload) > 0`, ms(before)); err != nil {
		return 0, fmt.Errorf("storage: prune outbox payloads: %w", err)
	}
	return res.RowsAffected()
}
