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

// syncBuffer collects log output from several goroutines.
type syncBuffer = testkit.Logs

// harness is the whole bot running against the fake Bot API.
type harness struct {
	t     *testing.T
	tg    *fakeTG
	cfg   config.Config
	clock *clock
	logs  *syncBuffer
	stop  context.CancelFunc
	done  chan error
	opt   Options
	ticks chan chan struct{}
	marks marks
}

// tick runs the scheduled jobs once at the clock's time and waits for them.
func (h *harness) tick() {
	h.t.Helper()
	h.act()
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
	h := &harness{t: t, cfg: cfg, logs: &syncBuffer{}, opt: opt}
	h.tg = &fakeTG{Server: tg, h: h}
	h.clock = &clock{Clock: testkit.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)), h: h}
	h.start()
	t.Cleanup(func() { h.shutdown() })
	return h
}

func (h *harness) start() {
	h.t.Helper()
	h.act()
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

// settle waits until every stored update is processed and the outbox
// holds nothing due (messages held through quiet hours wait for the clock): it looks again at each change of the fake Telegram and, for the
// commits that follow the last of them, after short bounded waits.
func (h *harness) settle() {
	h.t.Helper()
	var pendingIn, pendingOut int
	settled := func() bool {
		h.db(func(tx *storage.Tx) error {
			in, err := tx.PendingUpdates(1)
			pendingIn = len(in)
			if err != nil {
				return err
			}
			hl, err := tx.OutboxHealth(h.clock.Now())
			pendingOut = hl.Pending - hl.Held
			return err
		})
		return pendingIn == 0 && pendingOut == 0 && h.tg.Pending() == 0
	}
	if !testkit.AwaitOK(wait, h.tg.Changed, settled) {
		h.t.Fatalf("not settled within %v: inbox %d, outbox %d, server %d", wait, pendingIn, pendingOut, h.tg.Pending())
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
