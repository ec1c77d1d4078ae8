package bot

import (
	"fmt"
	"slices"
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
func TestSenderKeepsLimitsAtFullSpeed(t *testing.T) {
	lim := Limits{GlobalPerSecond: 200, PerChatPerSecond: 10, PerGroupPerMinute: 120}
	e := newEnv(t, telegramtest.WithLimits(telegramtest.Limits{
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

	stalls := startStallMeter(t)
	r := e.run(e.store, e.client(nil), lim)
	// A third of the way through, people who asked something get answers.
	e.tg.WaitUntil(t, func() bool { return e.tg.CallCount("sendMessage") >= len(bulk)/3 }, waitLong)
	var rs []storage.OutMsg
	for k := range replies {
		id := int64(7001 + k)
		text := fmt.Sprintf("reply %d", k)
		rs = append(rs, msg(id, text, storage.PriorityReply))
		want[id] = []string{text}
	}
	queued := time.Now()
	e.enqueue(rs...)
	r.s.Wake()
	r.s.Drain()
	r.wait(t)
	stalled := stalls.read()

	if n := e.tg.TooMany(); n != 0 || r.s.TooMany() != 0 {
		t.Errorf("server answered 429 %d times (sender saw %d)", n, r.s.TooMany())
		for _, c := range e.tg.Calls("sendMessage") {
			if c.Status == 429 {
				t.Logf("429 for chat %v at %v", c.Params["chat_id"], c.At)
			}
		}
	}
	for chat, texts := range want {
		if got := e.texts(chat); !slices.Equal(got, texts) {
			t.Errorf("chat %d got %q, want %q", chat, got, texts)
		}
	}

	var calls []telegramtest.Call
	for _, c := range e.tg.Calls("sendMessage") {
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
	t.Logf("%d messages in %v; the limits allow %v (%.3f×); the process was held up for %v", total, elapsed, minimum, elapsed.Seconds()/minimum.Seconds(), stalled)
	// How close the sender comes to the limits is a figure for the
	// benchmarks (bench/, delivery rate), not a timed assertion that a busy
	// machine could fail; that it never goes faster than the limits is
	// checked here.
	if elapsed < minimum*95/100 {
		t.Errorf("took %v, faster than the limits allow (%v)", elapsed, minimum)
	}

	// The server checks the global and per-chat limits; a group's limit
	// spans a minute, longer than this test, so its spacing is checked here
	// (allowing for jitter on the way).
	at := map[int64][]time.Time{}
	var worst time.Duration
	for _, c := range calls {
		id := int64(c.Params["chat_id"].(float64))
		at[id] = append(at[id], c.At)
		if d := c.At.Sub(queued); id > 7000 && d > worst {
			worst = d
		}
	}
	gap := seconds(60 / lim.PerGroupPerMinute)
	for id, ts := range at {
		for i := 1; id < 0 && i < len(ts); i++ {
			if d := ts[i].Sub(ts[i-1]); d < gap-25*time.Millisecond {
				t.Errorf("group %d: sends %d and %d only %v apart, want %v", id, i-1, i, d, gap)
			}
		}
	}
	t.Logf("replies queued mid-send were all out within %v", worst)
	if worst > elapsed/10 {
		t.Errorf("a reply took %v to go out, more than a tenth of the whole send (%v)", worst, elapsed)
	}
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
