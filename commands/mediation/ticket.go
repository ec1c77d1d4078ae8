package mediation

import (
	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// MediationTicketRow is the "Move to the mediation room" button under a
// neighbour-dispute ticket, for those who may move it; nil for others.
func (a *Mediation) MediationTicketRow(r *core.Req, tk storage.Ticket) ([]telegram.Button, error) {
	if !a.mayMoveToMediation(r, tk) {
		return nil, nil
	}
	if in, err := a.InMediation(r.Tx, tk.ID); err != nil || in {
		return nil, err
	}
	return []telegram.Button{{Text: r.T("mediation.move_button"), CallbackData: "md:tk:" + core.Itoa(tk.ID)}}, nil
}

// moveToMediation moves a neighbour-dispute ticket to the mediation room in
// one step: a record is opened with the presser as its mediator and the
// reporter as a party, the ticket is assigned to the presser, the reporter
// and followers hear that it is handled in person, and the group line says
// only that it is being handled. The ticket's history says it moved, and
// nothing of the record.
func (a *Mediation) moveToMediation(r *core.Req, arg string) error {
	id, ok := core.IdArg(arg)
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	tk, err := r.Tx.Ticket(id)
	if core.IsNotFound(err) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	if !a.mayMoveToMediation(r, tk) {
		return r.Toast(r.T("mediation.move_refused"))
	}
	if d, err := r.Tx.DisputeByTicket(tk.ID); err == nil {
		if a.mayReadDispute(r, d) {
			if err := r.Toast(r.T("mediation.already_moved")); err != nil {
				return err
			}
			return a.showDispute(r, d, false)
		}
		return r.Toast(r.T("mediation.already_moved"))
	} else if !core.IsNotFound(err) {
		return err
	}
	rep, err := r.Tx.Member(tk.ReporterID)
	if err != nil && !core.IsNotFound(err) {
		return err
	}
	rec := storage.Dispute{Building: tk.Building, Summary: core.LimitRunes(tk.Text, medMaxSummary), MediatorID: r.Me.ID,
		CreatedBy: r.Me.ID, TicketID: tk.ID}
	if rep.ID != 0 {
		rec.Parties = []storage.DisputeParty{{MemberID: rep.ID, Name: rep.Name}}
	}
	did, err := r.Tx.CreateDispute(rec, r.Now)
	if err != nil {
		return err
	}
	a.Audit(r, "mediation.create", disputeTarget(did), map[string]int64{"ticket": tk.ID})
	note := a.Cat.T(a.Cfg.Community.Language, "mediation.ticket_event")
	next, _, err := r.Tx.Transition(tk.ID, storage.ActAssign, r.Me.ID, storage.TransitionOpts{Assignee: r.Me.ID, Note: note}, r.Now)
	if err != nil {
		return a.tickets.Refuse(r, tk, err)
	}
	if err := a.tickets.RefreshGroupLine(r, next); err != nil {
		return err
	}
	if err := a.tickets.TellFollowers(r, next, r.Me.ID, "mediation.ticket_told"); err != nil {
		return err
	}
	if err := r.Toast(r.T("mediation.moved", tk.ID)); err != nil {
		return err
	}
	rec, err = r.Tx.Dispute(did)
	if err != nil {
		return err
	}
	return a.showDispute(r, rec, false)
}

// MediationLine is the group line of a ticket in mediation: its number,
// category and building and "being handled", never its text or names.
func (a *Mediation) MediationLine(tk storage.Ticket) string {
	lang := a.Cfg.Community.Language
	state := a.Cat.T(lang, "mediation.group_handled")
	if !tk.State.Active() {
		state = a.StateLabel(lang, tk.State)
	}
	return a.KindLabel(lang, tk.Kind) + " " + a.Headline(lang, tk) + "\n" + state
}

// MediationGroupButtons keeps only Details under such a line.
func (a *Mediation) MediationGroupButtons(tk storage.Ticket) any {
	lang := a.Cfg.Community.Language
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.Cat.T(lang, "button.details"), CallbackData: "tk:info:" + core.Itoa(tk.ID)}}}}
}
