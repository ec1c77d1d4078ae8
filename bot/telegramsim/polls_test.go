package telegramsim

import (
	"testing"

	"github.com/go-telegram/bot/models"
)

// A native poll is sent with what the Bot API table accepts and stopped
// once; a second stop and a poll of one option are refused as Telegram
// refuses them.
func TestSendAndStopPoll(t *testing.T) {
	s := newTest(t)
	g := s.Group(-100, "G")
	var m models.Message
	mustOK(t, callJSON(t, s, "sendPoll", map[string]any{"chat_id": g.ID, "question": "Where?", "is_anonymous": true,
		"options": []any{map[string]any{"text": "Here"}, map[string]any{"text": "There"}}, "hide_results_until_closes": true})).decode(t, &m)
	if m.Poll == nil || m.Poll.Question != "Where?" || len(m.Poll.Options) != 2 {
		t.Fatalf("sendPoll answered %+v", m)
	}
	ms := s.Messages(g.ID)
	if len(ms) != 1 || ms[0].Poll == nil || !ms[0].Poll.HideResults || ms[0].Poll.Closed {
		t.Fatalf("the chat shows %+v", ms)
	}
	var p models.Poll
	mustOK(t, callJSON(t, s, "stopPoll", map[string]any{"chat_id": g.ID, "message_id": m.ID})).decode(t, &p)
	if !p.IsClosed || !s.Messages(g.ID)[0].Poll.Closed {
		t.Errorf("stopPoll: %+v", p)
	}
	wantErr(t, callJSON(t, s, "stopPoll", map[string]any{"chat_id": g.ID, "message_id": m.ID}), 400, "Bad Request: poll has already been closed")
	wantErr(t, callJSON(t, s, "sendPoll", map[string]any{"chat_id": g.ID, "question": "Q", "options": []any{map[string]any{"text": "only"}}}),
		400, "Bad Request: POLL_ANSWERS_INVALID")
	if v := s.Violations(); len(v) != 0 {
		t.Errorf("violations: %v", v)
	}
}
