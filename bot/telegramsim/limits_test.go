package telegramsim

import (
	"sync"
	"testing"
	"time"
)

func TestLimits(t *testing.T) {
	s := newTest(t, WithLimits(Limits{GlobalPerSecond: 3, PerChatPerSecond: 1, PerGroupPerMinute: 2}))
	a, b := s.User(1, "A", "en"), s.User(2, "B", "en")
	s.Group(-10, "G")
	s.SendText(a, PrivateChat(a), "hi")
	s.SendText(b, PrivateChat(b), "hi")
	send := func(chat int64) apiResp {
		return callJSON(t, s, "sendMessage", map[string]any{"chat_id": chat, "text": "x"})
	}
	mustOK(t, send(1))
	r := send(1) // second in the same second to one chat
	wantErr(t, r, 429, "Too Many Requests: retry after 1")
	if r.Parameters.RetryAfter != 1 {
		t.Errorf("retry_after = %d", r.Parameters.RetryAfter)
	}
	mustOK(t, send(2))
	mustOK(t, send(-10))
	r = send(-100) // unknown chat: refused before the limits
	wantErr(t, r, 400, "Bad Request: chat not found")
	wantErr(t, callJSON(t, s, "sendPhoto", map[string]any{"chat_id": 2, "photo": "x"}), 429, "Too Many Requests: retry after 1") // global: 3 per second used

	// Exempt: callback answers and polling.
	s.PressRaw(a, PrivateChat(a), 1, "d")
	var ups []struct {
		CallbackQuery *struct {
			ID string `json:"id"`
		} `json:"callback_query"`
	}
	mustOK(t, callJSON(t, s, "getUpdates", nil)).decode(t, &ups)
	mustOK(t, callJSON(t, s, "answerCallbackQuery", map[string]any{"callback_query_id": ups[len(ups)-1].CallbackQuery.ID}))
	if s.TooMany() != 2 {
		t.Errorf("TooMany = %d", s.TooMany())
	}
}

func TestGroupLimitRetryAfter(t *testing.T) {
	s := newTest(t, WithLimits(Limits{PerGroupPerMinute: 2}))
	g := s.Group(-10, "G")
	for i := 0; i < 2; i++ {
		mustOK(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": g.ID, "text": "x"}))
	}
	r := callJSON(t, s, "editMessageText", map[string]any{"chat_id": g.ID, "message_id": 1, "text": "y"})
	if r.ErrorCode != 429 || r.Parameters.RetryAfter < 59 || r.Parameters.RetryAfter > 60 {
		t.Errorf("group limit: %d %q retry_after %d", r.ErrorCode, r.Description, r.Parameters.RetryAfter)
	}
}

func TestWindow(t *testing.T) {
	now := time.Unix(1000, 0)
	w := newWindow(0.5, time.Second) // one per two seconds
	if w.max != 1 || w.span != 2*time.Second {
		t.Fatalf("window %+v", w)
	}
	w.add(now)
	if d := w.wait(now.Add(time.Second)); d != time.Second {
		t.Errorf("wait = %v", d)
	}
	if d := w.wait(now.Add(2 * time.Second)); d != 0 {
		t.Errorf("wait after span = %v", d)
	}
	w = newWindow(2, time.Second)
	w.add(now)
	w.add(now.Add(500 * time.Millisecond))
	if d := w.wait(now.Add(600 * time.Millisecond)); d != 400*time.Millisecond {
		t.Errorf("wait = %v", d)
	}
	w.add(now.Add(time.Second))
	if d := w.wait(now.Add(time.Second)); d != 500*time.Millisecond {
		t.Errorf("ring wait = %v", d)
	}
	if newWindow(0, time.Second) != nil {
		t.Error("0 should be unlimited")
	}
}

// TestConcurrentUse hammers the server from many goroutines; run with -race.
func TestConcurrentUse(t *testing.T) {
	s := newTest(t)
	const users, perUser = 8, 25
	var wg sync.WaitGroup
	for i := 1; i <= users; i++ {
		u := s.User(int64(i), "U", "en")
		wg.Add(2)
		go func() {
			defer wg.Done()
			for j := 0; j < perUser; j++ {
				s.SendText(u, PrivateChat(u), "hi")
			}
		}()
		go func() {
			defer wg.Done()
			for j := 0; j < perUser; j++ {
				_, _ = s.Messages(u.ID), s.Calls("")
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		offset := int64(0)
		for seen := 0; seen < users*perUser; {
			r, err := tryJSON(s, "getUpdates", map[string]any{"offset": offset, "timeout": 5})
			if err != nil {
				t.Error(err)
				return
			}
			var ups []struct {
				ID      int64 `json:"update_id"`
				Message struct {
					Chat struct {
						ID int64 `json:"id"`
					} `json:"chat"`
				} `json:"message"`
			}
			if err := jsonUnmarshal(r.Result, &ups); err != nil {
				t.Error(err)
				return
			}
			for _, up := range ups {
				if up.ID != offset && offset != 0 {
					t.Errorf("update %d out of order, want %d", up.ID, offset)
				}
				offset = up.ID + 1
				seen++
				go tryJSON(s, "sendMessage", map[string]any{"chat_id": up.Message.Chat.ID, "text": "re"})
			}
		}
	}()
	wg.Wait()
	<-done
	if !s.Await(func() bool { return s.CallCount("sendMessage") == users*perUser }, 10*time.Second) {
		t.Fatalf("%d of %d messages sent", s.CallCount("sendMessage"), users*perUser)
	}
	for i := 1; i <= users; i++ {
		if n := len(s.Messages(int64(i))); n != perUser {
			t.Errorf("chat %d got %d messages", i, n)
		}
	}
	if len(s.Violations()) != 0 {
		t.Errorf("violations %v", s.Violations())
	}
}
