package bot

import (
	"bytes"
	"encoding/json"
	"time"

	"courtyard/storage"
)

// rewritten handles a call whose row was rewritten (storage.ReplacePending)
// while the call was on its way: what went out is not the latest. An edit
// stays pending and goes out again with the new text; a message that was
// sent gets an edit carrying the new text. handled is false when the row
// is as it was sent.
func (s *Sender) rewritten(tx *storage.Tx, o outcome, now time.Time) (decision, bool, error) {
	if o.read == nil {
		return decision{}, false, nil
	}
	cur, err := tx.OutByID(o.it.id)
	if err != nil {
		return decision{}, false, err
	}
	if cur.State != storage.OutPending || bytes.Equal(cur.Payload, o.read) {
		return decision{}, false, nil
	}
	switch {
	case cur.Method == "editMessageText":
		return decision{retryAt: now}, true, nil
	case cur.Method == "sendMessage" && o.msgID != 0:
		if err := tx.MarkSent(cur.ID, o.msgID, now); err != nil {
			return decision{}, true, err
		}
		var p map[string]any
		if err := json.Unmarshal(cur.Payload, &p); err != nil {
			return decision{done: true}, true, nil
		}
		edit := map[string]any{"chat_id": p["chat_id"], "message_id": o.msgID, "text": p["text"]}
		for _, k := range []string{"parse_mode", "reply_markup", "link_preview_options", "entities"} {
			if v, ok := p[k]; ok {
				edit[k] = v
			}
		}
		payload, err := json.Marshal(edit)
		if err != nil {
			return decision{done: true}, true, nil
		}
		_, err = tx.Enqueue(storage.OutMsg{ChatID: cur.ChatID, Method: "editMessageText", Payload: payload,
			Priority: cur.Priority, Ref: cur.Ref}, now)
		return decision{done: true, wake: true}, true, err
	}
	return decision{}, false, nil
}
