package bot

import (
	"testing"
	"time"

	"courtyard/storage"
)

// The loop's answers to Telegram's refusals, as the recorder writes them.

func TestLoopFloodControlPausesEveryChat(t *testing.T) {
	e := newEnv(t)
	a := e.enqueue(msg(1, "a", 0))
	t0 := start()
	clk := newFakeClock(t0)
	l := e.newLoop(e.client(nil), clk, fast)
	out, _ := sendsNow(t, l, clk)
	l.returned(refused(out[0], t0, &APIError{Method: "sendMessage", Code: 429, RetryAfter: 3,
		Description: "Too Many Requests: flood control exceeded, retry after 3"}), t0)
	settleNow(t, l, clk)
	later := e.enqueue(msg(2, "b", 0), msg(3, "c", 0))
	if err := l.woken(); err != nil {
		t.Fatal(err)
	}

	if !l.pausing.Equal(t0.Add(3 * time.Second)) {
		t.Fatalf("paused until %v; want retry_after from %v", l.pausing, t0)
	}
	its, st := sendsNow(t, l, clk)
	wantIDs(t, its)
	wantWait(t, st, 3*time.Second)
	clk.Advance(3 * time.Second)
	its, _ = sendsNow(t, l, clk)
	wantIDs(t, its, a[0], later[0], later[1])
	if m := e.row(a[0]); m.State != storage.OutPending || m.Attempts != 0 || !m.NotBefore.Equal(t0.Add(3*time.Second)) {
		t.Errorf("the refused row: %s after %d attempts, not before %v", m.State, m.Attempts, m.NotBefore)
	}
	if l.s.TooMany() != 1 {
		t.Errorf("%d 429s counted", l.s.TooMany())
	}
}

func TestLoopTooManyForOneChatHoldsOnlyThatChat(t *testing.T) {
	e := newEnv(t)
	ids := e.enqueue(msg(1, "a", 0), msg(1, "b", 0), msg(2, "c", 0), msg(2, "d", 0))
	t0 := start()
	clk := newFakeClock(t0)
	l := e.newLoop(e.client(nil), clk, fast)
	out, _ := sendsNow(t, l, clk)
	wantIDs(t, out, ids[0], ids[2])
	l.returned(refused(out[0], t0, &APIError{Method: "sendMessage", Code: 429, RetryAfter: 2,
		Description: "Too Many Requests: retry after 2"}), t0)
	l.returned(accepted(out[1], t0), t0)
	settleNow(t, l, clk)

	if !l.pausing.IsZero() {
		t.Errorf("every chat paused until %v", l.pausing)
	}
	// Chat 2 goes on as soon as its own spacing (a millisecond and 2%)
	// allows; chat 1 waits out retry_after and then makes the refused call
	// again.
	clk.Advance(2 * time.Millisecond)
	its, st := sendsNow(t, l, clk)
	wantIDs(t, its, ids[3])
	wantWait(t, st, 2*time.Second-2*time.Millisecond)
	clk.Advance(2*time.Second - 2*time.Millisecond)
	its, _ = sendsNow(t, l, clk)
	wantIDs(t, its, ids[0])
}

func TestLoopReadsTheNextWindowWhenHalfIsGone(t *testing.T) {
	e := newEnv(t)
	// Each of two people has more than half a window of bulk rows; the
	// first read holds all of the first's and the start of the second's.
	const each = maxWindow/2 + 5
	var rows []storage.OutMsg
	for _, chat := range []int64{1, 2} {
		for range each {
			rows = append(rows, msg(chat, "x", storage.PriorityBulk))
		}
	}
	ids := e.enqueue(rows...)
	clk := newFakeClock(start())
	l := e.newLoop(e.client(nil), clk, fast)
	if l.q.pending() != maxWindow || !l.moreBulk || l.windowLow() {
		t.Fatalf("first read: %d rows, more %v, low %v", l.q.pending(), l.moreBulk, l.windowLow())
	}

	// The first person blocked the bot: their rows go, and the window is
	// less than half full.
	out, _ := sendsNow(t, l, clk)
	wantIDs(t, out, ids[0], ids[each])
	l.returned(refused(out[0], clk.Now(), &APIError{Method: "sendMessage", Code: 403,
		Description: "Forbidden: bot was blocked by the user"}), clk.Now())
	l.returned(accepted(out[1], clk.Now()), clk.Now())
	settleNow(t, l, clk)
	if n := l.q.pending(); n != maxWindow-each-1 || !l.windowLow() {
		t.Fatalf("%d rows held, low %v; want the second person's %d left", n, l.windowLow(), maxWindow-each-1)
	}

	// The next tick reads the rest of the second person's rows.
	clk.Advance(2 * time.Millisecond)
	its, _ := sendsNow(t, l, clk)
	wantIDs(t, its, ids[each+1])
	if n := l.q.pending(); n != each-1 || l.moreBulk || l.lastBulk != ids[len(ids)-1] {
		t.Errorf("%d rows held (want %d), more %v, last read %d", n, each-1, l.moreBulk, l.lastBulk)
	}
	if m := e.row(ids[1]); m.State != storage.OutBlocked {
		t.Errorf("a row to the person who blocked the bot is %s", m.State)
	}
}

func TestLoopFollowsAGroupThatMoved(t *testing.T) {
	e := newEnv(t)
	const oldID, newID = -600, -100600
	ids := e.enqueue(msg(oldID, "a", 0), msg(oldID, "b", 0))
	clk := newFakeClock(start())
	l := e.newLoop(e.client(nil), clk, fast)
	a, _ := sendsNow(t, l, clk)
	l.returned(refused(a[0], clk.Now(), &APIError{Method: "sendMessage", Code: 400, MigrateTo: newID,
		Description: "Bad Request: group chat was upgraded to a supergroup chat"}), clk.Now())
	settleNow(t, l, clk)

	// Both calls go to the new id, in their order, each read again from its
	// rewritten row.
	if old := l.q.chats[oldID]; old != nil && len(old.items) != 0 {
		t.Errorf("%d calls left for the old id", len(old.items))
	}
	var its []item
	for range ids {
		st := tickNow(t, l, clk)
		if st.act != stepSend {
			t.Fatalf("step %d; want a call to the new id", st.act)
		}
		its = append(its, st.it)
		l.returned(accepted(st.it, clk.Now()), clk.Now())
		settleNow(t, l, clk)
		clk.Advance(time.Second)
	}
	wantIDs(t, its, ids...)
	for _, it := range its {
		if it.chat != newID || it.payload != nil {
			t.Errorf("row %d went to %d with payload %q; want %d, read from the row", it.id, it.chat, it.payload, newID)
		}
	}
	for _, id := range ids {
		if m := e.row(id); m.ChatID != newID || m.State != storage.OutSent {
			t.Errorf("row %d: %s to %d", id, m.State, m.ChatID)
		}
	}
}
