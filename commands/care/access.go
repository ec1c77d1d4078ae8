package care

import (
	"slices"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// careAccess is how much of a care-list household a person may see.
type careAccess int

const (
	careNone  careAccess = iota
	careVisit            // its assigned visitor: building, unit, name, why, contact
	careFull             // staff: everything, its record included
)

// Limits of the care list's fields, in characters.
const (
	maxCareName    = 64
	maxCareReason  = 100
	maxCareContact = 100
	maxCareNotes   = 500
	maxVisitNote   = 500
)

// careReasons are why a household needs care, in button order.
var careReasons = []string{"lives_alone", "disabled", "subsistence", "left_behind", "other"}

// Reasons are the keys of why a household needs care, in button order.
func Reasons() []string { return slices.Clone(careReasons) }

// mayReadHousehold is the one rule for who may see a household of the care
// list, and how much: only ever in a private chat; staff see it all; a
// visitor assigned to it sees the fields a visit needs while it is on the
// list; nobody else sees anything.
func (a *Care) mayReadHousehold(r *core.Req, h storage.Household) (careAccess, error) {
	if !r.Private() || r.Chat.ID != r.Me.ID {
		return careNone, nil
	}
	if r.AtLeast(storage.RoleStaff) {
		return careFull, nil
	}
	if h.Archived {
		return careNone, nil
	}
	ok, err := r.Tx.IsHouseholdVisitor(h.ID, r.Me.ID)
	if err != nil || !ok {
		return careNone, err
	}
	return careVisit, nil
}

// mayEditCare: only staff, in private, change the care list.
func (a *Care) mayEditCare(r *core.Req) bool {
	return r.Private() && r.AtLeast(storage.RoleStaff)
}

// logCare records a staff member's read or change of household id.
func (a *Care) logCare(r *core.Req, id int64, action, detail string) error {
	a.Audit(r, "care."+action, "h:"+core.Itoa(id), nil) // the detail stays in care_log, with the household
	return r.Tx.LogCare(id, r.Me.ID, action, detail, r.Now)
}

// reasonLabel says why a household needs care, in the reader's language.
func (a *Care) reasonLabel(r *core.Req, h storage.Household) string {
	if h.Reason == "other" && h.ReasonText != "" {
		return core.Esc(h.ReasonText)
	}
	return r.T("care.reason." + h.Reason)
}

// householdLine is one line about h: building, unit, name, why.
func (a *Care) householdLine(r *core.Req, h storage.Household) string {
	return r.T("care.line", core.Esc(h.Building), core.Esc(h.Unit), core.Esc(h.Name), a.reasonLabel(r, h))
}

// householdText is h as acc allows: the visit fields for its visitor, and
// staff's notes only for staff.
func (a *Care) householdText(r *core.Req, h storage.Household, acc careAccess) string {
	if acc == careNone {
		return ""
	}
	var b strings.Builder
	b.WriteString(a.householdLine(r, h))
	if h.Contact != "" {
		b.WriteString("\n" + r.T("care.contact", core.Esc(h.Contact)))
	}
	if acc == careFull && h.Notes != "" {
		b.WriteString("\n" + r.T("care.notes", core.Esc(h.Notes)))
	}
	return b.String()
}

// mayBeVisitor: visitors are building leaders (and staff) or volunteers,
// registered so that the bot can write to them.
func (a *Care) mayBeVisitor(tx *storage.Tx, m storage.Member) (bool, error) {
	if !m.Registered() {
		return false, nil
	}
	if a.RoleOf(m).Rank() >= storage.RoleLeader.Rank() {
		return true, nil
	}
	teams, err := tx.MemberTeams(m.ID)
	if err != nil {
		return false, err
	}
	for _, tm := range teams {
		if !tm.Archived {
			return true, nil
		}
	}
	return false, nil
}
