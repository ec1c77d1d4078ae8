package testkit

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"courtyard/storage"
)

func TestClockMovesOnlyWhenTold(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	c := NewClock(t0)
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() { c.Advance(time.Minute); _ = c.Now() })
	}
	wg.Wait()
	if got := c.Now(); !got.Equal(t0.Add(10 * time.Minute)) {
		t.Fatalf("after ten minutes the clock says %v", got)
	}
	c.Set(t0)
	if got := c.Now(); !got.Equal(t0) {
		t.Fatalf("after Set the clock says %v", got)
	}
}

func TestLogsCollectFromGoroutines(t *testing.T) {
	var l Logs
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Go(func() { l.Logger().Info("line", "i", i) })
	}
	wg.Wait()
	for i := range 10 {
		if want := fmt.Sprintf("i=%d\n", i); !strings.Contains(l.String(), want) {
			t.Errorf("no %q in %q", want, l.String())
		}
	}
}

func TestStoreIsMigratedAndConfigValid(t *testing.T) {
	s := Store(t)
	if err := s.View(context.Background(), func(tx *storage.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	cfg := Config(t, "http://127.0.0.1:1")
	if cfg.Admins[0] != AdminID || cfg.Database.Path == "" {
		t.Fatalf("config %+v", cfg)
	}
}

func TestAwaitWakesOnASignalAndOnUnsignalledChanges(t *testing.T) {
	var mu sync.Mutex
	sig, n := make(chan struct{}), 0
	changed := func() <-chan struct{} { mu.Lock(); defer mu.Unlock(); return sig }
	bump := func(signal bool) {
		mu.Lock()
		defer mu.Unlock()
		n++
		if signal {
			close(sig)
			sig = make(chan struct{})
		}
	}
	at := func(want int) func() bool {
		return func() bool { mu.Lock(); defer mu.Unlock(); return n >= want }
	}
	go bump(true)
	Await(t, 5*time.Second, changed, at(1), "a signalled change not seen")
	go bump(false)
	Await(t, 5*time.Second, changed, at(2), "a change without a signal not seen")
	start := time.Now()
	if AwaitOK(50*time.Millisecond, changed, at(3)) {
		t.Fatal("a condition that never holds was reported as met")
	}
	if d := time.Since(start); d < 50*time.Millisecond || d > 5*time.Second {
		t.Errorf("gave up after %v, want the 50ms deadline", d)
	}
}
