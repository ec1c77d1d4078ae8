package storage

import (
	"context"
	"errors"
	"fmt"
)

// Tx is a unit of work. Inside Update it is one write transaction; inside
// View it reads with autocommit.
type Tx struct {
	ctx context.Context
	q   querier

	undo []func() // run when the write transaction is rolled back

	TicketsTx
	PeopleTx
	JobsTx
	TeamsTx
	PatrolsTx
	CareTx
	CalendarTx
	CommunityTx
	ReportsTx
	DeliveryTx
	BookkeepingTx
}

// newTx is a Tx on q under ctx.
func newTx(ctx context.Context, q querier) *Tx {
	t := &Tx{ctx: ctx, q: q}
	t.TicketsTx.tx = t
	t.PeopleTx.tx = t
	t.JobsTx.tx = t
	t.TeamsTx.tx = t
	t.PatrolsTx.tx = t
	t.CareTx.tx = t
	t.CalendarTx.tx = t
	t.CommunityTx.tx = t
	t.ReportsTx.tx = t
	t.DeliveryTx.tx = t
	t.BookkeepingTx.tx = t
	return t
}

// base is the Tx itself; its parts reach it through the same method.
func (t *Tx) base() *Tx { return t }

// tx names the Tx inside its parts, each of which leads back to it.
type tx = Tx

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
