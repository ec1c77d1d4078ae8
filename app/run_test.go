package app

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"courtyard/bot"
	"courtyard/storage"
)

// breakOutbox renames the outbox table under the running bot, so every
// read of it fails from now on.
func breakOutbox(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", storage.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("ALTER TABLE outbox RENAME TO outbox_gone"); err != nil {
		t.Fatal(err)
	}
}

// A sender that cannot read the outbox stops the whole bot with an error,
// after retrying, instead of leaving it taking updates and sending nothing.
func TestRunReturnsTheErrorOfAPartThatCannotGoOn(t *testing.T) {
	h := startHarness(t, nil, Options{Bot: []bot.Option{
		bot.WithRetry(bot.Retry{First: time.Millisecond, Max: 4 * time.Millisecond, Tries: 3}),
	}})
	u := h.user(2001, "Ann", "en")
	h.say(u, "/help")
	h.expect(u.ID, "/teams")
	// The answer is recorded as sent before the table goes: a send that
	// cannot be recorded stops the bot at once, which is another test's.
	h.settle()
	breakOutbox(t, h.cfg.Database.Path)
	h.say(u, "/help")
	select {
	case err := <-h.done:
		h.stop = nil
		if err == nil || !strings.Contains(err.Error(), "sender") || !strings.Contains(err.Error(), "3 times in a row") {
			t.Fatalf("Run returned %v", err)
		}
	case <-time.After(wait):
		t.Fatalf("the bot went on without its sender\n%s", h.logs.String())
	}
	if n := strings.Count(h.logs.String(), `msg="reading the outbox failed"`); n != 2 {
		t.Errorf("%d retries logged, want 2\n%s", n, h.logs.String())
	}
}
