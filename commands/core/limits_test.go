package core

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/config"
	"courtyard/locale"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/testkit"
)

// Messages are cut as Telegram counts: UTF-16 units of the visible text.
func TestFitCountsUTF16OfVisibleText(t *testing.T) {
	cases := []struct {
		name, text string
		limit      int
	}{
		{"emoji", "<b>title</b>\n" + strings.Repeat("🎉", 3000), telegram.MaxText},
		{"entities", strings.Repeat("&lt;", 5000), telegram.MaxText},
		{"caption", strings.Repeat("好👍", 600), telegram.MaxCaption},
		{"fits", "<b>" + strings.Repeat("👍", 512) + "</b>", telegram.MaxCaption},
	}
	for _, tc := range cases {
		got := FitTo(tc.text, tc.limit)
		if n := VisibleLen(got); n > tc.limit {
			t.Errorf("%s: %d units after fitting to %d", tc.name, n, tc.limit)
		}
		if tc.name == "fits" && got != tc.text {
			t.Errorf("fits: changed to %q", got)
		}
	}
	if got := LimitUTF16("a🎉b", 2); got != "a" {
		t.Errorf("limitUTF16 split an emoji: %q", got)
	}
	if n := VisibleLen("<b>🎉</b> &amp;"); n != 4 {
		t.Errorf("visibleLen = %d, want 4", n)
	}
}

// A command whose update is rolled back does not count against the
// person's allowance: the limiter gives back what the update took.
func TestFloodCountRollsBackWithTheUpdate(t *testing.T) {
	ctx := context.Background()
	st := testkit.Store(t)
	cat, err := locale.Load("zh")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Config{Community: config.Community{Buildings: []string{"1"}}}.WithDefaults()
	cfg.Limits.CommandsPerMinute = 1
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	a := New(cfg, cat, "bot", func() time.Time { return now }, slog.New(slog.DiscardHandler), nil)
	runs := 0
	fail := errors.New("boom")
	h := a.serve(func(r *Req) error { runs++; return fail })
	upd := &models.Update{Message: &models.Message{ID: 1, From: &models.User{ID: 7, FirstName: "A"},
		Chat: models.Chat{ID: 7, Type: models.ChatTypePrivate}, Text: "/help"}}
	for i := 0; i < 3; i++ {
		err := st.Update(ctx, func(tx *storage.Tx) error { return h(ctx, tx, upd) })
		if !errors.Is(err, fail) {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	if runs != 3 {
		t.Errorf("the handler ran %d times in 3 rolled-back attempts with an allowance of 1", runs)
	}
}
