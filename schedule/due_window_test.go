package schedule

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"courtyard/storage"
	"courtyard/testkit"
)

// waitLong bounds every wait in these tests.
const waitLong = 20 * time.Second

// wave lays out n "say" items due before t0, after one "first" item.
func (f *fixture) wave(n int) {
	f.t.Helper()
	f.update(func(tx *storage.Tx) error {
		if _, err := tx.ScheduleDue(storage.DueItem{Kind: "first", Key: "1", DueAt: t0.Add(-time.Hour)}, t0); err != nil {
			return err
		}
		for i := range n {
			if _, err := tx.ScheduleDue(storage.DueItem{Kind: "say", Key: fmt.Sprintf("%05d", i), DueAt: t0.Add(-time.Duration(n-i) * time.Millisecond), Data: "x"}, t0); err != nil {
				return err
			}
		}
		return nil
	})
}

// outIDs are the outbox ids by ref.
func (f *fixture) outIDs() map[string][]int64 {
	f.t.Helper()
	out := map[string][]int64{}
	f.update(func(tx *storage.Tx) error {
		rows, err := tx.PendingOut(1 << 20)
		for _, m := range rows {
			out[m.Ref] = append(out[m.Ref], m.ID)
		}
		return err
	})
	return out
}

// An update that asks for the writer while a wave of 10,000 items runs
// commits after the window in hand, long before the wave ends: its outbox
// row comes right after the first window's, and it saw the rest pending.
func TestWaveLetsAWaitingUpdateIn(t *testing.T) {
	const n, window = 10_000, 100
	var f *fixture
	var pendingThen int
	marked := make(chan error, 1)
	// The first item submits the update and goes on once it waits for the
	// writer, which the window holds.
	first := func(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
		waited := f.store.WritesWaited()
		go func() {
			marked <- f.store.Update(ctx, func(tx *storage.Tx) error {
				left, err := tx.PendingDue("say", "")
				pendingThen = len(left)
				if err != nil {
					return err
				}
				_, err = tx.Enqueue(storage.OutMsg{ChatID: 1, Method: "sendMessage", Payload: []byte(`{"chat_id":1,"text":"help"}`), Ref: "update"}, now)
				return err
			})
		}()
		if !testkit.AwaitOK(waitLong, func() <-chan struct{} { return nil }, func() bool { return f.store.WritesWaited() > waited }) {
			return errors.New("the update never waited for the writer")
		}
		return nil
	}
	f = newFixture(t, map[string]Kind{"say": {Do: say("say:")}, "first": {Do: first}})
	f.run.window, f.run.windowTime = window, time.Hour // windows of exactly 100 items
	f.wave(n)
	f.scan(t0)
	if err := <-marked; err != nil {
		t.Fatal(err)
	}

	if want := n - (window - 1); pendingThen != want {
		t.Errorf("the update saw %d items pending, want %d (all but the first window's)", pendingThen, want)
	}
	ids := f.outIDs()
	if len(ids["update"]) != 1 {
		t.Fatalf("the update's row: %v", ids["update"])
	}
	before := 0
	for i := range n {
		got := ids[fmt.Sprintf("say:%05d", i)]
		if len(got) != 1 {
			t.Errorf("item %d: %d outbox rows", i, len(got))
			continue
		}
		if got[0] < ids["update"][0] {
			before++
		}
	}
	if before != window-1 {
		t.Errorf("%d items committed before the update, want the first window's %d", before, window-1)
	}
	if st := f.state("first", "1"); st != storage.DueDone {
		t.Errorf("the first item: %s\n%s", st, f.logs.String())
	}
}

// A storage error in one window undoes that window alone: the windows
// committed before it stay, each item done once, and the next scan does
// the rest.
func TestWindowErrorKeepsEarlierWindows(t *testing.T) {
	const n, window = 1000, 100
	f := newFixture(t, map[string]Kind{"say": {Do: say("say:")}, "first": {Do: say("first:")}})
	f.run.window, f.run.windowTime = window, time.Hour
	f.wave(n - 1)
	windows := 0
	broken := errors.New("the disk is full")
	update := func(fn func(*storage.Tx) error) error {
		windows++
		return f.store.Update(context.Background(), func(tx *storage.Tx) error {
			if err := fn(tx); err != nil {
				return err
			}
			if windows == 3 {
				return broken
			}
			return nil
		})
	}
	if err := f.run.Scan(context.Background(), update, t0); !errors.Is(err, broken) {
		t.Fatalf("the scan returned %v, want the window's error", err)
	}
	ids := f.outIDs()
	if len(ids) != 2*window {
		t.Errorf("%d items done after the failed window, want the first two windows' %d", len(ids), 2*window)
	}
	f.scan(t0)
	ids = f.outIDs()
	if len(ids) != n {
		t.Errorf("%d items done after the next scan, want %d", len(ids), n)
	}
	for ref, got := range ids {
		if len(got) != 1 {
			t.Errorf("%s: %d outbox rows", ref, len(got))
		}
	}
}
