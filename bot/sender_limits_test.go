package bot

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// TestSenderKeepsLimitsAtFullSpeed sends an announcement (several messages
// to each of many people, and several to each of a few groups) against a
// server enforcing the same limits as the sender: nothing is refused with
// 429, the send takes as long as the limits require and little more, and
// replies queued in the middle of it overtake the bulk.
//
// The sender, the server and the test share a fake clock, which moves on
// only while the sender waits for it alone (no call out, no outcome being
// written): calls take no time on it, and what is checked is when the
// sender made each call, exactly, however busy the machine. How close to
// the limits it comes in real time is measured in bench/ (BenchmarkSender).
func TestSenderKeepsLimitsAtFullSpeed(t *testing.T) {
	lim := Limits{GlobalPerSecond: 200, PerChatPerSecond: 10, PerGroupPerMinute: 120}
	clk := newFakeClock(start())
	e := newEnv(t, telegramtest.WithClock(clk.Now), telegramtest.WithLimits(telegramtest.Limits{
		GlobalPerSecond: lim.GlobalPerSecond, PerChatPerSecond: lim.PerChatPerSecond, PerGroupPerMinute: lim.PerGroupPerMinute,
	}))
	// 200 people get 2 messages and 5 people 20, so that the per-chat limit
	// binds too; 4 groups get 5 each.
	const (
		people, perPerson = 205, 2
		heavy, perHeavy   = 5, 20
		groups, perGroup  = 4, 5
		replies           = 10
	)
	want := map[int64][]string{}
	var bulk []storage.OutMsg
	for g := range groups {
		id := int64(-1001 - g)
		e.tg.Group(id, fmt.Sprintf("G%d", g))
		for k := range perGroup {
			text := fmt.Sprintf("group %d part %d", g, k)
			bulk = append(bulk, msg(id, text, storage.PriorityBulk))
			want[id] = append(want[id], text)
		}
	}
	for p := range people {
		id := int64(5001 + p)
		e.user(id)
		n := perPerson
		if p < heavy {
			n = perHeavy
		}
		for k := range n {
			text := fmt.Sprintf("notice %d part %d", p, k)
			bulk = append(bulk, msg(id, text, storage.PriorityBulk))
			want[id] = append(want[id], text)
		}
	}
	for k := range replies {
		e.user(int64(7001 + k))
	}
	e.enqueue(bulk...)

	r, idle := e.runPaced(clk, lim)
	// A third of the way through, people who asked something get answers.
	idle.drive(t, r, func() bool { return e.tg.CallCount("sendMessage") >= len(bulk)/3 })
	var rs []storage.OutMsg
	for k := range replies {
		id := int64(7001 + k)
		text := fmt.Sprintf("reply %d", k)
		rs = append(rs, msg(id, text, storage.PriorityReply))
		want[id] = []string{text}
	}
	before, queued := e.tg.CallCount("sendMessage"), clk.Now()
	e.enqueue(rs...)
	r.s.Wake()
	r.s.Drain()
	idle.drive(t, r, nil)
	r.wait(t)

	if n := e.tg.TooMany(); n != 0 || r.s.TooMany() != 0 {
		t.Errorf("server answered 429 %d times (sender saw %d)", n, r.s.TooMany())
		for _, c := range e.tg.Calls("sendMessage") {
			if c.Status == 429 {
				t.Logf("429 for chat %v at %v", c.Params["chat_id"], c.At.Format("15:04:05.000"))
			}
		}
	}
	for chat, texts := range want {
		if got := e.texts(chat); !slices.Equal(got, texts) {
			t.Errorf("chat %d got %q, want %q", chat, got, texts)
		}
	}

	all := e.tg.Calls("sendMessage")
	var calls []telegramtest.Call
	for _, c := range all {
		if c.Status == 200 {
			calls = append(calls, c)
		}
	}
	total := len(bulk) + replies
	if len(calls) != total {
		t.Fatalf("%d messages sent, want %d", len(calls), total)
	}
	first, last := calls[0].At, calls[len(calls)-1].At
	elapsed := last.Sub(first)
	// The least time the limits allow between the first and the last send.
	minimum := max(
		seconds(float64(total-1)/lim.GlobalPerSecond),
		seconds(float64(perGroup-1)*60/lim.PerGroupPerMinute),
		seconds(float64(perHeavy-1)/lim.PerChatPerSecond),
	)
	t.Logf("%d messages in %v on the sender's clock; the limits allow %v (%.3f×)", total, elapsed, minimum, elapsed.Seconds()/minimum.Seconds())
	// Little more: the sender keeps 2% under each limit, and the people
	// served last wait out their own spacing.
	if elapsed < minimum || elapsed > minimum*105/100 {
		t.Errorf("took %v; the limits allow %v, and the sender may keep up to 5%% under them", elapsed, minimum)
	}

	// The server checks the sliding windows; a chat's sends are also spaced
	// evenly (a group's window spans a minute, longer than this send).
	at := map[int64][]time.Time{}
	for _, c := range calls {
		id := int64(c.Params["chat_id"].(float64))
		at[id] = append(at[id], c.At)
	}
	for id, ts := range at {
		gap := seconds(1 / lim.PerChatPerSecond)
		if id < 0 {
			gap = seconds(60 / lim.PerGroupPerMinute)
		}
		for i := 1; i < len(ts); i++ {
			if d := ts[i].Sub(ts[i-1]); d < gap {
				t.Errorf("chat %d: sends %d and %d only %v apart, want %v", id, i-1, i, d, gap)
			}
		}
	}

	// The replies are the next calls made, as fast as the global limit lets.
	var worst time.Duration
	for _, c := range all[before : before+replies] {
		if id := int64(c.Params["chat_id"].(float64)); id < 7001 {
			t.Errorf("chat %d got a call before the replies queued ahead of it were all sent", id)
		}
		worst = max(worst, c.At.Sub(queued))
	}
	t.Logf("replies queued mid-send were all out within %v", worst)
	if worst > elapsed/10 {
		t.Errorf("a reply took %v to go out, more than a tenth of the whole send (%v)", worst, elapsed)
	}
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// pacer moves a fake clock on for a running sender, only while the sender
// waits for nothing but the clock.
type pacer struct {
	clk  *fakeClock
	idle atomic.Bool // what the sender said as it last began to wait
}

// runPaced starts a sender on clk, paced by the pacer it returns; it is
// stopped when the test ends.
func (e *env) runPaced(clk *fakeClock, l Limits) (*running, *pacer) {
	p := &pacer{clk: clk}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{s: NewSender(e.client(nil), e.store, l, e.log, WithClock(clk)), cancel: cancel, done: make(chan error, 1), finished: make(chan struct{})}
	r.s.waiting = p.idle.Store
	go func() {
		r.done <- r.s.Run(ctx)
		close(r.finished)
	}()
	e.t.Cleanup(func() { r.stop(e.t) })
	return r, p
}

// drive moves the clock from timer to timer, each time the sender waits
// for the clock alone, until enough holds at such a moment (nil: until
// the sender returns).
func (p *pacer) drive(t *testing.T, r *running, enough func() bool) {
	t.Helper()
	quiet := func(_ time.Time, ok bool) bool { return ok && p.idle.Load() }
	for p.clk.waitFor(t, "the sender to wait for its clock alone", quiet, r.finished) {
		if enough != nil && enough() {
			return
		}
		at, _ := p.clk.next()
		p.clk.Advance(at.Sub(p.clk.Now()))
	}
	if enough != nil {
		t.Fatal("the sender returned before it was done")
	}
}
