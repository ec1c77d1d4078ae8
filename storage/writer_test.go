package storage

import (
	"context"
	"errors"
	"testing"
	"time"
)

// Writes waiting for the writer get it in the order they asked; one whose
// context ends leaves the line without holding it up.
func TestWriterTurnsFirstComeFirstServed(t *testing.T) {
	w := &turns{}
	ctx := context.Background()
	if err := w.take(ctx); err != nil {
		t.Fatal(err)
	}
	got := make(chan int, 4)
	waitFor := func(n int64) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			w.mu.Lock()
			k := w.waited
			w.mu.Unlock()
			if k >= n {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d writes waiting, want %d", k, n)
			}
			time.Sleep(time.Millisecond)
		}
	}
	gone, cancel := context.WithCancel(ctx)
	left := make(chan error, 1)
	for i := 1; i <= 4; i++ {
		if i == 2 {
			go func() { left <- w.take(gone) }()
		} else {
			go func() {
				if err := w.take(ctx); err != nil {
					t.Error(err)
				}
				got <- i
				w.give()
			}()
		}
		waitFor(int64(i))
	}
	cancel()
	if err := <-left; !errors.Is(err, context.Canceled) {
		t.Fatalf("the cancelled write: %v", err)
	}
	w.give()
	for _, want := range []int{1, 3, 4} {
		if i := <-got; i != want {
			t.Fatalf("write %d went, want %d", i, want)
		}
	}
	if err := w.take(ctx); err != nil || w.waited != 4 {
		t.Fatalf("a free writer: %v, %d waited", err, w.waited)
	}
}
