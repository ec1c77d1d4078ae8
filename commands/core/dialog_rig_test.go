package core

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/locale"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/testkit"
)

// rig drives a Core the way the bot does: each update in its own
// transaction through the routes, then the fallback; what the handlers
// queued is read back from the outbox.
type rig struct {
	t     *testing.T
	st    *storage.Storage
	a     *Core
	clock *testkit.Clock
	user  models.User
	seen  int64 // the last outbox id read
	msgID int
	last  sent // the last message sent or edited with buttons
}

// sent is one call the handlers queued.
type sent struct {
	Method string
	Text   string
	Keys   [][]telegram.Button
}

// testCatalog is the real core catalog with the messages extra (lang →
// key → text) of a test's own capability.
func testCatalog(t *testing.T, extra map[string]map[string]string) *locale.Catalog {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, lang := range locale.Languages() {
		raw, err := os.ReadFile("../../locale/" + lang + "/core.yaml")
		if err != nil {
			t.Fatal(err)
		}
		fsys[lang+"/core.yaml"] = &fstest.MapFile{Data: raw}
		own, err := json.Marshal(extra[lang]) // JSON is YAML
		if err != nil {
			t.Fatal(err)
		}
		fsys[lang+"/test.yaml"] = &fstest.MapFile{Data: own}
	}
	cat, err := locale.LoadFS(fsys, "zh")
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// newRig is a Core over st whose clock is clock, speaking for user 7,
// whose Telegram speaks lang.
func newRig(t *testing.T, st *storage.Storage, clock *testkit.Clock, cat *locale.Catalog, lang string) *rig {
	t.Helper()
	cfg := testkit.Config(t, "http://127.0.0.1:1")
	a := New(cfg, cat, "bot", clock.Now, slog.New(slog.DiscardHandler), nil)
	g := &rig{t: t, st: st, a: a, clock: clock, user: models.User{ID: 7, FirstName: "林", LanguageCode: lang}, msgID: 100}
	g.out() // what earlier rigs over st left
	return g
}

// handle applies one update as the bot does and returns what it queued.
func (g *rig) handle(upd *models.Update) []sent {
	g.t.Helper()
	ctx := context.Background()
	err := g.st.Update(ctx, func(tx *storage.Tx) error {
		for _, rt := range g.a.Routes() {
			if rt.Match(upd) {
				return rt.Handle(ctx, tx, upd)
			}
		}
		return g.a.Fallback()(ctx, tx, upd)
	})
	if err != nil {
		g.t.Fatalf("update: %v", err)
	}
	return g.out()
}

// say sends text in the private chat.
func (g *rig) say(text string) []sent {
	g.t.Helper()
	g.msgID++
	return g.handle(&models.Update{Message: &models.Message{ID: g.msgID, From: &g.user,
		Chat: models.Chat{ID: g.user.ID, Type: models.ChatTypePrivate}, Text: text}})
}

// press presses a button whose data is data.
func (g *rig) press(data string) []sent {
	g.t.Helper()
	g.msgID++
	msg := &models.Message{ID: 1, Chat: models.Chat{ID: g.user.ID, Type: models.ChatTypePrivate}}
	return g.handle(&models.Update{CallbackQuery: &models.CallbackQuery{ID: "cb" + Itoa(int64(g.msgID)), From: g.user,
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: msg}, Data: data}})
}

// tap presses the button labelled label on the last message with buttons.
func (g *rig) tap(label string) []sent {
	g.t.Helper()
	for _, row := range g.last.Keys {
		for _, b := range row {
			if b.Text == label {
				return g.press(b.CallbackData)
			}
		}
	}
	g.t.Fatalf("no button %q on %q (%v)", label, g.last.Text, g.last.Keys)
	return nil
}

// out reads what was queued since the last read.
func (g *rig) out() []sent {
	g.t.Helper()
	var got []sent
	err := g.st.View(context.Background(), func(tx *storage.Tx) error {
		ms, err := tx.PendingOut(10000)
		for _, m := range ms {
			if m.ID <= g.seen {
				continue
			}
			g.seen = max(g.seen, m.ID)
			var p struct {
				Text   string `json:"text"`
				Markup struct {
					Keys [][]telegram.Button `json:"inline_keyboard"`
				} `json:"reply_markup"`
			}
			if err := json.Unmarshal(m.Payload, &p); err != nil {
				return err
			}
			s := sent{Method: m.Method, Text: p.Text, Keys: p.Markup.Keys}
			if len(s.Keys) > 0 || m.Method == "editMessageText" {
				g.last = s
			}
			got = append(got, s)
		}
		return err
	})
	if err != nil {
		g.t.Fatal(err)
	}
	return got
}

// flow is the person's conversation: its name and step, "" when none.
func (g *rig) flow() string {
	g.t.Helper()
	var f storage.Flow
	err := g.st.View(context.Background(), func(tx *storage.Tx) error {
		var err error
		f, err = tx.Flow(g.user.ID)
		return err
	})
	if IsNotFound(err) {
		return ""
	}
	if err != nil {
		g.t.Fatal(err)
	}
	return f.Name + "/" + f.Step
}

// texts are the texts of calls of method among got.
func texts(got []sent, method string) []string {
	var out []string
	for _, s := range got {
		if s.Method == method {
			out = append(out, s.Text)
		}
	}
	return out
}

// labels are the buttons' texts, row by row, joined as "a b | c".
func labels(keys [][]telegram.Button) string {
	var rows []string
	for _, row := range keys {
		var ls []string
		for _, b := range row {
			ls = append(ls, b.Text)
		}
		rows = append(rows, strings.Join(ls, " "))
	}
	return strings.Join(rows, " | ")
}

// mustOne is the one call of method in got, with its text and buttons.
func mustOne(t *testing.T, got []sent, method string) sent {
	t.Helper()
	var found []sent
	for _, s := range got {
		if s.Method == method {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one %s, got %d in %+v", method, len(found), got)
	}
	return found[0]
}

var march2 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
