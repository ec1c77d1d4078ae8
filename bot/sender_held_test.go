package bot

import (
	"context"
	"testing"
	"time"

	"courtyard/storage"
)

// A row held for hours (a routine message through its reader's quiet
// hours) does not hold up an answer to the same person, and goes out when
// its time comes; a row past its last useful moment is dropped, not sent,
// and counted.
func TestLoopHeldRowsWaitApartAndLateOnesAreDropped(t *testing.T) {
	e := newEnv(t)
	t0 := start()
	held := msg(1, "held", storage.PriorityReply)
	held.NotBefore = t0.Add(8 * time.Hour)
	late := msg(2, "late", storage.PriorityReply)
	late.Until = t0.Add(-time.Minute)
	ids := e.enqueue(held, msg(1, "answer", storage.PriorityReply), late)
	clk := newFakeClock(t0)
	l := e.newLoop(e.client(nil), clk, fast)

	its, _ := sendsNow(t, l, clk)
	wantIDs(t, its, ids[1], ids[2])
	l.returned(accepted(its[0], t0), t0)
	if o := l.s.send(context.Background(), its[1]); o.dropped != storage.DroppedLate {
		t.Fatalf("the late row was not dropped: %+v", o)
	} else {
		l.returned(o, t0)
	}
	settleNow(t, l, clk)
	if m := e.row(ids[2]); m.State != storage.OutFailed || m.Dropped != storage.DroppedLate || l.s.Late() != 1 {
		t.Errorf("the late row: %s, dropped %q; %d counted", m.State, m.Dropped, l.s.Late())
	}
	if len(e.tg.Messages(2)) != 0 {
		t.Errorf("the late row was sent")
	}

	its, st := sendsNow(t, l, clk)
	wantIDs(t, its)
	wantWait(t, st, 8*time.Hour)
	clk.Advance(8 * time.Hour)
	its, _ = sendsNow(t, l, clk)
	wantIDs(t, its, ids[0])
}

// A row withdrawn while it waited in memory is not sent.
func TestSenderSkipsARowWithdrawnWhileQueued(t *testing.T) {
	e := newEnv(t)
	e.user(1)
	t0 := start()
	m := msg(1, "reminder", storage.PriorityReply)
	m.Ref = storage.DueRef("job.remind", "7:60")
	m.NotBefore = t0.Add(time.Hour)
	ids := e.enqueue(m, msg(2, "other", storage.PriorityReply))
	clk := newFakeClock(t0)
	l := e.newLoop(e.client(nil), clk, fast)
	e.update(func(tx *storage.Tx) error { return tx.CancelDuePrefix("job.remind", "7:") })
	clk.Advance(time.Hour)
	its, _ := sendsNow(t, l, clk)
	wantIDs(t, its, ids[0], ids[1])
	if o := l.s.send(context.Background(), its[0]); o.dropped != gone {
		t.Fatalf("the withdrawn row was sent: %+v", o)
	}
	if r := e.row(ids[0]); r.Dropped != storage.DroppedWithdrawn {
		t.Errorf("the withdrawn row: %s, dropped %q", r.State, r.Dropped)
	}
}
