package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"courtyard/storage"
)

// Handler does an item's work inside tx. Whatever it writes (outbox rows
// included) commits together with the item's done mark, or not at all.
type Handler func(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error

// Kind is what runs the items of one kind.
type Kind struct {
	Do     Handler
	Missed Handler // optional: called, in the same tx, for an item picked up after its Until (e.g. to tell staff)

	// Grace says an item's Until is only how late it may still be done
	// after downtime (a scheduled notice), not the moment its messages are
	// about: they do not carry it, and wait through their readers' quiet
	// hours like any routine message.
	Grace bool
}

// terms are what the messages an item's Do queues carry: they belong to
// the item (storage.DueRef: cancelling it withdraws those not yet sent) and
// are worth sending until its Until, the moment a reminder is about.
func (k Kind) terms(it storage.DueItem) storage.OutTerms {
	t := storage.OutTerms{Ref: storage.DueRef(it.Kind, it.Key)}
	if !k.Grace {
		t.Until = it.Until
	}
	return t
}

const (
	// Window bounds the items of one window of a scan (one transaction).
	Window = 500
	// WindowTime ends a window early: after about this long the writer is
	// handed on, so an update waiting for it waits at most about one window.
	// The window's read and commit come on top of it: with 2,000 items and
	// 50 ms, /help during a 10,000-reminder wave waited 120 ms at the 99th
	// percentile, with these 48 ms, and the wave took a fifth longer
	// (BenchmarkTimedWaveHelp, BenchmarkTimedWave).
	WindowTime = 20 * time.Millisecond
	// MaxPerScan bounds one scan (its windows); what is left waits for the
	// next minute.
	MaxPerScan = 50_000
	// MaxAttempts is how often an item may fail before it is marked failed.
	MaxAttempts = 5
)

// Runner runs due items by their kind.
type Runner struct {
	kinds      map[string]Kind
	log        *slog.Logger
	max        int           // items per scan
	window     int           // items per window
	windowTime time.Duration // work per window
}

// New returns a runner for kinds (by storage.DueItem.Kind).
func New(kinds map[string]Kind, log *slog.Logger) *Runner {
	return &Runner{kinds: kinds, log: log, max: MaxPerScan, window: Window, windowTime: WindowTime}
}

// Scan runs every item due by now (up to MaxPerScan) a window at a time.
// Each window is a transaction of its own, opened with update, of at most
// Window items or about WindowTime of work, so the single writer is free
// between windows: a large wave holds up an incoming update by one window
// at most. Each item runs in its own savepoint together with its done
// mark, so it is done once: a failing item is undone alone, stays pending
// and is tried again a minute later per failed attempt (the next scan), and
// after MaxAttempts failures is marked failed. A storage error outside an
// item undoes its window and ends the scan; the windows committed before
// it stay. Its shape is that of Job.Windows.
func (r *Runner) Scan(ctx context.Context, update Update, now time.Time) error {
	n := 0
	for n < r.max {
		ran := 0
		err := update(func(tx *storage.Tx) (err error) {
			ran, err = r.runWindow(ctx, tx, now, min(r.window, r.max-n))
			return err
		})
		if err != nil {
			return err
		}
		if ran == 0 {
			return nil
		}
		n += ran // items a handler scheduled for now come in the next window
	}
	r.log.Warn("schedule: more items due than one scan takes; the rest run next minute", "ran", n)
	return nil
}

// runWindow runs, in tx, up to limit items due by now, oldest first,
// stopping early once it has worked for the runner's window time, and
// returns how many it ran (0: none was due).
func (r *Runner) runWindow(ctx context.Context, tx *storage.Tx, now time.Time, limit int) (int, error) {
	start := time.Now()
	items, err := tx.DueItems(now, limit)
	if err != nil {
		return 0, err
	}
	for i, it := range items {
		if err := r.one(ctx, tx, it, now); err != nil {
			return 0, err
		}
		if time.Since(start) >= r.windowTime {
			return i + 1, nil
		}
	}
	return len(items), nil
}

// one runs an item. Only a storage error outside the item's savepoint is
// returned (it undoes the window); the item's own failure is recorded.
//
// The item is marked first and its handler runs after, in the same
// savepoint: so a handler may schedule the next occurrence under the same
// Kind and Key (a recurring notice) without touching the item in hand.
func (r *Runner) one(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	k, ok := r.kinds[it.Kind]
	if !ok {
		r.log.Error("schedule: no handler for this kind; item marked failed", "kind", it.Kind, "key", it.Key, "id", it.ID)
		return tx.FinishDue(it.ID, storage.DueFailed, now)
	}
	late := !it.Until.IsZero() && now.After(it.Until)
	err := tx.Savepoint(func() error {
		if late {
			if err := tx.FinishDue(it.ID, storage.DueMissed, now); err != nil {
				return gone(err)
			}
			if k.Missed != nil {
				return k.Missed(ctx, tx, it, now)
			}
			return nil
		}
		if k.Do == nil {
			return errors.New("kind has no Do handler")
		}
		if err := tx.FinishDue(it.ID, storage.DueDone, now); err != nil {
			return gone(err)
		}
		defer tx.SetTerms(tx.SetTerms(k.terms(it)))
		return k.Do(ctx, tx, it, now)
	})
	if errors.Is(err, errGone) {
		// An earlier item of the same window cancelled or finished it.
		r.log.Debug("schedule: item no longer pending, skipped", "kind", it.Kind, "key", it.Key)
		return nil
	}
	if err == nil {
		if late {
			r.log.Warn("schedule: item missed, not done", "kind", it.Kind, "key", it.Key,
				"due", it.DueAt, "until", it.Until, "late_by", now.Sub(it.DueAt).Round(time.Second))
		}
		return nil
	}
	next := now.Add(time.Duration(it.Attempts+1) * time.Minute)
	failed, rerr := tx.RetryDue(it.ID, err.Error(), MaxAttempts, next, now)
	if rerr != nil {
		return fmt.Errorf("schedule: %s %s failed (%v), and recording it: %w", it.Kind, it.Key, err, rerr)
	}
	if failed {
		r.log.Error("schedule: item failed for good", "kind", it.Kind, "key", it.Key, "attempts", it.Attempts+1, "err", err)
	} else {
		r.log.Error("schedule: item failed; tried again later", "kind", it.Kind, "key", it.Key, "attempts", it.Attempts+1, "next_try", next, "err", err)
	}
	return nil
}

// errGone marks an item that stopped being pending after it was read.
var errGone = errors.New("schedule: item no longer pending")

// gone turns the not-found of marking an item into errGone.
func gone(err error) error {
	if errors.Is(err, storage.ErrNotFound) {
		return errGone
	}
	return err
}

// Keep is how long the records of finished items are kept; ScheduleDue
// reads them to not redo an item laid out again.
const Keep = 90 * 24 * time.Hour

// Prune drops the records of items finished more than Keep ago. Its shape
// is that of Job.Run.
func (r *Runner) Prune(ctx context.Context, tx *storage.Tx, now time.Time) error {
	n, err := tx.PruneDue(now.Add(-Keep))
	if err != nil {
		return err
	}
	if n > 0 {
		r.log.Info("schedule: pruned finished items", "count", n)
	}
	return nil
}
