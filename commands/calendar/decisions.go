package calendar

import (
	"fmt"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// ticketButtons make a decision a ticket of a building in one press.
func (a *Calendar) ticketButtons(r *core.Req, m storage.Meeting, did int64) telegram.Keyboard {
	bs := m.Buildings
	if len(bs) == 0 {
		bs = a.Cfg.Community.Buildings
	}
	var rows [][]telegram.Button
	var row []telegram.Button
	// A decision about a problem already filed joins its ticket instead
	// of filing a second one: the open tickets the agenda pulled in come
	// first.
	for _, id := range agendaTickets(m) {
		if tk, err := r.Tx.Ticket(id); err != nil || tk.State.Terminal() {
			continue
		}
		row = append(row, telegram.Button{Text: r.T("mt.link_ticket", id), CallbackData: fmt.Sprintf("mt:lk:%d:%d", did, id)})
		if len(row) == 3 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	row = nil
	for _, b := range bs {
		row = append(row, telegram.Button{Text: r.T("mt.make_ticket", b), CallbackData: fmt.Sprintf("mt:tk:%d:%s", did, b)})
		if len(row) == 3 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, []telegram.Button{{Text: r.T("mt.make_job"), CallbackData: fmt.Sprintf("mt:jb:%d", did)}})
	return telegram.Keyboard{InlineKeyboard: rows}
}

// decisionLink makes a decision about a problem already filed that
// problem's ticket: nothing new is filed.
func (a *Calendar) decisionLink(r *core.Req, arg string) error {
	ids, tids, _ := strings.Cut(arg, ":")
	tid, ok := core.IdArg(tids)
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	d, m, ok, err := a.managedDecision(r, ids)
	if !ok {
		return err
	}
	if d.TicketID != 0 || d.JobID != 0 {
		return r.Toast(r.T("mt.already_made"))
	}
	tk, err := r.Tx.Ticket(tid)
	if core.IsNotFound(err) || (err == nil && (tk.State.Terminal() || !core.ContainsID(agendaTickets(m), tid))) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	if ok, err := r.Tx.SetDecisionTicket(d.ID, tid); err != nil || !ok {
		if err == nil {
			err = r.Toast(r.T("mt.already_made"))
		}
		return err
	}
	if err := r.Toast(r.T("mt.ticket_linked", tid)); err != nil {
		return err
	}
	return r.Edit(r.T("mt.decision_linked", core.Esc(d.Text), tid), nil)
}

// managedDecision reads the decision a button names, and its meeting, for
// a press by someone who may manage that meeting; ok is false, and the
// press answered, otherwise.
func (a *Calendar) managedDecision(r *core.Req, idText string) (d storage.Decision, m storage.Meeting, ok bool, err error) {
	id, ok := core.IdArg(idText)
	if !ok {
		return d, m, false, r.Toast(r.T("error.stale_button"))
	}
	if d, err = r.Tx.Decision(id); core.IsNotFound(err) {
		return d, m, false, r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return d, m, false, err
	}
	if m, err = r.Tx.Meeting(d.MeetingID); err != nil {
		return d, m, false, err
	}
	if !a.mayManageMeeting(r, m) {
		return d, m, false, r.Toast(r.T("mt.not_yours"))
	}
	return d, m, true, nil
}

// decisionTicket makes a decision a ticket of a building, filed and
// announced as any ticket is; a second press makes nothing.
func (a *Calendar) decisionTicket(r *core.Req, arg string) error {
	ids, building, _ := strings.Cut(arg, ":")
	if !a.Buildings[building] {
		return r.Toast(r.T("error.stale_button"))
	}
	d, m, ok, err := a.managedDecision(r, ids)
	if !ok {
		return err
	}
	if d.TicketID != 0 || d.JobID != 0 {
		return r.Toast(r.T("mt.already_made"))
	}
	tk := storage.Ticket{Kind: storage.TicketKindReport, Category: "other", Building: building, ReporterID: r.Me.ID,
		Text: "📅 " + m.Title + " · " + d.Text, HideName: true} // stored and read in both languages: no words of the bot's
	id, err := a.tickets.OpenTicket(r, tk)
	if err != nil {
		return err
	}
	if ok, err := r.Tx.SetDecisionTicket(d.ID, id); err != nil || !ok {
		if err == nil {
			err = fmt.Errorf("calendar: decision %d got two tickets", d.ID)
		}
		return err
	}
	if err := r.Toast(r.T("mt.ticket_made", id)); err != nil {
		return err
	}
	return r.Edit(r.T("mt.decision_ticket", core.Esc(d.Text), id, core.Esc(building)), nil)
}

// decisionJob starts the volunteer job flow with the decision as the job's
// title: the organiser goes on from its time. The job is linked to the
// decision when it is published.
func (a *Calendar) decisionJob(r *core.Req, arg string) error {
	d, _, ok, err := a.managedDecision(r, arg)
	if !ok {
		return err
	}
	if !r.Private() {
		return r.Toast(r.T("mt.not_yours"))
	}
	if ok, err := a.jobs.MayOrganise(r, 0); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.Toast(r.T("job.not_organiser"))
	}
	if d.TicketID != 0 || d.JobID != 0 {
		return r.Toast(r.T("mt.already_made"))
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	title := a.jobs.JobTitle(strings.Join(strings.Fields(d.Text), " "))
	return a.jobs.DraftJob(r, title, d.ID, r.T("mt.job_from", core.Esc(title)))
}

// DecisionBecameJob links a published job to the decision it was made of.
func (a *Calendar) DecisionBecameJob(r *core.Req, decision, job int64) error {
	if decision == 0 {
		return nil
	}
	_, err := r.Tx.SetDecisionJob(decision, job)
	return err
}
