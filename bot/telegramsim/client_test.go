package telegramsim

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

func newClient(t *testing.T, s *Server, opts ...bot.Option) *bot.Bot {
	t.Helper()
	opts = append([]bot.Option{bot.WithServerURL(s.URL()), bot.WithSkipGetMe(), bot.WithErrorsHandler(func(error) {})}, opts...)
	b, err := bot.New(Token, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestGoTelegramKeyboardIsFlagged proves the check on real multipart
// requests: go-telegram/bot v1.19.0 marshals every InlineKeyboardButton with
// "copy_text":{"text":""}, which Telegram rejects.
func TestGoTelegramKeyboardIsFlagged(t *testing.T) {
	s, rec := newRecorded(t)
	u := s.User(21, "Gil", "en")
	s.SendText(u, PrivateChat(u), "/start")
	b := newClient(t, s)
	ctx := context.Background()

	_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: u.ID, Text: "Pick one",
		ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "A", CallbackData: "a"}}}}})
	if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), "copy_text.text") {
		t.Fatalf("SendMessage error = %v", err)
	}
	errs := rec.errors()
	want := "sendMessage: parameter reply_markup.inline_keyboard[0][0].copy_text.text: required String must not be empty"
	if len(errs) != 1 || errs[0] != want {
		t.Fatalf("errors %q, want %q", errs, want)
	}
	if len(s.Messages(u.ID)) != 0 {
		t.Error("rejected message was recorded")
	}

	// The same client without a keyboard passes the check.
	rec.reset()
	m, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: u.ID, Text: "<b>Hello</b>", ParseMode: models.ParseModeHTML})
	if err != nil || m.Text != "Hello" || m.ID != 2 || m.From.Username != BotUsername {
		t.Fatalf("SendMessage = %+v, %v", m, err)
	}
	me, err := b.GetMe(ctx)
	if err != nil || me.ID != BotID {
		t.Fatalf("GetMe = %+v, %v", me, err)
	}
	doc, err := b.SendDocument(ctx, &bot.SendDocumentParams{ChatID: u.ID, Caption: "data",
		Document: &models.InputFileUpload{Filename: "a.bin", Data: bytes.NewReader([]byte{0, 1, 2})}})
	if err != nil || doc.Document == nil || doc.Document.FileName != "a.bin" {
		t.Fatalf("SendDocument = %+v, %v", doc, err)
	}
	if got := s.Messages(u.ID)[1]; got.DocumentName != "a.bin" || !bytes.Equal(got.DocumentData, []byte{0, 1, 2}) || got.Caption != "data" {
		t.Errorf("document %+v", got)
	}
	if len(rec.errors()) != 0 {
		t.Errorf("unexpected violations %q", rec.errors())
	}
}

// TestGoTelegramEndToEnd runs a go-telegram/bot bot with long polling
// against the server.
func TestGoTelegramEndToEnd(t *testing.T) {
	s := newTest(t)
	// Keyboards go as raw JSON: the library's own button type cannot pass the check.
	menu := map[string]any{"inline_keyboard": [][]map[string]string{{{"text": "Yes", "callback_data": "yes"}, {"text": "No", "callback_data": "no"}}}}
	handler := func(ctx context.Context, b *bot.Bot, up *models.Update) {
		switch {
		case up.CallbackQuery != nil:
			q := up.CallbackQuery
			b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID, Text: "Noted"})
			b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: q.Message.Message.Chat.ID, MessageID: q.Message.Message.ID, Text: "You said " + q.Data})
		case up.Message != nil && up.Message.Text == "/menu":
			b.SendMessage(ctx, &bot.SendMessageParams{ChatID: up.Message.Chat.ID, Text: "Agree?", ReplyMarkup: menu})
		case up.Message != nil:
			b.SendMessage(ctx, &bot.SendMessageParams{ChatID: up.Message.Chat.ID, Text: "echo: " + up.Message.Text})
		}
	}
	b := newClient(t, s, bot.WithDefaultHandler(handler))
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { b.Start(ctx); close(stopped) }()
	t.Cleanup(func() { cancel(); <-stopped })

	u := s.User(31, "Hal", "en")
	s.SendText(u, PrivateChat(u), "ping")
	if _, ok := s.AwaitMessage(u.ID, func(m Message) bool { return m.Text == "echo: ping" }, 5*time.Second); !ok {
		t.Fatalf("no echo; messages %+v", s.Messages(u.ID))
	}

	s.SendText(u, PrivateChat(u), "/menu")
	m, ok := s.AwaitMessage(u.ID, func(m Message) bool { return m.Text == "Agree?" }, 5*time.Second)
	if !ok || len(m.Buttons) != 1 || len(m.Buttons[0]) != 2 {
		t.Fatalf("menu %+v, %v", m, ok)
	}
	s.Press(u, m, "no")
	if _, ok := s.AwaitCall("answerCallbackQuery", func(c Call) bool { return c.Status == 200 && c.Params["text"] == "Noted" }, 5*time.Second); !ok {
		t.Fatalf("no answer; calls %+v", s.Answers())
	}
	edited, ok := s.AwaitMessage(u.ID, func(x Message) bool { return x.ID == m.ID && x.Edits == 1 }, 5*time.Second)
	if !ok || edited.Text != "You said no" || edited.Buttons != nil {
		t.Errorf("edited %+v, %v", edited, ok)
	}
	if !s.Await(func() bool { return s.Pending() == 0 }, 5*time.Second) {
		t.Fatalf("%d updates pending", s.Pending())
	}
	if s.Confirmed() != 4 {
		t.Errorf("Confirmed = %d, want 4", s.Confirmed())
	}
}

func TestGoTelegramFaults(t *testing.T) {
	s := newTest(t)
	u := s.User(41, "Ivy", "en")
	g := s.Group(-41, "Old group")
	s.SendText(u, PrivateChat(u), "hi")
	b := newClient(t, s)
	ctx := context.Background()
	send := func(chat int64) error {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: chat, Text: "x"})
		return err
	}

	s.FailNext("sendMessage", u.ID, Fault{RetryAfter: 7})
	s.FailNext("sendMessage", 0, Fault{Code: 502})
	s.FailNext("", 0, Fault{Drop: true})
	if err := send(g.ID); err == nil || !strings.Contains(err.Error(), "502 Bad Gateway") {
		t.Errorf("chat-independent fault: %v", err) // the chat-bound fault waits for its chat
	}
	var tooMany *bot.TooManyRequestsError
	if err := send(u.ID); !errors.As(err, &tooMany) || tooMany.RetryAfter != 7 || !strings.Contains(err.Error(), "Too Many Requests: retry after 7") {
		t.Errorf("retry fault: %v", err)
	}
	if err := send(u.ID); err == nil || errors.Is(err, bot.ErrorBadRequest) {
		t.Errorf("dropped connection: %v", err)
	}
	if err := send(u.ID); err != nil {
		t.Errorf("after faults: %v", err)
	}
	if s.TooMany() != 1 {
		t.Errorf("TooMany = %d", s.TooMany())
	}

	s.Block(u.ID)
	if err := send(u.ID); !errors.Is(err, bot.ErrorForbidden) || !strings.Contains(err.Error(), "Forbidden: bot was blocked by the user") {
		t.Errorf("blocked: %v", err)
	}
	s.Migrate(g.ID, -1000041)
	var migrate *bot.MigrateError
	if err := send(g.ID); !errors.As(err, &migrate) || migrate.MigrateToChatID != -1000041 || !strings.Contains(err.Error(), "group chat was upgraded to a supergroup chat") {
		t.Errorf("migrated: %v", err)
	}
	if err := send(-1000041); err != nil {
		t.Errorf("send to the new supergroup: %v", err)
	}
	if calls := s.Calls("sendMessage"); len(calls) != 7 || calls[2].Status != 0 {
		t.Errorf("calls %+v", calls)
	}
}

// TestGoTelegramCommonMethods calls the methods a typical bot uses through
// the real client; none of them may be flagged.
func TestGoTelegramCommonMethods(t *testing.T) {
	s := newTest(t)
	u := s.User(51, "Jo", "en")
	g := s.Group(-51, "Team")
	s.SendText(u, PrivateChat(u), "/start")
	s.SendText(u, g, "hi all")
	b := newClient(t, s)
	ctx := context.Background()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	_, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{
		Commands: []models.BotCommand{{Command: "start", Description: "Start"}, {Command: "help", Description: "Help"}},
		Scope:    &models.BotCommandScopeChat{ChatID: u.ID}, LanguageCode: "en"})
	must("SetMyCommands", err)
	_, err = b.DeleteMyCommands(ctx, &bot.DeleteMyCommandsParams{Scope: &models.BotCommandScopeAllGroupChats{}})
	must("DeleteMyCommands", err)
	_, err = b.SendChatAction(ctx, &bot.SendChatActionParams{ChatID: u.ID, Action: models.ChatActionTyping})
	must("SendChatAction", err)
	chat, err := b.GetChat(ctx, &bot.GetChatParams{ChatID: g.ID})
	must("GetChat", err)
	if chat.Title != "Team" {
		t.Errorf("GetChat %+v", chat)
	}
	photo, err := b.SendPhoto(ctx, &bot.SendPhotoParams{ChatID: g.ID, Caption: "<i>pic</i>", ParseMode: models.ParseModeHTML,
		Photo: &models.InputFileUpload{Filename: "p.png", Data: strings.NewReader(tinyPNG(t, 4, 4))}})
	must("SendPhoto", err)
	_, err = b.EditMessageCaption(ctx, &bot.EditMessageCaptionParams{ChatID: g.ID, MessageID: photo.ID, Caption: "new"})
	must("EditMessageCaption", err)
	_, err = b.PinChatMessage(ctx, &bot.PinChatMessageParams{ChatID: g.ID, MessageID: photo.ID, DisableNotification: true})
	must("PinChatMessage", err)
	_, err = b.UnpinChatMessage(ctx, &bot.UnpinChatMessageParams{ChatID: g.ID, MessageID: photo.ID})
	must("UnpinChatMessage", err)
	m, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: u.ID, Text: "reply",
		ReplyParameters:    &models.ReplyParameters{MessageID: 1},
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: bot.True()}})
	must("SendMessage", err)
	if m.ReplyToMessage == nil || m.ReplyToMessage.ID != 1 {
		t.Errorf("reply %+v", m)
	}
	_, err = b.SendLocation(ctx, &bot.SendLocationParams{ChatID: u.ID, Latitude: 1, Longitude: 2})
	must("SendLocation", err)
	_, err = b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: u.ID, MessageID: m.ID})
	must("DeleteMessage", err)
	file, err := b.GetFile(ctx, &bot.GetFileParams{FileID: photo.Photo[len(photo.Photo)-1].FileID})
	must("GetFile", err)
	if file.FilePath == "" {
		t.Errorf("GetFile %+v", file)
	}
	_, err = b.LeaveChat(ctx, &bot.LeaveChatParams{ChatID: g.ID})
	must("LeaveChat", err)
	if got := s.Messages(g.ID); len(got) != 1 || got[0].Caption != "new" || got[0].Edits != 1 || got[0].Pinned {
		t.Errorf("group messages %+v", got)
	}
}
