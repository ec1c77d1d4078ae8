// Package commands is what the bot does with each update: the capabilities'
// commands, buttons and conversations over the core (commands/core), written
// to storage and to the outbox in the update's transaction. It never calls
// Telegram.
package commands

import (
	"context"
	"log/slog"
	"time"

	"courtyard/commands/announce"
	"courtyard/commands/calendar"
	"courtyard/commands/core"
	"courtyard/commands/pledge"
	"courtyard/commands/stars"
	"courtyard/config"
	"courtyard/locale"
	"courtyard/storage"
)

// The core's names that the wiring hands on.
type (
	// HandleFunc applies one update inside its transaction.
	HandleFunc = core.HandleFunc
	// Route is one handler and the updates it takes.
	Route = core.Route
	// Health is what /status reads from the Telegram side.
	Health = core.Health
	// Permission is one row of the permission table as others read it.
	Permission = core.Permission
)

// App is the capabilities over the core.
type App struct {
	*core.Core
	announce  *announce.Announce
	stars     *stars.Stars
	pledge    *pledge.Pledge
	calendar  *calendar.Calendar
	menus     map[string]menuSet // private command menus by role:lang
	chartFont chartFont          // the chart's CJK font, loaded on first use
}

// New returns the commands for the bot named botName (its @username).
func New(cfg config.Config, cat *locale.Catalog, botName string, now func() time.Time, log *slog.Logger, health Health) *App {
	a := &App{Core: core.New(cfg, cat, botName, now, log, health)}
	a.announce = announce.New(a.Core)
	a.stars = stars.New(a.Core, a.announce)
	a.pledge = pledge.New(a.Core)
	a.calendar = calendar.New(a.Core, calendar.Deps{Announce: a.announce, Jobs: a, Tickets: a})
	a.Register(a.commandTable(), a.buttonTable(), a.flowHandlers(), core.Hooks{
		Before:    []core.Handler{a.openedPrivate},
		After:     []core.Handler{a.tellUnreached, a.syncOwnMenu},
		NoFlow:    a.noFlow,
		MainMenu:  func(r *core.Req) any { return a.mainMenu(r) },
		FloodFree: reportWords,
	})
	a.Register(a.announce.CommandRows(), a.announce.ButtonRows(), a.announce.Flows(), core.Hooks{})
	a.Register(a.stars.CommandRows(), a.stars.ButtonRows(), a.stars.Flows(), core.Hooks{})
	a.Register(a.pledge.CommandRows(), a.pledge.ButtonRows(), a.pledge.Flows(), core.Hooks{})
	a.Register(a.calendar.CommandRows(), a.calendar.ButtonRows(), a.calendar.Flows(), core.Hooks{})
	a.menus = a.buildMenus() // from the rows just registered
	return a
}

// noFlow answers a private message when no conversation is going on.
func (a *App) noFlow(r *core.Req) error {
	if !r.Me.Registered() {
		return a.askBuilding(r, r.T("start.welcome", core.Esc(a.Cfg.Community.Name)))
	}
	if core.VoiceOf(r) != nil {
		// A voice note out of the blue is most likely a report.
		return r.Reply(r.T("report.voice_no_flow"), a.mainMenu(r))
	}
	return r.Reply(r.T("fallback.not_understood"), a.mainMenu(r))
}

// reportWords: a report's own words are never dropped by the flood limit.
func reportWords(r *core.Req, f storage.Flow) bool {
	return f.Name == flowReport && f.Step == "text" && (core.CleanText(r.Text) != "" || core.VoiceOf(r) != nil)
}

// flowHandlers continue a conversation with the next thing the person
// sent, capability by capability.
func (a *App) flowHandlers() map[string]core.FlowFunc {
	flows := map[string]core.FlowFunc{}
	for _, more := range []map[string]core.FlowFunc{
		a.peopleFlows(), a.ticketFlows(), a.teamFlows(), a.jobFlows(), a.patrolFlows(),
		a.careFlows(), a.mediationFlows(),
	} {
		for k, v := range more {
			flows[k] = v
		}
	}
	return flows
}

// PostMeeting stores a meeting and posts it to its audience with its
// reminders, as the organiser's Post button does.
func (a *App) PostMeeting(ctx context.Context, tx *storage.Tx, m storage.Meeting, now time.Time) (int64, error) {
	return a.calendar.PostMeeting(ctx, tx, m, now)
}
