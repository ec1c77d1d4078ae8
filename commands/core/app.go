// Package core is what every capability of the bot stands on: the request
// in hand and its answers, the outbox, text fitting, the flood limit, the
// permission table's machinery and the router that reads it, and the
// conversations' registry. Capabilities register their rows, conversations
// and hooks; core never names a capability.
package core

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"

	"courtyard/config"
	"courtyard/locale"
	"courtyard/storage"
)

// HandleFunc applies one update inside tx.
type HandleFunc func(ctx context.Context, tx *storage.Tx, upd *models.Update) error

// Route is one handler and the updates it takes.
type Route struct {
	Name   string
	Match  func(*models.Update) bool
	Handle HandleFunc
}

// Health is what /status reads from the Telegram side.
type Health interface {
	LastPoll() time.Time
	TooMany() int64
}

// Core holds what every handler needs: the configuration, the catalog,
// the clock, the flood limit, and the rows, conversations and hooks the
// capabilities registered.
type Core struct {
	Cfg       config.Config
	Cat       *locale.Catalog
	BotName   string
	now       func() time.Time
	Log       *slog.Logger
	Health    Health
	Loc       *time.Location
	Buildings map[string]bool
	Admins    map[int64]bool

	commands []Command
	buttons  []Buttons
	flows    map[string]FlowFunc
	hooks    Hooks

	floodMu     sync.Mutex
	flood       map[floodKey]*rate.Limiter
	floodWarned map[floodKey]time.Time
}

// New returns the commands for the bot named botName (its @username).
func New(cfg config.Config, cat *locale.Catalog, botName string, now func() time.Time, log *slog.Logger, health Health) *Core {
	a := &Core{Cfg: cfg, Cat: cat, BotName: botName, now: now, Log: log, Health: health,
		Loc: cfg.Location(), Buildings: map[string]bool{}, Admins: map[int64]bool{}, flood: map[floodKey]*rate.Limiter{}, floodWarned: map[floodKey]time.Time{}}
	for _, b := range cfg.Community.Buildings {
		a.Buildings[b] = true
	}
	for _, id := range cfg.Admins {
		a.Admins[id] = true
	}
	return a
}

// Now is the time on the bot's clock.
func (a *Core) Now() time.Time { return a.now() }

// Routes lists the handlers in the order they are tried.
func (a *Core) Routes() []Route {
	var rs []Route
	for _, c := range a.commands {
		name := c.Name
		rs = append(rs, Route{Name: "/" + name, Match: a.isCommand(name), Handle: a.serve(c.Run)})
	}
	for _, b := range a.buttons {
		rs = append(rs, Route{Name: b.Prefix, Match: isCallback(b.Prefix), Handle: a.serve(a.buttonGuard(b))})
	}
	return rs
}

// Fallback handles every update no route took: replies within a
// conversation, unknown commands, stale buttons, membership changes.
func (a *Core) Fallback() HandleFunc { return a.serve(a.fallback) }

// Failed tells the person an update could not be handled.
func (a *Core) Failed() HandleFunc {
	return func(ctx context.Context, tx *storage.Tx, upd *models.Update) error {
		r, err := a.newReq(ctx, tx, upd)
		if err != nil || r == nil {
			return err
		}
		if r.CB != nil {
			return r.Toast(r.T("error.internal"))
		}
		if r.Private() || r.cmd != "" {
			return r.Reply(r.T("error.internal"), nil)
		}
		return nil
	}
}

// FlowFunc continues a conversation with the next thing the person sent.
type FlowFunc func(*Req, storage.Flow) error

// Hooks are what capabilities add around every update.
type Hooks struct {
	// Before runs before the handler, after the flood limit let it in.
	Before []Handler
	// After runs once the handler succeeded, in order.
	After []Handler
	// NoFlow answers a private message when no conversation is going on.
	NoFlow Handler
	// MainMenu is the keyboard of what a person can do.
	MainMenu func(*Req) any
	// FloodFree reports a message in a conversation that the flood limit
	// never drops (a report's own words).
	FloodFree func(*Req, storage.Flow) bool
}

// Register adds the capabilities' command and button rows, their
// conversations by name, and the hooks. The guard wraps every command.
func (a *Core) Register(cmds []Command, btns []Buttons, flows map[string]FlowFunc, h Hooks) {
	for _, c := range cmds {
		c.Run = a.Guard(c)
		a.commands = append(a.commands, c)
	}
	for _, b := range btns {
		a.addButtons(b)
	}
	if a.flows == nil {
		a.flows = map[string]FlowFunc{}
	}
	for k, v := range flows {
		a.flows[k] = v
	}
	a.hooks.Before = append(a.hooks.Before, h.Before...)
	a.hooks.After = append(a.hooks.After, h.After...)
	if h.NoFlow != nil {
		a.hooks.NoFlow = h.NoFlow
	}
	if h.MainMenu != nil {
		a.hooks.MainMenu = h.MainMenu
	}
	if h.FloodFree != nil {
		a.hooks.FloodFree = h.FloodFree
	}
}

// MainMenu is the keyboard of what the person can do.
func (a *Core) MainMenu(r *Req) any {
	if a.hooks.MainMenu == nil {
		return nil
	}
	return a.hooks.MainMenu(r)
}

// addButtons adds a family's verbs; capabilities may add verbs to one
// prefix (the main menu's), each verb with its own handler.
func (a *Core) addButtons(b Buttons) {
	for i := range a.buttons {
		have := &a.buttons[i]
		if have.Prefix != b.Prefix {
			continue
		}
		for v, ru := range b.Verbs {
			if ru.Run == nil {
				ru.Run = b.Run
			}
			have.Verbs[v] = ru
		}
		return
	}
	vs := Verbs{}
	for v, ru := range b.Verbs {
		vs[v] = ru
	}
	b.Verbs = vs
	a.buttons = append(a.buttons, b)
}
