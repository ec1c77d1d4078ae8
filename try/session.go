package try

import (
	"context"
	"errors"
	"fmt"
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
	move   mover      // how far the move in hand has got
}

// stopped is closed when the session is told to stop.
func (s *session) stopped() <-chan struct{} { return s.quit }

// startSession seeds the demo and starts the bot against the embedded
// Telegram, at o.Start on its clock. db is the database file, "" for one in
// a new temporary folder.
func startSession(ctx context.Context, db string, o Options) (*session, error) {
	log := o.Log
	s := &session{cast: demoCast(), clock: newClock(time.Now, o.Start), said: newTranscript(time.Now), ticks: make(chan chan struct{})}
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
	opt := app.Options{Now: s.clock.Now, Log: log, Tick: s.ticks, Kinds: o.kinds, Ready: func() { close(ready) }, FlushTimeout: time.Second}
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
