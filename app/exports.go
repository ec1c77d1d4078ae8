package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"courtyard/bot"
	"courtyard/commands"
	"courtyard/storage"
)

// exporter builds the exports people asked for. Each is read on a read
// snapshot, so the single writer is free while the file is built, and is
// then queued in the outbox, with its request marked done, in one short
// write.
type exporter struct {
	store *storage.Storage
	cmds  *commands.App
	now   func() time.Time
	log   *slog.Logger
	sent  func() // wakes the sender
	wake  chan struct{}
	// during, when set (tests), runs inside each export's read transaction
	// once its file is built, before the transaction ends.
	during func(tx *storage.Tx)
}

func newExporter(s *storage.Storage, c *commands.App, now func() time.Time, log *slog.Logger, sent func()) *exporter {
	return &exporter{store: s, cmds: c, now: now, log: log, sent: sent, wake: make(chan struct{}, 1)}
}

// Wake tells the exporter a request may be waiting.
func (e *exporter) Wake() {
	select {
	case e.wake <- struct{}{}:
	default:
	}
}

// Run builds exports until ctx ends, finishing the one in hand. Failures
// are retried as the bot's other parts retry theirs (bot.DefaultRetry);
// after its tries in a row the exporter stops the bot.
func (e *exporter) Run(ctx context.Context) error {
	fails := bot.Failures{Retry: bot.DefaultRetry}
	for {
		err := e.step(context.WithoutCancel(ctx))
		var retry <-chan time.Time
		var t *time.Timer
		if err != nil {
			wait, ferr := fails.Fail("exports", err)
			if ferr != nil {
				return ferr
			}
			e.log.Error("building an export failed", "err", err, "retry_in", wait)
			t = time.NewTimer(wait)
			retry = t.C
		} else {
			fails.OK()
		}
		select {
		case <-ctx.Done():
			stopTimer(t)
			return nil
		case <-e.wake:
		case <-retry:
		}
		stopTimer(t)
	}
}

// step builds and queues every pending export.
func (e *exporter) step(ctx context.Context) error {
	for {
		var reqs []storage.ExportRequest
		err := e.store.View(ctx, func(tx *storage.Tx) error {
			var err error
			reqs, err = tx.PendingExports(10)
			return err
		})
		if err != nil || len(reqs) == 0 {
			return err
		}
		for _, q := range reqs {
			if err := e.one(ctx, q); err != nil {
				return err
			}
		}
	}
}

func (e *exporter) one(ctx context.Context, q storage.ExportRequest) error {
	start := time.Now()
	var msgs []storage.OutMsg
	err := e.store.Read(ctx, func(tx *storage.Tx) error {
		var err error
		msgs, err = e.cmds.BuildExport(tx, q)
		if err == nil && e.during != nil {
			e.during(tx)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("export %d: %w", q.ID, err)
	}
	built := time.Since(start)
	err = e.store.Update(ctx, func(tx *storage.Tx) error {
		now := e.now()
		if first, err := tx.ExportDone(q.ID, now); err != nil || !first {
			return err
		}
		for _, msg := range msgs {
			if _, err := tx.Enqueue(msg, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("export %d: %w", q.ID, err)
	}
	size := 0
	for _, msg := range msgs {
		size += len(msg.FileData)
	}
	e.log.Info("export built", "id", q.ID, "bytes", size, "built_in", built, "queued_in", time.Since(start)-built)
	e.sent()
	return nil
}

func stopTimer(t *time.Timer) {
	if t != nil {
		t.Stop()
	}
}
