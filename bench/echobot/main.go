// Command echobot is the reference of the black-box comparison in
// bench/compare_test.go: a bare go-telegram/bot bot with its default poller
// that answers each text at once and remembers nothing. It reads the token
// from ECHOBOT_TOKEN and the Bot API address from ECHOBOT_API_URL, and stops
// on SIGTERM or SIGINT.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	echo := func(ctx context.Context, c *tgbot.Bot, u *models.Update) {
		if u.Message == nil {
			return
		}
		_, err := c.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: u.Message.Chat.ID, Text: "re: " + u.Message.Text})
		if err != nil && ctx.Err() == nil {
			fmt.Fprintln(os.Stderr, "echobot:", err)
		}
	}
	c, err := tgbot.New(os.Getenv("ECHOBOT_TOKEN"), tgbot.WithServerURL(os.Getenv("ECHOBOT_API_URL")),
		tgbot.WithSkipGetMe(), tgbot.WithDefaultHandler(echo))
	if err != nil {
		fmt.Fprintln(os.Stderr, "echobot:", err)
		os.Exit(1)
	}
	c.Start(ctx)
}
