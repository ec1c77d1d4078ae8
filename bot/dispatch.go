package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"courtyard/storage"
)

// Route is one handler and the updates it takes.
type Route struct {
	Name   string
	Match  func(*models.Update) bool
	Handle HandleFunc
}

// Dispatcher routes a stored update to its handler through go-telegram/bot's
// matcher and middleware chain, synchronously, inside the update's transaction.
// The library is used for dispatch only: it never talks to Telegram.
type Dispatcher struct {
	lib *tgbot.Bot
	log *slog.Logger
}

type dispatchKey struct{}

type dispatchState struct {
	tx  *storage.Tx
	err error
}

// NewDispatcher registers routes in order; the first that matches handles
// the update, and fallback takes the rest.
func NewDispatcher(routes []Route, fallback HandleFunc, log *slog.Logger) (*Dispatcher, error) {
	d := &Dispatcher{log: log}
	lib, err := tgbot.New("0:dispatch-only",
		tgbot.WithSkipGetMe(),
		tgbot.WithNotAsyncHandlers(),
		tgbot.WithMiddlewares(d.recover),
		tgbot.WithDefaultHandler(d.wrap(fallback)),
	)
	if err != nil {
		return nil, fmt.Errorf("dispatcher: %w", err)
	}
	for _, r := range routes {
		lib.RegisterHandlerMatchFunc(r.Match, d.wrap(r.Handle))
	}
	d.lib = lib
	return d, nil
}

// Handle dispatches upd and returns the handler's error, or the panic it
// raised as an error.
func (d *Dispatcher) Handle(ctx context.Context, tx *storage.Tx, upd *models.Update) error {
	st := &dispatchState{tx: tx}
	d.lib.ProcessUpdate(context.WithValue(ctx, dispatchKey{}, st), upd)
	return st.err
}

func (d *Dispatcher) wrap(h HandleFunc) tgbot.HandlerFunc {
	return func(ctx context.Context, _ *tgbot.Bot, upd *models.Update) {
		st := ctx.Value(dispatchKey{}).(*dispatchState)
		st.err = h(ctx, st.tx, upd)
	}
}

// recover turns a handler's panic into the update's error, so one bad
// update never stops the bot.
func (d *Dispatcher) recover(next tgbot.HandlerFunc) tgbot.HandlerFunc {
	return func(ctx context.Context, b *tgbot.Bot, upd *models.Update) {
		defer func() {
			if r := recover(); r != nil {
				d.log.Error("handler panicked", "update_id", upd.ID, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				if st, ok := ctx.Value(dispatchKey{}).(*dispatchState); ok {
					st.err = fmt.Errorf("panic: %v", r)
				}
			}
		}()
		next(ctx, b, upd)
	}
}
