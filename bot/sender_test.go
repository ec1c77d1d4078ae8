package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// fast are limits that never hold these tests up.
var fast = Limits{GlobalPerSecond: 1000, PerChatPerSecond: 1000, PerGroupPerMinute: 60000}

// drain starts a sender on the env's database, waits until the outbox is
// empty and returns the sender.
func (e *env) drain(l Limits) *Sender {
	e.t.Helper()
	r := e.run(e.store, e.client(nil), l)
	r.s.Drain()
	r.wait(e.t)
	return r.s
}

// callsTo returns the sendMessage calls to chat in arrival order.
func (e *env) callsTo(chat int64) []telegramtest.Call {
	var out []telegramtest.Call
	for _, c := range e.tg.Calls("sendMessage") {
		if id, _ := c.Params["chat_id"].(float64); int64(id) == chat {
			out = append(out, c)
		}
	}
	return out
}

// start is where a test's fake clock begins: now, to the millisecond the
// outbox stores.
func start() time.Time { return time.Now().Truncate(time.Millisecond) }

func TestSenderWaitsOutRetryAfter(t *testing.T) {
	e := newEnv(t)
	e.user(1)
	e.user(2)
	e.tg.FailNext("sendMessage", 1, telegramtest.Fault{RetryAfter: 1})
	ids := e.enqueue(msg(1, "a", 0), msg(1, "b", 0), msg(2, "c", 0))
	t0 := start()
	clk := newFakeClock(t0)
	r := e.run(e.store, e.client(nil), fast, WithClock(clk))

	// Chat 1 waits exactly retry_after; chat 2 is not held up meanwhile.
	clk.waitTimerAt(t, t0.Add(time.Second))
	if got := e.texts(2); !slices.Equal(got, []string{"c"}) {
		t.Errorf("a 429 for one chat held up another: chat 2 got %q", got)
	}
	clk.Advance(time.Second - time.Millisecond)
	clk.waitTimerAt(t, t0.Add(time.Second))
	if calls := e.callsTo(1); len(calls) != 1 || calls[0].Status != 429 {
		t.Fatalf("calls to chat 1 before retry_after ran out: %+v", calls)
	}
	clk.Advance(time.Millisecond)
	r.s.Drain()
	clk.runOut(t, r)

	if got := e.texts(1); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("chat 1 got %q", got)
	}
	if calls := e.callsTo(1); len(calls) != 3 || calls[0].Status != 429 {
		t.Fatalf("calls to chat 1: %+v", calls)
	}
	if r.s.TooMany() != 1 || e.tg.TooMany() != 1 {
		t.Errorf("429s: sender %d, server %d", r.s.TooMany(), e.tg.TooMany())
	}
	for _, id := range ids {
		if m := e.row(id); m.State != storage.OutSent || m.Attempts != 1 {
			t.Errorf("row %d: %s after %d attempts", id, m.State, m.Attempts)
		}
	}
	if m := e.row(ids[0]); !m.NotBefore.Equal(t0.Add(time.Second)) {
		t.Errorf("row %d was postponed to %v, want retry_after from %v", ids[0], m.NotBefore, t0)
	}
}

func TestSenderRetriesServerErrorsAndLostConnections(t *testing.T) {
	e := newEnv(t)
	e.user(1)
	e.user(2)
	e.tg.FailNext("sendMessage", 1, telegramtest.Fault{Code: 502, Description: "Bad Gateway"})
	e.tg.FailNext("sendMessage", 2, telegramtest.Fault{Drop: true})
	ids := e.enqueue(msg(1, "a", 0), msg(1, "b", 0), msg(2, "c", 0))
	t0 := start()
	clk := newFakeClock(t0)
	r := e.run(e.store, e.client(nil), fast, WithClock(clk))

	// Both failed calls are retried after exactly a second, not before.
	clk.waitTimerAt(t, t0.Add(time.Second))
	for chat, status := range map[int64]int{1: 502, 2: 0} {
		if calls := e.callsTo(chat); len(calls) != 1 || calls[0].Status != status {
			t.Errorf("chat %d before the backoff ran out: %+v", chat, calls)
		}
	}
	clk.Advance(time.Second)
	r.s.Drain()
	clk.runOut(t, r)

	if got := e.texts(1); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("chat 1 got %q", got)
	}
	if got := e.texts(2); !slices.Equal(got, []string{"c"}) {
		t.Errorf("chat 2 got %q", got)
	}
	for chat := range []int64{1, 2} {
		if calls := e.callsTo(int64(chat + 1)); len(calls) < 2 || calls[1].Status != 200 {
			t.Errorf("chat %d: %+v", chat+1, calls)
		}
	}
	for i, want := range []int{2, 1, 2} {
		if m := e.row(ids[i]); m.State != storage.OutSent || m.Attempts != want {
			t.Errorf("row %d: %s after %d attempts, want sent after %d", ids[i], m.State, m.Attempts, want)
		}
	}
}

func TestSenderStopsWritingToBlockedChats(t *testing.T) {
	e := newEnv(t)
	e.user(1)
	e.user(2)
	e.tg.Group(-500, "left")
	e.update(func(tx *storage.Tx) error {
		for _, id := range []int64{1, 2} {
			if err := tx.TouchMember(id, "U", "", "en", time.Now()); err != nil {
				return err
			}
		}
		return tx.TouchChat(-500, "supergroup", "left", time.Now())
	})
	e.tg.Block(1)
	e.tg.FailNext("sendMessage", -500, telegramtest.Fault{Code: 403, Description: "Forbidden: bot was kicked from the supergroup chat"})
	blocked := e.enqueue(msg(1, "x1", 0), msg(1, "x2", 0), msg(1, "x3", 0), msg(-500, "g1", 0), msg(-500, "g2", 0))
	ok := e.enqueue(msg(2, "y1", 0), msg(2, "y2", 0))
	e.drain(fast)

	if n, m := len(e.callsTo(1)), len(e.callsTo(-500)); n != 1 || m != 1 {
		t.Errorf("blocked chats were tried %d and %d times, want once each", n, m)
	}
	if got := e.texts(2); !slices.Equal(got, []string{"y1", "y2"}) {
		t.Errorf("chat 2 got %q", got)
	}
	for _, id := range blocked {
		if m := e.row(id); m.State != storage.OutBlocked || m.Error == "" {
			t.Errorf("row %d to %d: %s %q", id, m.ChatID, m.State, m.Error)
		}
	}
	if m := e.row(blocked[0]); m.Error != "Forbidden: bot was blocked by the user" {
		t.Errorf("error recorded: %q", m.Error)
	}
	for _, id := range ok {
		if m := e.row(id); m.State != storage.OutSent {
			t.Errorf("row %d: %s", id, m.State)
		}
	}
	e.view(func(tx *storage.Tx) error {
		m1, err := tx.Member(1)
		if err != nil {
			return err
		}
		m2, err := tx.Member(2)
		if err != nil {
			return err
		}
		g, err := tx.Chat(-500)
		if err != nil {
			return err
		}
		if m1.Active || !m2.Active || g.Active {
			t.Errorf("active: blocker %v, other %v, group %v", m1.Active, m2.Active, g.Active)
		}
		return nil
	})
}

func TestSenderFollowsGroupMigration(t *testing.T) {
	e := newEnv(t)
	const oldID, newID = -600, -100600
	e.tg.Group(oldID, "3号楼")
	e.tg.Migrate(oldID, newID)
	e.update(func(tx *storage.Tx) error {
		if err := tx.TouchChat(oldID, "group", "3号楼", time.Now()); err != nil {
			return err
		}
		return tx.LinkChat(oldID, "3", 1000, time.Now())
	})
	var want []string
	var rows []storage.OutMsg
	for i := range 5 {
		want = append(want, fmt.Sprintf("m%d", i))
		rows = append(rows, msg(oldID, want[i], storage.PriorityBulk))
	}
	ids := e.enqueue(rows...)
	e.drain(fast)

	if got := e.texts(newID); !slices.Equal(got, want) {
		t.Errorf("new chat got %q, want %q", got, want)
	}
	if n := len(e.callsTo(oldID)); n != 1 {
		t.Errorf("the old id was tried %d times", n)
	}
	for _, id := range ids {
		m := e.row(id)
		var p struct {
			ChatID int64 `json:"chat_id"`
		}
		json.Unmarshal(m.Payload, &p)
		if m.State != storage.OutSent || m.ChatID != newID || p.ChatID != newID {
			t.Errorf("row %d: %s to %d (payload %d)", id, m.State, m.ChatID, p.ChatID)
		}
	}
	e.view(func(tx *storage.Tx) error {
		c, err := tx.Chat(newID)
		if err != nil {
			return err
		}
		old, err := tx.Chat(oldID)
		if err != nil {
			return err
		}
		if c.Building != "3" || !c.Active || old.Active || old.Linked() {
			t.Errorf("after migration: new %+v, old %+v", c, old)
		}
		return nil
	})
}

func TestSenderRecordsRefusalsWithoutRetrying(t *testing.T) {
	e := newEnv(t)
	e.user(1)
	const desc = "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0"
	e.tg.FailNext("sendMessage", 1, telegramtest.Fault{Code: 400, Description: desc})
	ids := e.enqueue(msg(1, "bad", 0), msg(1, "next", 0))
	e.drain(fast)

	if got := e.texts(1); !slices.Equal(got, []string{"next"}) {
		t.Errorf("chat got %q", got)
	}
	if n := len(e.callsTo(1)); n != 2 {
		t.Errorf("%d calls, want 2 (no retry of the refused one)", n)
	}
	if m := e.row(ids[0]); m.State != storage.OutFailed || m.Error != desc || m.Attempts != 1 {
		t.Errorf("refused row: %s %q after %d attempts", m.State, m.Error, m.Attempts)
	}
}

func TestSenderRestartSendsWhatWasPendingOnce(t *testing.T) {
	e := newEnv(t)
	e.user(1)
	var want []string
	var rows []storage.OutMsg
	for i := range 6 {
		want = append(want, fmt.Sprintf("m%d", i))
		rows = append(rows, msg(1, want[i], 0))
	}
	ids := e.enqueue(rows...)
	// One message every half second, so the stop comes while rows wait.
	slow := Limits{GlobalPerSecond: 100, PerChatPerSecond: 2, PerGroupPerMinute: 20}
	clk := newFakeClock(start())
	first := e.run(e.store, e.client(nil), slow, WithClock(clk))
	for len(e.callsTo(1)) < 3 {
		clk.waitFor(t, "the next send", func(_ time.Time, ok bool) bool { return ok })
		at, _ := clk.next()
		clk.Advance(at.Sub(clk.Now()))
	}
	first.stop(t)
	sentBefore := len(e.callsTo(1))
	if sentBefore == len(want) {
		t.Fatal("everything went out before the stop")
	}

	// A new sender on a new handle of the same database.
	again := e.run(e.open(), e.client(nil), slow, WithClock(clk))
	again.s.Drain()
	clk.runOut(t, again)
	if got := e.texts(1); !slices.Equal(got, want) {
		t.Errorf("chat got %q, want %q (%d before the stop)", got, want, sentBefore)
	}
	for _, id := range ids {
		if m := e.row(id); m.State != storage.OutSent || m.Attempts != 1 {
			t.Errorf("row %d: %s after %d attempts", id, m.State, m.Attempts)
		}
	}
}

func TestSenderKeepsEachChatsOrder(t *testing.T) {
	e := newEnv(t)
	e.user(1)
	e.user(2)
	// The first call to chat 1 fails: everything behind it waits for it.
	e.tg.FailNext("sendMessage", 1, telegramtest.Fault{Code: 500})
	clk := newFakeClock(start())
	r := e.run(e.store, e.client(nil), fast, WithClock(clk))
	var want []string
	for batch := range 10 {
		var rows []storage.OutMsg
		for i := range 20 {
			text := fmt.Sprintf("m%03d", batch*20+i)
			want = append(want, text)
			// Within a chat, messages of one priority keep queue order.
			rows = append(rows, msg(1, text, storage.PriorityBulk), msg(2, text, 0))
		}
		e.enqueue(rows...)
		r.s.Wake()
	}
	r.s.Drain()
	clk.runOut(t, r)
	for _, chat := range []int64{1, 2} {
		if got := e.texts(chat); !slices.Equal(got, want) {
			t.Errorf("chat %d got %d messages out of order or twice: %q", chat, len(got), got)
		}
	}
}

func TestSenderStopsAfterDrain(t *testing.T) {
	e := newEnv(t)
	ctx, cancel := context.WithTimeout(context.Background(), waitLong)
	defer cancel()
	s := NewSender(e.client(nil), e.store, fast, e.log)
	s.Drain()
	if err := s.Run(ctx); err != nil || ctx.Err() != nil {
		t.Fatalf("Run with an empty outbox after Drain: %v, %v", err, ctx.Err())
	}
}

func TestSenderReadsADeepBacklogAWindowAtATime(t *testing.T) {
	e := newEnv(t)
	const people, each = 50, 2*maxWindow/50 + 10
	for u := range people {
		e.user(int64(u + 1))
	}
	var rows []storage.OutMsg
	for i := range each {
		for u := range people {
			rows = append(rows, msg(int64(u+1), fmt.Sprintf("b%04d", i), storage.PriorityBulk))
		}
	}
	e.enqueue(rows...)
	r := e.run(e.store, e.client(nil), Limits{GlobalPerSecond: 20000, PerChatPerSecond: 20000, PerGroupPerMinute: 1e6})
	e.tg.WaitUntil(t, func() bool { return e.tg.CallCount("sendMessage") >= 100 }, waitLong)
	// An answer queued behind the backlog is read and sent at once.
	e.enqueue(msg(1, "reply", storage.PriorityReply))
	r.s.Wake()
	e.tg.WaitUntil(t, func() bool {
		for _, s := range e.texts(1) {
			if s == "reply" {
				return true
			}
		}
		return false
	}, waitLong)
	if sent := e.tg.CallCount("sendMessage"); sent > len(rows)/2 {
		t.Errorf("the answer waited for %d of %d bulk messages", sent, len(rows))
	}
	r.s.Drain()
	r.wait(t)
	for u := range people {
		got := e.texts(int64(u + 1))
		if len(got) != each+btoi(u == 0) {
			t.Fatalf("person %d got %d messages, want %d", u+1, len(got), each+btoi(u == 0))
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
