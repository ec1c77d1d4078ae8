package telegramtest

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// waitFor evaluates check after every state change until it reports true or
// the timeout passes. check runs without s.mu held and returns true when done.
// It reports whether check succeeded.
func (s *Server) waitFor(timeout time.Duration, check func() bool) bool {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		// Taking the channel before checking means no change is missed.
		if check() {
			return true
		}
		select {
		case <-changed:
		case <-timer.C:
			return check()
		}
	}
}

// WaitMessage waits until the bot has a message in the chat for which match
// returns true (nil matches any message), and returns the first such message
// in send order. Messages are matched in their current state, so an edit can
// satisfy the wait; match is applied again to a message only when it changes,
// so it should depend on the message alone. On timeout it calls t.Fatalf
// listing what the chat got.
func (s *Server) WaitMessage(t testing.TB, chatID int64, match func(Message) bool, timeout time.Duration) Message {
	t.Helper()
	var found Message
	next := 0 // messages that did not match are only looked at again once they change
	ok := s.waitFor(timeout, func() bool {
		s.mu.Lock()
		c := s.chats[chatID]
		if c == nil || next == len(c.log) {
			s.mu.Unlock()
			return false
		}
		changed := c.log[next:]
		next = len(c.log)
		seen := make(map[*msgRec]bool, len(changed))
		var recs []*msgRec
		for _, r := range changed {
			if !seen[r] && !r.deleted {
				seen[r] = true
				recs = append(recs, r)
			}
		}
		sort.Slice(recs, func(i, j int) bool { return recs[i].ID < recs[j].ID })
		msgs := make([]Message, len(recs))
		for i, r := range recs {
			msgs[i] = r.view()
		}
		s.mu.Unlock()
		for _, m := range msgs {
			if match == nil || match(m) {
				found = m
				return true
			}
		}
		return false
	})
	if !ok {
		t.Fatalf("telegramtest: no matching message in chat %d within %v; the chat got:\n%s", chatID, timeout, describeMessages(s.Messages(chatID)))
	}
	return found
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
	var found Call
	next := 0 // calls are append-only: only look at new ones
	ok := s.waitFor(timeout, func() bool {
		s.mu.Lock()
		fresh := append([]Call(nil), s.calls[next:]...)
		next = len(s.calls)
		s.mu.Unlock()
		for _, c := range fresh {
			if (method == "" || strings.EqualFold(c.Method, method)) && (match == nil || match(c)) {
				found = c
				return true
			}
		}
		return false
	})
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
	return found
}

// WaitUntil waits until cond returns true. cond is evaluated now and again
// after every request the server handles and every update queued. On
// timeout it calls t.Fatalf.
func (s *Server) WaitUntil(t testing.TB, cond func() bool, timeout time.Duration) {
	t.Helper()
	if !s.waitFor(timeout, cond) {
		t.Fatalf("telegramtest: condition not met within %v", timeout)
	}
}
