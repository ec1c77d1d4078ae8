package testkit

import (
	"math/rand/v2"
	"testing"
	"time"
)

// Rand is a random source seeded from the wall clock; the seed is logged so
// that a failing run can be replayed. stream tells tests apart.
func Rand(t testing.TB, stream uint64) *rand.Rand {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	return rand.New(rand.NewPCG(seed, stream))
}
