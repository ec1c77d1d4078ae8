package app

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"courtyard/bot"
	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/testkit"
)

// get fetches a path from the monitor and returns the status and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// metric reads one sample's value from a /metrics page.
func metric(t *testing.T, page, name string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + ` (\S+)$`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no %s in\n%s", name, page)
	}
	return m[1]
}

func startMonitored(t *testing.T) (*harness, string) {
	t.Helper()
	addr := make(chan net.Addr, 1)
	h := startHarness(t, func(c *config.Config) { c.HTTP.Listen = "127.0.0.1:0" },
		Options{Listening: func(a net.Addr) { addr <- a }})
	return h, "http://" + (<-addr).String()
}

// /healthz is 200 while Telegram answers getUpdates, and 503 with the
// reason once it has not answered for three poll timeouts.
func TestHealthzFollowsGetUpdates(t *testing.T) {
	h, base := startMonitored(t)
	var code int
	var body string
	h.tg.WaitUntil(t, func() bool {
		code, body = get(t, base+"/healthz")
		return code == 200 && body == "ok\n"
	}, wait)
	if body != "ok\n" {
		t.Fatalf("healthz: %d %q", code, body)
	}
	for range 50 {
		h.tg.FailNext("getUpdates", 0, telegramtest.Fault{Code: 502})
	}
	h.tg.WaitCall(t, "getUpdates", func(c telegramtest.Call) bool { return c.Status == 502 }, wait)
	h.clock.Advance(3*h.cfg.Telegram.PollTimeout + time.Second)
	code, body = get(t, base+"/healthz")
	if code != 503 || !strings.HasPrefix(body, "getUpdates last answered 7s ago (more than 6s)") {
		t.Fatalf("healthz with Telegram away: %d %q", code, body)
	}
	if strings.Count(body, "\n") != 1 {
		t.Errorf("the reason is not one line: %q", body)
	}
}

// /metrics counts updates, sends, failures by reason and 429s, and reads
// the outbox and the tickets from the database.
func TestMetricsCountWhatHappened(t *testing.T) {
	h, base := startMonitored(t)
	u := h.user(2001, "Ann", "en")
	h.tg.FailNext("sendMessage", u.ID, telegramtest.Fault{RetryAfter: 1})
	h.say(u, "/help")
	h.expect(u.ID, "/teams")
	h.settle()
	_, page := get(t, base+"/metrics")
	for name, want := range map[string]string{
		"courtyard_updates_processed_total":                  "1",
		"courtyard_handler_errors_total":                     "0",
		"courtyard_telegram_429_total":                       "1",
		`courtyard_messages_failed_total{reason="too_many"}`: "1",
		`courtyard_messages_failed_total{reason="network"}`:  "0",
		"courtyard_outbox_pending":                           "0",
		"courtyard_outbox_oldest_pending_seconds":            "0",
		`courtyard_tickets{state="open"}`:                    "0",
		"courtyard_metrics_database_errors":                  "0",
	} {
		if got := metric(t, page, name); got != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}
	if got := metric(t, page, "courtyard_messages_sent_total"); got == "0" {
		t.Errorf("no message counted as sent")
	}
	if code, _ := get(t, base+"/nothing"); code != 404 {
		t.Errorf("an unknown path answered %d", code)
	}
}

// /healthz is 503, saying why, when the database does not answer.
func TestHealthzWithoutADatabase(t *testing.T) {
	s := testkit.Store(t)
	s.Close()
	m := newMonitor(s, nil, nil, nil, time.Now, time.Second, slog.New(slog.DiscardHandler))
	srv := httptest.NewServer(m.handler())
	defer srv.Close()
	code, body := get(t, srv.URL+"/healthz")
	if code != 503 || !strings.HasPrefix(body, "database does not answer: ") || strings.Count(body, "\n") != 1 {
		t.Errorf("healthz with the database closed: %d %q", code, body)
	}
}

// Before Telegram's first answer to getUpdates, /healthz is 200 "starting"
// while no call has failed, and 503 saying how many failed once they do.
func TestHealthzWhileStarting(t *testing.T) {
	s := testkit.Store(t)
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close() // nothing listens there any more
	p := bot.NewPoller(bot.NewClient(down.URL, telegramtest.Token, nil), s, time.Second, time.Now,
		slog.New(slog.DiscardHandler), nil, nil)
	m := newMonitor(s, nil, p, nil, time.Now, time.Second, slog.New(slog.DiscardHandler))
	srv := httptest.NewServer(m.handler())
	defer srv.Close()

	code, body := get(t, srv.URL+"/healthz")
	if code != 200 || body != "starting: waiting for Telegram's first answer to getUpdates\n" {
		t.Fatalf("healthz before the first poll: %d %q", code, body)
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	defer func() { cancel(); <-done }()
	testkit.Await(t, wait, func() <-chan struct{} { return nil }, func() bool { return p.Failing() > 0 }, "the first getUpdates failed")
	code, body = get(t, srv.URL+"/healthz")
	if code != 503 || !strings.HasPrefix(body, "getUpdates has not answered yet (") || strings.Count(body, "\n") != 1 {
		t.Errorf("healthz after a failed first poll: %d %q", code, body)
	}
}
