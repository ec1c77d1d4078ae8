package telegramsim

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// Limits are Telegram-like flood limits. 0 means unlimited.
type Limits struct {
	GlobalPerSecond   float64 // sends to all chats together
	PerChatPerSecond  float64 // sends to any one chat
	PerGroupPerMinute float64 // sends to any one group (negative chat id), on top of the per-chat limit
}

// WithLimits enforces l with sliding windows over the server's clock (the
// real one unless WithClock). A send (send*, edit*, pin*, unpin*,
// copyMessage, forwardMessage to a chat) over a limit is answered 429 "Too
// Many Requests: retry after N" with parameters.retry_after N (seconds, at
// least 1). answerCallbackQuery, getUpdates and other calls without a chat
// are exempt. Sends refused with 429 (or refused before, e.g. for an
// unknown chat) do not count.
func WithLimits(l Limits) Option {
	return func(s *Server) { s.limits = l }
}

// WithClock makes the server read now for the rate limits and for the
// times it records (Call.At, the date of the bot's messages), so that a
// test whose bot runs on a fake clock sees the limits on that clock. Long
// polls still wait in real time.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// window is a sliding window allowing max events per span.
type window struct {
	span  time.Duration
	max   int
	times []time.Time // ring buffer of the last max accepted events
	head  int         // index of the oldest event once the ring is full
}

// newWindow allows count events per span. A count below one widens the span
// instead (0.5 per second = 1 per 2 seconds); fractions above one round down.
func newWindow(count float64, span time.Duration) *window {
	if count <= 0 {
		return nil
	}
	if count < 1 {
		return &window{span: time.Duration(float64(span) / count), max: 1}
	}
	return &window{span: span, max: int(math.Floor(count))}
}

// wait is how long until one more event fits, 0 if it fits now.
func (w *window) wait(now time.Time) time.Duration {
	if w == nil || len(w.times) < w.max {
		return 0
	}
	if d := w.times[w.head].Add(w.span).Sub(now); d > 0 {
		return d
	}
	return 0
}

func (w *window) add(now time.Time) {
	if w == nil {
		return
	}
	if len(w.times) < w.max {
		w.times = append(w.times, now)
		return
	}
	w.times[w.head] = now
	w.head = (w.head + 1) % w.max
}

// rateState holds the windows; s.mu guards it.
type rateState struct {
	l       Limits
	global  *window
	perChat map[int64]*window
	perGrp  map[int64]*window
}

func newRateState(l Limits) *rateState {
	return &rateState{
		l:       l,
		global:  newWindow(l.GlobalPerSecond, time.Second),
		perChat: make(map[int64]*window),
		perGrp:  make(map[int64]*window),
	}
}

// take counts a send to chatID if every limit allows it, and otherwise
// returns how long the sender has to wait.
func (r *rateState) take(chatID int64, now time.Time) time.Duration {
	if r.l == (Limits{}) {
		return 0
	}
	chat := r.perChat[chatID]
	if chat == nil && r.l.PerChatPerSecond > 0 {
		chat = newWindow(r.l.PerChatPerSecond, time.Second)
		r.perChat[chatID] = chat
	}
	var grp *window
	if chatID < 0 && r.l.PerGroupPerMinute > 0 {
		grp = r.perGrp[chatID]
		if grp == nil {
			grp = newWindow(r.l.PerGroupPerMinute, time.Minute)
			r.perGrp[chatID] = grp
		}
	}
	wait := max(r.global.wait(now), chat.wait(now), grp.wait(now))
	if wait > 0 {
		return wait
	}
	r.global.add(now)
	chat.add(now)
	grp.add(now)
	return 0
}

func tooManyReply(wait time.Duration) reply {
	secs := max(int(math.Ceil(wait.Seconds())), 1)
	return errReply(http.StatusTooManyRequests, "Too Many Requests: retry after "+strconv.Itoa(secs), &respParams{RetryAfter: secs})
}
