package bot

import (
	"database/sql"
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

func TestLoopWrittenRetriesAndGivesUpWhenOutcomesCannotBeWritten(t *testing.T) {
	e := newEnv(t)
	ids := e.enqueue(msg(1, "a", 0))
	clk := newFakeClock(start())
	l := e.newLoop(e.client(nil), clk, fast, WithRetry(Retry{First: time.Second, Max: time.Second, Tries: 2}))

	// The write fails: the call is made again a second later.
	mend := e.breakOutboxWrites()
	a, _ := sendsNow(t, l, clk)
	l.returned(accepted(a[0], clk.Now()), clk.Now())
	if err := l.written(writeNow(t, l, clk)); err != nil {
		t.Fatalf("the first failed write stopped the sender: %v", err)
	}
	if m := e.row(ids[0]); l.inflight != 0 || l.q.pending() != 1 || m.State != storage.OutPending {
		t.Fatalf("%d in flight, %d pending, the row %s", l.inflight, l.q.pending(), m.State)
	}
	wantWait(t, tickNow(t, l, clk), time.Second)
	clk.Advance(time.Second)
	again, _ := sendsNow(t, l, clk)
	wantIDs(t, again, ids[0])
	// A write that succeeds clears the count.
	mend()
	l.returned(accepted(again[0], clk.Now()), clk.Now())
	settleNow(t, l, clk)
	if m := e.row(ids[0]); m.State != storage.OutSent {
		t.Fatalf("the row is %s once the database is mended", m.State)
	}

	ids = e.enqueue(msg(2, "b", 0))
	if err := l.woken(); err != nil {
		t.Fatal(err)
	}
	e.breakOutboxWrites()
	for try := 1; try <= 2; try++ {
		b, _ := sendsNow(t, l, clk)
		wantIDs(t, b, ids[0])
		l.returned(accepted(b[0], clk.Now()), clk.Now())
		err := l.written(writeNow(t, l, clk))
		if try == 1 && err != nil {
			t.Fatalf("a failure after a success stopped the sender: %v", err)
		}
		if try == 2 && (err == nil || !strings.Contains(err.Error(), brokenWrites)) {
			t.Fatalf("the second failure in a row: %v; want the sender stopped with the cause", err)
		}
		clk.Advance(time.Second)
	}
}

const brokenWrites = "the outbox cannot be written"

// breakOutboxWrites makes every change to an outbox row fail, until the
// function it returns is called.
func (e *env) breakOutboxWrites() (mend func()) {
	e.t.Helper()
	db, err := sql.Open("sqlite3", e.path)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { db.Close() })
	exec := func(q string) {
		e.t.Helper()
		if _, err := db.Exec(q); err != nil {
			e.t.Fatal(err)
		}
	}
	exec(`CREATE TRIGGER broken BEFORE UPDATE ON outbox BEGIN SELECT RAISE(ABORT, '` + brokenWrites + `'); END`)
	return func() { exec(`DROP TRIGGER broken`) }
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
