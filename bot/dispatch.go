package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/go-telegram/bot/models"

	"courtyard/storage"
)

// Route is one handler and the updates it takes.
type Route struct {
	Name   string
	Match  func(*models.Update) bool
	Handle HandleFunc
}

// Dispatcher routes a stored update to its handler, synchronously, inside
// the update's transaction: the routes are tried in order, the first that
// matches handles the update, and the fallback takes the rest. The routes
// come from the permission table (commands/core), so an update no row
// names reaches only the fallback.
type Dispatcher struct {
	routes   []Route
	fallback HandleFunc
	log      *slog.Logger
}

// NewDispatcher registers routes in order; the first that matches handles
// the update, and fallback takes the rest.
func NewDispatcher(routes []Route, fallback HandleFunc, log *slog.Logger) (*Dispatcher, error) {
	for _, r := range routes {
		if r.Match == nil || r.Handle == nil {
			return nil, fmt.Errorf("dispatcher: route %q has no matcher or no handler", r.Name)
		}
	}
	if fallback == nil {
		return nil, fmt.Errorf("dispatcher: no fallback")
	}
	return &Dispatcher{routes: append([]Route(nil), routes...), fallback: fallback, log: log}, nil
}

// Handle dispatches upd and returns the handler's error, or the panic it
// raised as an error, so one bad update never stops the bot.
func (d *Dispatcher) Handle(ctx context.Context, tx *storage.Tx, upd *models.Update) (err error) {
	defer func() {
		if r := recover(); r != nil {
			d.log.Error("handler panicked", "update_id", upd.ID, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return d.route(upd)(ctx, tx, upd)
}

// route is the handler of upd: the first route that matches, or the
// fallback.
func (d *Dispatcher) route(upd *models.Update) HandleFunc {
	for _, r := range d.routes {
		if r.Match(upd) {
			return r.Handle
		}
	}
	return d.fallback
}
