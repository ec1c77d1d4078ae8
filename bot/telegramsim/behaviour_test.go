package telegramsim

import (
	"bytes"
	"image"
	"image/png"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

func TestEnvelopeAndIdentity(t *testing.T) {
	s := newTest(t)
	var me models.User
	mustOK(t, callJSON(t, s, "getMe", nil)).decode(t, &me)
	if me.ID != 123456 || !me.IsBot || me.FirstName != "Courtyard" || me.Username != "courtyard_test_bot" || BotUser() != (models.User{ID: me.ID, IsBot: true, FirstName: me.FirstName, Username: me.Username}) {
		t.Errorf("getMe %+v", me)
	}
	req, _ := http.NewRequest(http.MethodPost, s.URL()+"/bot1:WRONG/getMe", nil)
	wantErr(t, do(t, req), 401, "Unauthorized")
	req, _ = http.NewRequest(http.MethodGet, s.URL()+"/elsewhere", nil)
	wantErr(t, do(t, req), 404, "Not Found")
	// GET with query parameters works like Telegram's.
	req, _ = http.NewRequest(http.MethodGet, methodURL(s, "getUpdates")+"?timeout=0&limit=5", nil)
	mustOK(t, do(t, req))
	if len(s.Violations()) != 0 {
		t.Errorf("violations %v", s.Violations())
	}
	if c := s.Calls(""); len(c) != 3 || c[1].Status != 401 || c[2].Params["limit"] != float64(5) {
		t.Errorf("calls %+v", c)
	}
}

func TestChats(t *testing.T) {
	s := newTest(t)
	ann := s.User(10, "Ann", "en")
	bob := s.User(11, "Bob", "en")
	grp := s.Group(-100200, "Club")
	if PrivateChat(ann) != (models.Chat{ID: 10, Type: "private", FirstName: "Ann"}) || grp.ID != -100200 || grp.Type != "supergroup" {
		t.Fatalf("chats %+v %+v", PrivateChat(ann), grp)
	}
	// A user who never wrote to the bot is unknown, like on Telegram.
	wantErr(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": 10, "text": "hi"}), 400, "Bad Request: chat not found")
	s.SendText(ann, grp, "hello group") // a message anywhere makes the sender reachable
	s.SendText(bob, PrivateChat(bob), "hello")
	s.SendText(bob, PrivateChat(bob), "again") // user messages take ids too
	for _, chat := range []int64{10, 11, -100200, 11} {
		mustOK(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": chat, "text": "hi"}))
	}
	ids := func(chat int64) (out []int) {
		for _, m := range s.Messages(chat) {
			out = append(out, m.ID)
		}
		return out
	}
	if a, b, g := ids(10), ids(11), ids(-100200); len(a) != 1 || a[0] != 1 || len(b) != 2 || b[0] != 3 || b[1] != 4 || len(g) != 1 || g[0] != 2 {
		t.Errorf("message ids: ann %v bob %v group %v", a, b, g)
	}
	var info models.ChatFullInfo
	mustOK(t, callJSON(t, s, "getChat", map[string]any{"chat_id": -100200})).decode(t, &info)
	if info.Title != "Club" || info.Type != "supergroup" {
		t.Errorf("getChat %+v", info)
	}
	wantErr(t, callJSON(t, s, "getChat", map[string]any{"chat_id": -5}), 400, "Bad Request: chat not found")
	mustOK(t, callJSON(t, s, "sendChatAction", map[string]any{"chat_id": 10, "action": "typing"}))
	wantErr(t, callJSON(t, s, "sendChatAction", map[string]any{"chat_id": 10, "action": "dancing"}), 400, "Bad Request: wrong parameter action in request")
	mustOK(t, callJSON(t, s, "leaveChat", map[string]any{"chat_id": -100200}))
	wantErr(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": -100200, "text": "hi"}), 403, "Forbidden: bot is not a member of the supergroup chat")
	if n := s.CallCount("sendMessage"); n != 6 {
		t.Errorf("CallCount = %d", n)
	}
}

func TestEdits(t *testing.T) {
	s := newTest(t)
	u := s.User(3, "Cy", "en")
	s.SendText(u, PrivateChat(u), "/start")
	kb := map[string]any{"inline_keyboard": []any{[]any{map[string]any{"text": "A", "callback_data": "a"}}}}
	mustOK(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": 3, "text": "one", "reply_markup": kb}))
	edit := func(params map[string]any) apiResp {
		params["chat_id"], params["message_id"] = 3, 2
		return callJSON(t, s, "editMessageText", params)
	}
	notModified := "Bad Request: message is not modified"
	wantErr(t, edit(map[string]any{"text": "one", "reply_markup": kb}), 400, notModified)
	wantErr(t, edit(map[string]any{"text": "<b>x", "parse_mode": "HTML"}), 400, `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`)
	wantErr(t, edit(map[string]any{"text": strings.Repeat("x", 4097)}), 400, "Bad Request: message is too long")
	var m models.Message
	mustOK(t, edit(map[string]any{"text": "<i>two</i>", "parse_mode": "HTML", "reply_markup": kb})).decode(t, &m)
	if m.Text != "two" || m.EditDate == 0 || m.ReplyMarkup == nil {
		t.Errorf("edited answer %+v", m)
	}
	// Same plain text but different formatting is a modification.
	mustOK(t, edit(map[string]any{"text": "two", "reply_markup": kb}))
	wantErr(t, callJSON(t, s, "editMessageText", map[string]any{"chat_id": 3, "message_id": 50, "text": "x"}), 400, "Bad Request: message to edit not found")
	wantErr(t, callJSON(t, s, "editMessageText", map[string]any{"chat_id": 3, "message_id": 1, "text": "x"}), 400, "Bad Request: message can't be edited")

	wantErr(t, callJSON(t, s, "editMessageReplyMarkup", map[string]any{"chat_id": 3, "message_id": 2, "reply_markup": kb}), 400, notModified)
	mustOK(t, callJSON(t, s, "editMessageReplyMarkup", map[string]any{"chat_id": 3, "message_id": 2}))
	got := s.Messages(3)[0]
	if got.Text != "two" || got.Plain != "two" || got.Edits != 3 || got.Buttons != nil {
		t.Errorf("after edits %+v", got)
	}
	wantErr(t, callJSON(t, s, "editMessageCaption", map[string]any{"chat_id": 3, "message_id": 2, "caption": "c"}), 400, "Bad Request: there is no caption in the message to edit")

	mustOK(t, callMultipart(t, s, "sendPhoto", map[string]string{"chat_id": "3", "caption": "pic"}, map[string][2]string{"photo": {"cat.png", tinyPNG(t, 3, 2)}}))
	wantErr(t, callMultipart(t, s, "sendPhoto", map[string]string{"chat_id": "3"}, map[string][2]string{"photo": {"cat.jpg", "JPEGDATA"}}), 400, "Bad Request: IMAGE_PROCESS_FAILED")
	wantErr(t, callJSON(t, s, "editMessageCaption", map[string]any{"chat_id": 3, "message_id": 3, "caption": "pic"}), 400, notModified)
	wantErr(t, callJSON(t, s, "editMessageCaption", map[string]any{"chat_id": 3, "message_id": 3, "caption": strings.Repeat("c", 1025)}), 400, "Bad Request: message caption is too long")
	mustOK(t, callJSON(t, s, "editMessageCaption", map[string]any{"chat_id": 3, "message_id": 3, "caption": "<b>new</b>", "parse_mode": "HTML"}))
	wantErr(t, callJSON(t, s, "editMessageText", map[string]any{"chat_id": 3, "message_id": 3, "text": "x"}), 400, "Bad Request: there is no text in the message to edit")
	photo := s.Messages(3)[1]
	if photo.Caption != "<b>new</b>" || photo.Plain != "new" || photo.Photo == "" || photo.Method != "sendPhoto" || photo.Edits != 1 ||
		photo.PhotoName != "cat.png" || len(photo.PhotoData) == 0 {
		t.Errorf("photo %+v", photo)
	}
}

func TestFilesPinsAndDeletes(t *testing.T) {
	s := newTest(t)
	u := s.User(4, "Di", "en")
	s.SendText(u, PrivateChat(u), "hi")
	r := mustOK(t, callMultipart(t, s, "sendDocument", map[string]string{"chat_id": "4", "caption": "report",
		"reply_parameters": `{"message_id":1}`}, map[string][2]string{"document": {"report.csv", "a,b\n1,2\n"}}))
	var m models.Message
	r.decode(t, &m)
	if m.Document == nil || m.Document.FileName != "report.csv" || m.Document.FileSize != 8 || m.Caption != "report" || m.ReplyToMessage == nil {
		t.Fatalf("document answer %+v", m)
	}
	doc := s.Messages(4)[0]
	if doc.DocumentName != "report.csv" || string(doc.DocumentData) != "a,b\n1,2\n" || doc.Document != m.Document.FileID || doc.ReplyTo != 1 {
		t.Errorf("document %+v", doc)
	}
	if up, ok := s.Calls("sendDocument")[0].Params["document"].(Upload); !ok || up.Name != "report.csv" {
		t.Errorf("upload param %+v", s.Calls("sendDocument")[0].Params)
	}
	// The same file again by file_id, and a photo by URL.
	mustOK(t, callJSON(t, s, "sendDocument", map[string]any{"chat_id": 4, "document": m.Document.FileID}))
	mustOK(t, callJSON(t, s, "sendPhoto", map[string]any{"chat_id": 4, "photo": "https://example.com/cat.jpg"}))
	if msgs := s.Messages(4); msgs[1].Document != m.Document.FileID || msgs[2].Photo != "https://example.com/cat.jpg" {
		t.Errorf("by reference: %+v", msgs)
	}
	wantErr(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": 4, "text": "x", "reply_parameters": map[string]any{"message_id": 99}}), 400, "Bad Request: message to be replied not found")
	mustOK(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": 4, "text": "x", "reply_parameters": map[string]any{"message_id": 99, "allow_sending_without_reply": true}}))

	mustOK(t, callJSON(t, s, "pinChatMessage", map[string]any{"chat_id": 4, "message_id": 2}))
	wantErr(t, callJSON(t, s, "pinChatMessage", map[string]any{"chat_id": 4, "message_id": 77}), 400, "Bad Request: message to pin not found")
	if !s.Messages(4)[0].Pinned {
		t.Error("not pinned")
	}
	mustOK(t, callJSON(t, s, "unpinChatMessage", map[string]any{"chat_id": 4}))
	if s.Messages(4)[0].Pinned {
		t.Error("still pinned")
	}
	mustOK(t, callJSON(t, s, "deleteMessage", map[string]any{"chat_id": 4, "message_id": 2}))
	wantErr(t, callJSON(t, s, "deleteMessage", map[string]any{"chat_id": 4, "message_id": 2}), 400, "Bad Request: message to delete not found")
	if msgs := s.Messages(4); len(msgs) != 3 || msgs[0].ID != 3 {
		t.Errorf("after delete: %+v", msgs)
	}
}

func TestOtherMethods(t *testing.T) {
	s := newTest(t)
	u := s.User(8, "Ed", "en")
	s.SendText(u, PrivateChat(u), "hi")
	var m models.Message
	mustOK(t, callJSON(t, s, "sendLocation", map[string]any{"chat_id": 8, "latitude": 1.5, "longitude": 2})).decode(t, &m)
	if m.ID != 2 || m.From.ID != BotID {
		t.Errorf("sendLocation answer %+v", m)
	}
	var mid models.MessageID
	mustOK(t, callJSON(t, s, "copyMessage", map[string]any{"chat_id": 8, "from_chat_id": 8, "message_id": 1})).decode(t, &mid)
	if mid.ID != 3 || s.Messages(8)[1].Method != "copyMessage" {
		t.Errorf("copyMessage %+v", mid)
	}
	if r := mustOK(t, callJSON(t, s, "setMyDescription", map[string]any{"description": "x"})); string(r.Result) != "true" {
		t.Errorf("setMyDescription result %s", r.Result)
	}
	if r := mustOK(t, callJSON(t, s, "getMyCommands", nil)); string(r.Result) != "[]" {
		t.Errorf("getMyCommands result %s", r.Result)
	}
	mustOK(t, callJSON(t, s, "setMyCommands", map[string]any{"commands": []any{map[string]any{"command": "start", "description": "Start"}}}))
	wantErr(t, callJSON(t, s, "setMyCommands", map[string]any{"commands": []any{map[string]any{"command": "Start", "description": "Start"}}}), 400, "Bad Request: BOT_COMMAND_INVALID")
	if c := s.Commands(); len(c) != 2 || c[0].Status != 200 {
		t.Errorf("commands %+v", c)
	}
	wantErr(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": 8, "text": "x",
		"reply_markup": map[string]any{"inline_keyboard": []any{[]any{map[string]any{"text": "label only"}}}}}), 400,
		"Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
	mustOK(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": 8, "text": "Name?", "reply_markup": map[string]any{"force_reply": true}}))
	mustOK(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": 8, "text": "Pick",
		"reply_markup": map[string]any{"keyboard": []any{[]any{map[string]any{"text": "Yes"}, map[string]any{"text": "No"}}}}}))
	msgs := s.Messages(8)
	if !msgs[2].ForceReply || len(msgs[3].Keyboard) != 1 || msgs[3].Keyboard[0][1] != "No" {
		t.Errorf("markup %+v", msgs)
	}
	if len(s.Violations()) != 0 {
		t.Errorf("violations %v", s.Violations())
	}
}

func TestAwait(t *testing.T) {
	s := newTest(t)
	u := s.User(9, "Fay", "en")
	s.SendText(u, PrivateChat(u), "hi")
	go func() {
		for i := 0; i < 3; i++ {
			tryJSON(s, "sendMessage", map[string]any{"chat_id": 9, "text": "msg " + string(rune('a'+i))})
		}
	}()
	m, ok := s.AwaitMessage(9, func(m Message) bool { return m.Text == "msg c" }, 5*time.Second)
	if !ok || m.ID != 4 || m.ChatID != 9 || m.Date.IsZero() {
		t.Errorf("AwaitMessage %+v, %v", m, ok)
	}
	c, ok := s.AwaitCall("SENDMESSAGE", func(c Call) bool { return c.Params["text"] == "msg b" }, time.Second)
	if !ok || c.Params["chat_id"] != float64(9) || c.Status != 200 {
		t.Errorf("AwaitCall %+v, %v", c, ok)
	}
	if !s.Await(func() bool { return s.CallCount("sendMessage") == 3 }, time.Second) {
		t.Errorf("Await: %d sendMessage calls", s.CallCount("sendMessage"))
	}

	// On timeout each reports false.
	if m, ok := s.AwaitMessage(9, func(m Message) bool { return m.Text == "never" }, 20*time.Millisecond); ok || m.ID != 0 {
		t.Errorf("AwaitMessage timeout: %+v, %v", m, ok)
	}
	if c, ok := s.AwaitCall("answerCallbackQuery", nil, 20*time.Millisecond); ok || c.Method != "" {
		t.Errorf("AwaitCall timeout: %+v, %v", c, ok)
	}
	if s.Await(func() bool { return false }, 20*time.Millisecond) {
		t.Error("Await timeout reported true")
	}
}

// tinyPNG is a w×h picture, PNG-encoded.
func tinyPNG(t *testing.T, w, h int) string {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
