package bot

import (
	"strings"
	"testing"
	"time"

	"courtyard/storage"
)

func TestLoopReturnedTakesEveryOutcomeAlreadyBack(t *testing.T) {
	e := newEnv(t)
	ids := e.enqueue(msg(1, "a", 0), msg(2, "b", 0), msg(3, "c", 0))
	t0 := start()
	clk := newFakeClock(t0)
	l := e.newLoop(e.client(nil), clk, fast)
	its, _ := sendsNow(t, l, clk)
	wantIDs(t, its, ids...)

	// Two workers are done before the loop hears of the third.
	l.results <- accepted(its[1], t0)
	l.results <- accepted(its[2], t0)
	clk.Advance(time.Millisecond)
	l.returned(accepted(its[0], t0), clk.Now())
	if len(l.unrecorded) != 3 || l.sending != 0 || len(l.results) != 0 || !l.oldest.Equal(t0.Add(time.Millisecond)) {
		t.Fatalf("%d unrecorded, %d sending, %d left unread, oldest back at %v",
			len(l.unrecorded), l.sending, len(l.results), l.oldest)
	}
	// Nothing is on the wire: there is nothing to wait for to write them.
	settleNow(t, l, clk)
	for _, id := range ids {
		if m := e.row(id); m.State != storage.OutSent || m.MessageID != int(id) {
			t.Errorf("row %d: %s, message %d", id, m.State, m.MessageID)
		}
	}
	if l.inflight != 0 || l.q.pending() != 0 {
		t.Errorf("%d in flight, %d pending after the write", l.inflight, l.q.pending())
	}
}

// A batch of outcomes that cannot be written stops the loop with the
// cause at once, and its calls are not made again.
func TestLoopWrittenStopsWhenOutcomesCannotBeWritten(t *testing.T) {
	e := newEnv(t)
	ids := e.enqueue(msg(1, "a", 0), msg(2, "b", 0))
	clk := newFakeClock(start())
	l := e.newLoop(e.client(nil), clk, fast)

	e.breakOutboxWrites()
	sent, _ := sendsNow(t, l, clk)
	wantIDs(t, sent, ids...)
	for _, it := range sent {
		l.returned(accepted(it, clk.Now()), clk.Now())
	}
	err := l.written(writeNow(t, l, clk))
	if err == nil || !strings.Contains(err.Error(), brokenWrites) {
		t.Fatalf("the failed write: %v; want the sender stopped with the cause", err)
	}
	if l.inflight != 0 || l.recording {
		t.Errorf("%d in flight, recording %v after the failed write", l.inflight, l.recording)
	}
	// However long the loop were to go on, the calls are not made again.
	clk.Advance(time.Hour)
	if again, _ := sendsNow(t, l, clk); len(again) != 0 {
		t.Errorf("calls made again after their outcome could not be written: %v", again)
	}
	for _, id := range ids {
		if m := e.row(id); m.State != storage.OutPending {
			t.Errorf("row %d is %s; nothing could be written", id, m.State)
		}
	}
}

const brokenWrites = "the outbox cannot be written"

// breakOutboxWrites makes every change to an outbox row fail, as on a full
// disk, until the function it returns is called.
func (e *env) breakOutboxWrites() (mend func()) {
	e.t.Helper()
	e.exec(`CREATE TRIGGER broken BEFORE UPDATE ON outbox BEGIN SELECT RAISE(ABORT, '` + brokenWrites + `'); END`)
	return func() { e.exec(`DROP TRIGGER broken`) }
}

// writeNow ticks with nothing on the wire and returns the written batch.
func writeNow(t *testing.T, l *loop, clk *fakeClock) written {
	t.Helper()
	tickNow(t, l, clk)
	if !l.recording {
		t.Fatal("outcomes back and nothing on the wire, but no write started")
	}
	return awaitRecorded(t, l)
}

func TestLoopWokenReadsRowsQueuedSince(t *testing.T) {
	e := newEnv(t)
	clk := newFakeClock(start())
	l := e.newLoop(e.client(nil), clk, fast)
	wantWait(t, tickNow(t, l, clk), -1)
	ids := e.enqueue(msg(1, "a", storage.PriorityReply), msg(2, "b", storage.PriorityBulk))
	wantWait(t, tickNow(t, l, clk), -1)
	if err := l.woken(); err != nil {
		t.Fatal(err)
	}
	if l.lastUrgent != ids[0] || l.lastBulk != ids[1] {
		t.Errorf("read up to urgent %d, bulk %d; want %v", l.lastUrgent, l.lastBulk, ids)
	}
	its, _ := sendsNow(t, l, clk)
	wantIDs(t, its, ids...)
}

func TestLoopDrainedEndsTheRunOnlyWhenNothingIsLeft(t *testing.T) {
	e := newEnv(t)
	ids := e.enqueue(msg(1, "a", 0))
	clk := newFakeClock(start())
	l := e.newLoop(e.client(nil), clk, fast)
	l.s.Drain()

	a, st := sendsNow(t, l, clk)
	wantIDs(t, a, ids[0])
	wantWait(t, st, -1)
	l.returned(accepted(a[0], clk.Now()), clk.Now())
	if st := tickNow(t, l, clk); st.act != stepWait {
		t.Fatalf("step %d with the outcome being written; want a wait", st.act)
	}
	if err := l.written(awaitRecorded(t, l)); err != nil {
		t.Fatal(err)
	}

	// A row queued since the last read, with no wake: the last look finds it.
	ids = e.enqueue(msg(2, "b", 0))
	if st := tickNow(t, l, clk); st.act != stepAgain {
		t.Fatalf("step %d with a row unread; want another tick", st.act)
	}
	b, _ := sendsNow(t, l, clk)
	wantIDs(t, b, ids[0])
	l.returned(accepted(b[0], clk.Now()), clk.Now())
	settleNow(t, l, clk)
	if st := tickNow(t, l, clk); st.act != stepDone {
		t.Fatalf("step %d with the outbox empty; want the run over", st.act)
	}
}

func TestLoopForgetsIdleChatsEveryMinute(t *testing.T) {
	e := newEnv(t)
	e.enqueue(msg(1, "a", 0))
	clk := newFakeClock(start())
	l := e.newLoop(e.client(nil), clk, fast)
	a, _ := sendsNow(t, l, clk)
	l.returned(accepted(a[0], clk.Now()), clk.Now())
	settleNow(t, l, clk)

	// The chat's spacing is kept a while after its last call.
	clk.Advance(time.Minute)
	tickNow(t, l, clk)
	if len(l.q.chats) != 1 {
		t.Fatalf("%d chats known a minute on", len(l.q.chats))
	}
	clk.Advance(time.Millisecond)
	tickNow(t, l, clk)
	if len(l.q.chats) != 0 || !l.lastPrune.Equal(clk.Now()) {
		t.Errorf("%d chats known past a minute idle (pruned at %v)", len(l.q.chats), l.lastPrune)
	}
}
