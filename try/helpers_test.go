package try

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"courtyard/testkit"
)

const wait = 20 * time.Second

// testStart is the bot's clock at the start of every test: a Monday
// morning in the community's time zone.
func testStart() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)) }

// urlWriter passes on the first address Run prints.
type urlWriter struct{ ch chan string }

func (w urlWriter) Write(p []byte) (int, error) {
	if u := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).Find(p); u != nil {
		select {
		case w.ch <- string(u):
		default:
		}
	}
	return len(p), nil
}

// playground runs the playground for a test, with the options changed by
// change, and returns the page's address.
func playground(t *testing.T, change ...func(*Options)) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs := &testkit.Logs{}
	out := urlWriter{ch: make(chan string, 1)}
	done := make(chan error, 1)
	opt := Options{Listen: "127.0.0.1:0", Start: testStart(), Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	for _, c := range change {
		c(&opt)
	}
	go func() { done <- Run(ctx, opt, out) }()
	var base string
	select {
	case base = <-out.ch:
	case err := <-done:
		t.Fatalf("the playground did not start: %v\n%s", err, logs.String())
	case <-time.After(wait):
		t.Fatalf("the playground did not start in time\n%s", logs.String())
	}
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("the playground stopped with %v", err)
			}
		case <-time.After(wait):
			t.Errorf("the playground did not stop in time")
		}
		if strings.Contains(logs.String(), "Telegram would refuse") {
			t.Errorf("the bot made requests the Bot API table refuses:\n%s", logs.String())
		}
	})
	return base
}

// events follows the page's event stream; every event is one value.
func events(t *testing.T, base string) <-chan map[string]any {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"api/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: content type %q", ct)
	}
	ch := make(chan map[string]any, 64)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var v map[string]any
				json.Unmarshal([]byte(data), &v)
				select {
				case ch <- v:
				default: // a slow reader only needs to know something changed
				}
			}
		}
	}()
	t.Cleanup(cancel)
	return ch
}

// chatView is /api/chat's answer.
type chatView struct {
	Messages []msgView `json:"messages"`
	Menu     []command `json:"menu"`
}

func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == 200 && v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode
}

func post(t *testing.T, url string, body any) int {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

// waitChat waits, event by event, until a chat as seen by as has a message
// that match accepts, and returns it.
func waitChat(t *testing.T, base string, ev <-chan map[string]any, as, chat int64, match func(msgView) bool) msgView {
	t.Helper()
	deadline := time.After(wait)
	for {
		var v chatView
		if code := getJSON(t, fmt.Sprintf("%sapi/chat?as=%d&chat=%d", base, as, chat), &v); code != 200 {
			t.Fatalf("chat %d as %d: HTTP %d", chat, as, code)
		}
		for _, m := range v.Messages {
			if match(m) {
				return m
			}
		}
		select {
		case <-ev:
		case <-deadline:
			var b strings.Builder
			for _, m := range v.Messages {
				fmt.Fprintf(&b, "\n  #%d bot=%v %q %v", m.ID, m.Bot, m.HTML, m.Buttons)
			}
			t.Fatalf("no matching message in chat %d as %d; it has:%s", chat, as, b.String())
		}
	}
}

func hasData(m msgView, data string) bool {
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Data == data {
				return true
			}
		}
	}
	return false
}
