package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"courtyard/bot"
	"courtyard/commands/agenda"
	"courtyard/storage"
)

// monitor serves /healthz and /metrics.
type monitor struct {
	store       *storage.Storage
	sender      *bot.Sender
	poller      *bot.Poller
	proc        *bot.Processor
	now         func() time.Time
	pollTimeout time.Duration
	log         *slog.Logger
	reg         *prometheus.Registry
	d           descs
	feed        http.Handler // the calendar feeds, when set
}

func newMonitor(store *storage.Storage, s *bot.Sender, p *bot.Poller, proc *bot.Processor, now func() time.Time,
	pollTimeout time.Duration, log *slog.Logger) *monitor {
	m := &monitor{store: store, sender: s, poller: p, proc: proc, now: now, pollTimeout: pollTimeout, log: log,
		reg: prometheus.NewRegistry(), d: newDescs()}
	m.reg.MustRegister(m)
	return m
}

// handler routes the monitor's two paths, and the calendar feeds.
func (m *monitor) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", m.healthz)
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorLog: slog.NewLogLogger(m.log.Handler(), slog.LevelError)}))
	if m.feed != nil {
		mux.Handle("GET "+agenda.FeedPath+"{file}", m.feed)
	}
	return mux
}

// healthz is 200 "ok" when the database answers and getUpdates answered
// within three poll timeouts, and 200 "starting: ..." before the first
// answer while no call has failed; else 503 with the reason on one line.
func (m *monitor) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := m.store.Ping(ctx); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, "database does not answer: %v\n", err)
		return
	}
	last, limit := m.poller.LastPoll(), 3*m.pollTimeout
	switch {
	case last.IsZero() && m.poller.Failing() == 0:
		// The first long poll is under way: it answers when an update
		// comes, or after telegram.poll_timeout.
		fmt.Fprintln(w, "starting: waiting for Telegram's first answer to getUpdates")
		return
	case last.IsZero():
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, "getUpdates has not answered yet (%d failed calls)\n", m.poller.Failing())
		return
	case m.now().Sub(last) > limit:
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, "getUpdates last answered %s ago (more than %s)\n", m.now().Sub(last).Round(time.Second), limit)
		return
	}
	fmt.Fprintln(w, "ok")
}

// descs are the monitor's metric descriptions.
type descs struct {
	descUpdates   *prometheus.Desc
	descHandlerEr *prometheus.Desc
	descSent      *prometheus.Desc
	descFailed    *prometheus.Desc
	descLate      *prometheus.Desc
	desc429       *prometheus.Desc
	descDepth     *prometheus.Desc
	descOldest    *prometheus.Desc
	descTickets   *prometheus.Desc
	descLastPoll  *prometheus.Desc
	descScrapeErr *prometheus.Desc
}

func newDescs() descs {
	return descs{
		descUpdates:   prometheus.NewDesc("courtyard_updates_processed_total", "Updates handled since start.", nil, nil),
		descHandlerEr: prometheus.NewDesc("courtyard_handler_errors_total", "Updates whose handler failed, since start.", nil, nil),
		descSent:      prometheus.NewDesc("courtyard_messages_sent_total", "Bot API calls Telegram accepted, since start.", nil, nil),
		descFailed:    prometheus.NewDesc("courtyard_messages_failed_total", "Bot API calls that failed, since start, by reason.", []string{"reason"}, nil),
		descLate:      prometheus.NewDesc("courtyard_messages_dropped_late_total", "Messages dropped unsent as past their last useful moment, since start.", nil, nil),
		desc429:       prometheus.NewDesc("courtyard_telegram_429_total", "429 Too Many Requests answers, since start.", nil, nil),
		descDepth:     prometheus.NewDesc("courtyard_outbox_pending", "Messages waiting in the outbox.", nil, nil),
		descOldest:    prometheus.NewDesc("courtyard_outbox_oldest_pending_seconds", "Age of the oldest message waiting in the outbox (0 when none).", nil, nil),
		descTickets:   prometheus.NewDesc("courtyard_tickets", "Tickets by state.", []string{"state"}, nil),
		descLastPoll:  prometheus.NewDesc("courtyard_last_getupdates_seconds", "Seconds since getUpdates last answered (-1 before the first).", nil, nil),
		descScrapeErr: prometheus.NewDesc("courtyard_metrics_database_errors", "1 when the database could not be read for this scrape.", nil, nil),
	}
}

// Describe implements prometheus.Collector.
func (m *monitor) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{m.d.descUpdates, m.d.descHandlerEr, m.d.descSent, m.d.descFailed, m.d.descLate, m.d.desc429,
		m.d.descDepth, m.d.descOldest, m.d.descTickets, m.d.descLastPoll, m.d.descScrapeErr} {
		ch <- d
	}
}

// Collect implements prometheus.Collector: counters from the running parts,
// gauges from one read of the database.
func (m *monitor) Collect(ch chan<- prometheus.Metric) {
	all, failed := m.proc.Handled()
	ch <- prometheus.MustNewConstMetric(m.d.descUpdates, prometheus.CounterValue, float64(all))
	ch <- prometheus.MustNewConstMetric(m.d.descHandlerEr, prometheus.CounterValue, float64(failed))
	ch <- prometheus.MustNewConstMetric(m.d.descSent, prometheus.CounterValue, float64(m.sender.Sent()))
	fails := m.sender.Failures()
	for _, reason := range []string{"too_many", "blocked", "refused", "server", "network"} {
		ch <- prometheus.MustNewConstMetric(m.d.descFailed, prometheus.CounterValue, float64(fails[reason]), reason)
	}
	ch <- prometheus.MustNewConstMetric(m.d.descLate, prometheus.CounterValue, float64(m.sender.Late()))
	ch <- prometheus.MustNewConstMetric(m.d.desc429, prometheus.CounterValue, float64(m.sender.TooMany()))
	now := m.now()
	since := -1.0
	if last := m.poller.LastPoll(); !last.IsZero() {
		since = now.Sub(last).Seconds()
	}
	ch <- prometheus.MustNewConstMetric(m.d.descLastPoll, prometheus.GaugeValue, since)

	var h storage.OutboxHealth
	var states map[storage.TicketState]int
	err := m.store.View(context.Background(), func(tx *storage.Tx) error {
		var err error
		if h, err = tx.OutboxHealth(now); err != nil {
			return err
		}
		states, err = tx.TicketsByState()
		return err
	})
	bad := 0.0
	if err != nil {
		m.log.Error("reading metrics from the database failed", "err", err)
		bad = 1
	}
	ch <- prometheus.MustNewConstMetric(m.d.descScrapeErr, prometheus.GaugeValue, bad)
	if err != nil {
		return
	}
	ch <- prometheus.MustNewConstMetric(m.d.descDepth, prometheus.GaugeValue, float64(h.Pending))
	oldest := 0.0
	if !h.OldestQueued.IsZero() {
		oldest = max(now.Sub(h.OldestQueued).Seconds(), 0)
	}
	ch <- prometheus.MustNewConstMetric(m.d.descOldest, prometheus.GaugeValue, oldest)
	for _, st := range []storage.TicketState{storage.TicketOpen, storage.TicketClaimed, storage.TicketResolved,
		storage.TicketClosed, storage.TicketReopened, storage.TicketRejected, storage.TicketDuplicate} {
		ch <- prometheus.MustNewConstMetric(m.d.descTickets, prometheus.GaugeValue, float64(states[st]), string(st))
	}
}

// listen opens the monitor's listener, or returns nil when it is off.
func listen(addr string) (net.Listener, error) {
	if addr == "" {
		return nil, nil
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("http.listen: %w", err)
	}
	return l, nil
}

// serve serves the monitor on l until ctx ends.
func (m *monitor) serve(ctx context.Context, l net.Listener) error {
	srv := &http.Server{Handler: m.handler(), ReadHeaderTimeout: 5 * time.Second}
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	err := srv.Serve(l)
	if errors.Is(err, http.ErrServerClosed) {
		<-stopped
		return nil
	}
	// Serve failed on its own: return at once, so that the group stops the
	// bot (and, with it, the goroutine above); waiting for it would wait for
	// a stop that nothing asks for.
	return fmt.Errorf("http: %w", err)
}
