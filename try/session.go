package try

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"courtyard/app"
	"courtyard/bot/telegramsim"
	"courtyard/config"
	"courtyard/storage"
)

// autoTick is how often, in real time, the scheduled jobs run on the
// bot's clock by themselves (in place of their cron schedules); moving the
// clock runs them along the way as well (advance).
const autoTick = 5 * time.Second

// session is one run of the demo: the embedded Telegram, the bot on its
// own database, the clock and what the people said.
type session struct {
	cast  cast
	cfg   config.Config
	tg    *telegramsim.Server
	clock *clock
	said  *transcript
	store *storage.Storage // read-only looks at the bot's database
	ticks chan chan struct{}
	dir   string // a temporary folder to remove at the end, "" if none
	stop  context.CancelFunc
	done  chan error
	quit  <-chan struct{} // closed when the bot is told to stop

	moving sync.Mutex // one move of the clock at a time
}

// stopped is closed when the session is told to stop.
func (s *session) stopped() <-chan struct{} { return s.quit }

// startSession seeds the demo and starts the bot against the embedded
// Telegram. db is the database file, "" for one in a new temporary folder.
func startSession(ctx context.Context, db string, start time.Time, log *slog.Logger) (*session, error) {
	s := &session{cast: demoCast(), clock: newClock(time.Now, start), said: newTranscript(time.Now), ticks: make(chan chan struct{})}
	if db == "" {
		dir, err := os.MkdirTemp("", "courtyard-try-")
		if err != nil {
			return nil, fmt.Errorf("try: a folder for the database: %w", err)
		}
		s.dir, db = dir, filepath.Join(dir, "courtyard.db")
	}
	tg, err := telegramsim.Start(
		telegramsim.WithViolationHook(func(p string) { log.Warn("the bot made a request Telegram would refuse", "problem", p) }),
		telegramsim.WithUpdateHook(s.said.add))
	if err != nil {
		s.cleanup()
		return nil, err
	}
	s.tg = tg
	if s.cfg, err = demoConfig(tg.URL(), db); err != nil {
		s.cleanup()
		return nil, err
	}
	if err := seed(ctx, s.cfg, s.cast, tg, s.clock.Now().In(s.cfg.Location()), log); err != nil {
		s.cleanup()
		return nil, fmt.Errorf("try: seeding the demo community: %w", err)
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	ready := make(chan struct{})
	s.stop, s.done, s.quit = cancel, make(chan error, 1), runCtx.Done()
	// What is still queued at Ctrl-C or start over is of no use later: the
	// stop waits a second for it, not five.
	opt := app.Options{Now: s.clock.Now, Log: log, Tick: s.ticks, Ready: func() { close(ready) }, FlushTimeout: time.Second}
	go func() {
		err := app.Run(runCtx, s.cfg, opt)
		// A bot that stopped on its own stops the session too: its ticks
		// and the page's forwarding end instead of waiting on it forever.
		cancel()
		s.done <- err
	}()
	select {
	case <-ready:
	case err := <-s.done:
		cancel()
		s.cleanup()
		if err == nil {
			err = errors.New("the bot stopped at once")
		}
		return nil, fmt.Errorf("try: starting the bot: %w", err)
	}
	if s.store, err = storage.OpenNoMigrate(db); err != nil {
		s.close()
		return nil, err
	}
	go s.autoTick(runCtx)
	return s, nil
}

// autoTick runs the schedule every few seconds of real time, as cron
// would on the moved clock.
func (s *session) autoTick(ctx context.Context) {
	t := time.NewTicker(autoTick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.tick(ctx)
		}
	}
}

// tick runs every scheduled job once at the clock's time and waits for
// them to finish; false if the bot stopped first.
func (s *session) tick(ctx context.Context) bool {
	ack := make(chan struct{})
	select {
	case s.ticks <- ack:
	case <-ctx.Done():
		return false
	case <-s.quit:
		return false
	}
	select {
	case <-ack:
		return true
	case <-ctx.Done():
		return false
	case <-s.quit:
		return false
	}
}

// stride is how far the clock moves between two runs of the schedule when
// it is moved forward: a move is walked as cron would have lived it, so a
// reminder due on the way (whose window is an hour or more) is sent, not
// dropped as missed.
const stride = 30 * time.Minute

// How long a move waits at a step for what it sent to be delivered (at
// Telegram's pace: a second per private chat, three per group), and in all.
const (
	stepDelivery = 2 * time.Second
	moveDelivery = 90 * time.Second
)

// advance moves the clock forward stride by stride, running the schedule
// at each step and letting what it sent be delivered before the next one,
// so that messages arrive at the time they were due. It returns once
// everything due on the way has run.
func (s *session) advance(ctx context.Context, kind string) error {
	s.moving.Lock()
	defer s.moving.Unlock()
	d, ok := step(kind, s.clock.Now(), s.cfg.Location())
	if !ok {
		return fmt.Errorf("unknown clock step %q", kind)
	}
	budget := time.Now().Add(moveDelivery)
	for d > 0 {
		n := min(d, stride)
		s.clock.Advance(n)
		d -= n
		if !s.tick(ctx) {
			return errors.New("the bot is not running")
		}
		until := time.Now().Add(stepDelivery)
		if until.After(budget) {
			until = budget
		}
		s.delivered(ctx, until)
	}
	return nil
}

// delivered waits until the outbox is empty, or until the deadline.
func (s *session) delivered(ctx context.Context, deadline time.Time) {
	wait := time.NewTimer(time.Until(deadline))
	defer wait.Stop()
	for {
		changed := s.tg.Changed()
		var pending int
		err := s.store.View(ctx, func(tx *storage.Tx) error {
			h, err := tx.OutboxHealth(s.clock.Now())
			pending = h.Pending
			return err
		})
		if err != nil || pending == 0 {
			return
		}
		select {
		case <-changed:
		case <-wait.C:
			return
		case <-ctx.Done():
			return
		case <-s.quit:
			return
		}
	}
}

// close stops the bot in order, then the embedded Telegram, and removes
// the temporary folder.
func (s *session) close() error {
	s.stop()
	err := <-s.done
	s.cleanup()
	return err
}

func (s *session) cleanup() {
	if s.store != nil {
		s.store.Close()
	}
	if s.tg != nil {
		s.tg.Close()
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}
