package telegramsim

import (
	"context"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

func BenchmarkSendMessageJSON(b *testing.B) {
	s := newTest(b)
	u := s.User(1, "A", "en")
	s.SendText(u, PrivateChat(u), "hi")
	params := map[string]any{"chat_id": 1, "text": "<b>hello</b> there", "parse_mode": "HTML",
		"reply_markup": map[string]any{"inline_keyboard": []any{[]any{map[string]any{"text": "A", "callback_data": "a"}}}}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tryJSON(s, "sendMessage", params); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSendMessageGoTelegram(b *testing.B) {
	s := newTest(b)
	u := s.User(1, "A", "en")
	s.SendText(u, PrivateChat(u), "hi")
	c, err := bot.New(Token, bot.WithServerURL(s.URL()), bot.WithSkipGetMe())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.SendMessage(ctx, &bot.SendMessageParams{ChatID: u.ID, Text: "hello", ParseMode: models.ParseModeHTML}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUpdatesThroughput pushes updates through a go-telegram/bot bot
// that answers each one.
func BenchmarkUpdatesThroughput(b *testing.B) {
	s := newTest(b)
	handler := func(ctx context.Context, c *bot.Bot, up *models.Update) {
		c.SendMessage(ctx, &bot.SendMessageParams{ChatID: up.Message.Chat.ID, Text: "re: " + up.Message.Text})
	}
	c, err := bot.New(Token, bot.WithServerURL(s.URL()), bot.WithSkipGetMe(), bot.WithDefaultHandler(handler))
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { c.Start(ctx); close(stopped) }()
	defer func() { cancel(); <-stopped }()
	users := make([]models.User, 16)
	for i := range users {
		users[i] = s.User(int64(i+1), "U", "en")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u := users[i%len(users)]
		s.SendText(u, PrivateChat(u), "ping")
	}
	if !s.Await(func() bool { return s.CallCount("sendMessage") == b.N }, time.Minute) {
		b.Fatalf("%d of %d answers", s.CallCount("sendMessage"), b.N)
	}
	b.StopTimer()
	if v := s.Violations(); len(v) > 0 {
		b.Fatal(v)
	}
}
