package storage

import (
	"errors"
	"testing"
	"time"
)

func dueKeys(items []DueItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Kind+"/"+it.Key)
	}
	return out
}

func dueSameKeys(t *testing.T, what string, got []DueItem, want ...string) {
	t.Helper()
	g := dueKeys(got)
	if len(g) != len(want) {
		t.Fatalf("%s: got %v, want %v", what, g, want)
	}
	for i := range want {
		if g[i] != want[i] {
			t.Fatalf("%s: got %v, want %v", what, g, want)
		}
	}
}

func addDue(t *testing.T, tx *Tx, it DueItem) int64 {
	t.Helper()
	id, err := tx.ScheduleDue(it, t0)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestDueScheduleReplaceCancel(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		a := addDue(t, tx, DueItem{Kind: "job.remind", Key: "12:24h", DueAt: t0.Add(time.Hour), Data: `{"job":12}`})
		addDue(t, tx, DueItem{Kind: "job.remind", Key: "12:2h", DueAt: t0.Add(3 * time.Hour)})
		addDue(t, tx, DueItem{Kind: "job.remind", Key: "120:2h", DueAt: t0.Add(2 * time.Hour)})
		addDue(t, tx, DueItem{Kind: "shift.remind", Key: "12:2h", DueAt: t0.Add(2 * time.Hour)})
		// The same Kind+Key again replaces the pending item, keeping its id.
		b := addDue(t, tx, DueItem{Kind: "job.remind", Key: "12:24h", DueAt: t0.Add(4 * time.Hour), Until: t0.Add(5 * time.Hour), Data: `{"job":12,"v":2}`})
		if a != b {
			t.Errorf("rescheduling made a new item %d, want %d", b, a)
		}
		got, err := tx.PendingDue("job.remind", "12:")
		if err != nil {
			return err
		}
		dueSameKeys(t, "job 12", got, "job.remind/12:2h", "job.remind/12:24h")
		if it := got[1]; !it.DueAt.Equal(t0.Add(4*time.Hour)) || !it.Until.Equal(t0.Add(5*time.Hour)) || it.Data != `{"job":12,"v":2}` {
			t.Errorf("replaced item = %+v", it)
		}
		if !got[0].Until.IsZero() {
			t.Errorf("no limit read back as %v", got[0].Until)
		}
		all, err := tx.PendingDue("job.remind", "")
		if err != nil {
			return err
		}
		dueSameKeys(t, "every job reminder", all, "job.remind/120:2h", "job.remind/12:2h", "job.remind/12:24h")

		if err := tx.CancelDue("job.remind", "12:2h"); err != nil {
			return err
		}
		if err := tx.CancelDue("job.remind", "nothing"); err != nil {
			return err
		}
		all, _ = tx.PendingDue("job.remind", "")
		dueSameKeys(t, "after cancel", all, "job.remind/120:2h", "job.remind/12:24h")

		// The prefix "12:" leaves job 120 and the other kind alone.
		if err := tx.CancelDuePrefix("job.remind", "12:"); err != nil {
			return err
		}
		all, _ = tx.PendingDue("job.remind", "")
		dueSameKeys(t, "after prefix cancel", all, "job.remind/120:2h")
		other, _ := tx.PendingDue("shift.remind", "")
		dueSameKeys(t, "other kind", other, "shift.remind/12:2h")
		if _, err := tx.ScheduleDue(DueItem{Kind: "job.remind"}, t0); err == nil {
			t.Error("an item without a key was scheduled")
		}
		if _, err := tx.ScheduleDue(DueItem{Kind: "job.remind", Key: "9:2h", DueAt: t0, Until: t0.Add(-time.Second)}, t0); err == nil {
			t.Error("an item whose limit is before its due time was scheduled")
		}
		return nil
	})
}

func TestDueItemsOrderAndFinish(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addDue(t, tx, DueItem{Kind: "k", Key: "c", DueAt: t0.Add(3 * time.Minute)})
		addDue(t, tx, DueItem{Kind: "k", Key: "a", DueAt: t0.Add(1 * time.Minute)})
		addDue(t, tx, DueItem{Kind: "k", Key: "b", DueAt: t0.Add(2 * time.Minute)})
		addDue(t, tx, DueItem{Kind: "k", Key: "future", DueAt: t0.Add(time.Hour)})
		now := t0.Add(3 * time.Minute)
		got, err := tx.DueItems(now, 10)
		if err != nil {
			return err
		}
		dueSameKeys(t, "due", got, "k/a", "k/b", "k/c")
		got2, _ := tx.DueItems(now, 2)
		dueSameKeys(t, "first window", got2, "k/a", "k/b")

		if err := tx.FinishDue(got[0].ID, DueDone, now); err != nil {
			return err
		}
		if err := tx.FinishDue(got[1].ID, DueMissed, now); err != nil {
			return err
		}
		if err := tx.FinishDue(got[0].ID, DueDone, now); !errors.Is(err, ErrNotFound) {
			t.Errorf("finishing twice: %v, want ErrNotFound", err)
		}
		if err := tx.FinishDue(got[2].ID, "later", now); err == nil {
			t.Error("a bad state was accepted")
		}
		left, _ := tx.DueItems(now, 10)
		dueSameKeys(t, "after finishing", left, "k/c")

		// A failing item waits for its next try, then fails for good.
		c := left[0]
		for i := 1; i <= 3; i++ {
			failed, err := tx.RetryDue(c.ID, "boom", 3, now.Add(time.Duration(i)*time.Minute), now)
			if err != nil {
				return err
			}
			if failed != (i == 3) {
				t.Errorf("attempt %d: failed = %v", i, failed)
			}
			if i < 3 {
				if got, _ := tx.DueItems(now, 10); len(got) != 0 {
					t.Errorf("attempt %d: picked again before its next try: %v", i, dueKeys(got))
				}
				got, _ := tx.DueItems(now.Add(time.Duration(i)*time.Minute), 10)
				dueSameKeys(t, "at its next try", got, "k/c")
				if got[0].Attempts != i || got[0].Error != "boom" {
					t.Errorf("attempt %d read back as %+v", i, got[0])
				}
			}
		}
		if got, _ := tx.DueItems(now.Add(time.Hour), 10); len(dueKeys(got)) != 1 || got[0].Key != "future" {
			t.Errorf("after failing for good: %v", dueKeys(got))
		}
		h, _ := tx.DueHistory("k", "c")
		if len(h) != 1 || h[0].State != DueFailed || h[0].Attempts != 3 {
			t.Errorf("history of the failed item: %+v", h)
		}
		return nil
	})
}

// Laying the same items out again (as after a restart) redoes nothing that
// was done; another due time is a new moment.
func TestDueDoneNotRescheduled(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		at := t0.Add(time.Minute)
		id := addDue(t, tx, DueItem{Kind: "k", Key: "1:24h", DueAt: at})
		if err := tx.FinishDue(id, DueDone, at); err != nil {
			return err
		}
		if again := addDue(t, tx, DueItem{Kind: "k", Key: "1:24h", DueAt: at, Data: "x"}); again != id {
			t.Errorf("rescheduling a done item gave id %d, want %d", again, id)
		}
		if got, _ := tx.DueItems(at.Add(time.Hour), 10); len(got) != 0 {
			t.Errorf("a done item is due again: %v", dueKeys(got))
		}
		// Moved to another time: pending again.
		moved := addDue(t, tx, DueItem{Kind: "k", Key: "1:24h", DueAt: at.Add(time.Hour)})
		if moved == id {
			t.Error("a new due time reused the done item")
		}
		// Moved back to the time already done: the pending one goes.
		if back := addDue(t, tx, DueItem{Kind: "k", Key: "1:24h", DueAt: at}); back != id {
			t.Errorf("moving back gave %d, want the done item %d", back, id)
		}
		if got, _ := tx.PendingDue("k", ""); len(got) != 0 {
			t.Errorf("pending after moving back: %v", dueKeys(got))
		}
		// A missed item counts as dealt with too; a cancelled one does not.
		m := addDue(t, tx, DueItem{Kind: "k", Key: "2:2h", DueAt: at})
		tx.FinishDue(m, DueMissed, at)
		if again := addDue(t, tx, DueItem{Kind: "k", Key: "2:2h", DueAt: at}); again != m {
			t.Errorf("a missed item was scheduled again as %d", again)
		}
		c := addDue(t, tx, DueItem{Kind: "k", Key: "3:2h", DueAt: at})
		tx.FinishDue(c, DueCancelled, at)
		if again := addDue(t, tx, DueItem{Kind: "k", Key: "3:2h", DueAt: at}); again == c {
			t.Error("a cancelled item blocks scheduling it again")
		}
		h, _ := tx.DueHistory("k", "1:24h")
		if len(h) != 1 {
			t.Errorf("history of 1:24h: %+v", h)
		}
		// Pruning drops finished records only, and only old ones.
		n, err := tx.PruneDue(at.Add(time.Second))
		if err != nil {
			return err
		}
		if n != 3 {
			t.Errorf("pruned %d, want 3", n)
		}
		if got, _ := tx.PendingDue("k", ""); len(got) != 1 {
			t.Errorf("pending after prune: %v", dueKeys(got))
		}
		return nil
	})
}

func TestDueQueryPlan(t *testing.T) {
	s := newTestStorage(t)
	for _, c := range []struct {
		name, index, q string
		args           []any
		sorted         bool
	}{
		{"due scan", "due_pending", dueSQL, []any{ms(t0), 2000}, true},
		{"prefix", "due_pending_key", `SELECT id FROM due WHERE state = 'pending' AND kind = ? AND key >= ? AND key < ?`, []any{"k", "12:", "12;"}, false},
		{"done check", "due_kind_key", `SELECT id FROM due WHERE kind = ? AND key = ? AND due_at = ? AND state IN ('done', 'missed', 'failed') ORDER BY id DESC LIMIT 1`, []any{"k", "1", ms(t0)}, false},
	} {
		checkPlan(t, s.db, "due", c.name, c.index, c.sorted, c.q, c.args...)
	}
}
