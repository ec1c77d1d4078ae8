package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/storage"
	"courtyard/telegram"
)

// allowedUpdates are the kinds of update the bot asks Telegram for.
var allowedUpdates = []string{"message", "callback_query", "my_chat_member"}

// Poller owns the getUpdates loop. A batch is committed to the inbox before
// the next getUpdates call acknowledges it to Telegram, so a crash at any
// moment loses nothing.
type Poller struct {
	client  *Client
	store   *storage.Storage
	timeout time.Duration
	now     func() time.Time
	log     *slog.Logger
	apply   func(context.Context, *storage.Tx) (int, error) // applies stored updates in the storing transaction
	saved   func(applied bool)                              // called after each stored batch
	clock   Clock
	retry   Retry

	lastPoll atomic.Int64 // unix ms of the last answered getUpdates
	failing  atomic.Int64 // getUpdates calls failed in a row (0 while Telegram answers)
	lostAt   time.Time    // when the first of those failed; Run's goroutine only
}

// NewPoller returns a poller. apply, when not nil, applies stored updates
// in the transaction that stores a batch (Processor.Apply); saved is called
// after every stored batch, told whether it was applied.
func NewPoller(c *Client, s *storage.Storage, timeout time.Duration, now func() time.Time, log *slog.Logger,
	apply func(context.Context, *storage.Tx) (int, error), saved func(applied bool), opts ...Option) *Poller {
	o := makeOptions(opts)
	return &Poller{client: c, store: s, timeout: timeout, now: now, log: log, apply: apply, saved: saved,
		clock: o.clock, retry: o.retry}
}

// LastPoll is when getUpdates last answered.
func (p *Poller) LastPoll() time.Time {
	v := p.lastPoll.Load()
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v)
}

// Failing is how many getUpdates calls in a row have failed: 0 while
// Telegram answers, and before the first answer while nothing has failed.
func (p *Poller) Failing() int64 { return p.failing.Load() }

// Run polls until ctx is cancelled. A lost connection to Telegram is logged
// once when it is lost and once when it is back, with the count of failed
// calls between; the retries in between are logged at debug level.
func (p *Poller) Run(ctx context.Context) error {
	var offset int64
	err := p.store.View(ctx, func(tx *storage.Tx) error {
		var err error
		offset, err = tx.Offset()
		return err
	})
	if err != nil {
		return fmt.Errorf("poller: %w", err)
	}
	// getUpdates failing is the network or Telegram: retried for as long as
	// it takes. Storing a batch failing is the database: retried a few
	// times, then the poller gives up. A refused token is final.
	backoff := time.Duration(0)
	stored := Failures{Retry: p.retry}
	for {
		if backoff > 0 {
			if err := sleep(ctx, p.clock, backoff); err != nil {
				return nil
			}
		}
		if ctx.Err() != nil {
			return nil
		}
		next, err := p.poll(ctx, offset)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if TokenRefused(err) {
				return fmt.Errorf("poller: telegram refused the bot token: %w", err)
			}
			if errors.Is(err, errStore) {
				if backoff, err = stored.Fail("poller: storing updates", err); err != nil {
					return err
				}
				p.log.Warn("storing updates failed", "err", err, "retry_in", backoff)
				continue
			}
			backoff = nextBackoff(backoff, 100*time.Millisecond, 30*time.Second)
			p.lost(err, backoff)
			continue
		}
		stored.OK()
		backoff = 0
		offset = next
	}
}

// errStore marks a batch that could not be stored.
var errStore = errors.New("store batch")

// poll fetches one batch, stores it and returns the next offset.
func (p *Poller) poll(ctx context.Context, offset int64) (int64, error) {
	raws, err := p.client.GetUpdates(ctx, telegram.GetUpdates{
		Offset: offset, Limit: 100, Timeout: int(p.timeout / time.Second), AllowedUpdates: allowedUpdates,
	})
	if err != nil {
		return offset, err
	}
	p.back()
	p.lastPoll.Store(p.now().UnixMilli())
	if len(raws) == 0 {
		return offset, nil
	}
	items := make([]storage.InboxItem, 0, len(raws))
	fresh := make(freshUpdates, len(raws))
	next := offset
	for _, raw := range raws {
		// Each update is decoded here once: the processor takes the value
		// from the batch's context instead of decoding the stored payload
		// again. One that does not decode whole is stored all the same, for
		// the processor to record why.
		upd := new(models.Update)
		id := int64(0)
		if json.Unmarshal(raw, upd) == nil {
			id = upd.ID
		} else {
			upd = nil
			var head struct {
				ID int64 `json:"update_id"`
			}
			if json.Unmarshal(raw, &head) == nil {
				id = head.ID
			}
		}
		if id == 0 {
			p.log.Error("skipping an update without an id", "payload_bytes", len(raw))
			continue
		}
		items = append(items, storage.InboxItem{UpdateID: id, Payload: raw})
		if upd != nil {
			fresh[id] = upd
		}
		if id+1 > next {
			next = id + 1
		}
	}
	// The batch must be stored even if shutdown starts now: Telegram has sent
	// it and the next getUpdates will acknowledge it. It is applied in the
	// same transaction when it can be; if applying fails as a whole, it is
	// stored alone and the processor retries it.
	ctx = context.WithoutCancel(ctx)
	applied := false
	if p.apply != nil {
		err = p.store.Update(ctx, func(tx *storage.Tx) error {
			if err := tx.SaveUpdates(items, p.now()); err != nil {
				return err
			}
			_, err := p.apply(withFresh(ctx, fresh), tx)
			return err
		})
		applied = err == nil
		if err != nil {
			p.log.Error("applying a fresh batch failed; storing it for the processor", "err", err)
		}
	}
	if !applied {
		err = p.store.Update(ctx, func(tx *storage.Tx) error {
			return tx.SaveUpdates(items, p.now())
		})
		if err != nil {
			return offset, fmt.Errorf("poller: %w: %w", errStore, err)
		}
	}
	if p.saved != nil {
		p.saved(applied)
	}
	return next, nil
}

// lost records a failed getUpdates call: the first of a run is logged as a
// warning, the others at debug level.
func (p *Poller) lost(err error, retryIn time.Duration) {
	n := p.failing.Add(1)
	if n == 1 {
		p.lostAt = p.now()
		p.log.Warn("Telegram does not answer getUpdates; retrying until it does", "err", err, "retry_in", retryIn)
		return
	}
	p.log.Debug("getUpdates failed again", "failed_calls", n, "err", err, "retry_in", retryIn)
}

// back ends a run of failed calls, saying how many there were.
func (p *Poller) back() {
	if n := p.failing.Swap(0); n > 0 {
		p.log.Info("Telegram answers getUpdates again", "failed_calls", n,
			"down_for", p.now().Sub(p.lostAt).Round(time.Millisecond))
	}
}

func nextBackoff(cur, first, max time.Duration) time.Duration {
	if cur == 0 {
		return first
	}
	cur *= 2
	if cur > max {
		return max
	}
	return cur
}
