// Package ledger is the staff's and leaders' view over the tickets: /ledger
// (the ticket ledger page by page, a leader's own buildings only), /export
// (tickets, volunteer hours and visits as CSV documents or one workbook)
// and /stats (a month's figures).
package ledger

import (
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
)

// Hours is what the ledger reads of the volunteer hours.
type Hours interface {
	// HoursExport is the hours of q's period as a CSV document; ok is
	// false when none were logged.
	HoursExport(tx *storage.Tx, q storage.ExportRequest) (msg storage.OutMsg, ok bool, err error)
	// HoursHeader is the hours CSV's first row.
	HoursHeader() []string
	// VolunteerStats is /stats's volunteering paragraph, or "".
	VolunteerStats(r *core.Req, from, to time.Time) (string, error)
}

// Tickets is what the ledger reads of a ticket beyond its row.
type Tickets interface {
	// TicketText is a ticket's description as a reader of lang sees it.
	TicketText(lang string, tk storage.Ticket) string
}

// Visits is what the ledger reads of the care visits.
type Visits interface {
	// VisitsExport is the visits of q's period as a CSV document; ok is
	// false when there were none.
	VisitsExport(tx *storage.Tx, q storage.ExportRequest) (msg storage.OutMsg, ok bool, err error)
	// VisitStats is /stats's visits paragraph, or "".
	VisitStats(r *core.Req, from, to time.Time) (string, error)
	// LogVisitsExport records that an export asked for reads the
	// households visited in [from, to).
	LogVisitsExport(r *core.Req, from, to time.Time) error
}

// Deps are the capabilities the ledger reads from.
type Deps struct {
	Hours   Hours
	Tickets Tickets
	Visits  Visits
}

// Ledger is the ledger, the exports and the figures over the core.
type Ledger struct {
	*core.Core
	hours   Hours
	tickets Tickets
	visits  Visits
}

// New returns the ledger capability.
func New(c *core.Core, d Deps) *Ledger {
	return &Ledger{Core: c, hours: d.Hours, tickets: d.Tickets, visits: d.Visits}
}
