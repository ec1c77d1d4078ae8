// Package commands is what the bot does with each update: the capabilities'
// commands, buttons and conversations over the core (commands/core), written
// to storage and to the outbox in the update's transaction. It never calls
// Telegram.
package commands

import (
	"context"
	"log/slog"
	"time"

	"courtyard/commands/care"
	"courtyard/commands/core"
	"courtyard/commands/jobs"
	"courtyard/commands/patrol"
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
	menus     map[string]menuSet // private command menus by role:lang
	chartFont chartFont          // the chart's CJK font, loaded on first use
	care      *care.Care
	jobs      *jobs.Jobs
	patrol    *patrol.Patrol
}

// New returns the commands for the bot named botName (its @username).
func New(cfg config.Config, cat *locale.Catalog, botName string, now func() time.Time, log *slog.Logger, health Health) *App {
	a := &App{Core: core.New(cfg, cat, botName, now, log, health)}
	a.Register(a.commandTable(), a.buttonTable(), a.flowHandlers(), core.Hooks{
		Before:    []core.Handler{a.openedPrivate},
		After:     []core.Handler{a.tellUnreached, a.syncOwnMenu},
		NoFlow:    a.noFlow,
		MainMenu:  func(r *core.Req) any { return a.mainMenu(r) },
		FloodFree: reportWords,
	})
	a.care = care.New(a.Core, a)
	a.Register(a.care.CommandRows(), a.care.ButtonRows(), a.care.Flows(), core.Hooks{})
	a.jobs = jobs.New(a.Core, a)
	a.Register(a.jobs.CommandRows(), a.jobs.ButtonRows(), a.jobs.Flows(), core.Hooks{})
	a.patrol = patrol.New(a.Core, patrol.Deps{People: a, Teams: a, Tickets: a})
	a.Register(a.patrol.CommandRows(), a.patrol.ButtonRows(), a.patrol.Flows(), core.Hooks{})
	a.menus = a.buildMenus() // from the rows just registered
	return a
}

// noFlow answers a private message when no conversation is going on.
func (a *App) noFlow(r *core.Req) error {
	if !r.Me.Registered() {
		return a.AskBuilding(r, r.T("start.welcome", core.Esc(a.Cfg.Community.Name)))
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
		a.peopleFlows(), a.ticketFlows(), a.announceFlows(), a.teamFlows(),
		a.starsFlows(), a.mediationFlows(), a.calendarFlows(),
	} {
		for k, v := range more {
			flows[k] = v
		}
	}
	return flows
}

// PlanVisitRounds lays out the next visit round of each configured holiday.
func (a *App) PlanVisitRounds(ctx context.Context, tx *storage.Tx, now time.Time) error {
	return a.care.PlanVisitRounds(ctx, tx, now)
}

// PlanJob stores an open job and lays its timed work without posting it.
func (a *App) PlanJob(tx *storage.Tx, j storage.Job, now time.Time) (int64, error) {
	return a.jobs.PlanJob(tx, j, now)
}

// LayoutPatrols lays out every active template's shifts ahead.
func (a *App) LayoutPatrols(ctx context.Context, tx *storage.Tx, now time.Time) error {
	return a.patrol.LayoutPatrols(ctx, tx, now)
}
