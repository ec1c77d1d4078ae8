package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/storage"
)

// HandleFunc applies one update's effects inside tx.
type HandleFunc func(ctx context.Context, tx *storage.Tx, upd *models.Update) error

// Processor applies stored updates in update order. Each update's effects,
// the outbox rows it creates and its done mark commit together; a batch of
// updates shares one transaction, each inside its own savepoint.
type Processor struct {
	store  *storage.Storage
	handle HandleFunc
	failed HandleFunc // tells the person something went wrong
	now    func() time.Time
	log    *slog.Logger
	batch  int
	wake   chan struct{}
	done   func() // called after each committed batch
	clock  Clock
	retry  Retry

	handled atomic.Int64 // updates handled since start
	failedN atomic.Int64 // of which failed
}

// Handled is how many updates were handled since start, and how many of
// them failed (the handler returned an error).
func (p *Processor) Handled() (all, failed int64) { return p.handled.Load(), p.failedN.Load() }

// NewProcessor returns a processor; done is called after each committed batch.
func NewProcessor(s *storage.Storage, handle, failed HandleFunc, now func() time.Time, log *slog.Logger, done func(), opts ...Option) *Processor {
	o := makeOptions(opts)
	return &Processor{store: s, handle: handle, failed: failed, now: now, log: log, batch: 100,
		wake: make(chan struct{}, 1), done: done, clock: o.clock, retry: o.retry}
}

// Wake tells the processor new updates are stored.
func (p *Processor) Wake() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Run processes until ctx is cancelled, finishing the batch in hand first.
// A batch that fails (the database, not a handler: a handler's error is
// recorded with its update) is retried with backoff; after the retry's
// tries in a row Run returns the error.
func (p *Processor) Run(ctx context.Context) error {
	f := Failures{Retry: p.retry}
	for {
		n, err := p.Step(context.WithoutCancel(ctx))
		if err != nil {
			wait, ferr := f.Fail("processor", err)
			if ferr != nil {
				return ferr
			}
			p.log.Error("processing updates failed", "err", err, "retry_in", wait)
			if sleep(ctx, p.clock, wait) != nil {
				return nil
			}
			continue
		}
		f.OK()
		if ctx.Err() != nil {
			return nil
		}
		if n > 0 {
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-p.wake:
		}
	}
}

// Step processes one batch of pending updates and returns how many it took.
func (p *Processor) Step(ctx context.Context) (int, error) {
	// A look at the oldest pending update first, so that an idle wake does
	// not take the writer; Apply reads the batch itself.
	var items []storage.InboxItem
	err := p.store.View(ctx, func(tx *storage.Tx) error {
		var err error
		items, err = tx.PendingUpdates(1)
		return err
	})
	if err != nil || len(items) == 0 {
		return 0, err
	}
	var n int
	err = p.store.Update(ctx, func(tx *storage.Tx) error {
		var err error
		n, err = p.Apply(ctx, tx)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("processor: batch from update %d: %w", items[0].UpdateID, err)
	}
	if p.done != nil {
		p.done()
	}
	return n, nil
}

// Apply processes, inside tx, up to one batch of the oldest unprocessed
// updates, and returns how many. The poller calls it in the transaction
// that stores a fresh batch, so a batch is stored, applied and marked done
// with one commit; what it leaves (a long backlog) the processor takes.
func (p *Processor) Apply(ctx context.Context, tx *storage.Tx) (int, error) {
	items, err := tx.PendingUpdates(p.batch)
	if err != nil {
		return 0, err
	}
	// The updates handled without error are marked done together, after
	// the batch; a failed one is marked at once, with its error.
	done := make([]int64, 0, len(items))
	for _, it := range items {
		ok, err := p.one(ctx, tx, it)
		if err != nil {
			return 0, err
		}
		if ok {
			done = append(done, it.UpdateID)
		}
	}
	if err := tx.UpdatesDone(done, p.now()); err != nil {
		return 0, err
	}
	return len(items), nil
}

// one handles an update; ok says it succeeded and is left to be marked done.
func (p *Processor) one(ctx context.Context, tx *storage.Tx, it storage.InboxItem) (ok bool, err error) {
	upd := freshUpdate(ctx, it.UpdateID)
	var herr error
	if upd == nil {
		upd = new(models.Update)
		if err := json.Unmarshal(it.Payload, upd); err != nil {
			herr = fmt.Errorf("decode update: %w", err)
		}
	}
	if herr == nil {
		herr = tx.Savepoint(func() error { return p.handle(ctx, tx, upd) })
	}
	p.handled.Add(1)
	if herr == nil {
		return true, nil
	}
	p.failedN.Add(1)
	p.log.Error("update failed", "update_id", it.UpdateID, "err", herr)
	if p.failed != nil && upd.ID != 0 {
		if err := tx.Savepoint(func() error { return p.failed(ctx, tx, upd) }); err != nil {
			p.log.Error("could not tell the sender of a failed update", "update_id", it.UpdateID, "err", err)
		}
	}
	if _, err := tx.UpdateDone(it.UpdateID, herr.Error(), p.now()); err != nil {
		return false, err
	}
	return false, nil
}

// freshUpdates are the updates of the batch the poller is storing, decoded
// as they arrived, by update id.
type freshUpdates map[int64]*models.Update

type freshKey struct{}

// withFresh carries the batch's decoded updates to Apply.
func withFresh(ctx context.Context, f freshUpdates) context.Context {
	return context.WithValue(ctx, freshKey{}, f)
}

// freshUpdate is the update id as the poller decoded it, or nil when ctx
// carries none (a stored backlog: the payload is decoded again).
func freshUpdate(ctx context.Context, id int64) *models.Update {
	f, _ := ctx.Value(freshKey{}).(freshUpdates)
	return f[id]
}
