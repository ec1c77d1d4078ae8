// Package commands is what the bot does with each update: permission checks,
// conversations and their effects, written to storage and to the outbox in
// the update's transaction. It never calls Telegram.
package commands

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

// App holds what every handler needs.
type App struct {
	Cfg       config.Config
	Cat       *locale.Catalog
	BotName   string
	now       func() time.Time
	Log       *slog.Logger
	Health    Health
	Loc       *time.Location
	Buildings map[string]bool
	Admins    map[int64]bool
	menus     map[string]menuSet // private command menus by role:lang

	chartFont chartFont // the chart's CJK font, loaded on first use

	floodMu     sync.Mutex
	flood       map[floodKey]*rate.Limiter
	floodWarned map[floodKey]time.Time
}

// New returns the commands for the bot named botName (its @username).
func New(cfg config.Config, cat *locale.Catalog, botName string, now func() time.Time, log *slog.Logger, health Health) *App {
	a := &App{Cfg: cfg, Cat: cat, BotName: botName, now: now, Log: log, Health: health,
		Loc: cfg.Location(), Buildings: map[string]bool{}, Admins: map[int64]bool{}, flood: map[floodKey]*rate.Limiter{}, floodWarned: map[floodKey]time.Time{}}
	for _, b := range cfg.Community.Buildings {
		a.Buildings[b] = true
	}
	for _, id := range cfg.Admins {
		a.Admins[id] = true
	}
	a.menus = a.buildMenus()
	return a
}

// Routes lists the handlers in the order they are tried.
func (a *App) Routes() []Route {
	var rs []Route
	for _, c := range a.commandTable() {
		name := c.Name
		rs = append(rs, Route{Name: "/" + name, Match: a.isCommand(name), Handle: a.serve(c.Run)})
	}
	for _, b := range a.buttonTable() {
		rs = append(rs, Route{Name: b.Prefix, Match: isCallback(b.Prefix), Handle: a.serve(a.buttonGuard(b))})
	}
	return rs
}

// Fallback handles every update no route took: replies within a
// conversation, unknown commands, stale buttons, membership changes.
func (a *App) Fallback() HandleFunc { return a.serve(a.fallback) }

// Failed tells the person an update could not be handled.
func (a *App) Failed() HandleFunc {
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
