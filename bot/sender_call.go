package bot

import (
	"context"
	"encoding/json"
	"time"

	"courtyard/storage"
)

// outcome is what became of one call, as a worker hands it back.
type outcome struct {
	it    item
	key   int64
	start time.Time // when the call went out
	sent  time.Time
	msgID int
	err   error
	read  []byte // the payload read from its row just before the call (nil: it came with the item)
	// dropped says the call was not made: storage.DroppedLate (past its
	// last useful moment), or "gone" (its row ended while it was queued:
	// withdrawn).
	dropped string
}

// gone marks a call whose row ended while it waited.
const gone = "gone"

// send makes one call. It runs on a worker.
func (s *Sender) send(ctx context.Context, it item) outcome {
	out := outcome{it: it, key: it.chat}
	if it.chat == 0 {
		out.key = callbackKey(it.id)
	}
	if late(it.until, s.hours()) {
		out.dropped = storage.DroppedLate
		return out
	}
	m := storage.OutMsg{ID: it.id, Method: it.method, Payload: it.payload}
	if m.Payload == nil {
		err := s.store.View(ctx, func(tx *storage.Tx) error {
			var err error
			m, err = tx.OutByID(it.id)
			return err
		})
		if err != nil {
			out.err = err
			return out
		}
	}
	if it.payload == nil {
		if m.State != storage.OutPending {
			out.dropped = gone
			return out
		}
		if late(m.Until, s.hours()) {
			out.dropped = storage.DroppedLate
			return out
		}
		out.read = m.Payload
	}
	var res json.RawMessage
	out.start = s.clock.Now()
	if m.FileData != nil {
		field := "document"
		if m.Method == "sendPhoto" {
			field = "photo"
		}
		out.err = s.client.Upload(ctx, m.Method, m.Payload, field, m.FileName, m.FileData, &res)
	} else {
		out.err = s.client.Call(ctx, m.Method, m.Payload, &res)
	}
	out.sent = s.clock.Now()
	if out.err == nil {
		var msg struct {
			MessageID int `json:"message_id"`
		}
		if json.Unmarshal(res, &msg) == nil {
			out.msgID = msg.MessageID
		}
		s.sentN.Add(1)
	} else if ctx.Err() == nil {
		s.countFailure(out.err)
	}
	return out
}

// late reports whether a call whose last useful moment is until is past it.
func late(until, now time.Time) bool { return !until.IsZero() && now.After(until) }
