package storage

import (
	"context"
	"slices"
	"sync"
)

// turns hands the single writer to write transactions in the order they
// asked for it. database/sql gives a freed connection to a random waiter,
// so a job that writes in many transactions one after the other (a wave
// of due items in windows) could win it again and again while an update
// waits; here it goes to the back of the line after each transaction.
type turns struct {
	mu     sync.Mutex
	busy   bool
	queue  []chan struct{}
	waited int64 // writes that had to wait, counted as they join the line
}

// take waits for the writer's turn, or for ctx to end.
func (w *turns) take(ctx context.Context) error {
	w.mu.Lock()
	if !w.busy {
		w.busy = true
		w.mu.Unlock()
		return nil
	}
	ch := make(chan struct{})
	w.queue = append(w.queue, ch)
	w.waited++
	w.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if i := slices.Index(w.queue, ch); i >= 0 {
		w.queue = slices.Delete(w.queue, i, i+1)
	} else {
		w.nextLocked() // the turn came as ctx ended: pass it on
	}
	return ctx.Err()
}

// give ends a turn: the longest waiting write goes next.
func (w *turns) give() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.nextLocked()
}

func (w *turns) nextLocked() {
	if len(w.queue) == 0 {
		w.busy = false
		return
	}
	close(w.queue[0])
	w.queue = slices.Delete(w.queue, 0, 1)
}

// WritesWaited is how many write transactions so far had to wait for the
// single writer because another held it (counted as they start to wait).
func (s *Storage) WritesWaited() int64 {
	s.writer.mu.Lock()
	defer s.writer.mu.Unlock()
	return s.writer.waited
}
