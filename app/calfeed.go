package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"courtyard/storage"
)

// The limits on the calendar feeds: a phone calendar asks about once an
// hour; guessing secrets is slowed per address.
const (
	feedSecretEvery = 30 * time.Second // one request per secret this often, after
	feedSecretBurst = 10               // this many at once
	feedIPEvery     = 2 * time.Second  // one request per address this often, after
	feedIPBurst     = 30               // this many at once
	feedTracked     = 10000            // limiters kept per kind before starting afresh
)

// FeedFunc builds the calendar of the person whose feed secret is secret;
// false when no one's is.
type FeedFunc func(tx *storage.Tx, secret string, now time.Time) ([]byte, bool, error)

// calFeed serves each person's private calendar (GET
// /calendar/<secret>.ics), built from the database on each request:
// nothing else is reachable with a secret, an unknown one is 404, and
// requests are limited per secret and per address (429).
type calFeed struct {
	store *storage.Storage
	build FeedFunc
	now   func() time.Time
	log   *slog.Logger

	mu       sync.Mutex
	bySecret map[string]*rate.Limiter
	byIP     map[string]*rate.Limiter
}

func newCalFeed(store *storage.Storage, build FeedFunc, now func() time.Time, log *slog.Logger) *calFeed {
	return &calFeed{store: store, build: build, now: now, log: log,
		bySecret: map[string]*rate.Limiter{}, byIP: map[string]*rate.Limiter{}}
}

// allow takes one request of key from m's limiter.
func (f *calFeed) allow(m map[string]*rate.Limiter, key string, every time.Duration, burst int, now time.Time) bool {
	l, ok := m[key]
	if !ok {
		if len(m) >= feedTracked {
			clear(m)
		}
		l = rate.NewLimiter(rate.Every(every), burst)
		m[key] = l
	}
	return l.AllowN(now, 1)
}

func (f *calFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	secret, ok := strings.CutSuffix(name, ".ics")
	if !ok || len(secret) > 200 {
		http.NotFound(w, r)
		return
	}
	ip := clientIP(r)
	sum := sha256.Sum256([]byte(secret))
	now := f.now()
	f.mu.Lock()
	allowed := f.allow(f.byIP, ip, feedIPEvery, feedIPBurst, now) &&
		f.allow(f.bySecret, hex.EncodeToString(sum[:]), feedSecretEvery, feedSecretBurst, now)
	f.mu.Unlock()
	if !allowed {
		w.Header().Set("Retry-After", "60")
		http.Error(w, "too many requests", http.StatusTooManyRequests)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	var data []byte
	var found bool
	err := f.store.View(ctx, func(tx *storage.Tx) error {
		var err error
		data, found, err = f.build(tx, secret, now)
		return err
	})
	if err != nil {
		f.log.Error("building a calendar feed failed", "err", err)
		http.Error(w, "the calendar cannot be read now", http.StatusServiceUnavailable)
		return
	}
	if !found {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="agenda.ics"`)
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(data)
}

// clientIP is the address a request came from: the peer's, or, when the
// peer is this host (a reverse proxy in front), the last address the
// proxy added to X-Forwarded-For.
func clientIP(r *http.Request) string {
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	if p := net.ParseIP(ip); p == nil || !p.IsLoopback() {
		return ip
	}
	fwd := r.Header.Values("X-Forwarded-For")
	if len(fwd) == 0 {
		return ip
	}
	parts := strings.Split(fwd[len(fwd)-1], ",")
	if last := strings.TrimSpace(parts[len(parts)-1]); last != "" {
		return last
	}
	return ip
}
