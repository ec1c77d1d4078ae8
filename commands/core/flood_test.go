package core

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/config"
	"courtyard/locale"
	"courtyard/storage"
)

// An update whose handler succeeded but whose transaction still did not
// commit gives its count back too, and so does a warning that was never
// sent: the limiter's state follows the transaction, not the handler.
func TestFloodStateFollowsTheTransaction(t *testing.T) {
	ctx := context.Background()
	st, err := storage.Open(ctx, filepath.Join(t.TempDir(), "db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cat, err := locale.Load("zh")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Config{Community: config.Community{Buildings: []string{"1"}}}.WithDefaults()
	cfg.Limits.CommandsPerMinute = 1
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	a := New(cfg, cat, "bot", func() time.Time { return now }, slog.New(slog.DiscardHandler), nil)
	runs := 0
	h := a.serve(func(r *Req) error { runs++; return nil })
	upd := &models.Update{Message: &models.Message{ID: 1, From: &models.User{ID: 7, FirstName: "A"},
		Chat: models.Chat{ID: 7, Type: models.ChatTypePrivate}, Text: "/help"}}
	late := errors.New("commit failed")
	for i := 0; i < 3; i++ {
		err := st.Update(ctx, func(tx *storage.Tx) error {
			if err := h(ctx, tx, upd); err != nil {
				return err
			}
			return late // as if COMMIT had failed
		})
		if !errors.Is(err, late) {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	if runs != 3 {
		t.Fatalf("the handler ran %d times in 3 uncommitted attempts with an allowance of 1", runs)
	}
	// Now commit one, then two over the limit whose warning is rolled back:
	// the next one over the limit is still warned.
	if err := st.Update(ctx, func(tx *storage.Tx) error { return h(ctx, tx, upd) }); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		_ = st.Update(ctx, func(tx *storage.Tx) error {
			if err := h(ctx, tx, upd); err != nil {
				return err
			}
			return late
		})
	}
	a.floodMu.Lock()
	_, warned := a.floodWarned[floodKey{7, floodCommands}]
	a.floodMu.Unlock()
	if warned {
		t.Errorf("a warning that was rolled back is remembered")
	}
	if runs != 4 {
		t.Errorf("the handler ran %d times, want 4", runs)
	}
}
