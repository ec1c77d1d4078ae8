package testkit

import (
	"testing"
	"time"
)

// awaitStep bounds how long a change that signals nothing (a commit to the
// bot's database) can go unseen.
const awaitStep = 32 * time.Millisecond

// Await waits until cond holds. It evaluates cond now, again whenever the
// channel changed returned is closed (changed is called anew for each
// wait), and, as some changes signal nothing, after a short bounded wait
// that grows from 1ms to awaitStep while nothing is signalled. When
// timeout passes first it fails t with the message what.
func Await(t testing.TB, timeout time.Duration, changed func() <-chan struct{}, cond func() bool, what string) {
	t.Helper()
	if !AwaitOK(timeout, changed, cond) {
		t.Fatalf("%s within %v", what, timeout)
	}
}

// AwaitOK is Await that reports whether cond came to hold in time instead
// of failing a test.
func AwaitOK(timeout time.Duration, changed func() <-chan struct{}, cond func() bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	step := time.Millisecond
	for {
		ch := changed() // taken before cond, so that no change is missed
		if cond() {
			return true
		}
		wake := time.NewTimer(step)
		select {
		case <-ch:
			step = time.Millisecond
		case <-wake.C:
			step = min(2*step, awaitStep)
		case <-deadline.C:
			wake.Stop()
			return cond()
		}
		wake.Stop()
	}
}
