// Package try is the playground: the real bot against the embedded Telegram,
// with a demo community, a chat page in the browser on loopback and a clock
// that can be moved forward. Nothing reaches Telegram.
package try

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"courtyard/schedule"
)

// DefaultListen is where the page is served unless told otherwise.
const DefaultListen = "127.0.0.1:8765"

// Options configure the playground.
type Options struct {
	Listen   string       // host:port; DefaultListen when ""
	AllowAny bool         // allow an address beyond loopback
	DB       string       // database file to keep; "" for a temporary one
	Start    time.Time    // the bot's clock at start; the wall clock when zero
	Log      *slog.Logger // the bot's log

	kinds map[string]schedule.Kind // extra kinds of timed work (tests)
}

// Server is a running playground.
type Server struct {
	opt  Options
	log  *slog.Logger
	bell *bell
	quit chan struct{} // closed when the playground stops

	reset sync.Mutex // one start over at a time
	mu    sync.Mutex // guards cur and gen
	cur   *session
	gen   int // bumped by every start over
}

// Run serves the playground until ctx is done. It prints the page's address
// to out once the bot is ready, then stops the page, the bot and the
// embedded Telegram in order.
func Run(ctx context.Context, opt Options, out io.Writer) error {
	fallback := opt.Listen == ""
	if fallback {
		opt.Listen = DefaultListen
	}
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if err := checkListen(opt.Listen, opt.AllowAny); err != nil {
		return err
	}
	if opt.AllowAny {
		opt.Log.Warn("the playground is reachable beyond this machine: anyone who can reach " + opt.Listen + " can act as any demo person")
	}
	ln, err := net.Listen("tcp", opt.Listen)
	if err != nil && fallback {
		ln, err = net.Listen("tcp", "127.0.0.1:0") // the usual port is taken: any free one
	}
	if err != nil {
		return fmt.Errorf("try: listen on %s: %w (choose another with -listen 127.0.0.1:PORT)", opt.Listen, err)
	}
	s := &Server{opt: opt, log: opt.Log, bell: newBell(), quit: make(chan struct{})}
	sess, err := startSession(ctx, opt.DB, opt)
	if err != nil {
		ln.Close()
		return err
	}
	s.setSession(sess)
	srv := &http.Server{Handler: s.routes(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(out, "courtyard try: open %s in your browser (a local playground: nothing reaches Telegram; Ctrl-C stops it)\n", pageURL(ln.Addr()))

	select {
	case <-ctx.Done():
	case err = <-served:
	}
	close(s.quit)
	shut, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
	defer cancel()
	if e := srv.Shutdown(shut); e != nil && err == nil {
		err = e
	}
	if e := s.session().close(); e != nil && err == nil {
		err = e
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// session is the demo now running.
func (s *Server) session() *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur
}

// setSession makes sess the running demo and forwards its changes to the
// page until it is replaced or stopped.
func (s *Server) setSession(sess *session) {
	s.mu.Lock()
	s.cur = sess
	s.gen++
	s.mu.Unlock()
	go func() {
		for {
			changed := sess.tg.Changed()
			select {
			case <-changed:
				s.bell.ring()
			case <-sess.stopped():
				return
			}
		}
	}()
	s.bell.ring()
}

// startOver replaces the running demo with a new one on a new temporary
// database, seeded afresh. A kept -db FILE is left as it was.
func (s *Server) startOver(ctx context.Context) error {
	s.reset.Lock()
	defer s.reset.Unlock()
	old := s.session()
	if err := old.close(); err != nil {
		s.log.Warn("the old demo stopped with an error", "err", err)
	}
	sess, err := startSession(ctx, "", s.opt)
	if err != nil {
		return err
	}
	s.setSession(sess)
	return nil
}

// checkListen refuses an address beyond loopback unless allowed.
func checkListen(addr string, allowAny bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("try: -listen %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() || allowAny {
		return nil
	}
	return fmt.Errorf("try: -listen %s is not a loopback address: the playground lets anyone act as anyone, so it listens on 127.0.0.1 only; add -listen-any to open it to your network anyway", addr)
}

// pageURL is the page's address, on loopback when listening everywhere.
func pageURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String() + "/"
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, fmt.Sprint(tcp.Port)) + "/"
}

// bell wakes everyone waiting for a change.
type bell struct {
	mu sync.Mutex
	ch chan struct{}
}

func newBell() *bell { return &bell{ch: make(chan struct{})} }

func (b *bell) ring() {
	b.mu.Lock()
	defer b.mu.Unlock()
	close(b.ch)
	b.ch = make(chan struct{})
}

func (b *bell) wait() <-chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.ch
}
