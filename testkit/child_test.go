package testkit

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

const kitCrashEnv = "COURTYARD_TESTKIT_CRASH"

// kitCrashLines is how many lines the child's work is.
const kitCrashLines = 100

// TestCrashKitChild is the child of the tests below: it appends numbered
// lines to a file until it holds kitCrashLines, printing "step" after
// each, one every 2ms so that a kill after a few steps comes well before
// the end. It does nothing in a normal test run.
func TestCrashKitChild(t *testing.T) {
	path := os.Getenv(kitCrashEnv)
	if path == "" {
		t.Skip("runs only as the child of TestCrashKills")
	}
	pace := time.NewTicker(2 * time.Millisecond)
	defer pace.Stop()
	for ; ; <-pace.C {
		b, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		n := strings.Count(string(b), "\n")
		if n >= kitCrashLines {
			return
		}
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(f, n)
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		fmt.Println("step")
	}
}

// fatals is a testing.TB that records Fatalf and stops the goroutine, as
// testing.T does.
type fatals struct {
	testing.TB
	mu  sync.Mutex
	got []string
}

func (f *fatals) Helper() {}

func (f *fatals) Fatalf(format string, args ...any) {
	f.mu.Lock()
	f.got = append(f.got, fmt.Sprintf(format, args...))
	f.mu.Unlock()
	runtime.Goexit()
}

func TestCrashKills(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	path := filepath.Join(t.TempDir(), "lines")
	Crash(t, "TestCrashKitChild", kitCrashEnv, path, "step", 3, func() int { return 4 })
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "\n"); n != kitCrashLines {
		t.Errorf("the last run left %d lines, want %d", n, kitCrashLines)
	}
}

func TestCrashFailsWhenNothingWasKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	rec := &fatals{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Crash(rec, "TestCrashKitChild", kitCrashEnv, filepath.Join(t.TempDir(), "lines"), "step", 3, func() int { return 2 * kitCrashLines })
	}()
	<-done
	if len(rec.got) != 1 || !strings.Contains(rec.got[0], "nothing was killed") {
		t.Errorf("Crash with a kill after the end: %q", rec.got)
	}
}
