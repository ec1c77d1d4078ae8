package telegramsim

import (
	"sort"
	"strings"
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

// AwaitMessage waits until the bot has a message in the chat for which match
// returns true (nil matches any message), and returns the first such message
// in send order. Messages are matched in their current state, so an edit can
// satisfy the wait; match is applied again to a message only when it changes,
// so it should depend on the message alone. It reports false if no message
// matched within the timeout.
func (s *Server) AwaitMessage(chatID int64, match func(Message) bool, timeout time.Duration) (Message, bool) {
	var found Message
	next := 0 // messages that did not match are only looked at again once they change
	ok := s.waitFor(timeout, func() bool {
		for _, m := range s.changedMessages(chatID, &next) {
			if match == nil || match(m) {
				found = m
				return true
			}
		}
		return false
	})
	return found, ok
}

// changedMessages returns the chat's messages created or changed since the
// *next-th entry of its change log, in send order, and advances *next.
func (s *Server) changedMessages(chatID int64, next *int) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil || *next == len(c.log) {
		return nil
	}
	changed := c.log[*next:]
	*next = len(c.log)
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
	return msgs
}

// AwaitCall waits until the bot made a call of method ("" = any, case
// ignored) for which match returns true (nil matches any call), and returns
// the first such call. It reports false if no call matched within the
// timeout.
func (s *Server) AwaitCall(method string, match func(Call) bool, timeout time.Duration) (Call, bool) {
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
	return found, ok
}

// Await waits until cond returns true and reports whether it did within the
// timeout. cond is evaluated now and again after every request the server
// handles and every update queued.
func (s *Server) Await(cond func() bool, timeout time.Duration) bool {
	return s.waitFor(timeout, cond)
}
