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
	cfg       config.Config
	cat       *locale.Catalog
	botName   string
	now       func() time.Time
	log       *slog.Logger
	health    Health
	loc       *time.Location
	buildings map[string]bool
	admins    map[int64]bool
	menus     map[string]menuSet // private command menus by role:lang

	chartFont chartFont // the chart's CJK font, loaded on first use

	floodMu     sync.Mutex
	flood       map[floodKey]*rate.Limiter
	floodWarned map[floodKey]time.Time
}

// New returns the commands for the bot named botName (its @username).
func New(cfg config.Config, cat *locale.Catalog, botName string, now func() time.Time, log *slog.Logger, health Health) *App {
	a := &App{cfg: cfg, cat: cat, botName: botName, now: now, log: log, health: health,
		loc: cfg.Location(), buildings: map[string]bool{}, admins: map[int64]bool{}, flood: map[floodKey]*rate.Limiter{}, floodWarned: map[floodKey]time.Time{}}
	for _, b := range cfg.Community.Buildings {
		a.buildings[b] = true
	}
	for _, id := range cfg.Admins {
		a.admins[id] = true
	}
	a.menus = a.buildMenus()
	return a
}

// Routes lists the handlers in the order they are tried.
func (a *App) Routes() []Route {
	var rs []Route
	for _, c := range a.commandTable() {
		name := c.name
		rs = append(rs, Route{Name: "/" + name, Match: a.isCommand(name), Handle: a.serve(c.run)})
	}
	for _, b := range a.buttonTable() {
		rs = append(rs, Route{Name: b.prefix, Match: isCallback(b.prefix), Handle: a.serve(a.buttonGuard(b))})
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
		if r.cb != nil {
			return r.toast(r.t("error.internal"))
		}
		if r.private() || r.cmd != "" {
			return r.reply(r.t("error.internal"), nil)
		}
		return nil
	}
}
