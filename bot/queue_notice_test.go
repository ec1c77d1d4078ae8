package bot

import (
	"slices"
	"testing"
	"time"

	"courtyard/storage"
)

// A group's notice (a ticket line, an announcement) goes ahead of the
// answers queued for that group, never ahead of the call in flight.
func TestQueueGroupNoticeGoesAheadOfAnswers(t *testing.T) {
	q := newQueue()
	const group = -100
	for id := int64(1); id <= 4; id++ {
		q.add(item{id: id, chat: group, priority: storage.PriorityReply}, t0)
	}
	c := q.peek()
	inFlight := q.take(c, t0)
	q.add(item{id: 5, chat: group, priority: storage.PriorityNotice}, t0)
	q.add(item{id: 6, chat: group, priority: storage.PriorityBulk}, t0)
	q.finish(c.key, true, time.Time{}, time.Time{}, t0)
	got := append([]int64{inFlight.id}, takeAll(q, t0)...)
	if want := []int64{1, 5, 2, 3, 4, 6}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}
