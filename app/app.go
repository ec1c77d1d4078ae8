// Package app wires courtyard together: storage, the Telegram side, the
// commands and the schedules, with an orderly stop.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
	"golang.org/x/sync/errgroup"

	"courtyard/bot"
	"courtyard/commands"
	"courtyard/config"
	"courtyard/locale"
	"courtyard/schedule"
	"courtyard/storage"
)

// Options are what tests change; the zero value is production.
type Options struct {
	Now          func() time.Time // the clock the business logic reads
	Log          *slog.Logger
	FlushTimeout time.Duration            // how long the sender may flush at stop; default 5s
	Ready        func()                   // called once the bot is polling
	Routes       []bot.Route              // extra routes tried before the commands (tests)
	Kinds        map[string]schedule.Kind // extra kinds of timed work (tests)
	// Tick, when set, runs the scheduled jobs on each receive instead of on
	// their cron schedules (with no catch-up at start); the carried channel
	// is closed when they ran.
	Tick <-chan chan struct{}
	// Bot are options for the sender, the poller and the processor (a
	// clock, how often a failing step is retried before the bot stops).
	Bot []bot.Option
	// Listening, when set, is told the address of the health and metrics
	// listener once it is open (http.listen may name port 0).
	Listening func(net.Addr)
	// duringExport runs inside each export's read transaction, once its
	// file is built (tests).
	duringExport func(tx *storage.Tx)
}

// Run runs the bot until ctx is cancelled, then stops in order: polling
// first, then the update in hand, then a bounded flush of the outbox.
func Run(ctx context.Context, cfg config.Config, opt Options) error {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if opt.FlushTimeout == 0 {
		opt.FlushTimeout = 5 * time.Second
	}
	log := opt.Log
	cat, err := locale.Load(cfg.Community.Language)
	if err != nil {
		return err
	}
	store, err := storage.Open(ctx, cfg.Database.Path)
	if err != nil {
		return err
	}
	defer func() {
		if err := store.Close(); err != nil {
			log.Error("closing the database failed", "err", err)
		}
	}()

	client := bot.NewClient(cfg.Telegram.APIURL, cfg.Telegram.Token, &http.Client{
		Timeout: cfg.Telegram.PollTimeout + 15*time.Second, Transport: bot.NewTransport()})
	me, err := getMe(ctx, client, cfg.Telegram.APIURL, log)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return nil
	}
	log.Info("connected to Telegram", "bot", me.Username, "api", cfg.Telegram.APIURL)

	sender := bot.NewSender(client, store, bot.Limits{
		GlobalPerSecond:   cfg.Telegram.Limits.GlobalPerSecond,
		PerChatPerSecond:  cfg.Telegram.Limits.PerChatPerSecond,
		PerGroupPerMinute: cfg.Telegram.Limits.PerGroupPerMinute,
	}, log, append([]bot.Option{bot.WithHours(opt.Now)}, opt.Bot...)...)
	var poller *bot.Poller
	health := &healthView{sender: sender, poller: func() *bot.Poller { return poller }}
	cmds := commands.New(cfg, cat, me.Username, opt.Now, log, health)
	routes := append([]bot.Route(nil), opt.Routes...)
	for _, r := range cmds.Routes() {
		routes = append(routes, bot.Route{Name: r.Name, Match: r.Match, Handle: bot.HandleFunc(r.Handle)})
	}
	disp, err := bot.NewDispatcher(routes, bot.HandleFunc(cmds.Fallback()), log)
	if err != nil {
		return err
	}
	exports := newExporter(store, cmds, opt.Now, log, sender.Wake)
	exports.during = opt.duringExport
	proc := bot.NewProcessor(store, disp.Handle, bot.HandleFunc(cmds.Failed()), opt.Now, log, func() {
		sender.Wake()
		exports.Wake()
	}, opt.Bot...)
	poller = bot.NewPoller(client, store, cfg.Telegram.PollTimeout, opt.Now, log, proc.Apply, func(applied bool) {
		if applied {
			sender.Wake()
			exports.Wake()
		}
		proc.Wake() // a backlog, or a batch that could not be applied
	}, opt.Bot...)

	kinds := cmds.TimedKinds()
	for k, v := range opt.Kinds {
		kinds[k] = v
	}
	due := schedule.New(kinds, log)
	jobs, err := schedule.NewPeriodic(store, []schedule.Job{
		{Name: "patrol-layout", Spec: "3 * * * *", Run: cmds.LayoutPatrols}, // before "due": a tick lays out, then reminds
		{Name: "due", Spec: "* * * * *", Windows: due.Scan},
		{Name: "escalate", Spec: "*/10 * * * *", Run: cmds.Escalate},
		{Name: "autoclose", Spec: "7 * * * *", Run: cmds.AutoClose},
		{Name: "housekeeping", Spec: "30 3 * * *", Run: cmds.Housekeeping},
		{Name: "due-prune", Spec: "40 3 * * *", Run: due.Prune},
		{Name: "visits-plan", Spec: "5 * * * *", Run: cmds.PlanVisitRounds},
		{Name: "digest-plan", Spec: "9 * * * *", Run: cmds.PlanDigest},
	}, opt.Now, cfg.Location(), log, sender.Wake)
	if err != nil {
		return err
	}

	setCommands(ctx, client, store, cmds, cfg, opt.Now, log)

	var mon *monitor
	l, err := listen(cfg.HTTP.Listen)
	if err != nil {
		return err
	}
	if l != nil {
		mon = newMonitor(store, sender, poller, proc, opt.Now, cfg.Telegram.PollTimeout, log)
		mon.feed = newCalFeed(store, cmds.CalendarFeed, opt.Now, log)
		log.Info("serving /healthz and /metrics", "addr", l.Addr().String())
		if opt.Listening != nil {
			opt.Listening(l.Addr())
		}
	}

	return runParts(ctx, opt, log, botParts{sender: sender, poller: poller, proc: proc, jobs: jobs, exports: exports, mon: mon, listener: l})
}

// botParts are the long-lived parts of the bot.
type botParts struct {
	sender   *bot.Sender
	poller   *bot.Poller
	proc     *bot.Processor
	jobs     *schedule.Periodic
	exports  *exporter
	mon      *monitor // nil when http.listen is off
	listener net.Listener
}

// runParts runs the parts under one group: the first that fails for good
// stops the others, and its error is returned. The stop is orderly either
// way: polling ends, the update in hand is finished, then the outbox is
// flushed for at most opt.FlushTimeout.
func runParts(ctx context.Context, opt Options, log *slog.Logger, p botParts) error {
	g, gctx := errgroup.WithContext(ctx)
	// The sender outlives the others at a stop, to flush what they queued.
	sendCtx, stopSender := context.WithCancel(context.WithoutCancel(ctx))
	defer stopSender()
	senderDone := make(chan struct{})
	// The producers queue what the sender sends; the stop waits for them.
	var producers sync.WaitGroup
	produce := func(name string, run func(context.Context) error) {
		producers.Add(1)
		g.Go(func() error {
			defer producers.Done()
			if err := run(gctx); err != nil {
				return fmt.Errorf("%s stopped: %w", name, err)
			}
			return nil
		})
	}
	g.Go(func() error {
		defer close(senderDone)
		if err := p.sender.Run(sendCtx); err != nil {
			return fmt.Errorf("sender stopped: %w", err)
		}
		return nil
	})
	produce("scheduler", func(ctx context.Context) error { p.jobs.Run(ctx, opt.Tick); return nil })
	produce("poller", p.poller.Run)
	produce("processor", p.proc.Run)
	produce("exporter", p.exports.Run)
	if p.mon != nil {
		g.Go(func() error { return p.mon.serve(gctx, p.listener) })
	}
	g.Go(func() error {
		<-gctx.Done()
		if ctx.Err() != nil {
			log.Info("stopping: polling ended, finishing the update in hand")
		} else {
			log.Error("stopping: a part of the bot cannot go on")
		}
		producers.Wait()
		p.sender.Drain()
		t := time.NewTimer(opt.FlushTimeout)
		defer t.Stop()
		select {
		case <-senderDone:
		case <-t.C:
			log.Warn("outbox not flushed in time; the rest is sent at next start", "waited", opt.FlushTimeout)
			stopSender()
			<-senderDone
		}
		return nil
	})
	if opt.Ready != nil {
		opt.Ready()
	}
	err := g.Wait()
	log.Info("stopped", "err", err)
	return err
}

// getMe asks Telegram who the bot is, retrying with backoff while the
// network is down. The first failure is explained once, plainly; the
// retries after it are logged at debug level. A refused token is final.
func getMe(ctx context.Context, c *bot.Client, apiURL string, log *slog.Logger) (models.User, error) {
	wait := 500 * time.Millisecond
	for attempt := 1; ; attempt++ {
		u, err := c.GetMe(ctx)
		if err == nil {
			if attempt > 1 {
				log.Info("Telegram answers now", "attempts", attempt)
			}
			return u, nil
		}
		if bot.TokenRefused(err) {
			return u, fmt.Errorf("telegram refused the bot token: %w", err)
		}
		if ctx.Err() != nil {
			return u, nil
		}
		if attempt == 1 {
			log.Warn("cannot reach Telegram at "+apiURL+": check this machine's network connection, telegram.api_url in the config, "+
				"and the proxy if Telegram is only reachable through one (HTTPS_PROXY); the bot keeps trying and starts when Telegram answers",
				"err", err)
		} else {
			log.Debug("still cannot reach Telegram", "attempt", attempt, "err", err, "retry_in", wait)
		}
		select {
		case <-ctx.Done():
			return u, nil
		case <-time.After(wait):
		}
		wait = min(wait*2, 30*time.Second)
	}
}

type healthView struct {
	sender *bot.Sender
	poller func() *bot.Poller
}

func (h *healthView) LastPoll() time.Time { return h.poller().LastPoll() }
func (h *healthView) TooMany() int64      { return h.sender.TooMany() }
