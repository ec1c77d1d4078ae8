package bot

import (
	"container/heap"
	"time"
)

// held keeps the rows read before their time (a routine message kept
// through its reader's quiet hours) out of the chats' queues, so they hold
// up neither the chat's other messages (an answer to that person goes out
// at once) nor the read window: they join their chat's queue, in the order
// they were queued, when their time comes.
type held []item

func (h held) Len() int { return len(h) }
func (h held) Less(i, j int) bool {
	if !h[i].notBefore.Equal(h[j].notBefore) {
		return h[i].notBefore.Before(h[j].notBefore)
	}
	return h[i].id < h[j].id
}
func (h held) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *held) Push(x any)   { *h = append(*h, x.(item)) }
func (h *held) Pop() any {
	old := *h
	it := old[len(old)-1]
	old[len(old)-1] = item{}
	*h = old[:len(old)-1]
	return it
}

// holdLonger is how far ahead a row's time must be for it to be held
// apart; a row due sooner waits in its chat's queue as a retry does.
const holdLonger = time.Minute

// admit puts a row just read into its chat's queue, or holds it apart
// until its time when that is further ahead than holdLonger. hours is the
// community's time (Sender.hours), which rows' times are written in.
func (l *loop) admit(it item, now, hours time.Time) {
	if it.notBefore.Sub(hours) > holdLonger {
		heap.Push(&l.held, it)
		return
	}
	l.q.add(it, now)
}

// release moves the held rows whose time has come, by the community's
// time, into their chats' queues and returns when, on the sender's clock,
// the next one is due (zero when none is held).
func (l *loop) release(now time.Time) time.Time {
	hours := l.s.hours()
	for l.held.Len() > 0 && !l.held[0].notBefore.After(hours) {
		it := heap.Pop(&l.held).(item)
		it.notBefore = time.Time{}
		l.q.add(it, now)
	}
	if l.held.Len() == 0 {
		return time.Time{}
	}
	return now.Add(l.held[0].notBefore.Sub(hours))
}
