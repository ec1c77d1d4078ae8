package telegramsim

import (
	"strings"
	"testing"
)

// Telegram counts the text of a button press's answer, like every text
// limit, in UTF-16 units: 100 emoji are the 200 allowed, 101 are too many.
// A refused answer leaves the query open.
func TestCallbackAnswerTextCountedInUTF16(t *testing.T) {
	s := newTest(t)
	u := s.User(5, "Ann", "en")
	s.SendText(u, PrivateChat(u), "/start")
	getUpdates(t, s, nil)
	mustOK(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": 5, "text": "Pick",
		"reply_markup": map[string]any{"inline_keyboard": []any{[]any{map[string]any{"text": "A", "callback_data": "pick:a"}}}}}))
	bm := s.Messages(5)[len(s.Messages(5))-1]
	s.Press(u, bm, "pick:a")
	ups := getUpdates(t, s, nil)
	q := ups[len(ups)-1].CallbackQuery
	wantErr(t, callJSON(t, s, "answerCallbackQuery", map[string]any{"callback_query_id": q.ID, "text": strings.Repeat("👍", 101)}),
		400, "Bad Request: MESSAGE_TOO_LONG")
	mustOK(t, callJSON(t, s, "answerCallbackQuery", map[string]any{"callback_query_id": q.ID, "text": strings.Repeat("👍", 100)}))
}
