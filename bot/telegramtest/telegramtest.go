// Package telegramtest runs the simulated Telegram of bot/telegramsim for
// end-to-end tests and benchmarks of a Telegram bot, with the helpers that
// fail the test: New starts a simulator for a test, closes it when the test
// ends and turns every problem it finds (a request Telegram would refuse, a
// press on a button the message does not have) into t.Errorf; WaitMessage,
// WaitCall and WaitUntil call t.Fatalf when their wait times out.
//
// Everything else (the users, the chats, the messages, the faults) is the
// simulator's, reached through Server, which embeds *telegramsim.Server.
//
// Typical use with go-telegram/bot:
//
//	s := telegramtest.New(t)
//	b, _ := bot.New(telegramtest.Token, bot.WithServerURL(s.URL()), bot.WithSkipGetMe(), ...)
//	go b.Start(ctx)
//	ann := s.User(42, "Ann", "en")
//	s.SendText(ann, telegramtest.PrivateChat(ann), "/start")
//	m := s.WaitMessage(t, ann.ID, func(m telegramtest.Message) bool { return m.Plain == "Welcome!" }, 5*time.Second)
//	s.Press(ann, m, "menu:help")
//	s.WaitCall(t, "answerCallbackQuery", nil, 5*time.Second)
package telegramtest

import (
	"sync"
	"testing"
	"time"

	"courtyard/bot/telegramsim"

	"github.com/go-telegram/bot/models"
)

// The identity of the simulated bot.
const (
	Token       = telegramsim.Token // the only token the server accepts
	BotID       = telegramsim.BotID
	BotUsername = telegramsim.BotUsername
	BotName     = telegramsim.BotName // the bot's first_name
)

// The simulator's types, under the names the tests use.
type (
	Message = telegramsim.Message
	Button  = telegramsim.Button
	Call    = telegramsim.Call
	Fault   = telegramsim.Fault
	Limits  = telegramsim.Limits
	Upload  = telegramsim.Upload
	Option  = telegramsim.Option
	Mark    = telegramsim.Mark
)

// PrivateChat is the private chat of a user with the bot.
func PrivateChat(u models.User) models.Chat { return telegramsim.PrivateChat(u) }

// WithLimits sets the simulator's rate limits; see telegramsim.WithLimits.
func WithLimits(l Limits) Option { return telegramsim.WithLimits(l) }

// WithClock sets the simulator's clock; see telegramsim.WithClock.
func WithClock(now func() time.Time) Option { return telegramsim.WithClock(now) }

// Server is a simulator started for one test.
type Server struct {
	*telegramsim.Server
}

// New starts a simulator for the test. It is closed by t.Cleanup. Every
// problem it reports fails the test with t.Errorf, until the test ends; a
// WithViolationHook among opts is replaced.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	r := &reporter{t: t}
	sim, err := telegramsim.Start(append(opts, telegramsim.WithViolationHook(r.report))...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sim.Close()
		r.end()
	})
	return &Server{Server: sim}
}

// reporter passes the simulator's problems to the test while it runs.
type reporter struct {
	t    testing.TB
	mu   sync.Mutex
	done bool // the test has ended: t must not be used any more
}

func (r *reporter) report(problem string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.done {
		r.t.Errorf("telegramtest: %s", problem)
	}
}

func (r *reporter) end() {
	r.mu.Lock()
	r.done = true
	r.mu.Unlock()
}
