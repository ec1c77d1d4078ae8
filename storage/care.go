package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CareTx is the part of a Tx that keeps the neighbours who need a hand: the
// households cared for, their visitors and visits, and the disputes
// mediated between neighbours (care.go, visits.go, mediation.go).
type CareTx struct{ *tx }

// Household is a household on the care list. Its fields are for staff and,
// for the visit fields (building, unit, name, why, contact), for its
// assigned visitors only.
type Household struct {
	ID         int64
	Building   string
	Unit       string
	Name       string
	Reason     string // lives_alone, disabled, subsistence, left_behind, other
	ReasonText string // the reason typed for "other"
	Contact    string
	Notes      string // staff only
	Archived   bool
	CreatedBy  int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// HouseholdFields are the columns of a household that /care edits.
var HouseholdFields = []string{"building", "unit", "name", "reason", "reason_text", "contact", "notes"}

const householdCols = `id, building, unit, name, reason, reason_text, contact, notes, archived, created_by, created_at, updated_at`

func scanHousehold(sc interface{ Scan(...any) error }) (Household, error) {
	var h Household
	var archived int
	var created, updated int64
	err := sc.Scan(&h.ID, &h.Building, &h.Unit, &h.Name, &h.Reason, &h.ReasonText, &h.Contact, &h.Notes,
		&archived, &h.CreatedBy, &created, &updated)
	h.Archived = archived == 1
	h.CreatedAt, h.UpdatedAt = fromMS(created), fromMS(updated)
	return h, err
}

// CreateHousehold adds h to the care list and returns its id.
func (t CareTx) CreateHousehold(h Household, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO care_households
		(building, unit, name, reason, reason_text, contact, notes, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		h.Building, h.Unit, h.Name, h.Reason, h.ReasonText, h.Contact, h.Notes, h.CreatedBy, ms(now), ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: create household: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("storage: create household: %w", err)
	}
	return id, nil
}

// Household returns household id, archived or not.
func (t CareTx) Household(id int64) (Household, error) {
	h, err := scanHousehold(t.q.QueryRowContext(t.ctx, `SELECT `+householdCols+` FROM care_households WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return h, ErrNotFound
	}
	if err != nil {
		return h, fmt.Errorf("storage: household %d: %w", id, err)
	}
	return h, nil
}

// Households lists the care list by building and unit: the active
// households, or the archived ones.
func (t CareTx) Households(archived bool) ([]Household, error) {
	return t.households(`SELECT `+householdCols+` FROM care_households WHERE archived = ? ORDER BY building, unit, id`, boolInt(archived))
}

// HouseholdsOf lists the active households member visits.
func (t CareTx) HouseholdsOf(member int64) ([]Household, error) {
	return t.households(`SELECT `+householdCols+` FROM care_households h
		WHERE archived = 0 AND EXISTS (SELECT 1 FROM care_visitors v WHERE v.household_id = h.id AND v.member_id = ?)
		ORDER BY building, unit, id`, member)
}

func (t CareTx) households(q string, args ...any) ([]Household, error) {
	return queryAll(t, "list households", scanHousehold, q, args...)
}

// SetHouseholdField changes one of HouseholdFields.
func (t CareTx) SetHouseholdField(id int64, field, value string, now time.Time) error {
	ok := false
	for _, f := range HouseholdFields {
		ok = ok || f == field
	}
	if !ok {
		return fmt.Errorf("storage: household %d: no field %q", id, field)
	}
	res, err := t.q.ExecContext(t.ctx, `UPDATE care_households SET `+field+` = ?, updated_at = ? WHERE id = ?`, value, ms(now), id)
	if err != nil {
		return fmt.Errorf("storage: household %d set %s: %w", id, field, err)
	}
	return mustAffect(res, id)
}

// SetHouseholdArchived archives a household or brings it back.
func (t CareTx) SetHouseholdArchived(id int64, archived bool, now time.Time) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE care_households SET archived = ?, updated_at = ? WHERE id = ?`, boolInt(archived), ms(now), id)
	if err != nil {
		return fmt.Errorf("storage: archive household %d: %w", id, err)
	}
	return mustAffect(res, id)
}

// HouseholdVisitors lists the members assigned to visit household id.
func (t CareTx) HouseholdVisitors(id int64) ([]Member, error) {
	return t.members(`SELECT `+memberCols+` FROM members WHERE id IN
		(SELECT member_id FROM care_visitors WHERE household_id = ?) ORDER BY name, id`, id)
}

// IsHouseholdVisitor reports whether member is assigned to household id.
func (t CareTx) IsHouseholdVisitor(id, member int64) (bool, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM care_visitors WHERE household_id = ? AND member_id = ?`, id, member).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("storage: visitor of household %d: %w", id, err)
	}
	return n > 0, nil
}

// SetHouseholdVisitor assigns member to household id, or unassigns them.
func (t CareTx) SetHouseholdVisitor(id, member int64, assigned bool, by int64, now time.Time) error {
	var err error
	if assigned {
		_, err = t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO care_visitors (household_id, member_id, assigned_by, assigned_at)
			VALUES (?, ?, ?, ?)`, id, member, by, ms(now))
	} else {
		_, err = t.q.ExecContext(t.ctx, `DELETE FROM care_visitors WHERE household_id = ? AND member_id = ?`, id, member)
	}
	if err != nil {
		return fmt.Errorf("storage: visitor %d of household %d: %w", member, id, err)
	}
	return nil
}

// CareEntry is one read or change of a household by staff.
type CareEntry struct {
	ActorID int64
	Action  string // e.g. "view", "list", "edit", "assign"
	Detail  string
	At      time.Time
}

// LogCare records that actor read or changed household id.
func (t CareTx) LogCare(id, actor int64, action, detail string, now time.Time) error {
	if _, err := t.q.ExecContext(t.ctx, `INSERT INTO care_log (household_id, actor_id, action, detail, at) VALUES (?, ?, ?, ?, ?)`,
		id, actor, action, detail, ms(now)); err != nil {
		return fmt.Errorf("storage: care log of household %d: %w", id, err)
	}
	return nil
}

// CareLog returns the last limit entries of household id's record, newest
// first, and how many there are in all.
func (t CareTx) CareLog(id int64, limit int) ([]CareEntry, int, error) {
	var total int
	if err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM care_log WHERE household_id = ?`, id).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("storage: care log of household %d: %w", id, err)
	}
	scan := func(sc scanner) (CareEntry, error) {
		var e CareEntry
		var at int64
		err := sc.Scan(&e.ActorID, &e.Action, &e.Detail, &at)
		e.At = fromMS(at)
		return e, err
	}
	out, err := queryAll(t, fmt.Sprintf("care log of household %d", id), scan, `SELECT actor_id, action, detail, at FROM care_log WHERE household_id = ?
		ORDER BY id DESC LIMIT ?`, id, limit)
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// VisitorCandidates lists up to limit registered, active members who may
// visit: leaders, staff and members of a team that is not archived, by name.
func (t CareTx) VisitorCandidates(limit int) ([]Member, error) {
	return t.members(`SELECT `+memberCols+` FROM members WHERE registered_at IS NOT NULL AND active = 1
		AND (role IN ('leader', 'staff') OR id IN (SELECT tm.member_id FROM team_members tm
			JOIN teams t ON t.id = tm.team_id WHERE t.archived = 0))
		ORDER BY name, id LIMIT ?`, limit)
}
