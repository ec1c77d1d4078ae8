package telegramsim

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

func getUpdates(t testing.TB, s *Server, params map[string]any) []models.Update {
	t.Helper()
	r := mustOK(t, callJSON(t, s, "getUpdates", params))
	var ups []models.Update
	r.decode(t, &ups)
	return ups
}

// pollStarted waits until the server holds n getUpdates requests so far.
func pollStarted(t *testing.T, s *Server, n uint64) {
	t.Helper()
	started := s.Await(func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.pollGen >= n
	}, 5*time.Second)
	if !started {
		t.Fatalf("fewer than %d getUpdates requests", n)
	}
}

func TestLongPoll(t *testing.T) {
	s := newTest(t)
	u := s.User(1, "Ann", "en")

	// timeout 0 answers at once.
	if ups := getUpdates(t, s, map[string]any{"timeout": 0}); len(ups) != 0 {
		t.Fatalf("got %d updates", len(ups))
	}

	got := make(chan apiResp, 1)
	start := time.Now()
	go func() {
		r, err := tryJSON(s, "getUpdates", map[string]any{"offset": 1, "timeout": 30})
		if err != nil {
			t.Error(err)
		}
		got <- r
	}()
	pollStarted(t, s, 2)
	id := s.SendText(u, PrivateChat(u), "hello")
	var ups []models.Update
	mustOK(t, <-got).decode(t, &ups)
	if time.Since(start) > 10*time.Second {
		t.Fatalf("long poll did not return when the update arrived")
	}
	if len(ups) != 1 || ups[0].ID != id || ups[0].Message.Text != "hello" || ups[0].Message.From.ID != 1 {
		t.Fatalf("updates %+v", ups)
	}
	if s.Pending() != 1 || s.Confirmed() != 1 {
		t.Fatalf("pending %d confirmed %d before confirming", s.Pending(), s.Confirmed())
	}
	// Unconfirmed updates come again; confirmed ones are gone forever.
	if ups := getUpdates(t, s, map[string]any{"timeout": 0}); len(ups) != 1 {
		t.Fatalf("unconfirmed update not redelivered: %+v", ups)
	}
	if ups := getUpdates(t, s, map[string]any{"offset": id + 1}); len(ups) != 0 {
		t.Fatalf("confirmed update delivered again: %+v", ups)
	}
	if ups := getUpdates(t, s, map[string]any{"offset": id}); len(ups) != 0 {
		t.Fatalf("confirmed update came back: %+v", ups)
	}
	if s.Pending() != 0 || s.Confirmed() != id+1 {
		t.Fatalf("pending %d confirmed %d", s.Pending(), s.Confirmed())
	}
}

func TestGetUpdatesOrderAndLimit(t *testing.T) {
	s := newTest(t)
	u := s.User(1, "Ann", "en")
	var ids []int64
	for i := 0; i < 150; i++ {
		ids = append(ids, s.SendText(u, PrivateChat(u), "m"))
	}
	ups := getUpdates(t, s, nil)
	if len(ups) != 100 {
		t.Fatalf("default limit: got %d", len(ups))
	}
	for i, up := range ups {
		if up.ID != ids[i] || up.Message.ID != i+1 {
			t.Fatalf("update %d: id %d message %d", i, up.ID, up.Message.ID)
		}
	}
	ups = getUpdates(t, s, map[string]any{"offset": ids[99] + 1, "limit": 20})
	if len(ups) != 20 || ups[0].ID != ids[100] {
		t.Fatalf("limit 20 from offset: %d, first %d", len(ups), ups[0].ID)
	}
	ups = getUpdates(t, s, map[string]any{"offset": -3})
	if len(ups) != 3 || ups[2].ID != ids[149] || s.Pending() != 3 {
		t.Fatalf("negative offset: %d updates, pending %d", len(ups), s.Pending())
	}
}

func TestLongPollConflictAndClose(t *testing.T) {
	s := newTest(t)
	poll := func() chan apiResp {
		ch := make(chan apiResp, 1)
		go func() {
			r, err := tryJSON(s, "getUpdates", map[string]any{"timeout": 50})
			if err != nil {
				t.Error(err)
			}
			ch <- r
		}()
		return ch
	}
	first := poll()
	pollStarted(t, s, 1)
	second := poll()
	wantErr(t, <-first, 409, conflictDesc)

	start := time.Now()
	s.Close()
	r := <-second
	if !r.OK || string(r.Result) != "[]" || time.Since(start) > 5*time.Second {
		t.Fatalf("long poll after Close: %+v after %v", r, time.Since(start))
	}
}

func TestUserUpdates(t *testing.T) {
	s := newTest(t)
	u := s.User(5, "Ann", "en")
	g := s.Group(-1001, "Club")
	s.SendText(u, g, "/start@"+BotUsername+" now")
	s.SendText(u, PrivateChat(u), "/😀 x")
	s.SendText(u, PrivateChat(u), "plain /text")
	s.SendLocation(u, PrivateChat(u), 52.5, 13.4)
	s.SendPhoto(u, PrivateChat(u), "look")
	ups := getUpdates(t, s, nil)
	if len(ups) != 5 {
		t.Fatalf("%d updates", len(ups))
	}
	cmd := ups[0].Message
	if cmd.Chat.ID != -1001 || cmd.Chat.Title != "Club" || cmd.Chat.Type != "supergroup" || cmd.ID != 1 ||
		len(cmd.Entities) != 1 || cmd.Entities[0].Type != "bot_command" || cmd.Entities[0].Length != len("/start@"+BotUsername) {
		t.Errorf("group command: %+v", cmd)
	}
	if e := ups[1].Message.Entities; len(e) != 1 || e[0].Length != 3 || ups[1].Message.ID != 1 {
		t.Errorf("emoji command entity (UTF-16): %+v", ups[1].Message)
	}
	if len(ups[2].Message.Entities) != 0 || ups[2].Message.ID != 2 {
		t.Errorf("plain text: %+v", ups[2].Message)
	}
	if l := ups[3].Message.Location; l == nil || l.Latitude != 52.5 || l.Longitude != 13.4 {
		t.Errorf("location: %+v", ups[3].Message)
	}
	photo := ups[4].Message
	if photo.Caption != "look" || len(photo.Photo) != 3 || photo.Photo[2].Width != 1280 {
		t.Fatalf("photo: %+v", photo)
	}
	// The photo can be fetched with getFile and downloaded like from Telegram.
	var f models.File
	mustOK(t, callJSON(t, s, "getFile", map[string]any{"file_id": photo.Photo[2].FileID})).decode(t, &f)
	resp, err := http.Get(s.URL() + "/file/bot" + Token + "/" + f.FilePath)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || int64(len(data)) != f.FileSize || f.FileSize == 0 {
		t.Errorf("download: %d, %d bytes, file %+v", resp.StatusCode, len(data), f)
	}
	wantErr(t, callJSON(t, s, "getFile", map[string]any{"file_id": "nope"}), 400, "Bad Request: invalid file_id")
}

func TestReplyAndPress(t *testing.T) {
	s, rec := newRecorded(t)
	u := s.User(5, "Ann", "en")
	s.SendText(u, PrivateChat(u), "hi")
	mustOK(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": 5, "text": "Pick",
		"reply_markup": map[string]any{"inline_keyboard": []any{[]any{
			map[string]any{"text": "A", "callback_data": "pick:a"},
			map[string]any{"text": "Site", "url": "https://example.com"},
		}}}}))
	bm, ok := s.AwaitMessage(5, nil, time.Second)
	if !ok || bm.ID != 2 || bm.Text != "Pick" || len(bm.Buttons) != 1 || bm.Buttons[0][0] != (Button{Text: "A", Data: "pick:a"}) ||
		bm.Buttons[0][1].URL != "https://example.com" || bm.Method != "sendMessage" {
		t.Fatalf("bot message %+v", bm)
	}

	replyID := s.SendReply(u, PrivateChat(u), "answer", bm)
	pressID := s.Press(u, bm, "pick:a")
	rawID := s.PressRaw(u, PrivateChat(u), 99, "forged")
	ups := getUpdates(t, s, nil)
	byID := map[int64]models.Update{}
	for _, up := range ups {
		byID[up.ID] = up
	}
	if rt := byID[replyID].Message.ReplyToMessage; rt == nil || rt.ID != 2 || rt.Text != "Pick" || rt.From.ID != BotID {
		t.Errorf("reply_to_message: %+v", rt)
	}
	q := byID[pressID].CallbackQuery
	if q == nil || q.Data != "pick:a" || q.From.ID != 5 || q.Message.Message == nil || q.Message.Message.ID != 2 ||
		q.Message.Message.ReplyMarkup == nil || q.Message.Message.ReplyMarkup.InlineKeyboard[0][0].CallbackData != "pick:a" {
		t.Fatalf("callback query: %+v", q)
	}
	raw := byID[rawID].CallbackQuery
	if raw == nil || raw.Data != "forged" || raw.Message.InaccessibleMessage == nil || raw.Message.InaccessibleMessage.MessageID != 99 || raw.ID == q.ID {
		t.Fatalf("forged query: %+v", raw)
	}

	mustOK(t, callJSON(t, s, "answerCallbackQuery", map[string]any{"callback_query_id": q.ID, "text": "ok"}))
	tooOld := "Bad Request: query is too old and response timeout expired or query ID is invalid"
	wantErr(t, callJSON(t, s, "answerCallbackQuery", map[string]any{"callback_query_id": q.ID}), 400, tooOld)
	wantErr(t, callJSON(t, s, "answerCallbackQuery", map[string]any{"callback_query_id": "123"}), 400, tooOld)
	mustOK(t, callJSON(t, s, "answerCallbackQuery", map[string]any{"callback_query_id": raw.ID}))
	if a := s.Answers(); len(a) != 4 || a[0].Params["text"] != "ok" || a[0].Status != 200 || a[1].Status != 400 {
		t.Errorf("answers %+v", a)
	}

	// Pressing a button the message does not have is a test bug.
	if id := s.Press(u, bm, "pick:b"); id != 0 || len(rec.errors()) != 1 {
		t.Errorf("Press with unknown data: id %d, errors %v", id, rec.errors())
	}
	if id := s.Press(u, Message{ChatID: 5, ID: 1}, "x"); id != 0 || len(rec.errors()) != 2 {
		t.Errorf("Press on a user message: id %d, errors %v", id, rec.errors())
	}
}

func TestAddUpdateRegistersChats(t *testing.T) {
	s := newTest(t)
	u := models.User{ID: 77, FirstName: "Raw"}
	chat := models.Chat{ID: -500, Type: models.ChatTypeGroup, Title: "Raw group"}
	id := s.AddUpdate(models.Update{ID: 999, Message: &models.Message{ID: 10, From: &u, Chat: chat, Date: 1, Text: "x"}})
	if id != 1 {
		t.Fatalf("AddUpdate assigned %d", id)
	}
	r := mustOK(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": -500, "text": "hi group"}))
	var m models.Message
	r.decode(t, &m)
	if m.ID != 11 || m.Chat.Title != "Raw group" {
		t.Errorf("message after raw update: %+v", m)
	}
	mustOK(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": 77, "text": "hi user"}))
}
