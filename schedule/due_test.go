package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"courtyard/storage"
	"courtyard/testkit"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func say(ref string) Handler {
	return func(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
		_, err := tx.Enqueue(storage.OutMsg{ChatID: 1, Method: "sendMessage",
			Payload: fmt.Appendf(nil, `{"chat_id":1,"text":%q}`, it.Data), Ref: ref + it.Key}, now)
		return err
	}
}

type fixture struct {
	t     *testing.T
	store *storage.Storage
	run   *Runner
	logs  *testkit.Logs
}

func newFixture(t *testing.T, kinds map[string]Kind) *fixture {
	logs := &testkit.Logs{}
	return &fixture{t: t, store: testkit.Store(t), logs: logs,
		run: New(kinds, slog.New(slog.NewTextHandler(logs, nil)))}
}

func (f *fixture) update(fn func(tx *storage.Tx) error) {
	f.t.Helper()
	if err := f.store.Update(context.Background(), fn); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) schedule(items ...storage.DueItem) {
	f.t.Helper()
	f.update(func(tx *storage.Tx) error {
		for _, it := range items {
			if _, err := tx.ScheduleDue(it, t0); err != nil {
				return err
			}
		}
		return nil
	})
}

func (f *fixture) scan(now time.Time) {
	f.t.Helper()
	if err := f.run.Scan(context.Background(), Writes(context.Background(), f.store), now); err != nil {
		f.t.Fatal(err)
	}
}

// sent counts the outbox rows with ref.
func (f *fixture) sent(ref string) int {
	f.t.Helper()
	var n int
	f.update(func(tx *storage.Tx) error {
		c, err := tx.RefCounts(ref)
		for _, v := range c {
			n += v
		}
		return err
	})
	return n
}

func (f *fixture) state(kind, key string) string {
	f.t.Helper()
	var st []string
	f.update(func(tx *storage.Tx) error {
		h, err := tx.DueHistory(kind, key)
		for _, it := range h {
			st = append(st, it.State)
		}
		return err
	})
	return strings.Join(st, ",")
}

func TestRunsOnceAtItsTime(t *testing.T) {
	f := newFixture(t, map[string]Kind{"say": {Do: say("say:")}})
	f.schedule(storage.DueItem{Kind: "say", Key: "a", DueAt: t0.Add(10 * time.Minute), Data: "hello"})
	f.scan(t0.Add(9 * time.Minute))
	if n := f.sent("say:a"); n != 0 {
		t.Fatalf("sent %d before its time", n)
	}
	f.scan(t0.Add(10 * time.Minute))
	f.scan(t0.Add(11 * time.Minute))
	if n := f.sent("say:a"); n != 1 {
		t.Fatalf("sent %d times across two scans, want once", n)
	}
	if st := f.state("say", "a"); st != storage.DueDone {
		t.Errorf("state %s", st)
	}
	// Laid out again as after a restart: not sent again.
	f.schedule(storage.DueItem{Kind: "say", Key: "a", DueAt: t0.Add(10 * time.Minute), Data: "hello"})
	f.scan(t0.Add(12 * time.Minute))
	if n := f.sent("say:a"); n != 1 {
		t.Errorf("sent %d times after laying it out again, want once", n)
	}
}

func TestFailingItemUndoesOnlyItself(t *testing.T) {
	var calls int
	bad := func(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
		calls++
		// What it wrote before failing must not stay.
		if err := say("bad:")(ctx, tx, it, now); err != nil {
			return err
		}
		return errors.New("the printer is on fire")
	}
	f := newFixture(t, map[string]Kind{"say": {Do: say("say:")}, "bad": {Do: bad}})
	f.schedule(
		storage.DueItem{Kind: "say", Key: "1", DueAt: t0},
		storage.DueItem{Kind: "bad", Key: "x", DueAt: t0},
		storage.DueItem{Kind: "say", Key: "2", DueAt: t0},
	)
	now := t0
	f.scan(now)
	if f.sent("say:1") != 1 || f.sent("say:2") != 1 {
		t.Errorf("the good items were not sent: %d %d", f.sent("say:1"), f.sent("say:2"))
	}
	if n := f.sent("bad:x"); n != 0 {
		t.Errorf("the failing item left %d rows", n)
	}
	if calls != 1 {
		t.Errorf("the failing item ran %d times in one scan", calls)
	}
	if st := f.state("bad", "x"); st != storage.DuePending {
		t.Errorf("failing item is %s, want pending", st)
	}
	if !strings.Contains(f.logs.String(), "the printer is on fire") {
		t.Errorf("failure not logged:\n%s", f.logs.String())
	}
	// Tried again on later scans, then failed for good.
	for range 20 {
		now = now.Add(time.Minute)
		f.scan(now)
	}
	if calls != MaxAttempts {
		t.Errorf("ran %d times, want %d", calls, MaxAttempts)
	}
	if st := f.state("bad", "x"); st != storage.DueFailed {
		t.Errorf("state %s, want failed", st)
	}
	if f.sent("say:1") != 1 {
		t.Error("a good item was sent again")
	}
}

func TestLateItemIsMissedNotRun(t *testing.T) {
	var missed []string
	f := newFixture(t, map[string]Kind{"say": {Do: say("say:"), Missed: func(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
		missed = append(missed, it.Key)
		return say("missed:")(ctx, tx, it, now)
	}}, "quiet": {Do: say("quiet:")}})
	f.schedule(
		storage.DueItem{Kind: "say", Key: "late", DueAt: t0, Until: t0.Add(time.Hour)},
		storage.DueItem{Kind: "say", Key: "edge", DueAt: t0, Until: t0.Add(2 * time.Hour)},
		storage.DueItem{Kind: "quiet", Key: "late", DueAt: t0, Until: t0.Add(time.Minute)},
	)
	f.scan(t0.Add(2 * time.Hour))
	if f.sent("say:late") != 0 || f.state("say", "late") != storage.DueMissed {
		t.Errorf("a late item ran (%d) or is %s", f.sent("say:late"), f.state("say", "late"))
	}
	if f.sent("missed:late") != 1 || len(missed) != 1 {
		t.Errorf("Missed ran %v, wrote %d", missed, f.sent("missed:late"))
	}
	if f.sent("say:edge") != 1 {
		t.Error("an item at its very Until did not run")
	}
	if f.sent("quiet:late") != 0 || f.state("quiet", "late") != storage.DueMissed {
		t.Error("a late item without Missed was not just recorded as missed")
	}
	logs := f.logs.String()
	if !strings.Contains(logs, "item missed") || !strings.Contains(logs, "late_by=2h0m0s") || !strings.Contains(logs, "key=late") {
		t.Errorf("missed item not logged with how late:\n%s", logs)
	}
}

// The bot was down for three days: what is still worth doing is done, what
// is stale is dropped, what is still in the future waits.
func TestThreeDaysDown(t *testing.T) {
	f := newFixture(t, map[string]Kind{"remind": {Do: say("r:")}})
	start := t0.Add(24 * time.Hour)       // a job that started during the downtime
	later := t0.Add(4 * 24 * time.Hour)   // a job the day after the bot is back
	future := t0.Add(10 * 24 * time.Hour) // a job next week
	f.schedule(
		storage.DueItem{Kind: "remind", Key: "1:2h", DueAt: start.Add(-2 * time.Hour), Until: start},
		storage.DueItem{Kind: "remind", Key: "2:24h", DueAt: later.Add(-24 * time.Hour), Until: later},
		storage.DueItem{Kind: "remind", Key: "3:24h", DueAt: future.Add(-24 * time.Hour), Until: future},
		storage.DueItem{Kind: "remind", Key: "4:any", DueAt: start},
	)
	back := t0.Add(3*24*time.Hour + 5*time.Hour) // after 2:24h's moment, before its job
	f.scan(back)
	if f.sent("r:1:2h") != 0 || f.state("remind", "1:2h") != storage.DueMissed {
		t.Errorf("stale reminder: sent %d, %s", f.sent("r:1:2h"), f.state("remind", "1:2h"))
	}
	if f.sent("r:2:24h") != 1 {
		t.Error("a reminder still worth sending was not sent")
	}
	if f.sent("r:4:any") != 1 {
		t.Error("an item without a limit was not run")
	}
	if f.sent("r:3:24h") != 0 || f.state("remind", "3:24h") != storage.DuePending {
		t.Error("a future reminder ran")
	}
}

func TestUnknownKindFails(t *testing.T) {
	f := newFixture(t, map[string]Kind{"say": {Do: say("say:")}})
	f.schedule(storage.DueItem{Kind: "gone", Key: "1", DueAt: t0}, storage.DueItem{Kind: "say", Key: "1", DueAt: t0})
	f.scan(t0)
	if st := f.state("gone", "1"); st != storage.DueFailed {
		t.Errorf("unknown kind: %s", st)
	}
	if f.sent("say:1") != 1 {
		t.Error("the known kind did not run")
	}
	if !strings.Contains(f.logs.String(), "kind=gone") {
		t.Errorf("not logged:\n%s", f.logs.String())
	}
}

// More items than one window are all done in one scan, and what a handler
// schedules for now runs in the same scan (in a later window).
func TestManyWindowsInOneScan(t *testing.T) {
	chain := func(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
		_, err := tx.ScheduleDue(storage.DueItem{Kind: "say", Key: "next", DueAt: now}, now)
		return err
	}
	f := newFixture(t, map[string]Kind{"say": {Do: say("say:")}, "chain": {Do: chain}})
	n := Window*2 + 17
	f.update(func(tx *storage.Tx) error {
		for i := range n {
			if _, err := tx.ScheduleDue(storage.DueItem{Kind: "say", Key: fmt.Sprint(i), DueAt: t0.Add(-time.Duration(i) * time.Second)}, t0); err != nil {
				return err
			}
		}
		_, err := tx.ScheduleDue(storage.DueItem{Kind: "chain", Key: "1", DueAt: t0}, t0)
		return err
	})
	f.scan(t0)
	var left []storage.DueItem
	f.update(func(tx *storage.Tx) (err error) { left, err = tx.DueItems(t0, 10); return err })
	if len(left) != 0 {
		t.Errorf("%d items left after one scan", len(left))
	}
	if f.sent("say:0") != 1 || f.sent(fmt.Sprint("say:", n-1)) != 1 || f.sent("say:next") != 1 {
		t.Error("an item was not sent")
	}
}

// A recurring item schedules its next occurrence under its own Kind and Key
// while it runs.
func TestRecurringItemSchedulesItsNext(t *testing.T) {
	every := func(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
		if err := say("notice:")(ctx, tx, it, now); err != nil {
			return err
		}
		_, err := tx.ScheduleDue(storage.DueItem{Kind: it.Kind, Key: it.Key, DueAt: it.DueAt.Add(24 * time.Hour), Data: it.Data}, now)
		return err
	}
	f := newFixture(t, map[string]Kind{"notice": {Do: every}})
	f.schedule(storage.DueItem{Kind: "notice", Key: "5", DueAt: t0})
	for d := range 3 {
		f.scan(t0.Add(time.Duration(d)*24*time.Hour + time.Minute))
		f.scan(t0.Add(time.Duration(d)*24*time.Hour + 2*time.Minute))
	}
	if n := f.sent("notice:5"); n != 3 {
		t.Errorf("sent %d times over three days, want 3", n)
	}
	if st := f.state("notice", "5"); st != "done,done,done,pending" {
		t.Errorf("history %s", st)
	}
}

// An item that cancels a later one of the same window (a round closing
// early drops its own close) does not fail the scan: the cancelled item
// is skipped, and items after it still run.
func TestCancelledInSameWindowIsSkipped(t *testing.T) {
	f := newFixture(t, map[string]Kind{
		"first": {Do: func(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
			return tx.CancelDue("second", "1")
		}},
		"second": {Do: say("second:")},
		"third":  {Do: say("third:")},
	})
	f.schedule(
		storage.DueItem{Kind: "first", Key: "1", DueAt: t0},
		storage.DueItem{Kind: "second", Key: "1", DueAt: t0.Add(time.Second)},
		storage.DueItem{Kind: "third", Key: "1", DueAt: t0.Add(2 * time.Second)},
	)
	f.scan(t0.Add(time.Minute))
	if f.sent("second:1") != 0 || f.sent("third:1") != 1 {
		t.Errorf("second sent %d, third sent %d; want 0 and 1\n%s", f.sent("second:1"), f.sent("third:1"), f.logs.String())
	}
	if strings.Contains(f.logs.String(), "level=ERROR") {
		t.Errorf("errors logged:\n%s", f.logs.String())
	}
}
