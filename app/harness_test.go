package app

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
	"courtyard/testkit"
)

const wait = 10 * time.Second

// clock is the injected clock the business logic reads.
type clock = testkit.Clock

// syncBuffer collects log output from several goroutines.
type syncBuffer = testkit.Logs

// harness is the whole bot running against the fake Bot API.
type harness struct {
	t     *testing.T
	tg    *telegramtest.Server
	cfg   config.Config
	clock *clock
	logs  *syncBuffer
	stop  context.CancelFunc
	done  chan error
	opt   Options
	ticks chan chan struct{}
}

// tick runs the scheduled jobs once at the clock's time and waits for them.
func (h *harness) tick() {
	h.t.Helper()
	ack := make(chan struct{})
	select {
	case h.ticks <- ack:
	case <-time.After(wait):
		h.t.Fatal("scheduler not listening")
	}
	select {
	case <-ack:
	case <-time.After(wait):
		h.t.Fatal("scheduled jobs did not finish")
	}
}

const (
	adminID = testkit.AdminID
	staffID = 1001
)

func testConfig(t *testing.T, apiURL string) config.Config { return testkit.Config(t, apiURL) }

// newHarness starts a fake Telegram and the bot; edit may change the config.
func newHarness(t *testing.T, edit func(*config.Config), opts ...telegramtest.Option) *harness {
	t.Helper()
	return startHarness(t, edit, Options{}, opts...)
}

// newHarnessWith starts the bot with extra options (test routes).
func newHarnessWith(t *testing.T, opt Options) *harness {
	t.Helper()
	return startHarness(t, nil, opt)
}

func startHarness(t *testing.T, edit func(*config.Config), opt Options, opts ...telegramtest.Option) *harness {
	t.Helper()
	tg := telegramtest.New(t, opts...)
	cfg := testConfig(t, tg.URL())
	if edit != nil {
		edit(&cfg)
	}
	h := &harness{t: t, tg: tg, cfg: cfg, clock: testkit.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)), logs: &syncBuffer{}, opt: opt}
	h.start()
	t.Cleanup(func() { h.shutdown() })
	return h
}

func (h *harness) start() {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	h.stop, h.done = cancel, make(chan error, 1)
	h.opt.Now = h.clock.Now
	h.opt.Log = h.logs.Logger()
	h.opt.FlushTimeout = 5 * time.Second
	h.opt.Ready = func() { close(ready) }
	h.ticks = make(chan chan struct{})
	h.opt.Tick = h.ticks
	go func() { h.done <- Run(ctx, h.cfg, h.opt) }()
	select {
	case <-ready:
	case err := <-h.done:
		h.t.Fatalf("bot did not start: %v\n%s", err, h.logs.String())
	case <-time.After(wait):
		h.t.Fatalf("bot did not start in time\n%s", h.logs.String())
	}
}

// shutdown stops the bot and waits for it, with a deadline.
func (h *harness) shutdown() {
	if h.stop == nil {
		return
	}
	h.stop()
	h.stop = nil
	select {
	case err := <-h.done:
		if err != nil {
			h.t.Errorf("bot stopped with %v", err)
		}
	case <-time.After(wait):
		h.t.Errorf("bot did not stop in time")
	}
}

// user registers a person with the fake Telegram.
func (h *harness) user(id int64, name, lang string) models.User {
	return h.tg.User(id, name, lang)
}

// say sends text in the person's private chat and returns the update id.
func (h *harness) say(u models.User, text string) int64 {
	return h.tg.SendText(u, telegramtest.PrivateChat(u), text)
}

// expect waits for a message to chat whose plain text contains every part.
func (h *harness) expect(chat int64, parts ...string) telegramtest.Message {
	h.t.Helper()
	return h.tg.WaitMessage(h.t, chat, func(m telegramtest.Message) bool {
		for _, p := range parts {
			if !strings.Contains(m.Plain+m.Caption, p) {
				return false
			}
		}
		return true
	}, wait)
}

// expectAnswer waits for the answer to a button press whose text contains part.
func (h *harness) expectAnswer(part string) telegramtest.Call {
	h.t.Helper()
	return h.tg.WaitCall(h.t, "answerCallbackQuery", func(c telegramtest.Call) bool {
		s, _ := c.Params["text"].(string)
		return strings.Contains(s, part)
	}, wait)
}

// db opens the bot's database for a look.
func (h *harness) db(fn func(tx *storage.Tx) error) {
	h.t.Helper()
	h.onDB((*storage.Storage).View, fn)
}

// write writes fixtures straight into the bot's database while it runs.
func (h *harness) write(fn func(tx *storage.Tx) error) {
	h.t.Helper()
	h.onDB((*storage.Storage).Update, fn)
}

// onDB runs fn in a View or Update on another handle on the bot's database.
func (h *harness) onDB(run func(*storage.Storage, context.Context, func(*storage.Tx) error) error, fn func(tx *storage.Tx) error) {
	h.t.Helper()
	s, err := storage.OpenNoMigrate(h.cfg.Database.Path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer s.Close()
	if err := run(s, context.Background(), fn); err != nil {
		h.t.Fatal(err)
	}
}

// answered waits for a button answer after the first n that contains want.
func (h *harness) answered(n int, want string) {
	h.t.Helper()
	h.tg.WaitUntil(h.t, func() bool {
		for _, a := range h.tg.Answers()[min(n, len(h.tg.Answers())):] {
			if s, _ := a.Params["text"].(string); strings.Contains(s, want) {
				return true
			}
		}
		return false
	}, wait)
}

// wallAt is a wall-clock time ("2006-01-02 15:04") in the community's zone.
func wallAt(t *testing.T, s string) time.Time {
	t.Helper()
	loc, _ := time.LoadLocation("Asia/Shanghai")
	at, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// settle waits until every stored update is processed and the outbox is empty.
func (h *harness) settle() {
	h.t.Helper()
	deadline := time.Now().Add(wait)
	for {
		var pendingIn, pendingOut int
		h.db(func(tx *storage.Tx) error {
			in, err := tx.PendingUpdates(1)
			pendingIn = len(in)
			if err != nil {
				return err
			}
			hl, err := tx.OutboxHealth(time.Now())
			pendingOut = hl.Pending
			return err
		})
		if pendingIn == 0 && pendingOut == 0 && h.tg.Pending() == 0 {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("not settled: inbox %d, outbox %d, server %d", pendingIn, pendingOut, h.tg.Pending())
		}
		h.tg.WaitUntil(h.t, func() bool { return true }, wait)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// register walks a person through /start, in whatever language they speak.
func (h *harness) register(u models.User, building, unit string) {
	h.t.Helper()
	h.say(u, "/start")
	m := h.tg.WaitMessage(h.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, "reg:b:"+building) }, wait)
	h.tg.Press(u, m, "reg:b:"+building)
	ask := h.tg.WaitMessage(h.t, u.ID, func(m telegramtest.Message) bool { return m.ForceReply }, wait)
	h.tg.SendReply(u, telegramtest.PrivateChat(u), unit, ask)
	h.tg.WaitMessage(h.t, u.ID, func(m telegramtest.Message) bool {
		return m.ID > ask.ID && strings.Contains(m.Plain, unit) && hasButton(m, "menu:help")
	}, wait)
}
