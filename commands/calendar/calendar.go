// Package calendar is scheduled notices and meetings: a leader or staff
// schedules a notice to an announcement's audience (once, by a preset or a
// cron line, on a holiday); staff plan a meeting, post its invitation with
// Coming / Can't come, remind those invited, and take its minutes, whose
// decisions become tickets or volunteer jobs.
package calendar

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// Announcements is what the calendar needs of announcements: who may be
// reached and the questions that choose them, how an audience reads, and
// the sending of a notice.
type Announcements interface {
	// AudienceSteps ask who a message goes to, among the audiences the
	// person may reach that allow lets through (nil: all).
	AudienceSteps(ask func(*core.Req, core.Values) string, allow func(r *core.Req, v core.Values, au string) bool) []core.Step
	// ChosenAudience is the audience AudienceSteps were answered with.
	ChosenAudience(v core.Values) storage.Announcement
	// Audiences lists what the person may announce to.
	Audiences(r *core.Req) []string
	// AnnounceBuildings are the buildings the person may pick.
	AnnounceBuildings(r *core.Req) []string
	// MayAnnounce checks the person may still reach ann's audience.
	MayAnnounce(r *core.Req, ann storage.Announcement) bool
	// DescribeAudience names an audience in r's language.
	DescribeAudience(r *core.Req, au string, bs []string, team int64) string
	// Recipients works out who gets ann now.
	Recipients(r *core.Req, ann storage.Announcement) ([]core.Recipient, error)
	// DeliverAck queues ann to one chat, with the Read ✓ button if ack.
	DeliverAck(r *core.Req, ann storage.Announcement, chat int64, lang string, prio int, ref string, pin, ack bool) error
	// SendAnnouncement sends a draft to its whole audience; false when it
	// had been sent or cancelled already.
	SendAnnouncement(r *core.Req, ann storage.Announcement, pin, ack bool) (int, bool, error)
}

// Jobs is what a meeting's decision needs to become a volunteer job.
type Jobs interface {
	// MayOrganise reports whether the person may create a job for team
	// (0: everyone).
	MayOrganise(r *core.Req, team int64) (bool, error)
	// JobTitle is text cut to a job's title.
	JobTitle(text string) string
	// DraftJob starts a new job titled title, made of decision, at the
	// question of its time; why heads the question.
	DraftJob(r *core.Req, title string, decision int64, why string) error
}

// Tickets is what a meeting's decision needs to become a ticket.
type Tickets interface {
	// OpenTicket files tk and tells those who should hear of it, as any
	// new ticket; it returns the ticket's id.
	OpenTicket(r *core.Req, tk storage.Ticket) (int64, error)
}

// Proposals is what a meeting's agenda needs of residents' proposals.
type Proposals interface {
	// AgendaProposals are the proposals with enough support to be put on
	// an agenda, the most supported first.
	AgendaProposals(tx *storage.Tx) ([]storage.Proposal, error)
	// OnAgenda puts proposals ids on meeting's agenda and tells their
	// proposers and supporters.
	OnAgenda(r *core.Req, meeting int64, ids []int64) error
}

// Deps are the other capabilities the calendar reaches.
type Deps struct {
	Announce  Announcements
	Jobs      Jobs
	Tickets   Tickets
	Proposals Proposals
}

// Calendar is the scheduled notices and meetings capability over the core.
type Calendar struct {
	*core.Core
	announce Announcements
	jobs     Jobs
	tickets  Tickets
	props    Proposals

	scheduleFlow *core.Dialog // a notice: new, its time or its text; a recurring meeting's times
	deleteFlow   *core.Dialog // deleting a notice, once confirmed
	meetingFlow  *core.Dialog // a new meeting
	cancelFlow   *core.Dialog // cancelling a posted meeting, once confirmed
	noteFlow     *core.Dialog // a meeting's minutes or one of its decisions
}

// New returns the calendar over c, reaching the other capabilities
// through d.
func New(c *core.Core, d Deps) *Calendar {
	a := &Calendar{Core: c, announce: d.Announce, jobs: d.Jobs, tickets: d.Tickets, props: d.Proposals}
	a.scheduleFlow = a.scheduleDialog()
	a.deleteFlow = a.deleteDialog()
	a.meetingFlow = a.meetingDialog()
	a.cancelFlow = a.cancelDialog()
	a.noteFlow = a.noteDialog()
	return a
}
