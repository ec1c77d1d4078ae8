package telegramsim

import (
	"sort"
	"strings"
	"time"
)

// Mark is a point in the server's history: how far the record of each
// chat's bot messages and the record of calls had got. Take one with Mark
// just before an action; what the action causes comes after it. The zero
// Mark is the start of the history.
type Mark struct {
	chats map[int64]int // chat → length of its change log
	calls int
}

// Mark returns the point the history has reached now.
func (s *Server) Mark() Mark {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := Mark{chats: make(map[int64]int, len(s.chats)), calls: len(s.calls)}
	for id, c := range s.chats {
		m.chats[id] = len(c.log)
	}
	return m
}

// MessagesSince returns the bot's messages in the chat that were sent or
// changed (edited, pinned, unpinned) after m, in send order and in their
// current state. Deleted messages are left out. The result is a copy.
func (s *Server) MessagesSince(m Mark, chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	msgs, _ := s.changedLocked(chatID, m.chats[chatID])
	return msgs
}

// CallsSince returns the calls of one method ("" = all) answered after m,
// in the order they were answered.
func (s *Server) CallsSince(m Mark, method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls[min(m.calls, len(s.calls)):] {
		if method == "" || strings.EqualFold(c.Method, method) {
			out = append(out, c)
		}
	}
	return out
}

// changedLocked returns the messages of the chat touched at or after
// position from of its change log, each once, by id, and where the log
// ends now.
func (s *Server) changedLocked(chatID int64, from int) ([]Message, int) {
	c := s.chats[chatID]
	if c == nil || from >= len(c.log) {
		return nil, from
	}
	seen := make(map[*msgRec]bool)
	var recs []*msgRec
	for _, r := range c.log[from:] {
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
	return msgs, len(c.log)
}

// AwaitMessageSince waits until the chat has a message sent or changed after m
// for which match returns true (nil matches any), and returns the first
// such message in send order. A message is matched in its state at each
// change, so match should depend on the message alone. It reports false
// when timeout passes first.
func (s *Server) AwaitMessageSince(m Mark, chatID int64, match func(Message) bool, timeout time.Duration) (Message, bool) {
	var found Message
	next := m.chats[chatID]
	ok := s.waitFor(timeout, func() bool {
		s.mu.Lock()
		var msgs []Message
		msgs, next = s.changedLocked(chatID, next)
		s.mu.Unlock()
		for _, x := range msgs {
			if match == nil || match(x) {
				found = x
				return true
			}
		}
		return false
	})
	return found, ok
}

// AwaitCallSince waits until the bot made a call of method ("" = any) after m
// for which match returns true (nil matches any), and returns the first
// such call. It reports false when timeout passes first.
func (s *Server) AwaitCallSince(m Mark, method string, match func(Call) bool, timeout time.Duration) (Call, bool) {
	var found Call
	next := m.calls
	ok := s.waitFor(timeout, func() bool {
		s.mu.Lock()
		fresh := append([]Call(nil), s.calls[min(next, len(s.calls)):]...)
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
