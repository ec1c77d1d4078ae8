package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is a testing.TB that captures Errorf and Fatalf instead of
// failing, so that tests can assert how the helpers fail a test.
// Everything else goes to the embedded TB.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errs   []string
	fatals []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// Fatalf records and stops the calling goroutine, like testing.T does.
func (r *recorder) Fatalf(format string, args ...any) {
	r.mu.Lock()
	r.fatals = append(r.fatals, fmt.Sprintf(format, args...))
	r.mu.Unlock()
	runtime.Goexit()
}

func (r *recorder) errors() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errs...)
}

// inGoroutine runs fn to its end, which may be a Goexit from Fatalf.
func inGoroutine(fn func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	<-done
}

// post makes a Bot API call as the bot and returns the HTTP status.
func post(t *testing.T, s *Server, method string, params map[string]any) int {
	t.Helper()
	b, err := json.Marshal(params)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(s.URL()+"/bot"+Token+"/"+method, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestWaitHelpers(t *testing.T) {
	s := New(t)
	u := s.User(9, "Fay", "en")
	s.SendText(u, PrivateChat(u), "hi")
	for _, text := range []string{"msg a", "msg b", "msg c"} {
		post(t, s, "sendMessage", map[string]any{"chat_id": 9, "text": text})
	}
	m := s.WaitMessage(t, 9, func(m Message) bool { return m.Text == "msg c" }, 5*time.Second)
	if m.ID != 4 {
		t.Errorf("WaitMessage %+v", m)
	}
	c := s.WaitCall(t, "sendMessage", func(c Call) bool { return c.Params["text"] == "msg b" }, time.Second)
	if c.Params["chat_id"] != float64(9) {
		t.Errorf("WaitCall %+v", c)
	}
	s.WaitUntil(t, func() bool { return s.CallCount("sendMessage") == 3 }, time.Second)

	// On timeout the helpers fail the test they were given, listing what came.
	rec := &recorder{TB: t}
	inGoroutine(func() {
		s.WaitMessage(rec, 9, func(m Message) bool { return m.Text == "never" }, 20*time.Millisecond)
	})
	if len(rec.fatals) != 1 || !strings.Contains(rec.fatals[0], `#4 sendMessage text="msg c"`) {
		t.Errorf("WaitMessage timeout: %q", rec.fatals)
	}
	inGoroutine(func() { s.WaitCall(rec, "answerCallbackQuery", nil, 20*time.Millisecond) })
	if len(rec.fatals) != 2 || !strings.Contains(rec.fatals[1], "(no calls)") {
		t.Errorf("WaitCall timeout: %q", rec.fatals)
	}
	inGoroutine(func() { s.WaitUntil(rec, func() bool { return false }, 20*time.Millisecond) })
	if len(rec.fatals) != 3 || !strings.Contains(rec.fatals[2], "condition not met") {
		t.Errorf("WaitUntil timeout: %q", rec.fatals)
	}
}

func TestViolationsFailTheTest(t *testing.T) {
	rec := &recorder{TB: t}
	s := New(rec)
	u := s.User(5, "Ann", "en")
	s.SendText(u, PrivateChat(u), "hi")
	if code := post(t, s, "sendMessage", map[string]any{"chat_id": 5, "text": "hi", "colour": "red"}); code != http.StatusBadRequest {
		t.Errorf("status %d", code)
	}
	s.Press(u, Message{ChatID: 5, ID: 1}, "x")
	errs := rec.errors()
	want := []string{`telegramtest: sendMessage: unknown parameter "colour"`, "telegramtest: Press: the bot has no message 1 in chat 5"}
	if len(errs) != 2 || !strings.HasPrefix(errs[0], want[0]) || errs[1] != want[1] {
		t.Errorf("errors %q, want %q", errs, want)
	}
	if v := s.Violations(); len(v) != 1 {
		t.Errorf("violations %q", v)
	}
}

func TestErrorsAfterTestEnd(t *testing.T) {
	var s *Server
	t.Run("inner", func(t *testing.T) {
		s = New(t)
	})
	// The inner test has ended and its server is closed; a late report must
	// not reach the finished test (which would panic).
	s.Group(7, "not a group id")
	s.Press(s.User(8, "Bo", "en"), Message{ChatID: 8, ID: 1}, "x")
}
