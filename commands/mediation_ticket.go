package commands

import (
	"courtyard/storage"
	"courtyard/telegram"
)

// mediationTicketRow is the "Move to the mediation room" button under a
// neighbour-dispute ticket, for those who may move it; nil for others.
func (a *App) mediationTicketRow(r *req, tk storage.Ticket) ([]telegram.Button, error) {
	if !a.mayMoveToMediation(r, tk) {
		return nil, nil
	}
	if in, err := a.inMediation(r.tx, tk.ID); err != nil || in {
		return nil, err
	}
	return []telegram.Button{{Text: r.t("mediation.move_button"), CallbackData: "md:tk:" + itoa(tk.ID)}}, nil
}

// moveToMediation moves a neighbour-dispute ticket to the mediation room in
// one step: a record is opened with the presser as its mediator and the
// reporter as a party, the ticket is assigned to the presser, the reporter
// and followers hear that it is handled in person, and the group line says
// only that it is being handled. The ticket's history says it moved, and
// nothing of the record.
func (a *App) moveToMediation(r *req, arg string) error {
	id, ok := idArg(arg)
	if !ok {
		return r.toast(r.t("error.stale_button"))
	}
	tk, err := r.tx.Ticket(id)
	if isNotFound(err) {
		return r.toast(r.t("error.stale_button"))
	}
	if err != nil {
		return err
	}
	if !a.mayMoveToMediation(r, tk) {
		return r.toast(r.t("mediation.move_refused"))
	}
	if d, err := r.tx.DisputeByTicket(tk.ID); err == nil {
		if a.mayReadDispute(r, d) {
			if err := r.toast(r.t("mediation.already_moved")); err != nil {
				return err
			}
			return a.showDispute(r, d, false)
		}
		return r.toast(r.t("mediation.already_moved"))
	} else if !isNotFound(err) {
		return err
	}
	rep, err := r.tx.Member(tk.ReporterID)
	if err != nil && !isNotFound(err) {
		return err
	}
	rec := storage.Dispute{Building: tk.Building, Summary: limitRunes(tk.Text, medMaxSummary), MediatorID: r.me.ID,
		CreatedBy: r.me.ID, TicketID: tk.ID}
	if rep.ID != 0 {
		rec.Parties = []storage.DisputeParty{{MemberID: rep.ID, Name: rep.Name}}
	}
	did, err := r.tx.CreateDispute(rec, r.now)
	if err != nil {
		return err
	}
	a.audit(r, "mediation.create", disputeTarget(did), map[string]int64{"ticket": tk.ID})
	note := a.cat.T(a.cfg.Community.Language, "mediation.ticket_event")
	next, _, err := r.tx.Transition(tk.ID, storage.ActAssign, r.me.ID, storage.TransitionOpts{Assignee: r.me.ID, Note: note}, r.now)
	if err != nil {
		return a.refuse(r, tk, err)
	}
	if err := a.refreshGroupLine(r, next); err != nil {
		return err
	}
	if err := a.tellFollowers(r, next, r.me.ID, "mediation.ticket_told"); err != nil {
		return err
	}
	if err := r.toast(r.t("mediation.moved", tk.ID)); err != nil {
		return err
	}
	rec, err = r.tx.Dispute(did)
	if err != nil {
		return err
	}
	return a.showDispute(r, rec, false)
}

// mediationLine is the group line of a ticket in mediation: its number,
// category and building and "being handled", never its text or names.
func (a *App) mediationLine(tk storage.Ticket) string {
	lang := a.cfg.Community.Language
	state := a.cat.T(lang, "mediation.group_handled")
	if !tk.State.Active() {
		state = a.stateLabel(lang, tk.State)
	}
	return a.kindLabel(lang, tk.Kind) + " " + a.headline(lang, tk) + "\n" + state
}

// mediationGroupButtons keeps only Details under such a line.
func (a *App) mediationGroupButtons(tk storage.Ticket) any {
	lang := a.cfg.Community.Language
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.cat.T(lang, "button.details"), CallbackData: "tk:info:" + itoa(tk.ID)}}}}
}
