package bot

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"courtyard/storage"
	"courtyard/telegram"
)

// Limits are the sending limits the sender keeps to.
type Limits struct {
	GlobalPerSecond   float64
	PerChatPerSecond  float64
	PerGroupPerMinute float64
}

// margin keeps the sender just under each limit, so jitter on the way to
// Telegram does not push a burst over it.
const margin = 1.02

// Sender drains the outbox within Telegram's limits. Rows are read from the
// database once; the schedule lives in memory, and every outcome is written
// back before the row is considered done.
type Sender struct {
	client  *Client
	store   *storage.Storage
	limits  Limits
	log     *slog.Logger
	workers int

	wake     chan struct{}
	draining atomic.Bool
	tooMany  atomic.Int64
	sentN    atomic.Int64

	global  *rate.Limiter
	q       *queue
	lastID  int64
	pausing time.Time // all chats wait until then (a global 429)
}

// NewSender returns a sender; call Run to start it.
func NewSender(c *Client, s *storage.Storage, l Limits, log *slog.Logger) *Sender {
	workers := int(l.GlobalPerSecond/10) + 4
	if workers > 64 {
		workers = 64
	}
	return &Sender{client: c, store: s, limits: l, log: log, workers: workers,
		wake:   make(chan struct{}, 1),
		global: rate.NewLimiter(rate.Limit(l.GlobalPerSecond/margin), 1),
		q:      newQueue()}
}

// Wake tells the sender new rows are in the outbox.
func (s *Sender) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Drain asks Run to return once nothing is pending or in flight.
func (s *Sender) Drain() {
	s.draining.Store(true)
	s.Wake()
}

// TooMany is how many 429 answers the sender has seen.
func (s *Sender) TooMany() int64 { return s.tooMany.Load() }

// Sent is how many calls Telegram accepted since start.
func (s *Sender) Sent() int64 { return s.sentN.Load() }

type outcome struct {
	it    item
	key   int64
	sent  time.Time
	msgID int
	err   error
}

// Run sends until ctx is cancelled, or until Drain and the outbox is empty.
func (s *Sender) Run(ctx context.Context) error {
	jobs := make(chan item)
	results := make(chan outcome, s.workers)
	var wg sync.WaitGroup
	for i := 0; i < s.workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				results <- s.send(ctx, it)
			}
		}()
	}
	inflight := 0
	defer func() {
		close(jobs)
		go func() { wg.Wait(); close(results) }()
		var rest []outcome
		for r := range results {
			rest = append(rest, r)
		}
		s.apply(context.WithoutCancel(ctx), rest)
	}()

	if err := s.load(ctx); err != nil {
		return err
	}
	lastPrune := time.Now()
	for {
		now := time.Now()
		if now.Sub(lastPrune) > time.Minute {
			s.q.prune(now, time.Minute)
			lastPrune = now
		}
		nextWake := s.q.wakeUp(now)
		var wait time.Duration = -1
		c := s.q.peek()
		if c != nil && now.Before(s.pausing) {
			wait = s.pausing.Sub(now)
			c = nil
		}
		if c != nil && inflight < s.workers {
			limited := c.limited
			var r *rate.Reservation
			if limited {
				r = s.global.ReserveN(now, 1)
			}
			if r == nil || r.DelayFrom(now) == 0 {
				it := s.q.take(c, now)
				if limited {
					c.nextAt = now.Add(s.interval(it.chat))
				}
				select {
				case jobs <- it:
					inflight++
				case <-ctx.Done():
					return nil
				}
				continue
			}
			wait = r.DelayFrom(now)
			r.CancelAt(now)
		}
		if s.draining.Load() && inflight == 0 && s.q.pending() == 0 {
			return nil
		}
		if !nextWake.IsZero() && (wait < 0 || nextWake.Sub(now) < wait) {
			wait = nextWake.Sub(now)
		}
		var timer *time.Timer
		var tc <-chan time.Time
		if wait >= 0 {
			timer = time.NewTimer(wait)
			tc = timer.C
		}
		stop := func() {
			if timer != nil {
				timer.Stop()
			}
		}
		select {
		case <-ctx.Done():
			stop()
			return nil
		case <-s.wake:
			if err := s.load(ctx); err != nil {
				s.log.Error("reading the outbox failed", "err", err)
			}
		case r := <-results:
			batch := []outcome{r}
			for more := true; more; {
				select {
				case r2 := <-results:
					batch = append(batch, r2)
				default:
					more = false
				}
			}
			inflight -= len(batch)
			s.apply(ctx, batch)
		case <-tc:
		}
		stop()
	}
}

// interval is the least time between two calls to a chat.
func (s *Sender) interval(chat int64) time.Duration {
	d := time.Duration(float64(time.Second) * margin / s.limits.PerChatPerSecond)
	if chat < 0 && s.limits.PerGroupPerMinute > 0 {
		if g := time.Duration(float64(time.Minute) * margin / s.limits.PerGroupPerMinute); g > d {
			d = g
		}
	}
	return d
}

// load reads rows queued since the last load.
func (s *Sender) load(ctx context.Context) error {
	var rows []storage.OutMsg
	err := s.store.View(ctx, func(tx *storage.Tx) error {
		var err error
		rows, err = tx.PendingOutAfter(s.lastID)
		return err
	})
	if err != nil {
		return err
	}
	now := time.Now()
	for _, m := range rows {
		s.q.add(item{id: m.ID, chat: m.ChatID, priority: m.Priority, notBefore: m.NotBefore}, now)
		if m.ID > s.lastID {
			s.lastID = m.ID
		}
	}
	return nil
}

// send makes one call. It runs on a worker.
func (s *Sender) send(ctx context.Context, it item) outcome {
	out := outcome{it: it, key: it.chat}
	if it.chat == 0 {
		out.key = callbackKey(it.id)
	}
	var m storage.OutMsg
	err := s.store.View(ctx, func(tx *storage.Tx) error {
		var err error
		m, err = tx.OutByID(it.id)
		return err
	})
	if err != nil {
		out.err = err
		return out
	}
	var res json.RawMessage
	if m.FileData != nil {
		out.err = s.client.Upload(ctx, m.Method, m.Payload, "document", m.FileName, m.FileData, &res)
	} else {
		out.err = s.client.Call(ctx, m.Method, m.Payload, &res)
	}
	out.sent = time.Now()
	if out.err == nil {
		var msg struct {
			MessageID int `json:"message_id"`
		}
		if json.Unmarshal(res, &msg) == nil {
			out.msgID = msg.MessageID
		}
		s.sentN.Add(1)
	}
	return out
}

// apply writes the outcomes of a batch of calls and reschedules their chats.
func (s *Sender) apply(ctx context.Context, batch []outcome) {
	if len(batch) == 0 {
		return
	}
	now := time.Now()
	type resched struct {
		key     int64
		done    bool
		retryAt time.Time
		nextAt  time.Time
	}
	var rs []resched
	var drops []int64
	moves := map[int64]int64{}
	woke := false
	err := s.store.Update(ctx, func(tx *storage.Tx) error {
		rs, drops, woke = rs[:0], drops[:0], false
		clear(moves)
		for _, o := range batch {
			r := resched{key: o.key, done: true}
			d, err := s.outcome(tx, o, now)
			if err != nil {
				return err
			}
			r.done, r.retryAt, r.nextAt = d.done, d.retryAt, d.nextAt
			if d.dropChat {
				drops = append(drops, o.it.chat)
			}
			if d.moveTo != 0 {
				moves[o.it.chat] = d.moveTo
			}
			woke = woke || d.wake
			rs = append(rs, r)
		}
		return nil
	})
	if err != nil {
		s.log.Error("recording send results failed; they will be sent again", "err", err, "count", len(batch))
		for _, o := range batch {
			s.q.finish(o.key, false, now.Add(time.Second), time.Time{}, now)
		}
		return
	}
	for _, r := range rs {
		s.q.finish(r.key, r.done, r.retryAt, r.nextAt, now)
	}
	for _, chat := range drops {
		s.q.drop(chat)
	}
	for _, o := range batch {
		to, ok := moves[o.it.chat]
		if !ok {
			continue
		}
		delete(moves, o.it.chat)
		moved := append([]item{o.it}, s.q.drop(o.it.chat)...)
		for _, it := range moved {
			it.chat, it.notBefore = to, time.Time{}
			s.q.add(it, now)
		}
	}
	if woke {
		s.Wake()
	}
}

type decision struct {
	done     bool
	retryAt  time.Time
	nextAt   time.Time
	dropChat bool  // forget everything queued for the chat
	moveTo   int64 // the chat's queue moves to this id
	wake     bool  // new rows were queued
}

// outcome records one call's result in tx and decides what comes next.
func (s *Sender) outcome(tx *storage.Tx, o outcome, now time.Time) (decision, error) {
	id, chat := o.it.id, o.it.chat
	if o.err == nil {
		if err := tx.MarkSent(id, o.msgID, now); err != nil {
			return decision{}, err
		}
		m, err := tx.OutByID(id)
		if err != nil {
			return decision{}, err
		}
		if m.After == "pin" && o.msgID != 0 {
			_, err := tx.Enqueue(storage.OutMsg{ChatID: chat, Method: "pinChatMessage", Priority: m.Priority,
				Payload: telegram.Marshal(telegram.PinChatMessage{ChatID: chat, MessageID: o.msgID, DisableNotification: true})}, now)
			return decision{done: true, wake: true}, err
		}
		return decision{done: true}, nil
	}
	var api *APIError
	if !errors.As(o.err, &api) {
		return s.retry(tx, o, now)
	}
	switch {
	case api.Code == 429:
		s.tooMany.Add(1)
		wait := time.Duration(max(api.RetryAfter, 1)) * time.Second
		s.log.Warn("telegram asked to slow down", "chat", chat, "retry_after", api.RetryAfter)
		if chat == 0 || strings.Contains(strings.ToLower(api.Description), "flood") {
			s.pausing = now.Add(wait)
		}
		return decision{retryAt: now.Add(wait), nextAt: now.Add(wait)}, tx.Postpone(id, now.Add(wait), api.Error(), false)
	case api.Code == 403:
		s.log.Info("chat blocked the bot or removed it", "chat", chat, "description", api.Description)
		if err := tx.BlockChat(chat, api.Description, now); err != nil {
			return decision{}, err
		}
		if err := tx.MarkFailed(id, storage.OutBlocked, api.Description, now); err != nil {
			return decision{}, err
		}
		var err error
		if chat > 0 {
			err = tx.SetMemberActive(chat, false)
		} else {
			err = tx.SetChatActive(chat, false)
		}
		return decision{done: true, dropChat: true}, err
	case api.Code == 400 && api.MigrateTo != 0:
		s.log.Info("group became a supergroup", "chat", chat, "new_chat", api.MigrateTo)
		if err := tx.MigrateChat(chat, api.MigrateTo); err != nil {
			return decision{}, err
		}
		if err := tx.RedirectChat(chat, api.MigrateTo, rewriteChatID(api.MigrateTo)); err != nil {
			return decision{}, err
		}
		return decision{done: true, moveTo: api.MigrateTo}, nil
	case api.Code == 400 && strings.Contains(api.Description, "message is not modified"):
		return decision{done: true}, tx.MarkSent(id, 0, now)
	case api.Code >= 500:
		return s.retry(tx, o, now)
	default:
		s.log.Warn("telegram refused a call", "method", api.Method, "chat", chat, "code", api.Code, "description", api.Description)
		return decision{done: true}, tx.MarkFailed(id, storage.OutFailed, api.Description, now)
	}
}

// maxRetryAge is how long a call is retried through network and server errors.
const maxRetryAge = 48 * time.Hour

func (s *Sender) retry(tx *storage.Tx, o outcome, now time.Time) (decision, error) {
	m, err := tx.OutByID(o.it.id)
	if err != nil {
		return decision{}, err
	}
	if now.Sub(m.CreatedAt) > maxRetryAge {
		return decision{done: true}, tx.MarkFailed(m.ID, storage.OutFailed, o.err.Error(), now)
	}
	wait := time.Second << min(m.Attempts, 9)
	if wait > 5*time.Minute {
		wait = 5 * time.Minute
	}
	s.log.Warn("send failed, will retry", "chat", o.it.chat, "attempt", m.Attempts+1, "retry_in", wait, "err", o.err)
	return decision{retryAt: now.Add(wait)}, tx.Postpone(m.ID, now.Add(wait), o.err.Error(), true)
}

func rewriteChatID(to int64) func([]byte) []byte {
	return func(p []byte) []byte {
		var fields map[string]json.RawMessage
		if json.Unmarshal(p, &fields) != nil {
			return p
		}
		fields["chat_id"] = json.RawMessage(telegram.Marshal(to))
		return telegram.Marshal(fields)
	}
}
