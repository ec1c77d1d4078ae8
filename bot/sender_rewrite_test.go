package bot

import (
	"encoding/json"
	"testing"
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

// A row rewritten while its call was on the way: the newer text still
// reaches the chat, as an edit of the message that went out, or as the
// edit sent again.
func TestSenderKeepsARowRewrittenInFlight(t *testing.T) {
	e := newEnv(t)
	s := NewSender(e.client(nil), e.store, fast, e.log)
	oldSend := telegram.Marshal(telegram.SendMessage{ChatID: 5, Text: "1/6", ParseMode: "HTML"})
	oldEdit := telegram.Marshal(telegram.EditMessageText{ChatID: 5, MessageID: 3, Text: "2/6"})
	ids := e.enqueue(
		storage.OutMsg{ChatID: 5, Method: "sendMessage", Payload: oldSend, Ref: "job:1"},
		storage.OutMsg{ChatID: 5, Method: "editMessageText", Payload: oldEdit, Ref: "job:1"},
		storage.OutMsg{ChatID: 5, Method: "editMessageText", Payload: oldEdit, Ref: "job:1"},
	)
	now := time.Now()
	e.update(func(tx *storage.Tx) error {
		if _, err := tx.ReplacePending(ids[0], telegram.Marshal(telegram.SendMessage{ChatID: 5, Text: "3/6", ParseMode: "HTML"})); err != nil {
			return err
		}
		_, err := tx.ReplacePending(ids[1], telegram.Marshal(telegram.EditMessageText{ChatID: 5, MessageID: 3, Text: "4/6"}))
		return err
	})
	e.update(func(tx *storage.Tx) error {
		d, handled, err := s.rewritten(tx, outcome{it: item{id: ids[0], chat: 5}, msgID: 9, read: oldSend}, now)
		if err != nil || !handled || !d.done || !d.wake {
			t.Errorf("sent message rewritten: %+v handled=%v err=%v", d, handled, err)
		}
		d, handled, err = s.rewritten(tx, outcome{it: item{id: ids[1], chat: 5}, msgID: 3, read: oldEdit}, now)
		if err != nil || !handled || d.done {
			t.Errorf("edit rewritten: %+v handled=%v err=%v; want it sent again", d, handled, err)
		}
		d, handled, err = s.rewritten(tx, outcome{it: item{id: ids[2], chat: 5}, msgID: 3, read: oldEdit}, now)
		if err != nil || handled {
			t.Errorf("an unchanged row: handled=%v err=%v", handled, err)
		}
		return nil
	})
	if m := e.row(ids[0]); m.State != storage.OutSent || m.MessageID != 9 {
		t.Errorf("the message: %s, id %d", m.State, m.MessageID)
	}
	if m := e.row(ids[1]); m.State != storage.OutPending {
		t.Errorf("the rewritten edit is %s, want pending", m.State)
	}
	var edit map[string]any
	e.view(func(tx *storage.Tx) error {
		out, err := tx.PendingOut(10)
		for _, m := range out {
			if m.ID > ids[2] {
				err = json.Unmarshal(m.Payload, &edit)
			}
		}
		return err
	})
	if edit["text"] != "3/6" || edit["message_id"] != float64(9) || edit["parse_mode"] != "HTML" {
		t.Errorf("the edit carrying the newer text: %v", edit)
	}
}
