package bot

import (
	"context"
	"fmt"
	"testing"
	"time"

	"courtyard/storage"
)

// Tests of the sender's loop one event at a time, on a fake clock and a
// real database, with no workers: the test makes the calls, handing their
// outcomes back.

// newLoop is a loop over the env's database on clk, its first read done.
func (e *env) newLoop(c *Client, clk *fakeClock, l Limits, opts ...Option) *loop {
	e.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	e.t.Cleanup(cancel)
	s := NewSender(c, e.store, l, e.log, append(opts, WithClock(clk))...)
	lp := s.newLoop(ctx)
	if err := lp.start(); err != nil {
		e.t.Fatal(err)
	}
	return lp
}

// tickNow ticks the loop at the clock's time.
func tickNow(t *testing.T, l *loop, clk *fakeClock) step {
	t.Helper()
	st, err := l.tick(clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// sendsNow ticks until the loop hands out no more calls, and returns the
// calls and the step it stopped at.
func sendsNow(t *testing.T, l *loop, clk *fakeClock) ([]item, step) {
	t.Helper()
	var its []item
	for {
		st := tickNow(t, l, clk)
		if st.act != stepSend {
			return its, st
		}
		its = append(its, st.it)
	}
}

// wantWait fails unless st is a wait of d.
func wantWait(t *testing.T, st step, d time.Duration) {
	t.Helper()
	if st.act != stepWait || st.wait != d {
		t.Fatalf("step %d (item %d), wait %v; want a wait of %v", st.act, st.it.id, st.wait, d)
	}
}

// wantIDs fails unless its are the rows ids, in that order.
func wantIDs(t *testing.T, its []item, ids ...int64) {
	t.Helper()
	got := make([]int64, len(its))
	for i, it := range its {
		got[i] = it.id
	}
	if fmt.Sprint(got) != fmt.Sprint(ids) {
		t.Fatalf("calls made: rows %v, want %v", got, ids)
	}
}

// accepted is the outcome of a call Telegram took, made at at.
func accepted(it item, at time.Time) outcome {
	return outcome{it: it, key: it.chat, start: at, sent: at, msgID: int(it.id)}
}

// refused is the outcome of a call that failed with err.
func refused(it item, at time.Time, err error) outcome {
	return outcome{it: it, key: it.chat, start: at, sent: at, err: err}
}

// awaitRecorded waits for the batch the recorder was given to be written.
func awaitRecorded(t *testing.T, l *loop) written {
	t.Helper()
	select {
	case r := <-l.recorded:
		return r
	case <-time.After(waitLong):
		t.Fatal("the recorder did not answer")
		return written{}
	}
}

// settleNow writes what came back (nothing may be on the wire) and hands
// the written batch to the loop.
func settleNow(t *testing.T, l *loop, clk *fakeClock) {
	t.Helper()
	if st := tickNow(t, l, clk); st.act != stepWait || !l.recording {
		t.Fatalf("outcomes back and nothing on the wire, but no write started (step %d)", st.act)
	}
	if err := l.written(awaitRecorded(t, l)); err != nil {
		t.Fatal(err)
	}
}

func TestLoopTickSendsTheMostUrgentCallFirst(t *testing.T) {
	e := newEnv(t)
	ids := e.enqueue(msg(1, "bulk", storage.PriorityBulk), msg(2, "reply", storage.PriorityReply),
		msg(3, "notice", storage.PriorityNotice), msg(3, "notice 2", storage.PriorityNotice))
	clk := newFakeClock(start())
	l := e.newLoop(e.client(nil), clk, fast)
	if l.q.pending() != 4 || l.lastUrgent != ids[3] || l.lastBulk != ids[0] || l.moreUrgent || l.moreBulk {
		t.Fatalf("after the first read: %d pending, last urgent %d, last bulk %d, more %v %v",
			l.q.pending(), l.lastUrgent, l.lastBulk, l.moreUrgent, l.moreBulk)
	}

	// One call per chat at a time: the second notice waits for the first.
	its, st := sendsNow(t, l, clk)
	wantIDs(t, its, ids[2], ids[1], ids[0])
	wantWait(t, st, -1)
	if l.sending != 3 || l.inflight != 3 {
		t.Errorf("sending %d, in flight %d; want 3 and 3", l.sending, l.inflight)
	}
}

func TestLoopTickKeepsTheGlobalAndPerChatLimits(t *testing.T) {
	e := newEnv(t)
	ids := e.enqueue(msg(1, "a", 0), msg(2, "b", 0), msg(1, "c", 0))
	t0 := start()
	clk := newFakeClock(t0)
	// 10 a second, less 2%: 102 ms apart, less the 5 ms a late send may
	// catch up; one a second (and 2%) per chat.
	l := e.newLoop(e.client(nil), clk, Limits{GlobalPerSecond: 10, PerChatPerSecond: 1, PerGroupPerMinute: 20})

	first, st := sendsNow(t, l, clk)
	wantIDs(t, first, ids[0])
	wantWait(t, st, 97*time.Millisecond)
	clk.Advance(97 * time.Millisecond)
	second, _ := sendsNow(t, l, clk)
	wantIDs(t, second, ids[1])

	// The first call comes back while the second is on the wire: its
	// outcome waits a little for others to be written with.
	l.returned(accepted(first[0], t0), clk.Now())
	if l.sending != 1 || l.inflight != 2 || !l.oldest.Equal(clk.Now()) {
		t.Fatalf("sending %d, in flight %d, oldest back at %v", l.sending, l.inflight, l.oldest)
	}
	wantWait(t, tickNow(t, l, clk), recordAfter)
	if l.recording || len(l.unrecorded) != 1 {
		t.Fatalf("recording %v with %d unrecorded; want the outcome held", l.recording, len(l.unrecorded))
	}
	clk.Advance(recordAfter)
	wantWait(t, tickNow(t, l, clk), -1)
	if !l.recording || len(l.unrecorded) != 0 {
		t.Fatalf("recording %v with %d unrecorded; want the outcome being written", l.recording, len(l.unrecorded))
	}
	if err := l.written(awaitRecorded(t, l)); err != nil {
		t.Fatal(err)
	}
	if m := e.row(ids[0]); m.State != storage.OutSent {
		t.Fatalf("row %d is %s", ids[0], m.State)
	}
	if l.inflight != 1 || l.recording {
		t.Errorf("in flight %d, recording %v after the write", l.inflight, l.recording)
	}

	// Chat 1's next call goes a second and 2% after the first went out.
	wantWait(t, tickNow(t, l, clk), t0.Add(1020*time.Millisecond).Sub(clk.Now()))
	clk.Advance(t0.Add(1020 * time.Millisecond).Sub(clk.Now()))
	third, _ := sendsNow(t, l, clk)
	wantIDs(t, third, ids[2])
}

func TestLoopTickHoldsCallsAtTheBoundsOfWorkersAndUnrecordedCalls(t *testing.T) {
	e := newEnv(t)
	var rows []storage.OutMsg
	for chat := range maxUnrecorded + 16 {
		rows = append(rows, msg(int64(chat+1), "x", 0))
	}
	e.enqueue(rows...)
	clk := newFakeClock(start())
	// The clock stands still: a global limit this high never holds a call.
	l := e.newLoop(e.client(nil), clk, Limits{GlobalPerSecond: 1e6, PerChatPerSecond: 1, PerGroupPerMinute: 20})
	workers := l.s.workers

	// Calls go out until every worker is busy.
	out, st := sendsNow(t, l, clk)
	wantWait(t, st, -1)
	if len(out) != workers || l.sending != workers {
		t.Fatalf("%d calls out (sending %d) with %d workers", len(out), l.sending, workers)
	}
	// One call stays on the wire; the others come back, and their workers
	// take more calls, until too many are made and not yet recorded.
	for l.inflight < maxUnrecorded {
		for _, it := range out[1:] {
			l.returned(accepted(it, clk.Now()), clk.Now())
		}
		out = out[:1]
		its, st := sendsNow(t, l, clk)
		if len(its) == 0 {
			t.Fatalf("no call made with %d in flight, %d sending", l.inflight, l.sending)
		}
		out = append(out, its...)
		if l.sending > workers || l.inflight > maxUnrecorded {
			t.Fatalf("%d calls sending, %d in flight", l.sending, l.inflight)
		}
		if st.act != stepWait || (l.inflight < maxUnrecorded && l.sending != workers) {
			t.Fatalf("held (step %d) with %d sending, %d in flight", st.act, l.sending, l.inflight)
		}
	}
	if l.sending >= workers || !l.recording {
		t.Fatalf("held with %d sending, recording %v; want workers free and a write under way", l.sending, l.recording)
	}
	wantWait(t, tickNow(t, l, clk), -1)

	// Once the batch being written is in, calls go out again.
	r := awaitRecorded(t, l)
	if len(r.batch) < recordAtLeast || r.err != nil {
		t.Fatalf("a batch of %d written: %v", len(r.batch), r.err)
	}
	if err := l.written(r); err != nil {
		t.Fatal(err)
	}
	if st := tickNow(t, l, clk); st.act != stepSend {
		t.Fatalf("step %d after the write; want a call", st.act)
	}
}
