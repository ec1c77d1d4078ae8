package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// States of a member on a patrol shift.
const (
	DutyOn      = "on"      // holds a slot
	DutyDropped = "dropped" // said they can't make it
	DutyGave    = "gave"    // gave the shift away in a swap
)

// PatrolDuty is one member on one shift.
type PatrolDuty struct {
	ShiftID  int64
	MemberID int64
	Name     string // read back
	State    string
	Via      string // "take", "rotation", "swap"
	Offered  bool   // offered to others while still on it
	OfferTo  int64  // the one member it is offered to; 0 the team
	OnWay    time.Time
	CheckIn  time.Time
	CheckOut time.Time
}

const dutyCols = `d.shift_id, d.member_id, coalesce(m.name, ''), d.state, d.via, d.offered, coalesce(d.offer_to, 0),
	d.on_way_at, d.check_in, d.check_out`

func scanDuty(sc interface{ Scan(...any) error }) (PatrolDuty, error) {
	var d PatrolDuty
	var offered int
	var way, in, out sql.NullInt64
	err := sc.Scan(&d.ShiftID, &d.MemberID, &d.Name, &d.State, &d.Via, &offered, &d.OfferTo, &way, &in, &out)
	d.Offered = offered == 1
	d.OnWay, d.CheckIn, d.CheckOut = nullMS(way), nullMS(in), nullMS(out)
	return d, err
}

// ShiftDuty returns everyone with a row on the shift (on, dropped, gave),
// in the order they came.
func (t PatrolsTx) ShiftDuty(shift int64) ([]PatrolDuty, error) {
	return t.duties(`WHERE d.shift_id = ? ORDER BY d.rowid`, shift)
}

// ShiftsDuty returns the rows of every shift starting in [from, to) of
// team (0: all teams), by shift and arrival.
func (t PatrolsTx) ShiftsDuty(team int64, from, to time.Time) ([]PatrolDuty, error) {
	return t.duties(`JOIN patrol_shifts s ON s.id = d.shift_id WHERE (? = 0 OR s.team_id = ?)
		AND s.start_at >= ? AND s.start_at < ? ORDER BY d.shift_id, d.rowid`, team, team, ms(from), ms(to))
}

func (t PatrolsTx) duties(q string, args ...any) ([]PatrolDuty, error) {
	return queryAll(t, "patrol duty", scanDuty, `SELECT `+dutyCols+` FROM patrol_duty d LEFT JOIN members m ON m.id = d.member_id `+q, args...)
}

// Duty returns member's row on shift, or ErrNotFound.
func (t PatrolsTx) Duty(shift, member int64) (PatrolDuty, error) {
	d, err := scanDuty(t.q.QueryRowContext(t.ctx, `SELECT `+dutyCols+` FROM patrol_duty d LEFT JOIN members m ON m.id = d.member_id
		WHERE d.shift_id = ? AND d.member_id = ?`, shift, member))
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, fmt.Errorf("storage: duty of %d on shift %d: %w", member, shift, err)
	}
	return d, nil
}

// TakeSlot puts member on shift (via "take", "rotation" or "swap") if a
// slot is open. It reports false, changing nothing, when the shift is full.
// Someone who had dropped or given it away takes it afresh.
func (t PatrolsTx) TakeSlot(shift, member int64, via string, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO patrol_duty (shift_id, member_id, state, via, updated_at)
		SELECT ?, ?, 'on', ?, ? FROM patrol_shifts s WHERE s.id = ?
			AND (SELECT count(*) FROM patrol_duty d WHERE d.shift_id = s.id AND d.state = 'on') < s.slots
		ON CONFLICT (shift_id, member_id) DO UPDATE SET state = 'on', via = excluded.via, offered = 0, offer_to = NULL,
			on_way_at = NULL, check_in = NULL, check_out = NULL, updated_at = excluded.updated_at
		WHERE patrol_duty.state <> 'on'`, shift, member, via, ms(now), shift)
	if err != nil {
		return false, fmt.Errorf("storage: %d takes shift %d: %w", member, shift, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("storage: %d takes shift %d: %w", member, shift, err)
	}
	return n > 0, nil
}

// LeaveSlot marks member, on shift, as state (DutyDropped or DutyGave). It
// reports false when they were not on it.
func (t PatrolsTx) LeaveSlot(shift, member int64, state string, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE patrol_duty SET state = ?, offered = 0, offer_to = NULL, updated_at = ?
		WHERE shift_id = ? AND member_id = ? AND state = 'on'`, state, ms(now), shift, member)
	if err != nil {
		return false, fmt.Errorf("storage: %d leaves shift %d: %w", member, shift, err)
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return false, err
	}
	return true, t.withdrawShiftReminders(shift, member)
}

// withdrawShiftReminders ends the shift's reminders not yet sent to member,
// who left it.
func (t PatrolsTx) withdrawShiftReminders(shift, member int64) error {
	for _, kind := range []string{"patrol.eve", "patrol.soon"} {
		if err := t.WithdrawDueTo(member, DueRef(kind, fmt.Sprint(shift))); err != nil {
			return err
		}
	}
	return nil
}

// OfferSlot records that member offers their place on shift to to (0: the
// team). It reports false when they are not on it.
func (t PatrolsTx) OfferSlot(shift, member, to int64, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE patrol_duty SET offered = 1, offer_to = ?, updated_at = ?
		WHERE shift_id = ? AND member_id = ? AND state = 'on'`, idOrNull(to), ms(now), shift, member)
	if err != nil {
		return false, fmt.Errorf("storage: %d offers shift %d: %w", member, shift, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// SwapSlot hands from's place on shift to taker, if from still offers it
// (to taker or to the team). It reports false, changing nothing, otherwise.
func (t PatrolsTx) SwapSlot(shift, from, taker int64, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE patrol_duty SET state = 'gave', offered = 0, updated_at = ?
		WHERE shift_id = ? AND member_id = ? AND state = 'on' AND offered = 1 AND (offer_to IS NULL OR offer_to = ?)`,
		ms(now), shift, from, taker)
	if err != nil {
		return false, fmt.Errorf("storage: swap shift %d from %d: %w", shift, from, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	if err := t.withdrawShiftReminders(shift, from); err != nil {
		return false, err
	}
	ok, err := t.TakeSlot(shift, taker, "swap", now)
	if err != nil {
		return false, err
	}
	if !ok {
		return false, fmt.Errorf("storage: swap shift %d from %d: the freed slot was not free", shift, from)
	}
	return true, nil
}

// MarkDuty stamps one of on_way_at, check_in, check_out (what) for member
// on shift, once: it reports false when it was stamped already or they are
// not on the shift.
func (t PatrolsTx) MarkDuty(shift, member int64, what string, at time.Time) (bool, error) {
	switch what {
	case "on_way_at", "check_in", "check_out":
	default:
		return false, fmt.Errorf("storage: mark duty: bad column %q", what)
	}
	res, err := t.q.ExecContext(t.ctx, `UPDATE patrol_duty SET `+what+` = ?, updated_at = ?
		WHERE shift_id = ? AND member_id = ? AND state = 'on' AND `+what+` IS NULL`, ms(at), ms(at), shift, member)
	if err != nil {
		return false, fmt.Errorf("storage: mark %s of %d on shift %d: %w", what, member, shift, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// PatrolShiftsWalked counts the shifts starting in [from, to) that at
// least one member checked in to: the patrols a community reports.
func (t PatrolsTx) PatrolShiftsWalked(from, to time.Time) (int, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM patrol_shifts s
		WHERE s.start_at >= ? AND s.start_at < ?
		AND EXISTS (SELECT 1 FROM patrol_duty d WHERE d.shift_id = s.id AND d.check_in IS NOT NULL)`,
		ms(from), ms(to)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("storage: patrol shifts walked: %w", err)
	}
	return n, nil
}
