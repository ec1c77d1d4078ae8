package bot

import (
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
	"courtyard/testkit"
)

// A call queued after the newest row was deleted gets a new id, above
// every id the running sender has read, and is sent.
func TestSenderSendsACallQueuedAfterTheNewestRowWasDeleted(t *testing.T) {
	e := newEnv(t)
	e.user(1)
	r := e.run(e.store, e.client(nil), fast)
	first := e.enqueue(msg(1, "a", storage.PriorityReply))[0]
	r.s.Wake()
	testkit.Await(t, waitLong, e.tg.Changed, func() bool { return e.row(first).State == storage.OutSent }, "the first call recorded as sent")

	e.exec(`DELETE FROM outbox`)
	next := e.enqueue(msg(1, "b", storage.PriorityReply))[0]
	if next <= first {
		t.Errorf("the new call got id %d, not above %d", next, first)
	}
	r.s.Wake()
	e.tg.WaitMessage(t, 1, func(m telegramtest.Message) bool { return m.Text == "b" }, waitLong)
}
