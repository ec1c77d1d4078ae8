package app

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// brokenListener fails every Accept, as a listener that broke does.
type brokenListener struct{ net.Listener }

func (brokenListener) Accept() (net.Conn, error) { return nil, errors.New("listener broke") }

// The monitor failing to serve returns its error at once, so that the
// group stops the bot, instead of waiting for a stop nobody asks for.
func TestMonitorServeFailureReturns(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m := &monitor{log: slog.New(slog.DiscardHandler), reg: prometheus.NewRegistry()}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- m.serve(ctx, brokenListener{l}) }()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("serve returned nil for a broken listener")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return after its listener broke")
	}
}
