// Package commands assembles what the bot does with each update: it builds
// each capability package over the core (commands/core), hands each the
// small interfaces it declares for the others, and registers their rows,
// conversations and hooks in the order the command menus list them. Every
// effect is written to storage and to the outbox in the update's
// transaction; nothing here calls Telegram.
package commands

import (
	"context"
	"log/slog"
	"time"

	"courtyard/commands/agenda"
	"courtyard/commands/announce"
	"courtyard/commands/calendar"
	"courtyard/commands/care"
	"courtyard/commands/core"
	"courtyard/commands/digest"
	"courtyard/commands/jobs"
	"courtyard/commands/ledger"
	"courtyard/commands/mediation"
	"courtyard/commands/patrol"
	"courtyard/commands/people"
	"courtyard/commands/pledge"
	"courtyard/commands/polls"
	"courtyard/commands/privacy"
	"courtyard/commands/proposals"
	"courtyard/commands/services"
	"courtyard/commands/stars"
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
	people *people.People

	tickets   *tickets.Tickets
	mediation *mediation.Mediation
	privacy   *privacy.Privacy
	teams     *teams.Teams
	ledger    *ledger.Ledger
	care      *care.Care
	jobs      *jobs.Jobs
	patrol    *patrol.Patrol
	announce  *announce.Announce
	stars     *stars.Stars
	pledge    *pledge.Pledge
	calendar  *calendar.Calendar
	agenda    *agenda.Agenda
	proposals *proposals.Proposals
	polls     *polls.Polls
	digest    *digest.Digest
	services  *services.Services
}

// New returns the commands for the bot named botName (its @username).
func New(cfg config.Config, cat *locale.Catalog, botName string, now func() time.Time, log *slog.Logger, health Health) *App {
	a := &App{Core: core.New(cfg, cat, botName, now, log, health)}
	a.teams = teams.New(a.Core)
	a.tickets = tickets.New(a.Core)
	a.people = people.New(a.Core, a.tickets)
	a.mediation = mediation.New(a.Core, a.tickets)
	a.care = care.New(a.Core, a.tickets)
	a.announce = announce.New(a.Core)
	a.calendar = calendar.New(a.Core, calendar.Deps{Announce: a.announce, Jobs: a, Tickets: a, Proposals: a})
	// One agenda per person: signing up to a job or taking a shift asks
	// first when it overlaps something else the person has committed to.
	a.agenda = agenda.New(a.Core)
	a.jobs = jobs.New(a.Core, a.calendar, a.agenda)
	a.patrol = patrol.New(a.Core, patrol.Deps{People: a.people, Teams: a.teams, Tickets: a, Agenda: a.agenda})
	a.stars = stars.New(a.Core, a.announce)
	a.pledge = pledge.New(a.Core)
	a.proposals = proposals.New(a.Core, proposals.Deps{Tickets: a, Jobs: a})
	a.polls = polls.New(a.Core)
	a.digest = digest.New(a.Core, a)
	a.services = services.New(a.Core, a.care)
	// A forgotten member gives up the jobs and shifts to come, and the
	// tickets in hand.
	a.privacy = privacy.New(a.Core, a.jobs, a.patrol, privacy.ForgetFunc(a.tickets.HandBackAll))
	a.tickets.Connect(a.people, a.mediation, a.privacy)
	a.tickets.Watch(a.proposals)
	a.jobs.Watch(a.proposals)
	a.ledger = ledger.New(a.Core, ledger.Deps{Hours: a.teams, Tickets: a.tickets, Visits: a.care})
	sum := summary.New(a.Core, a.services)

	// The rows in the order the command menus and /help list them:
	// registration first, then tickets, the rest, and staff's tools last.
	a.Register(a.people.CommandRows(), a.people.ButtonRows(), a.people.Flows(), a.people.Hooks())
	a.Register(a.tickets.CommandRows(), a.tickets.ButtonRows(), a.tickets.Flows(), core.Hooks{
		Before:    []core.Handler{a.tickets.OpenedPrivate},
		After:     []core.Handler{a.tickets.TellUnreached},
		FloodFree: tickets.ReportWords,
	})
	// The menu follows a role changed by the update, once it is done.
	a.Register(nil, nil, nil, a.people.AfterUpdate())
	for _, c := range []interface {
		CommandRows() []core.Command
		ButtonRows() []core.Buttons
	}{a.ledger, a.teams, a.patrol, a.announce, a.jobs, a.agenda, a.care, a.stars, a.pledge, a.proposals, a.polls, a.calendar, a.mediation, a.services, sum, a.digest, a.privacy} {
		var flows map[string]core.FlowFunc
		if f, ok := c.(interface {
			Flows() map[string]core.FlowFunc
		}); ok {
			flows = f.Flows()
		}
		a.Register(c.CommandRows(), c.ButtonRows(), flows, core.Hooks{})
	}
	a.people.BuildMenus() // from the rows just registered
	return a
}

// BuildExport builds a requested export (the ledger's) on tx, a read
// snapshot.
func (a *App) BuildExport(tx *storage.Tx, q storage.ExportRequest) ([]storage.OutMsg, error) {
	return a.ledger.BuildExport(tx, q)
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

// PostMeeting stores a meeting and posts it to its audience with its
// reminders, as the organiser's Post button does.
func (a *App) PostMeeting(ctx context.Context, tx *storage.Tx, m storage.Meeting, now time.Time) (int64, error) {
	return a.calendar.PostMeeting(ctx, tx, m, now)
}

// CalendarFeed is the calendar of the person whose feed secret is secret,
// built now from tx; false when no one's is.
func (a *App) CalendarFeed(tx *storage.Tx, secret string, now time.Time) ([]byte, bool, error) {
	return a.agenda.Feed(tx, secret, now)
}

// MenuPeople are the people whose command menus the bot keeps.
func (a *App) MenuPeople(tx *storage.Tx) ([]storage.Member, error) { return a.people.MenuPeople(tx) }

// SyncMenu sets m's command menu when it is not the one their role and
// language want (or always, with force).
func (a *App) SyncMenu(tx *storage.Tx, m storage.Member, force bool, now time.Time) error {
	return a.people.SyncMenu(tx, m, force, now)
}

// PlanDigest lays the next weekly digest on the timed work.
func (a *App) PlanDigest(ctx context.Context, tx *storage.Tx, now time.Time) error {
	return a.digest.Plan(ctx, tx, now)
}
