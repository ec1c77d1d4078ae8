package app

import (
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// medNext waits for a message to chat newer than after whose plain text
// holds every part.
func (h *harness) medNext(chat int64, after int, parts ...string) telegramtest.Message {
	h.t.Helper()
	return h.tg.WaitMessage(h.t, chat, func(m telegramtest.Message) bool {
		if m.ID <= after {
			return false
		}
		for _, p := range parts {
			if !strings.Contains(m.Plain, p) {
				return false
			}
		}
		return true
	}, wait)
}

// medLast is the id of the newest message in chat (0 for none).
func (h *harness) medLast(chat int64) int {
	ms := h.tg.Messages(chat)
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].ID
}

// medDispute reads dispute id from the database.
func (h *harness) medDispute(id int64) storage.Dispute {
	h.t.Helper()
	var d storage.Dispute
	h.db(func(tx *storage.Tx) error {
		var err error
		d, err = tx.Dispute(id)
		return err
	})
	return d
}

// medCount is how many disputes are on record.
func (h *harness) medCount() int {
	h.t.Helper()
	n := 0
	h.db(func(tx *storage.Tx) error {
		ds, err := tx.Disputes(0, 1000)
		n = len(ds)
		return err
	})
	return n
}

// medLeaks lists what the bot sent that holds one of secrets outside the
// private chats allowed to see it: every call's text, caption and
// callback answer, and every message in its final state.
func medLeaks(t *testing.T, tg *fakeTG, secrets []string, allowed map[int64]bool) []string {
	t.Helper()
	var leaks []string
	for _, c := range tg.Calls("") {
		chat, _ := c.Params["chat_id"].(float64)
		if allowed[int64(chat)] && chat > 0 {
			continue
		}
		for _, field := range []string{"text", "caption"} {
			s, _ := c.Params[field].(string)
			for _, sec := range secrets {
				if strings.Contains(s, sec) {
					leaks = append(leaks, c.Method+" to "+itoa(int64(chat))+": "+sec)
				}
			}
		}
		for _, field := range []string{"document", "photo"} {
			if up, ok := c.Params[field].(telegramtest.Upload); ok {
				for _, sec := range secrets {
					if strings.Contains(string(up.Data), sec) {
						leaks = append(leaks, c.Method+" file to "+itoa(int64(chat))+": "+sec)
					}
				}
			}
		}
	}
	return leaks
}
