package bot

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"courtyard/storage"
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

// catchUp is how late a send may be and still keep its slot under the
// global limit: a loop that wakes a little late (timers are coarse, a commit
// takes a moment) sends the next message sooner instead of losing the time.
// Within margin, so a window of one second never holds more than the limit.
const catchUp = 5 * time.Millisecond

// maxWorkers bounds the calls on the wire at once.
const maxWorkers = 16

// Outcomes are written in batches of recordAtLeast, or after recordAfter.
const (
	recordAtLeast = 32
	recordAfter   = 5 * time.Millisecond
)

// maxWindow bounds the rows of each kind (urgent, bulk) held in memory;
// more are read as these go.
const maxWindow = 2000

// maxUnrecorded bounds the calls made whose outcome is not yet committed:
// after a crash, at most this many messages can go out a second time.
const maxUnrecorded = 64

// callGrace is how long calls in flight may take to finish once Run is
// told to stop.
const callGrace = 2 * time.Second

// Sender drains the outbox within Telegram's limits. Rows are read from the
// database once; the schedule lives in memory, and every outcome is written
// back before the row is considered done.
type Sender struct {
	client  *Client
	store   *storage.Storage
	limits  Limits
	log     *slog.Logger
	workers int
	clock   Clock
	again   Retry // how a failed outbox read is retried

	wake     chan struct{}
	draining atomic.Bool
	tooMany  atomic.Int64
	sentN    atomic.Int64
	failMu   sync.Mutex
	failN    map[string]int64 // calls that failed, by reason

	gap        time.Duration // least time between two sends, by the global limit
	nextSend   time.Time     // when the global limit allows the next send
	q          *queue
	lastUrgent int64     // highest id of an urgent row read
	lastBulk   int64     // highest id of a bulk row read
	moreUrgent bool      // the last read of urgent rows stopped at the window
	moreBulk   bool      // the last read of bulk rows stopped at the window
	pausing    time.Time // all chats wait until then (a global 429)
}

// NewSender returns a sender; call Run to start it.
func NewSender(c *Client, s *storage.Storage, l Limits, log *slog.Logger, opts ...Option) *Sender {
	o := makeOptions(opts)
	// Enough calls in flight to keep the global limit busy through a slow
	// network (30/s at a third of a second each needs ten), few enough that
	// a crash leaves little sent but unrecorded.
	workers := min(int(l.GlobalPerSecond/5)+4, maxWorkers)
	var gap time.Duration
	if l.GlobalPerSecond > 0 {
		gap = time.Duration(float64(time.Second) * margin / l.GlobalPerSecond)
	}
	return &Sender{client: c, store: s, limits: l, log: log, workers: workers, clock: o.clock, again: o.retry,
		wake: make(chan struct{}, 1), gap: gap, q: newQueue()}
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

// Failures counts the calls that failed since start, by reason:
// too_many (429), blocked (403), refused (another 4xx), server (5xx) and
// network (no answer).
func (s *Sender) Failures() map[string]int64 {
	s.failMu.Lock()
	defer s.failMu.Unlock()
	out := make(map[string]int64, len(s.failN))
	for k, v := range s.failN {
		out[k] = v
	}
	return out
}

func (s *Sender) countFailure(err error) {
	reason := "network"
	var api *APIError
	if errors.As(err, &api) {
		switch {
		case api.Code == 429:
			reason = "too_many"
		case api.Code == 403:
			reason = "blocked"
		case api.Code >= 500:
			reason = "server"
		default:
			reason = "refused"
		}
	}
	s.failMu.Lock()
	defer s.failMu.Unlock()
	if s.failN == nil {
		s.failN = map[string]int64{}
	}
	s.failN[reason]++
}

type outcome struct {
	it    item
	key   int64
	start time.Time // when the call went out
	sent  time.Time
	msgID int
	err   error
	read  []byte // the payload read from its row just before the call (nil: it came with the item)
}

// Run sends until ctx is cancelled, or until Drain and the outbox is empty.
func (s *Sender) Run(ctx context.Context) error {
	jobs := make(chan item)
	results := make(chan outcome, s.workers)
	// Calls in flight when ctx ends may finish, for up to callGrace: a call
	// cut off after Telegram took it would be recorded as failed and made
	// again at the next start.
	callCtx, cancelCalls := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelCalls()
	var wg sync.WaitGroup
	for i := 0; i < s.workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				results <- s.send(callCtx, it)
			}
		}()
	}
	// inflight counts calls made and not yet recorded: never more than
	// maxUnrecorded, so a crash leaves at most that many calls made but not
	// known to be; sending counts those still on the wire (at most workers).
	// Outcomes are written by one recorder goroutine at a time,
	// beside this loop, so a slow commit holds up neither sending nor the
	// global rate; a chat stays busy until its outcome is written. Writes are
	// not cancelled: a call Telegram accepted must be recorded as sent.
	inflight, sending := 0, 0
	var unrecorded []outcome
	recording := false
	recorded := make(chan written, 1)
	var firstUnrecorded time.Time
	// record starts writing the outcomes gathered so far, once there are
	// enough of them or the oldest has waited long enough: fewer, larger
	// commits leave the single writer free for incoming updates.
	record := func(now time.Time) {
		if recording || len(unrecorded) == 0 {
			return
		}
		if len(unrecorded) < recordAtLeast && sending > 0 && inflight < maxUnrecorded && now.Sub(firstUnrecorded) < recordAfter {
			return
		}
		batch := unrecorded
		unrecorded, recording = nil, true
		go func() { recorded <- s.record(context.WithoutCancel(ctx), batch) }()
	}
	defer func() {
		close(jobs)
		grace := s.clock.NewTimer(callGrace)
		defer grace.Stop()
		graceDone := make(chan struct{})
		defer close(graceDone)
		go func() {
			select {
			case <-grace.C():
				cancelCalls()
			case <-graceDone:
			}
		}()
		go func() { wg.Wait(); close(results) }()
		for r := range results {
			unrecorded = append(unrecorded, r)
		}
		if recording {
			<-recorded
		}
		if len(unrecorded) > 0 {
			if r := s.record(context.WithoutCancel(ctx), unrecorded); r.err != nil {
				s.log.Error("recording send results failed; they will be sent again", "err", r.err, "count", len(unrecorded))
			}
		}
	}()

	if err := s.reload(ctx); err != nil {
		return ignoreStopped(err)
	}
	recordFails := Failures{Retry: s.again}
	lastPrune := s.clock.Now()
	for {
		now := s.clock.Now()
		record(now)
		if (s.moreBulk && s.q.bulk < maxWindow/2) || (s.moreUrgent && s.q.size-s.q.bulk < maxWindow/2) {
			if err := s.reload(ctx); err != nil {
				return ignoreStopped(err)
			}
		}
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
		if c != nil && sending < s.workers && inflight < maxUnrecorded {
			limited := c.limited
			if !limited || !now.Before(s.nextSend) {
				it := s.q.take(c, now)
				if limited {
					c.nextAt = now.Add(s.interval(it.chat))
					s.book(now)
				}
				select {
				case jobs <- it:
					inflight++
					sending++
				case <-ctx.Done():
					return nil
				}
				continue
			}
			wait = s.nextSend.Sub(now)
		}
		if s.draining.Load() && inflight == 0 && s.q.pending() == 0 {
			// Rows may have been queued since the last wake: look once more.
			if err := s.reload(ctx); err != nil {
				return ignoreStopped(err)
			}
			if s.q.pending() == 0 {
				return nil
			}
			continue
		}
		if !nextWake.IsZero() && (wait < 0 || nextWake.Sub(now) < wait) {
			wait = nextWake.Sub(now)
		}
		if !recording && len(unrecorded) > 0 {
			if due := firstUnrecorded.Add(recordAfter).Sub(now); wait < 0 || due < wait {
				wait = max(due, 0)
			}
		}
		var timer Timer
		var tc <-chan time.Time
		if wait >= 0 {
			timer = s.clock.NewTimer(wait)
			tc = timer.C()
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
			if err := s.reload(ctx); err != nil {
				stop()
				return ignoreStopped(err)
			}
		case r := <-results:
			if len(unrecorded) == 0 {
				firstUnrecorded = s.clock.Now()
			}
			unrecorded = append(unrecorded, r)
			sending--
			for more := true; more; {
				select {
				case r2 := <-results:
					unrecorded = append(unrecorded, r2)
					sending--
				default:
					more = false
				}
			}
		case r := <-recorded:
			recording = false
			inflight -= len(r.batch)
			s.settle(r)
			// Outcomes that cannot be written are sent again: a database
			// that stays broken must stop the sender, not repeat messages.
			if r.err == nil {
				recordFails.OK()
			} else if _, err := recordFails.Fail("sender: recording send results", r.err); err != nil {
				stop()
				return err
			}
		case <-tc:
		}
		stop()
	}
}

// book takes the global limit's current slot for a send made at now.
func (s *Sender) book(now time.Time) {
	slot := s.nextSend
	if early := now.Add(-catchUp); slot.Before(early) {
		slot = early
	}
	s.nextSend = slot.Add(s.gap)
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

// reload loads, retrying a failed read with backoff; it gives up after
// the retry's tries (the outbox cannot be read: the process must stop), and
// returns errStopped when ctx ends while it waits.
func (s *Sender) reload(ctx context.Context) error {
	f := Failures{Retry: s.again}
	for {
		err := s.load(ctx)
		if err == nil {
			return nil
		}
		wait, ferr := f.Fail("sender: reading the outbox", err)
		if ferr != nil {
			return ferr
		}
		s.log.Error("reading the outbox failed", "err", err, "retry_in", wait)
		if err := sleep(ctx, s.clock, wait); err != nil {
			return err
		}
	}
}

// ignoreStopped is nil for errStopped, else err.
func ignoreStopped(err error) error {
	if errors.Is(err, errStopped) {
		return nil
	}
	return err
}

// load reads rows queued since the last load, urgent ones and bulk ones
// each up to a window in memory, so a deep backlog (a broadcast to
// thousands, a flood of reports) is read a window at a time and answers
// still go ahead of bulk sends.
func (s *Sender) load(ctx context.Context) error {
	var urgent, bulk []storage.OutMsg
	urgentRoom, bulkRoom := maxWindow-(s.q.size-s.q.bulk), maxWindow-s.q.bulk
	err := s.store.View(ctx, func(tx *storage.Tx) error {
		var err error
		if urgentRoom > 0 {
			if urgent, err = tx.PendingOutAfter(s.lastUrgent, false, urgentRoom); err != nil {
				return err
			}
		}
		if bulkRoom > 0 {
			bulk, err = tx.PendingOutAfter(s.lastBulk, true, bulkRoom)
		}
		return err
	})
	if err != nil {
		return err
	}
	s.moreUrgent = urgentRoom <= 0 || len(urgent) == urgentRoom
	s.moreBulk = bulkRoom <= 0 || len(bulk) == bulkRoom
	now := s.clock.Now()
	for _, rows := range [][]storage.OutMsg{urgent, bulk} {
		for _, m := range rows {
			s.q.add(item{id: m.ID, chat: m.ChatID, priority: m.Priority, notBefore: m.NotBefore,
				method: m.Method, payload: m.Payload, after: m.After}, now)
			if m.Priority > storage.PriorityBulk {
				s.lastUrgent = max(s.lastUrgent, m.ID)
			} else {
				s.lastBulk = max(s.lastBulk, m.ID)
			}
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
	m := storage.OutMsg{ID: it.id, Method: it.method, Payload: it.payload}
	if m.Payload == nil {
		err := s.store.View(ctx, func(tx *storage.Tx) error {
			var err error
			m, err = tx.OutByID(it.id)
			return err
		})
		if err != nil {
			out.err = err
			return out
		}
	}
	if it.payload == nil {
		out.read = m.Payload
	}
	var res json.RawMessage
	out.start = s.clock.Now()
	if m.FileData != nil {
		field := "document"
		if m.Method == "sendPhoto" {
			field = "photo"
		}
		out.err = s.client.Upload(ctx, m.Method, m.Payload, field, m.FileName, m.FileData, &res)
	} else {
		out.err = s.client.Call(ctx, m.Method, m.Payload, &res)
	}
	out.sent = s.clock.Now()
	if out.err == nil {
		var msg struct {
			MessageID int `json:"message_id"`
		}
		if json.Unmarshal(res, &msg) == nil {
			out.msgID = msg.MessageID
		}
		s.sentN.Add(1)
	} else if ctx.Err() == nil {
		s.countFailure(out.err)
	}
	return out
}
