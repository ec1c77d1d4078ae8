package services

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// mayReadCase is the one rule for who may read or work a case's contents
// (the household, phone, situation, document photos, record): only in
// the person's private chat, only staff and admins (the staff member it
// is assigned to among them). Never in a group; the applicant follows
// their own case through isApplicant, which shows its progress only.
// Every view, button and deep link asks it again.
func (a *Services) mayReadCase(r *core.Req, c storage.Case) bool {
	if !r.Private() || r.Chat.ID != r.Me.ID {
		return false
	}
	return r.AtLeast(storage.RoleStaff) || (c.AssigneeID != 0 && c.AssigneeID == r.Me.ID && r.Role == storage.RoleStaff)
}

// isApplicant: the person behind r made case c (in their private chat).
func isApplicant(r *core.Req, c storage.Case) bool {
	return r.Private() && r.Chat.ID == r.Me.ID && c.MemberID == r.Me.ID
}

// loadCase reads case id for staff behind r: ok is false (and they were
// answered) when there is none or they may not read it; both look the
// same, so that a forged button learns nothing.
func (a *Services) loadCase(r *core.Req, id int64) (storage.Case, bool, error) {
	c, err := r.Tx.Case(id)
	if err != nil && !core.IsNotFound(err) {
		return c, false, err
	}
	if core.IsNotFound(err) || !a.mayReadCase(r, c) {
		return storage.Case{}, false, a.say(r, r.T("services.case_not_found"))
	}
	return c, true, nil
}

// loadOwnCase reads case id for its applicant behind r, as loadCase does.
func (a *Services) loadOwnCase(r *core.Req, id int64) (storage.Case, bool, error) {
	c, err := r.Tx.Case(id)
	if err != nil && !core.IsNotFound(err) {
		return c, false, err
	}
	if core.IsNotFound(err) || !isApplicant(r, c) {
		return storage.Case{}, false, a.say(r, r.T("services.case_not_found"))
	}
	return c, true, nil
}

// say answers a press with a toast, a message with a reply.
func (a *Services) say(r *core.Req, text string) error {
	if r.CB != nil {
		return r.Toast(core.StripTags(text))
	}
	return r.Reply(text, nil)
}

// checkCase is the table's check of "sv:<verb>:<case>" for staff.
func (a *Services) checkCase(r *core.Req) (bool, error) {
	id, ok := core.ButtonArgs(r.CB.Data, "sv:").Id(1)
	if !ok {
		return false, nil
	}
	c, err := r.Tx.Case(id)
	if core.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return a.mayReadCase(r, c), nil
}

// checkApplicant is the table's check of "sv:<verb>:<case>" for the
// applicant.
func (a *Services) checkApplicant(r *core.Req) (bool, error) {
	id, ok := core.ButtonArgs(r.CB.Data, "sv:").Id(1)
	if !ok {
		return false, nil
	}
	c, err := r.Tx.Case(id)
	if core.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return isApplicant(r, c), nil
}

// caseTarget is the audit target naming a case; details never hold its
// contents.
func caseTarget(id int64) string { return "sc:" + core.Itoa(id) }

// record writes a line to case c's record and the audit.
func (a *Services) record(r *core.Req, c storage.Case, action string, detail map[string]any) error {
	a.Audit(r, "services."+action, caseTarget(c.ID), detail)
	return r.Tx.LogCase(c.ID, r.Me.ID, action, "", r.Now)
}
