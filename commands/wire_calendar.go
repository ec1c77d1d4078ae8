package commands

import (
	"courtyard/commands/core"
	"courtyard/commands/jobs"
	"courtyard/storage"
)

// What the calendar reaches of tickets and jobs when a meeting's decision
// becomes a ticket or a volunteer job (calendar.Tickets, calendar.Jobs).

// OpenTicket files tk and tells those who should hear of it, as any new
// ticket; it returns the ticket's id.
func (a *App) OpenTicket(r *core.Req, tk storage.Ticket) (int64, error) {
	id, _, err := a.tickets.OpenTicket(r, tk)
	return id, err
}

// MayOrganise reports whether the person may create a job for team (0:
// everyone).
func (a *App) MayOrganise(r *core.Req, team int64) (bool, error) { return a.jobs.MayOrganise(r, team) }

// JobTitle is text cut to a job's title.
func (a *App) JobTitle(text string) string { return core.LimitRunes(text, jobs.MaxJobTitle) }

// DraftJob starts a new job titled title, made of decision, at the question
// of its time; the job is linked to the decision when it is published.
func (a *App) DraftJob(r *core.Req, title string, decision int64, why string) error {
	return a.jobs.AskJobWhen(r, jobs.FlowJob, jobs.JobDraft{Title: title, Decision: decision}, why)
}
