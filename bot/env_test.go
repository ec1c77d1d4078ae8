package bot

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/testkit"
)

// waitLong bounds every wait in these tests.
const waitLong = 20 * time.Second

// env is a fake Telegram and a real database in a temp dir.
type env struct {
	t     *testing.T
	tg    *telegramtest.Server
	path  string
	store *storage.Storage
	logs  *testkit.Logs
	log   *slog.Logger
}

func newEnv(t *testing.T, opts ...telegramtest.Option) *env {
	t.Helper()
	e := &env{t: t, tg: telegramtest.New(t, opts...), path: filepath.Join(t.TempDir(), "bot.db"), logs: &testkit.Logs{}}
	e.log = e.logs.Logger()
	e.store = e.open()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("bot log:\n%s", e.logs.String())
		}
	})
	return e
}

// open opens another handle on the database, closed when the test ends.
func (e *env) open() *storage.Storage {
	e.t.Helper()
	return testkit.StoreAt(e.t, e.path)
}

func (e *env) client(hc *http.Client) *Client { return NewClient(e.tg.URL(), telegramtest.Token, hc) }

// user registers a person who has written to the bot, so the bot may answer.
func (e *env) user(id int64) {
	u := e.tg.User(id, "U", "en")
	e.tg.SendText(u, telegramtest.PrivateChat(u), "/start")
}

func (e *env) update(fn func(tx *storage.Tx) error) {
	e.t.Helper()
	if err := e.store.Update(context.Background(), fn); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) view(fn func(tx *storage.Tx) error) {
	e.t.Helper()
	if err := e.store.View(context.Background(), fn); err != nil {
		e.t.Fatal(err)
	}
}

// msg is a sendMessage row.
func msg(chat int64, text string, prio int) storage.OutMsg {
	return storage.OutMsg{ChatID: chat, Method: "sendMessage", Priority: prio,
		Payload: telegram.Marshal(telegram.SendMessage{ChatID: chat, Text: text})}
}

// enqueue stores rows in one transaction and returns their ids.
func (e *env) enqueue(rows ...storage.OutMsg) []int64 {
	e.t.Helper()
	var ids []int64
	e.update(func(tx *storage.Tx) error {
		for _, m := range rows {
			id, err := tx.Enqueue(m, time.Now())
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	return ids
}

func (e *env) row(id int64) storage.OutMsg {
	e.t.Helper()
	var m storage.OutMsg
	e.view(func(tx *storage.Tx) error {
		var err error
		m, err = tx.OutByID(id)
		return err
	})
	return m
}

// running is a sender started by run.
type running struct {
	s        *Sender
	cancel   context.CancelFunc
	done     chan error
	finished chan struct{} // closed when Run returned
}

// run starts a sender on store; it is stopped when the test ends.
func (e *env) run(store *storage.Storage, c *Client, l Limits, opts ...Option) *running {
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{s: NewSender(c, store, l, e.log, opts...), cancel: cancel, done: make(chan error, 1), finished: make(chan struct{})}
	go func() {
		r.done <- r.s.Run(ctx)
		close(r.finished)
	}()
	e.t.Cleanup(func() { r.stop(e.t) })
	return r
}

// stop cancels the sender and waits for Run to return.
func (r *running) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	r.wait(t)
}

// wait waits for Run to return, after Drain or stop.
func (r *running) wait(t *testing.T) {
	t.Helper()
	select {
	case err, ok := <-r.done:
		if ok && err != nil {
			t.Errorf("sender: %v", err)
		}
		if ok {
			close(r.done)
		}
	case <-time.After(waitLong):
		t.Fatal("sender did not return")
	}
}

// texts are the texts of the bot's messages in a chat, in arrival order.
func (e *env) texts(chat int64) []string {
	var out []string
	for _, m := range e.tg.Messages(chat) {
		out = append(out, m.Text)
	}
	return out
}

// exec runs statements on the env's database from a connection of its own,
// as an operator's sqlite3 would.
func (e *env) exec(stmts ...string) {
	e.t.Helper()
	db, err := sql.Open("sqlite3", storage.DSN(e.path))
	if err != nil {
		e.t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.ExecContext(context.Background(), q); err != nil {
			e.t.Fatalf("%s: %v", q, err)
		}
	}
}
