package bot

import (
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
// database once; the schedule lives in memory (a loop, for each Run), and
// every outcome is written back before the row is considered done.
type Sender struct {
	client  *Client
	store   *storage.Storage
	limits  Limits
	log     *slog.Logger
	workers int
	clock   Clock
	hours   func() time.Time // the community's time, for the hours on rows (WithHours)
	again   Retry            // how a failed outbox read is retried
	gap     time.Duration    // least time between two sends, by the global limit

	wake     chan struct{}
	draining atomic.Bool
	tooMany  atomic.Int64
	sentN    atomic.Int64
	lateN    atomic.Int64
	failMu   sync.Mutex
	failN    map[string]int64 // calls that failed, by reason

	// waiting, when set (tests), is told each time the loop starts waiting
	// whether it waits for its clock alone: no call out, no outcome being
	// written, no wake pending. A fake clock moves on only then.
	waiting func(idle bool)
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
	return &Sender{client: c, store: s, limits: l, log: log, workers: workers, clock: o.clock, hours: o.hours, again: o.retry,
		wake: make(chan struct{}, 1), gap: gap}
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

// Late is how many messages were dropped since start as past their last
// useful moment (never sent late).
func (s *Sender) Late() int64 { return s.lateN.Load() }

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
