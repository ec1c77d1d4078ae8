package bot

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

// written is a batch of calls whose outcomes were written.
type written struct {
	batch []outcome
	ds    []decision
	err   error
}

// record writes the outcomes of a batch of calls in one transaction and
// decides what comes next for their chats.
func (s *Sender) record(ctx context.Context, batch []outcome) written {
	now := s.clock.Now()
	var ds []decision
	err := s.store.Update(ctx, func(tx *storage.Tx) error {
		ds = ds[:0]
		for _, o := range batch {
			d, err := s.outcome(tx, o, now)
			if err != nil {
				return err
			}
			ds = append(ds, d)
		}
		return nil
	})
	return written{batch: batch, ds: ds, err: err}
}

// settle reschedules the chats of a batch recorded without error.
func (l *loop) settle(r written) {
	now := l.s.clock.Now()
	woke := false
	for i, o := range r.batch {
		d := r.ds[i]
		// A chat's next call is spaced from when this one went out, not from
		// when it was scheduled, so a call held up on its way does not bring
		// the next one too close to it.
		next := d.nextAt
		if o.it.chat != 0 && !o.start.IsZero() {
			if at := o.start.Add(l.s.interval(o.it.chat)); at.After(next) {
				next = at
			}
		}
		l.q.finish(o.key, d.done, d.retryAt, next, now)
		l.pauseUntil(d.pause)
		woke = woke || d.wake
	}
	for i, o := range r.batch {
		d := r.ds[i]
		if d.dropChat {
			l.q.drop(o.it.chat)
		}
		if d.moveTo != 0 {
			moved := append([]item{o.it}, l.q.drop(o.it.chat)...)
			for _, it := range moved {
				// The stored payload was rewritten for the new id: read it again.
				it.chat, it.notBefore, it.payload = d.moveTo, time.Time{}, nil
				l.q.add(it, now)
			}
		}
	}
	if woke {
		l.s.Wake()
	}
}

type decision struct {
	done     bool
	retryAt  time.Time
	nextAt   time.Time
	dropChat bool      // forget everything queued for the chat
	moveTo   int64     // the chat's queue moves to this id
	wake     bool      // new rows were queued
	pause    time.Time // every chat waits until then (a global 429)
}

// outcome records one call's result in tx and decides what comes next.
func (s *Sender) outcome(tx *storage.Tx, o outcome, now time.Time) (decision, error) {
	id, chat := o.it.id, o.it.chat
	switch o.dropped {
	case gone:
		return decision{done: true}, nil
	case storage.DroppedLate:
		ok, err := tx.MarkDropped(id, storage.DroppedLate, now)
		if ok {
			s.lateN.Add(1)
			s.log.Info("message dropped: past its last useful moment", "chat", chat, "id", id, "until", o.it.until)
		}
		return decision{done: true}, err
	}
	if o.err == nil {
		if d, handled, err := s.rewritten(tx, o, now); handled || err != nil {
			return d, err
		}
		if err := tx.MarkSent(id, o.msgID, now); err != nil {
			return decision{}, err
		}
		if o.it.after == "pin" && o.msgID != 0 {
			_, err := tx.Enqueue(storage.OutMsg{ChatID: chat, Method: "pinChatMessage", Priority: o.it.priority,
				Payload: telegram.Marshal(telegram.PinChatMessage{ChatID: chat, MessageID: o.msgID, DisableNotification: true})}, now)
			return decision{done: true, wake: true}, err
		}
		return decision{done: true}, nil
	}
	var api *APIError
	if !errors.As(o.err, &api) {
		return s.retry(tx, o, now)
	}
	switch {
	case api.Code == 429:
		s.tooMany.Add(1)
		wait := time.Duration(max(api.RetryAfter, 1)) * time.Second
		s.log.Warn("telegram asked to slow down", "chat", chat, "retry_after", api.RetryAfter)
		d := decision{retryAt: now.Add(wait), nextAt: now.Add(wait)}
		if chat == 0 || strings.Contains(strings.ToLower(api.Description), "flood") {
			d.pause = now.Add(wait)
		}
		return d, tx.Postpone(id, now.Add(wait), api.Error(), false)
	case api.Code == 403:
		s.log.Info("chat blocked the bot or removed it", "chat", chat, "description", api.Description)
		if err := tx.BlockChat(chat, api.Description, now); err != nil {
			return decision{}, err
		}
		if err := tx.MarkFailed(id, storage.OutBlocked, api.Description, now); err != nil {
			return decision{}, err
		}
		var err error
		if chat > 0 {
			err = tx.SetMemberActive(chat, false)
		} else {
			err = tx.SetChatActive(chat, false)
		}
		return decision{done: true, dropChat: true}, err
	case api.Code == 400 && api.MigrateTo != 0:
		s.log.Info("group became a supergroup", "chat", chat, "new_chat", api.MigrateTo)
		if err := tx.MigrateChat(chat, api.MigrateTo); err != nil {
			return decision{}, err
		}
		if err := tx.RedirectChat(chat, api.MigrateTo, rewriteChatID(api.MigrateTo)); err != nil {
			return decision{}, err
		}
		return decision{done: true, moveTo: api.MigrateTo}, nil
	case api.Code == 400 && strings.Contains(api.Description, "message is not modified"):
		return decision{done: true}, tx.MarkSent(id, 0, now)
	case api.Code >= 500:
		return s.retry(tx, o, now)
	default:
		s.log.Warn("telegram refused a call", "method", api.Method, "chat", chat, "code", api.Code, "description", api.Description)
		return decision{done: true}, tx.MarkFailed(id, storage.OutFailed, api.Description, now)
	}
}

// maxRetryAge is how long a call is retried through network and server errors.
const maxRetryAge = 48 * time.Hour

func (s *Sender) retry(tx *storage.Tx, o outcome, now time.Time) (decision, error) {
	m, err := tx.OutByID(o.it.id)
	if err != nil {
		return decision{}, err
	}
	if now.Sub(m.CreatedAt) > maxRetryAge {
		return decision{done: true}, tx.MarkFailed(m.ID, storage.OutFailed, o.err.Error(), now)
	}
	wait := time.Second << min(m.Attempts, 9)
	if wait > 5*time.Minute {
		wait = 5 * time.Minute
	}
	s.log.Warn("send failed, will retry", "chat", o.it.chat, "attempt", m.Attempts+1, "retry_in", wait, "err", o.err)
	return decision{retryAt: now.Add(wait)}, tx.Postpone(m.ID, now.Add(wait), o.err.Error(), true)
}

func rewriteChatID(to int64) func([]byte) []byte {
	return func(p []byte) []byte {
		var fields map[string]json.RawMessage
		if json.Unmarshal(p, &fields) != nil {
			return p
		}
		fields["chat_id"] = json.RawMessage(telegram.Marshal(to))
		return telegram.Marshal(fields)
	}
}
