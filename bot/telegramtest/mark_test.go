package telegramtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestWaitSinceAMark(t *testing.T) {
	s := New(t)
	u := s.User(9, "Fay", "en")
	s.SendText(u, PrivateChat(u), "hi")
	mustPost(t, s, "sendMessage", map[string]any{"chat_id": 9, "text": "old"})
	mustPost(t, s, "sendMessage", map[string]any{"chat_id": 9, "text": "kept"})
	post(t, s, "answerCallbackQuery", map[string]any{"callback_query_id": "1", "text": "old"})
	m := s.Mark()
	if got := s.MessagesSince(m, 9); len(got) != 0 {
		t.Errorf("messages since a fresh mark: %+v", got)
	}
	if got := s.CallsSince(m, ""); len(got) != 0 {
		t.Errorf("calls since a fresh mark: %+v", got)
	}

	// What the chat held before the mark does not satisfy a wait after it.
	rec := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.WaitMessageSince(rec, m, 9, func(m Message) bool { return m.Plain == "old" }, 20*time.Millisecond)
	}()
	<-done
	if len(rec.fatals) != 1 || !strings.Contains(rec.fatals[0], "(no messages)") || !strings.Contains(rec.fatals[0], "and 2 messages before") {
		t.Errorf("WaitMessageSince on an old message: %q", rec.fatals)
	}
	done = make(chan struct{})
	go func() {
		defer close(done)
		s.WaitCallSince(rec, m, "answerCallbackQuery", nil, 20*time.Millisecond)
	}()
	<-done
	if len(rec.fatals) != 2 || !strings.Contains(rec.fatals[1], "(no calls)") {
		t.Errorf("WaitCallSince on an old call: %q", rec.fatals)
	}

	// A new message, an edit of an old one and a new call do.
	go func() {
		postAsync(s, "sendMessage", map[string]any{"chat_id": 9, "text": "new"})
		postAsync(s, "editMessageText", map[string]any{"chat_id": 9, "message_id": 2, "text": "old, edited"})
		postAsync(s, "answerCallbackQuery", map[string]any{"callback_query_id": "2", "text": "new"})
	}()
	if got := s.WaitMessageSince(t, m, 9, func(m Message) bool { return strings.HasPrefix(m.Plain, "old") }, 5*time.Second); got.ID != 2 || got.Plain != "old, edited" {
		t.Errorf("edited message %+v", got)
	}
	if got := s.WaitMessageSince(t, m, 9, nil, time.Second); got.ID != 2 {
		t.Errorf("first message since the mark %+v, want the edited #2 before the new #4", got)
	}
	if got := s.WaitCallSince(t, m, "answerCallbackQuery", nil, 5*time.Second); got.Params["text"] != "new" {
		t.Errorf("call since the mark %+v", got)
	}
	var texts []string
	for _, x := range s.MessagesSince(m, 9) {
		texts = append(texts, x.Plain)
	}
	if strings.Join(texts, "|") != "old, edited|new" {
		t.Errorf("messages since the mark: %q", texts)
	}
	if n := len(s.CallsSince(m, "sendMessage")); n != 1 {
		t.Errorf("%d sendMessage calls since the mark, want 1", n)
	}
	if n := len(s.MessagesSince(Mark{}, 9)); n != 3 {
		t.Errorf("the zero mark sees %d messages, want all 3", n)
	}
}

// mustPost makes a Bot API call as the bot that must succeed.
func mustPost(t *testing.T, s *Server, method string, params map[string]any) {
	t.Helper()
	if code := post(t, s, method, params); code != http.StatusOK {
		t.Fatalf("%s: HTTP %d", method, code)
	}
}

// postAsync makes a Bot API call as the bot from another goroutine; the
// waits that follow tell whether it arrived.
func postAsync(s *Server, method string, params map[string]any) {
	b, err := json.Marshal(params)
	if err != nil {
		return
	}
	resp, err := http.Post(s.URL()+"/bot"+Token+"/"+method, "application/json", bytes.NewReader(b))
	if err == nil {
		resp.Body.Close()
	}
}
