package bot

import (
	"container/heap"
	"math"
	"slices"
	"time"
)

// queue is the sender's in-memory schedule of pending outbox rows: a queue
// per chat (messages to one chat go out by priority, then in the order they
// were queued), a
// heap of chats ready to send ordered by their head's priority and age, and a
// heap of chats waiting for their next allowed time.
type queue struct {
	chats    map[int64]*chatQ
	ready    readyHeap
	sleeping sleepHeap
	size     int // queued items
	bulk     int // queued items of the lowest priority
}

type item struct {
	id        int64
	chat      int64
	priority  int
	notBefore time.Time
	until     time.Time // the last moment the call is worth making (zero: no limit)
	method    string
	payload   []byte // nil: read the row when it is sent
	after     string
}

type chatQ struct {
	key      int64
	items    []item
	busy     bool      // a call to this chat is in flight
	nextAt   time.Time // earliest time the chat may get another call
	limited  bool      // per-chat limits apply (false for callback answers)
	lastUsed time.Time
	readyIdx int // index in ready, -1 when absent
	sleepIdx int // index in sleeping, -1 when absent
	wakeAt   time.Time
}

func newQueue() *queue { return &queue{chats: map[int64]*chatQ{}} }

// callbackKey gives every chat-less call (answerCallbackQuery) its own queue
// so callback answers never wait behind each other.
func callbackKey(id int64) int64 { return math.MinInt64 + id }

func (q *queue) add(it item, now time.Time) {
	key := it.chat
	limited := true
	if it.chat == 0 {
		key = callbackKey(it.id)
		limited = false
	}
	c := q.chats[key]
	if c == nil {
		c = &chatQ{key: key, limited: limited, readyIdx: -1, sleepIdx: -1}
		q.chats[key] = c
	}
	// Within a chat, a more urgent call (an answer to someone waiting) goes
	// ahead of queued bulk ones, never ahead of the call in flight; calls of
	// the same priority keep their order.
	pos := len(c.items)
	for pos > 0 && c.items[pos-1].priority < it.priority {
		pos--
	}
	if c.busy && pos == 0 {
		pos = 1
	}
	c.items = slices.Insert(c.items, pos, it)
	q.size++
	if it.priority <= 0 {
		q.bulk++
	}
	c.lastUsed = now
	if pos == 0 && !c.busy {
		q.schedule(c, now)
	}
}

// schedule puts a chat with a head item into ready or sleeping.
func (q *queue) schedule(c *chatQ, now time.Time) {
	q.unlink(c)
	if c.busy || len(c.items) == 0 {
		return
	}
	at := c.nextAt
	if nb := c.items[0].notBefore; nb.After(at) {
		at = nb
	}
	if !at.After(now) {
		heap.Push(&q.ready, c)
		return
	}
	c.wakeAt = at
	heap.Push(&q.sleeping, c)
}

func (q *queue) unlink(c *chatQ) {
	if c.readyIdx >= 0 {
		heap.Remove(&q.ready, c.readyIdx)
	}
	if c.sleepIdx >= 0 {
		heap.Remove(&q.sleeping, c.sleepIdx)
	}
}

// wakeUp moves the chats whose time has come into ready and returns when
// the next sleeping chat wakes (zero when none sleeps).
func (q *queue) wakeUp(now time.Time) time.Time {
	for q.sleeping.Len() > 0 && !q.sleeping[0].wakeAt.After(now) {
		c := heap.Pop(&q.sleeping).(*chatQ)
		heap.Push(&q.ready, c)
	}
	if q.sleeping.Len() == 0 {
		return time.Time{}
	}
	return q.sleeping[0].wakeAt
}

// peek returns the most urgent ready chat, or nil.
func (q *queue) peek() *chatQ {
	if q.ready.Len() == 0 {
		return nil
	}
	return q.ready[0]
}

// take marks the ready chat c busy and returns its head item.
func (q *queue) take(c *chatQ, now time.Time) item {
	q.unlink(c)
	c.busy = true
	c.lastUsed = now
	return c.items[0]
}

// finish ends the call in flight for chat key. done drops the head item;
// otherwise it stays, to be tried again not before retryAt.
func (q *queue) finish(key int64, done bool, retryAt, nextAt, now time.Time) {
	c := q.chats[key]
	if c == nil {
		return
	}
	c.busy = false
	if nextAt.After(c.nextAt) {
		c.nextAt = nextAt
	}
	switch {
	case len(c.items) == 0:
	case done:
		q.size--
		if c.items[0].priority <= 0 {
			q.bulk--
		}
		c.items[0] = item{} // let the sent payload go
		c.items = c.items[1:]
	default:
		c.items[0].notBefore = retryAt
	}
	if len(c.items) == 0 && !c.limited {
		delete(q.chats, key)
		return
	}
	q.schedule(c, now)
}

// drop forgets every queued item of a chat (it blocked the bot, or moved).
func (q *queue) drop(chat int64) []item {
	c := q.chats[chat]
	if c == nil {
		return nil
	}
	q.unlink(c)
	items := c.items
	if c.busy && len(items) > 0 {
		c.items = items[:1]
		items = items[1:]
	} else {
		c.items = nil
	}
	q.size -= len(items)
	for _, it := range items {
		if it.priority <= 0 {
			q.bulk--
		}
	}
	return items
}

// prune forgets idle chats whose limits no longer matter.
func (q *queue) prune(now time.Time, idle time.Duration) {
	for k, c := range q.chats {
		if len(c.items) == 0 && !c.busy && now.Sub(c.lastUsed) > idle && now.After(c.nextAt) {
			delete(q.chats, k)
		}
	}
}

// pending counts queued items.
func (q *queue) pending() int { return q.size }

type readyHeap []*chatQ

func (h readyHeap) Len() int { return len(h) }
func (h readyHeap) Less(i, j int) bool {
	a, b := h[i].items[0], h[j].items[0]
	if a.priority != b.priority {
		return a.priority > b.priority
	}
	return a.id < b.id
}
func (h readyHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].readyIdx = i
	h[j].readyIdx = j
}
func (h *readyHeap) Push(x any) {
	c := x.(*chatQ)
	c.readyIdx = len(*h)
	*h = append(*h, c)
}
func (h *readyHeap) Pop() any {
	old := *h
	c := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	c.readyIdx = -1
	return c
}

type sleepHeap []*chatQ

func (h sleepHeap) Len() int           { return len(h) }
func (h sleepHeap) Less(i, j int) bool { return h[i].wakeAt.Before(h[j].wakeAt) }
func (h sleepHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].sleepIdx = i
	h[j].sleepIdx = j
}
func (h *sleepHeap) Push(x any) {
	c := x.(*chatQ)
	c.sleepIdx = len(*h)
	*h = append(*h, c)
}
func (h *sleepHeap) Pop() any {
	old := *h
	c := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	c.sleepIdx = -1
	return c
}
