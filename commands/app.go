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
	"courtyard/commands/ledger"
	"courtyard/commands/mediation"
	"courtyard/commands/patrol"
	"courtyard/commands/privacy"
	"courtyard/commands/summary"
	"courtyard/commands/teams"
	"courtyard/commands/tickets"
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
	menus map[string]menuSet // private command menus by role:lang

	tickets   *tickets.Tickets
	mediation *mediation.Mediation
	privacy   *privacy.Privacy
	teams     *teams.Teams
	ledger    *ledger.Ledger
	care      *care.Care
	jobs      *jobs.Jobs
	patrol    *patrol.Patrol
}

// New returns the commands for the bot named botName (its @username).
func New(cfg config.Config, cat *locale.Catalog, botName string, now func() time.Time, log *slog.Logger, health Health) *App {
	a := &App{Core: core.New(cfg, cat, botName, now, log, health)}
	a.teams = teams.New(a.Core)
	a.tickets = tickets.New(a.Core, a)
	a.mediation = mediation.New(a.Core, a.tickets)
	a.care = care.New(a.Core, a.tickets)
	a.jobs = jobs.New(a.Core, a)
	a.patrol = patrol.New(a.Core, patrol.Deps{People: a, Teams: a.teams, Tickets: a})
	// A forgotten member gives up the jobs and shifts to come, and the
	// tickets in hand.
	a.privacy = privacy.New(a.Core, a.jobs, a.patrol, privacy.ForgetFunc(a.tickets.HandBackAll))
	a.tickets.Connect(a.mediation, a.privacy)
	a.ledger = ledger.New(a.Core, ledger.Deps{Hours: a.teams, Tickets: a.tickets, Visits: a.care})
	sum := summary.New(a.Core)

	// The rows in the order the command menus and /help list them:
	// registration first, then tickets, the rest, and staff's tools last.
	a.Register(a.peopleCommandRows(), a.peopleButtonRows(), nil, core.Hooks{})
	a.Register(a.tickets.CommandRows(), a.tickets.ButtonRows(), a.tickets.Flows(), core.Hooks{
		Before:    []core.Handler{a.tickets.OpenedPrivate},
		After:     []core.Handler{a.tickets.TellUnreached},
		FloodFree: tickets.ReportWords,
	})
	a.Register(a.ledger.CommandRows(), a.ledger.ButtonRows(), nil, core.Hooks{})
	a.Register(a.teams.CommandRows(), a.teams.ButtonRows(), a.teams.Flows(), core.Hooks{})
	a.Register(a.patrol.CommandRows(), a.patrol.ButtonRows(), a.patrol.Flows(), core.Hooks{})
	a.Register(a.jobs.CommandRows(), a.jobs.ButtonRows(), a.jobs.Flows(), core.Hooks{})
	a.Register(a.care.CommandRows(), a.care.ButtonRows(), a.care.Flows(), core.Hooks{})
	a.Register(a.commandTable(), a.buttonTable(), a.flowHandlers(), core.Hooks{
		After:    []core.Handler{a.syncOwnMenu},
		NoFlow:   a.noFlow,
		MainMenu: func(r *core.Req) any { return a.mainMenu(r) },
	})
	a.Register(a.mediation.CommandRows(), a.mediation.ButtonRows(), a.mediation.Flows(), core.Hooks{})
	a.Register(sum.CommandRows(), sum.ButtonRows(), nil, core.Hooks{})
	a.Register(a.privacy.CommandRows(), a.privacy.ButtonRows(), nil, core.Hooks{})
	a.menus = a.buildMenus() // from the rows just registered
	return a
}

// BuildExport builds a requested export (the ledger's) on tx, a read
// snapshot.
func (a *App) BuildExport(tx *storage.Tx, q storage.ExportRequest) ([]storage.OutMsg, error) {
	return a.ledger.BuildExport(tx, q)
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

// flowHandlers continue a conversation with the next thing the person
// sent, capability by capability.
func (a *App) flowHandlers() map[string]core.FlowFunc {
	flows := map[string]core.FlowFunc{}
	for _, more := range []map[string]core.FlowFunc{
		a.peopleFlows(), a.announceFlows(), a.starsFlows(), a.calendarFlows(),
	} {
		for k, v := range more {
			flows[k] = v
		}
	}
	return flows
}

// Escalate forwards to tickets: unclaimed and stalled tickets go up.
func (a *App) Escalate(ctx context.Context, tx *storage.Tx, now time.Time) error {
	return a.tickets.Escalate(ctx, tx, now)
}

// AutoClose forwards to tickets: resolved tickets nobody confirmed close.
func (a *App) AutoClose(ctx context.Context, tx *storage.Tx, now time.Time) error {
	return a.tickets.AutoClose(ctx, tx, now)
}

// Housekeeping forwards to tickets' daily pruning and retention.
func (a *App) Housekeeping(ctx context.Context, tx *storage.Tx, now time.Time) error {
	return a.tickets.Housekeeping(ctx, tx, now)
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
