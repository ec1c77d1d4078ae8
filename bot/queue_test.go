package bot

import (
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// takeAll takes ready chats one after another, finishing each call at once
// with no spacing, and returns the item ids in the order they were taken.
func takeAll(q *queue, now time.Time) []int64 {
	var ids []int64
	for {
		q.wakeUp(now)
		c := q.peek()
		if c == nil {
			return ids
		}
		it := q.take(c, now)
		ids = append(ids, it.id)
		q.finish(c.key, true, time.Time{}, time.Time{}, now)
	}
}

func TestQueuePriorityThenAge(t *testing.T) {
	q := newQueue()
	q.add(item{id: 1, chat: 10, priority: 0}, t0)
	q.add(item{id: 2, chat: 11, priority: 10}, t0)
	q.add(item{id: 3, chat: 12, priority: 0}, t0)
	q.add(item{id: 4, chat: 13, priority: 10}, t0)
	if got := takeAll(q, t0); !slices.Equal(got, []int64{2, 4, 1, 3}) {
		t.Errorf("order %v, want replies first, then by age", got)
	}
	if q.pending() != 0 {
		t.Errorf("%d left", q.pending())
	}
}

func TestQueueKeepsEachChatInOrder(t *testing.T) {
	q := newQueue()
	// Within a chat, a reply goes ahead of queued bulk messages; messages
	// of one priority keep their order.
	q.add(item{id: 1, chat: 10, priority: 0}, t0)
	q.add(item{id: 2, chat: 10, priority: 10}, t0)
	q.add(item{id: 3, chat: 11, priority: 10}, t0)
	q.add(item{id: 4, chat: 10, priority: 0}, t0)
	q.add(item{id: 5, chat: 10, priority: 10}, t0)
	if got := takeAll(q, t0); !slices.Equal(got, []int64{2, 3, 5, 1, 4}) {
		t.Errorf("order %v", got)
	}
}

func TestQueueReplyNeverPassesTheCallInFlight(t *testing.T) {
	q := newQueue()
	q.add(item{id: 1, chat: 10, priority: 0}, t0)
	q.add(item{id: 2, chat: 10, priority: 0}, t0)
	c := q.peek()
	first := q.take(c, t0)
	q.add(item{id: 3, chat: 10, priority: 10}, t0)
	if first.id != 1 || c.items[0].id != 1 || c.items[1].id != 3 {
		t.Fatalf("in flight %d, queue %+v", first.id, c.items)
	}
	q.finish(10, true, time.Time{}, time.Time{}, t0)
	if got := takeAll(q, t0); !slices.Equal(got, []int64{3, 2}) {
		t.Errorf("after the call in flight: %v", got)
	}
}

func TestQueueOneCallPerChatAtATime(t *testing.T) {
	q := newQueue()
	q.add(item{id: 1, chat: 10}, t0)
	q.add(item{id: 2, chat: 10}, t0)
	c := q.peek()
	q.take(c, t0)
	if q.peek() != nil {
		t.Fatal("a chat with a call in flight is offered again")
	}
	// The call failed: the same item comes back, not before retryAt.
	q.finish(10, false, t0.Add(time.Second), time.Time{}, t0)
	if q.peek() != nil {
		t.Fatal("a failed item is offered before its retry time")
	}
	if next := q.wakeUp(t0.Add(time.Second)); !next.IsZero() {
		t.Errorf("still sleeping until %v", next)
	}
	if c := q.peek(); c == nil || c.items[0].id != 1 {
		t.Fatalf("after the retry time: %+v", c)
	}
}

func TestQueueSleepsAndWakes(t *testing.T) {
	q := newQueue()
	q.add(item{id: 1, chat: 10}, t0)
	q.add(item{id: 2, chat: 10}, t0)
	q.add(item{id: 3, chat: 11, notBefore: t0.Add(3 * time.Second)}, t0)
	c := q.peek()
	q.take(c, t0)
	// The chat's next call may not come before a second from now.
	q.finish(10, true, time.Time{}, t0.Add(time.Second), t0)
	if next := q.wakeUp(t0); !next.Equal(t0.Add(time.Second)) {
		t.Errorf("next wake %v, want in a second", next)
	}
	if q.peek() != nil {
		t.Fatal("a sleeping chat is offered")
	}
	if next := q.wakeUp(t0.Add(time.Second)); !next.Equal(t0.Add(3 * time.Second)) {
		t.Errorf("next wake %v, want the postponed item's time", next)
	}
	if c := q.peek(); c == nil || c.key != 10 {
		t.Fatalf("chat 10 not woken: %+v", c)
	}
	if got := takeAll(q, t0.Add(3*time.Second)); !slices.Equal(got, []int64{2, 3}) {
		t.Errorf("order %v", got)
	}
}

func TestQueueDrop(t *testing.T) {
	q := newQueue()
	for id := int64(1); id <= 4; id++ {
		q.add(item{id: id, chat: 10}, t0)
	}
	q.add(item{id: 5, chat: 11}, t0)
	c := q.peek()
	if c.key != 10 {
		t.Fatalf("first chat %d", c.key)
	}
	q.take(c, t0)
	// Dropped while a call is in flight: the head stays for its outcome.
	var dropped []int64
	for _, it := range q.drop(10) {
		dropped = append(dropped, it.id)
	}
	if !slices.Equal(dropped, []int64{2, 3, 4}) {
		t.Errorf("dropped %v", dropped)
	}
	q.finish(10, true, time.Time{}, time.Time{}, t0)
	if got := takeAll(q, t0); !slices.Equal(got, []int64{5}) {
		t.Errorf("left after drop: %v", got)
	}
	// Dropping an idle chat forgets it; an unknown chat drops nothing.
	q.add(item{id: 6, chat: 12}, t0)
	q.add(item{id: 7, chat: 12}, t0)
	if n := len(q.drop(12)); n != 2 || q.peek() != nil || q.pending() != 0 {
		t.Errorf("dropped %d, ready %v, pending %d", n, q.peek(), q.pending())
	}
	if q.drop(99) != nil {
		t.Error("dropped items of an unknown chat")
	}
}

func TestQueueCallbackAnswersAreIndependent(t *testing.T) {
	q := newQueue()
	q.add(item{id: 1, chat: 0, priority: 10}, t0)
	q.add(item{id: 2, chat: 0, priority: 10}, t0)
	a := q.peek()
	q.take(a, t0)
	// The second answer is ready while the first is in flight.
	b := q.peek()
	if b == nil || b == a || b.items[0].id != 2 || b.limited {
		t.Fatalf("second answer: %+v", b)
	}
	q.take(b, t0)
	q.finish(callbackKey(1), true, time.Time{}, time.Time{}, t0)
	q.finish(callbackKey(2), true, time.Time{}, time.Time{}, t0)
	if len(q.chats) != 0 {
		t.Errorf("answered callbacks are remembered: %d", len(q.chats))
	}
}

func TestQueuePrunesIdleChats(t *testing.T) {
	q := newQueue()
	q.add(item{id: 1, chat: 10}, t0)
	q.add(item{id: 2, chat: 11}, t0)
	takeAll(q, t0)
	q.add(item{id: 3, chat: 11}, t0.Add(time.Minute))
	q.prune(t0.Add(2*time.Minute), time.Minute)
	if _, ok := q.chats[10]; ok {
		t.Error("an idle chat was kept")
	}
	if _, ok := q.chats[11]; !ok {
		t.Error("a chat with a queued item was pruned")
	}
}

func TestQueueCountsBulkItems(t *testing.T) {
	q := newQueue()
	q.add(item{id: 1, chat: 10, priority: 0}, t0)
	q.add(item{id: 2, chat: 10, priority: 10}, t0)
	q.add(item{id: 3, chat: 11, priority: 0}, t0)
	q.add(item{id: 4, chat: 11, priority: 0}, t0)
	if q.bulk != 3 {
		t.Fatalf("bulk %d, want 3", q.bulk)
	}
	takeAll(q, t0)
	if q.bulk != 0 {
		t.Errorf("bulk %d after sending everything", q.bulk)
	}
	q.add(item{id: 5, chat: 12, priority: 0}, t0)
	q.add(item{id: 6, chat: 12, priority: 0}, t0)
	q.drop(12)
	if q.bulk != 0 {
		t.Errorf("bulk %d after a drop", q.bulk)
	}
}
