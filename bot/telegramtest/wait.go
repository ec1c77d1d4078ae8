package telegramtest

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// WaitMessage waits until the bot has a message in the chat for which match
// returns true (nil matches any message), and returns the first such message
// in send order. Messages are matched in their current state, so an edit can
// satisfy the wait; match is applied again to a message only when it changes,
// so it should depend on the message alone. On timeout it calls t.Fatalf
// listing what the chat got.
func (s *Server) WaitMessage(t testing.TB, chatID int64, match func(Message) bool, timeout time.Duration) Message {
	t.Helper()
	m, ok := s.AwaitMessage(chatID, match, timeout)
	if !ok {
		t.Fatalf("telegramtest: no matching message in chat %d within %v; the chat got:\n%s", chatID, timeout, describeMessages(s.Messages(chatID)))
	}
	return m
}

func describeMessages(msgs []Message) string {
	if len(msgs) == 0 {
		return "  (no messages)"
	}
	var b strings.Builder
	for _, m := range msgs {
		fmt.Fprintf(&b, "  #%d %s", m.ID, m.Method)
		if m.Text != "" {
			fmt.Fprintf(&b, " text=%q", m.Text)
		}
		if m.Caption != "" {
			fmt.Fprintf(&b, " caption=%q", m.Caption)
		}
		if len(m.Buttons) > 0 {
			fmt.Fprintf(&b, " buttons=%v", m.Buttons)
		}
		if m.Edits > 0 {
			fmt.Fprintf(&b, " edits=%d", m.Edits)
		}
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}

// WaitCall waits until the bot made a call of method ("" = any) for which
// match returns true (nil matches any call), and returns the first such call.
// On timeout it calls t.Fatalf listing the calls of that method.
func (s *Server) WaitCall(t testing.TB, method string, match func(Call) bool, timeout time.Duration) Call {
	t.Helper()
	c, ok := s.AwaitCall(method, match, timeout)
	if !ok {
		var b strings.Builder
		for _, c := range s.Calls(method) {
			fmt.Fprintf(&b, "\n  %s %d %v", c.Method, c.Status, c.Params)
		}
		if b.Len() == 0 {
			b.WriteString("\n  (no calls)")
		}
		t.Fatalf("telegramtest: no matching %q call within %v; got:%s", method, timeout, b.String())
	}
	return c
}

// WaitUntil waits until cond returns true. cond is evaluated now and again
// after every request the server handles and every update queued. On
// timeout it calls t.Fatalf.
func (s *Server) WaitUntil(t testing.TB, cond func() bool, timeout time.Duration) {
	t.Helper()
	if !s.Await(cond, timeout) {
		t.Fatalf("telegramtest: condition not met within %v", timeout)
	}
}
