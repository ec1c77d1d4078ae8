package storage

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// The ticket lists. Each query is a function of its shape so that the test of
// query plans runs exactly the SQL the methods run.

func strArgs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// rangeMS turns [from, to) into milliseconds, a zero bound being unbounded.
func rangeMS(from, to time.Time) (int64, int64) {
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	if !from.IsZero() {
		lo = ms(from)
	}
	if !to.IsZero() {
		hi = ms(to)
	}
	return lo, hi
}

func queueSQL(buildings int) string {
	return `SELECT ` + ticketCols + ` FROM tickets
		WHERE building IN (` + placeholders(buildings) + `) AND state IN ('open','reopened','claimed')
		ORDER BY created_at, id LIMIT ?`
}

// BuildingQueue returns the open, reopened and claimed tickets of the
// buildings, oldest first.
func (t TicketsTx) BuildingQueue(buildings []string, limit int) ([]Ticket, error) {
	if len(buildings) == 0 {
		return nil, nil
	}
	return t.tickets("queue of "+strings.Join(buildings, ","), queueSQL(len(buildings)), append(strArgs(buildings), limit)...)
}

const assignedSQL = `SELECT ` + ticketCols + ` FROM tickets
	WHERE assignee_id = ? AND state IN ('claimed','reopened') ORDER BY created_at, id LIMIT ?`

// AssignedTickets returns the claimed and reopened tickets assigned to
// member, oldest first.
func (t TicketsTx) AssignedTickets(member int64, limit int) ([]Ticket, error) {
	return t.tickets(fmt.Sprintf("tickets of assignee %d", member), assignedSQL, member, limit)
}

const reporterSQL = `SELECT ` + ticketCols + ` FROM tickets
	WHERE reporter_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`

// ReporterTickets returns the tickets member filed, newest first.
func (t TicketsTx) ReporterTickets(member int64, limit int) ([]Ticket, error) {
	return t.tickets(fmt.Sprintf("tickets of reporter %d", member), reporterSQL, member, limit)
}

// ReportsSince counts the tickets (of both kinds) member filed at or after
// since.
func (t TicketsTx) ReportsSince(member int64, since time.Time) (int, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM tickets WHERE reporter_id = ? AND created_at >= ?`,
		member, ms(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("storage: tickets of %d since %v: %w", member, since, err)
	}
	return n, nil
}

// LedgerFilter narrows the ledger. Zero fields do not filter.
type LedgerFilter struct {
	State     TicketState
	Building  string
	Category  string
	From, To  time.Time // [From, To) on created_at; zero is unbounded
	Buildings []string  // only these buildings (a leader's); nil is all, empty is none
}

func ledgerWhere(f LedgerFilter) (string, []any) {
	var conds []string
	var args []any
	if f.State != "" {
		conds, args = append(conds, "state = ?"), append(args, f.State)
	}
	if f.Building != "" {
		conds, args = append(conds, "building = ?"), append(args, f.Building)
	}
	if f.Buildings != nil {
		conds, args = append(conds, "building IN ("+placeholders(len(f.Buildings))+")"), append(args, strArgs(f.Buildings)...)
	}
	if f.Category != "" {
		conds, args = append(conds, "category = ?"), append(args, f.Category)
	}
	if !f.From.IsZero() {
		conds, args = append(conds, "created_at >= ?"), append(args, ms(f.From))
	}
	if !f.To.IsZero() {
		conds, args = append(conds, "created_at < ?"), append(args, ms(f.To))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Ledger returns one page of the tickets f selects, newest first, and how
// many it selects in all.
func (t TicketsTx) Ledger(f LedgerFilter, limit, offset int) ([]Ticket, int, error) {
	if f.Buildings != nil && len(f.Buildings) == 0 {
		return nil, 0, nil
	}
	where, args := ledgerWhere(f)
	var total int
	if err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM tickets`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("storage: count ledger: %w", err)
	}
	page, err := t.tickets("ledger", `SELECT `+ticketCols+` FROM tickets`+where+
		` ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	return page, total, nil
}

const exportSQL = `SELECT ` + ticketCols + ` FROM tickets
	WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`

// ExportTickets calls fn with each ticket created in [from, to), oldest
// first, stopping at fn's first error, which it returns. fn must not use the
// Tx: the rows are still open while it runs.
func (t TicketsTx) ExportTickets(from, to time.Time, fn func(Ticket) error) error {
	lo, hi := rangeMS(from, to)
	rows, err := t.q.QueryContext(t.ctx, exportSQL, lo, hi)
	if err != nil {
		return fmt.Errorf("storage: export tickets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		tk, err := scanTicket(rows)
		if err != nil {
			return fmt.Errorf("storage: export tickets: %w", err)
		}
		if err := fn(tk); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("storage: export tickets: %w", err)
	}
	return nil
}

const unclaimedSQL = `SELECT ` + ticketCols + ` FROM tickets
	WHERE state IN ('open','reopened') AND assignee_id IS NULL AND created_at < ? AND escalated_step < 1
	ORDER BY created_at, id LIMIT ?`

// UnclaimedSince returns open or reopened tickets nobody is assigned to,
// created before before and not yet escalated, oldest first.
func (t TicketsTx) UnclaimedSince(before time.Time, limit int) ([]Ticket, error) {
	return t.tickets("unclaimed tickets", unclaimedSQL, ms(before), limit)
}

const activeByCategorySQL = `SELECT ` + ticketCols + ` FROM tickets
	WHERE state IN ('open','claimed','reopened') AND category = ? AND created_at < ? AND escalated_step < 2
	ORDER BY created_at, id LIMIT ?`

// ActiveTicketsByCategory returns the category's open, claimed and reopened
// tickets created before createdBefore (the category's deadline cut-off)
// whose deadline escalation has not been sent, oldest first.
func (t TicketsTx) ActiveTicketsByCategory(category string, createdBefore time.Time, limit int) ([]Ticket, error) {
	return t.tickets("overdue "+category+" tickets", activeByCategorySQL, category, ms(createdBefore), limit)
}

// MarkEscalated records that escalation step was sent; the step never goes
// down.
func (t TicketsTx) MarkEscalated(id int64, step int) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE tickets SET escalated_step = max(escalated_step, ?) WHERE id = ?`, step, id)
	if err != nil {
		return fmt.Errorf("storage: mark ticket %d escalated: %w", id, err)
	}
	return mustAffect(res, id)
}

const resolvedBeforeSQL = `SELECT ` + ticketCols + ` FROM tickets
	WHERE state = 'resolved' AND resolved_at < ? ORDER BY resolved_at, id LIMIT ?`

// ResolvedBefore returns tickets resolved before before and still waiting
// for the reporter's answer, longest waiting first (for auto-close).
func (t TicketsTx) ResolvedBefore(before time.Time, limit int) ([]Ticket, error) {
	return t.tickets("resolved tickets", resolvedBeforeSQL, ms(before), limit)
}
