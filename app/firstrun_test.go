package app

import (
	"context"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"
)

// frRefusedURL is the address of a port nothing listens on.
func frRefusedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

// TestUnreachableTelegramSaidOnce: without network the bot says once what to
// check, then retries quietly with backoff until stopped.
func TestUnreachableTelegramSaidOnce(t *testing.T) {
	cfg := testConfig(t, frRefusedURL(t))
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := Run(ctx, cfg, Options{Log: log}); err != nil {
		t.Fatalf("Run: %v", err)
	}
	var warns, debugs int
	for _, line := range strings.Split(logs.String(), "\n") {
		switch {
		case strings.Contains(line, "level=WARN"):
			warns++
			for _, want := range []string{"cannot reach Telegram at " + cfg.Telegram.APIURL, "network", "telegram.api_url", "proxy"} {
				if !strings.Contains(line, want) {
					t.Errorf("warning lacks %q: %s", want, line)
				}
			}
		case strings.Contains(line, "level=DEBUG") && strings.Contains(line, "still cannot reach Telegram"):
			debugs++
		}
	}
	if warns != 1 || debugs < 1 {
		t.Errorf("want one warning and quiet retries, got %d warnings, %d debug retries:\n%s", warns, debugs, logs.String())
	}
}
