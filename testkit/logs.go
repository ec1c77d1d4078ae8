package testkit

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
)

// Logs collects log output (or a process's stderr) written from several
// goroutines.
type Logs struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *Logs) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String is everything written so far.
func (l *Logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Logger is a debug-level text logger writing to l.
func (l *Logs) Logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// Records is a slog.Handler that keeps every record at debug level and
// above, for tests that count what was logged.
type Records struct {
	mu   sync.Mutex
	recs []slog.Record
}

func (r *Records) Enabled(context.Context, slog.Level) bool { return true }

func (r *Records) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recs = append(r.recs, rec.Clone())
	return nil
}

// WithAttrs and WithGroup drop the attributes and groups: the tests count
// records by message and level.
func (r *Records) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *Records) WithGroup(string) slog.Handler      { return r }

// Logger is a logger writing to r.
func (r *Records) Logger() *slog.Logger { return slog.New(r) }

// Matching are the records at level whose message is msg.
func (r *Records) Matching(level slog.Level, msg string) []slog.Record {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []slog.Record
	for _, rec := range r.recs {
		if rec.Level == level && rec.Message == msg {
			out = append(out, rec)
		}
	}
	return out
}

// Attr is the value of the record's attribute key, or nil.
func Attr(rec slog.Record, key string) any {
	var v any
	rec.Attrs(func(a slog.Attr) bool {
		if a.Key == key {
			v = a.Value.Any()
			return false
		}
		return true
	})
	return v
}
