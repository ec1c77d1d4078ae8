package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"courtyard/storage"
)

// When the outcome of a call cannot be written (the disk is full), the
// sender stops with the error and makes no call twice.
func TestSenderStopsWhenASendCannotBeRecorded(t *testing.T) {
	e := newEnv(t)
	var rows []storage.OutMsg
	for chat := int64(1); chat <= 6; chat++ {
		e.user(chat)
		for i := range 3 {
			rows = append(rows, msg(chat, fmt.Sprintf("%d-%d", chat, i), storage.PriorityReply))
		}
	}
	e.enqueue(rows...)
	e.breakOutboxWrites()

	r := e.run(e.store, e.client(nil), fast)
	var err error
	select {
	case err = <-r.done:
		close(r.done)
	case <-time.After(waitLong):
		t.Fatal("the sender went on after it could not record a send")
	}
	if err == nil || !strings.Contains(err.Error(), brokenWrites) {
		t.Errorf("Run returned %v, want the storage error", err)
	}
	calls := e.tg.Calls("sendMessage")
	if len(calls) == 0 {
		t.Fatal("nothing was sent: the failure was not that of recording a send")
	}
	seen := map[string]int{}
	for _, c := range calls {
		text, _ := c.Params["text"].(string)
		if seen[text]++; seen[text] == 2 {
			t.Errorf("%q was sent more than once", text)
		}
	}
	e.view(func(tx *storage.Tx) error {
		pending, err := tx.PendingOut(2 * len(rows))
		if err == nil && len(pending) != len(rows) {
			t.Errorf("%d rows pending, want all %d: nothing could be recorded", len(pending), len(rows))
		}
		return err
	})
}
