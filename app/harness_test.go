package app

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

const wait = 10 * time.Second

// clock is the injected clock the business logic reads.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// syncBuffer collects log output from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

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
	adminID = 1000
	staffID = 1001
)

func testConfig(t *testing.T, apiURL string) config.Config {
	t.Helper()
	cfg := config.Config{
		Telegram:  config.Telegram{Token: telegramtest.Token, APIURL: apiURL, PollTimeout: 2 * time.Second},
		Database:  config.Database{Path: filepath.Join(t.TempDir(), "courtyard.db")},
		Admins:    []int64{adminID},
		Community: config.Community{Name: "南门社区", Timezone: "Asia/Shanghai", Language: "zh", Buildings: []string{"1", "2", "3", "E12"}},
	}
	cfg.Telegram.Limits = config.SendLimits{GlobalPerSecond: 1000, PerChatPerSecond: 1000, PerGroupPerMinute: 60000}
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return cfg
}

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
	h := &harness{t: t, tg: tg, cfg: cfg, clock: &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}, logs: &syncBuffer{}, opt: opt}
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
	h.opt.Log = slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
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
	s, err := storage.OpenNoMigrate(h.cfg.Database.Path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer s.Close()
	if err := s.View(context.Background(), fn); err != nil {
		h.t.Fatal(err)
	}
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
