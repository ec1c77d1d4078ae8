package telegramtest

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// WaitMessageSince is WaitMessage for messages sent or changed after m
// only: what an action taken at m caused, never what the chat held
// before. On timeout it calls t.Fatalf listing what the chat got since m.
func (s *Server) WaitMessageSince(t testing.TB, m Mark, chatID int64, match func(Message) bool, timeout time.Duration) Message {
	t.Helper()
	found, ok := s.AwaitMessageSince(m, chatID, match, timeout)
	if !ok {
		since := s.MessagesSince(m, chatID)
		t.Fatalf("telegramtest: no matching message in chat %d within %v; since the mark the chat got:\n%s\n(and %d messages before)",
			chatID, timeout, describeMessages(since), max(0, len(s.Messages(chatID))-len(since)))
	}
	return found
}

// WaitCallSince is WaitCall for calls made after m only. On timeout it
// calls t.Fatalf listing the calls of that method since m.
func (s *Server) WaitCallSince(t testing.TB, m Mark, method string, match func(Call) bool, timeout time.Duration) Call {
	t.Helper()
	found, ok := s.AwaitCallSince(m, method, match, timeout)
	if !ok {
		var b strings.Builder
		for _, c := range s.CallsSince(m, method) {
			fmt.Fprintf(&b, "\n  %s %d %v", c.Method, c.Status, c.Params)
		}
		if b.Len() == 0 {
			b.WriteString("\n  (no calls)")
		}
		t.Fatalf("telegramtest: no matching %q call within %v since the mark; got:%s", method, timeout, b.String())
	}
	return found
}
