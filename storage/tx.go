package storage

import (
	"context"
	"errors"
	"fmt"
)

// Tx is a unit of work. Inside Update it is one write transaction; inside
// View it reads with autocommit.
//
// A Tx is made of parts, one per concern, so that each type keeps a
// readable number of methods while callers go on writing tx.CreateTicket
// and tx.Member: the parts are embedded, and their methods are the Tx's.
// Each part is declared in the first of its files and holds nothing but a
// way back to the Tx, so a method of one part reaches the connection, the
// context and the methods of every other part as if it were the Tx's own
// (t.q, t.ctx, t.Member). No two parts declare a method of the same name.
//
// The parts follow the capabilities that use them:
//
//	PeopleTx       members*.go, chats*.go, mydata.go, forget.go
//	TicketsTx      tickets*.go, alerts.go, ops.go
//	JobsTx         jobs.go, job_*.go, hours.go
//	TeamsTx        teams.go, team_*.go
//	PatrolsTx      patrol*.go
//	CareTx         care.go, visits.go, mediation.go
//	CalendarTx     meetings.go, schedules.go, announcements.go, agenda.go
//	CommunityTx    stars.go, pledges.go
//	ProposalsTx    proposals*.go, polls*.go (residents decide together)
//	ServicesTx     services*.go (the services desk)
//	ReportsTx      summary.go, exports.go, ratings.go (the ledger and the summary)
//
// and the machinery under them all:
//
//	DeliveryTx     inbox.go, outbox.go, due.go
//	BookkeepingTx  flows.go, menus.go, audit.go, blocked.go, kv.go
//
// What belongs to the transaction itself (its rollback hooks, savepoints,
// context) is declared on Tx, in this file.
type Tx struct {
	ctx context.Context
	q   querier

	undo  []func() // run when the write transaction is rolled back
	terms OutTerms // what the messages queued now are (outbox_terms.go)

	PeopleTx
	TicketsTx
	JobsTx
	TeamsTx
	PatrolsTx
	CareTx
	CalendarTx
	CommunityTx
	ProposalsTx
	ServicesTx
	ReportsTx
	DeliveryTx
	BookkeepingTx
}

// tx names the Tx inside its parts: a part embeds a *tx, whose fields and
// methods it then has, under a name callers outside the package cannot use.
type tx = Tx

// newTx is a Tx on q under ctx, each part pointing back to it.
func newTx(ctx context.Context, q querier) *Tx {
	t := &Tx{ctx: ctx, q: q}
	t.PeopleTx.tx = t
	t.TicketsTx.tx = t
	t.JobsTx.tx = t
	t.TeamsTx.tx = t
	t.PatrolsTx.tx = t
	t.CareTx.tx = t
	t.CalendarTx.tx = t
	t.CommunityTx.tx = t
	t.ProposalsTx.tx = t
	t.ServicesTx.tx = t
	t.ReportsTx.tx = t
	t.DeliveryTx.tx = t
	t.BookkeepingTx.tx = t
	return t
}

// base is the Tx itself; its parts have the same method through it.
func (t *Tx) base() *Tx { return t }

// txer is a Tx or one of its parts.
type txer interface{ base() *Tx }

// OnRollback registers fn to run if this write transaction does not commit,
// to undo state kept outside the database (a rate limiter's count). Inside
// View it is never run.
func (t *Tx) OnRollback(fn func()) { t.undo = append(t.undo, fn) }

// Savepoint runs fn inside a savepoint: when fn fails, what it wrote is
// undone and the enclosing transaction goes on.
func (t *Tx) Savepoint(fn func() error) error {
	if _, err := t.q.ExecContext(t.ctx, "SAVEPOINT sp"); err != nil {
		return fmt.Errorf("storage: savepoint: %w", err)
	}
	if err := fn(); err != nil {
		if _, rerr := t.q.ExecContext(t.ctx, "ROLLBACK TO sp"); rerr != nil {
			return errors.Join(err, fmt.Errorf("storage: rollback to savepoint: %w", rerr))
		}
		if _, rerr := t.q.ExecContext(t.ctx, "RELEASE sp"); rerr != nil {
			return errors.Join(err, fmt.Errorf("storage: release savepoint: %w", rerr))
		}
		return err
	}
	if _, err := t.q.ExecContext(t.ctx, "RELEASE sp"); err != nil {
		return fmt.Errorf("storage: release savepoint: %w", err)
	}
	return nil
}

// Context is the context the Tx runs under.
func (t *Tx) Context() context.Context { return t.ctx }

// ids runs a query returning one integer column; what names it in errors.
func (t *Tx) ids(what, q string, args ...any) ([]int64, error) {
	return queryAll(t, what, scanOne[int64], q, args...)
}
