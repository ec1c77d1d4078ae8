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
	// Window is how many items one query picks; a scan repeats windows.
	Window = 2000
	// MaxPerScan bounds one scan (one transaction); what is left waits for
	// the next minute.
	MaxPerScan = 50_000
	// MaxAttempts is how often an item may fail before it is marked failed.
	MaxAttempts = 5
)

// Runner runs due items by their kind.
type Runner struct {
	kinds map[string]Kind
	log   *slog.Logger
	max   int // items per scan
}

// New returns a runner for kinds (by storage.DueItem.Kind).
func New(kinds map[string]Kind, log *slog.Logger) *Runner {
	return &Runner{kinds: kinds, log: log, max: MaxPerScan}
}

// Scan runs every item due by now, in windows of Window items, all in tx
// (up to MaxPerScan). Each item runs in its own savepoint together with its
// done mark: a failing item is undone alone, stays pending and is tried
// again a minute later per failed attempt (the next scan), and after
// MaxAttempts failures is marked failed. Its shape is that of Job.Run.
func (r *Runner) Scan(ctx context.Context, tx *storage.Tx, now time.Time) error {
	n := 0
	for n < r.max {
		items, err := tx.DueItems(now, min(Window, r.max-n))
		if err != nil {
			return err
		}
		if len(items) == 0 {
			break
		}
		for _, it := range items {
			if err := r.one(ctx, tx, it, now); err != nil {
				return err
			}
		}
		n += len(items) // items a handler scheduled for now come in the next window
	}
	if n >= r.max {
		r.log.Warn("schedule: more items due than one scan takes; the rest run next minute", "ran", n)
	}
	return nil
}

// one runs an item. Only a storage error outside the item's savepoint is
// returned (it undoes the scan); the item's own failure is recorded.
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
