package try

import (
	"encoding/json"
	"io"
	"net/http"
	"time"

	"courtyard/bot/telegramsim"
)

// handleEvents streams server-sent events: "change" after anything
// happened (the page fetches what it shows again), with the bot's time and
// the answers to button presses since the last event.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	lastGen, last := -1, int64(0)
	for {
		wake := s.bell.wait()
		sess := s.session()
		s.mu.Lock()
		gen := s.gen
		s.mu.Unlock()
		answers := sess.said.answered(answerCalls(sess.tg.Calls("answerCallbackQuery")), 0)
		if gen != lastGen {
			// Answers from before the page connected, or from before a
			// start over, are not shown.
			lastGen, last = gen, 0
			for _, a := range answers {
				last = max(last, a.Seq)
			}
		}
		var fresh []answer
		for _, a := range answers {
			if a.Seq > last {
				fresh = append(fresh, a)
				last = a.Seq
			}
		}
		answers = fresh
		b, _ := json.Marshal(map[string]any{"gen": gen, "now": sess.clock.Now(), "answers": answers, "move": sess.move.now()})
		if _, err := io.WriteString(w, "event: change\ndata: "+string(b)+"\n\n"); err != nil {
			return
		}
		fl.Flush()
		select {
		case <-wake:
		case <-r.Context().Done():
			return
		case <-s.quit:
			return
		}
		// Coalesce a burst of changes into one event.
		select {
		case <-time.After(40 * time.Millisecond):
		case <-r.Context().Done():
			return
		}
	}
}

func answerCalls(calls []telegramsim.Call) []answerCall {
	out := make([]answerCall, len(calls))
	for i, c := range calls {
		out[i].QueryID, _ = c.Params["callback_query_id"].(string)
		out[i].Text, _ = c.Params["text"].(string)
		out[i].Alert, _ = c.Params["show_alert"].(bool)
	}
	return out
}
