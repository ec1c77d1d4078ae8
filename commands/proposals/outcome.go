package proposals

import (
	"fmt"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// outcomeDialog is a meeting's outcome of a proposal on its agenda:
// accepted, not accepted (with a reason) or postponed (with a reason).
func (a *Proposals) outcomeDialog() *core.Dialog {
	notAccepted := func(v core.Values) bool { return v.String("outcome") != storage.ProposalAccepted }
	return &core.Dialog{
		Name: "pp_outcome",
		Min:  storage.RoleLeader,
		Steps: []core.Step{
			core.ChoiceStep{Name: "outcome", Label: "pp.step.outcome", Ask: a.askOutcome, Options: a.outcomeOptions, Columns: 1},
			core.OnlyIf(notAccepted, core.TextStep{Name: "reason", Label: "pp.step.reason", Ask: core.Say("pp.ask_outcome_reason", maxReason), Parse: readReason}),
		},
		Done: a.outcomeDone,
	}
}

func (a *Proposals) askOutcome(r *core.Req, v core.Values) string {
	p, _ := r.Tx.Proposal(v.Int("id"))
	return r.T("pp.ask_outcome", p.ID, core.Esc(p.Title))
}

func (a *Proposals) outcomeOptions(*core.Req, core.Values) []core.Option {
	return []core.Option{
		a.Option(storage.ProposalAccepted, "pp.outcome.accepted", "采纳", "通过", "accept", "accepted"),
		a.Option(storage.ProposalRejected, "pp.outcome.rejected", "不采纳", "reject", "not accepted"),
		a.Option(storage.ProposalPostponed, "pp.outcome.postponed", "暂缓", "postpone", "postponed"),
	}
}

// outcomeAsk starts the outcome's questions for a proposal on an agenda.
func (a *Proposals) outcomeAsk(r *core.Req) error {
	p, ok, err := pressed(r)
	if err != nil || !ok || p.State != storage.ProposalAgenda {
		if err == nil {
			err = r.Toast(r.T("error.stale_button"))
		}
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	seed := core.Values{}
	if err := seed.Set("id", p.ID); err != nil {
		return err
	}
	return a.outcome.Start(r, seed)
}

// outcomeDone records the outcome, asking the rule again: an accepted
// proposal becomes a decision of its meeting, then a ticket or a job by
// the buttons offered; the proposer and supporters are told, the group
// line shows it.
func (a *Proposals) outcomeDone(r *core.Req, v core.Values) error {
	p, err := r.Tx.Proposal(v.Int("id"))
	if core.IsNotFound(err) || (err == nil && p.State != storage.ProposalAgenda) {
		return r.Reply(r.T("error.stale_button"), nil)
	}
	if err != nil {
		return err
	}
	if !mayManage(r, p) {
		return r.Reply(r.T("pp.not_manager"), nil)
	}
	state, reason := v.String("outcome"), v.String("reason")
	if ok, err := r.Tx.SetProposalState(p.ID, []string{storage.ProposalAgenda}, state, reason, r.Now); err != nil || !ok {
		if err == nil {
			err = r.Reply(r.T("error.stale_button"), nil)
		}
		return err
	}
	var kb any
	if state == storage.ProposalAccepted {
		did, err := r.Tx.AddDecision(p.MeetingID, "💡 #"+core.Itoa(p.ID)+" "+p.Title, r.Now)
		if err != nil {
			return err
		}
		if err := r.Tx.LinkProposal(p.ID, did, 0, 0); err != nil {
			return err
		}
		kb = a.makeButtons(r, p)
	}
	if err := a.refresh(r, p.ID); err != nil {
		return err
	}
	args := []any{p.ID, core.Esc(p.Title)}
	if state != storage.ProposalAccepted {
		args = append(args, core.Esc(reason))
	}
	if err := a.tellAll(r, p, "pp.told_"+state, args...); err != nil {
		return err
	}
	return r.Reply(r.T("pp.outcome_done."+state, p.ID), kb)
}

// makeButtons make an accepted proposal a ticket of a building (its own,
// or any for the whole community's) or a volunteer job.
func (a *Proposals) makeButtons(r *core.Req, p storage.Proposal) telegram.Keyboard {
	bs := []string{p.Building}
	if p.Building == "" {
		bs = a.Cfg.Community.Buildings
	}
	var rows [][]telegram.Button
	var row []telegram.Button
	for _, b := range bs {
		row = append(row, telegram.Button{Text: r.T("mt.make_ticket", b), CallbackData: fmt.Sprintf("pp:ot:%d:%s", p.ID, b)})
		if len(row) == 3 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, []telegram.Button{{Text: r.T("mt.make_job"), CallbackData: fmt.Sprintf("pp:oj:%d", p.ID)}})
	return telegram.Keyboard{InlineKeyboard: rows}
}

// accepted reads the accepted proposal a button names, with its decision;
// ok is false, and the press answered, when it is not one still to make.
func (a *Proposals) accepted(r *core.Req) (storage.Proposal, storage.Decision, bool, error) {
	p, ok, err := pressed(r)
	if err != nil || !ok || p.State != storage.ProposalAccepted || p.DecisionID == 0 {
		if err == nil {
			err = r.Toast(r.T("error.stale_button"))
		}
		return p, storage.Decision{}, false, err
	}
	d, err := r.Tx.Decision(p.DecisionID)
	if err != nil {
		return p, d, false, err
	}
	if d.TicketID != 0 || d.JobID != 0 {
		return p, d, false, r.Toast(r.T("mt.already_made"))
	}
	return p, d, true, nil
}

// outcomeTicket files the accepted proposal as a ticket of the building
// pressed, links it, and makes every supporter a follower of it: they
// hear its progress and its end as any follower.
func (a *Proposals) outcomeTicket(r *core.Req) error {
	building := core.ButtonArgs(r.CB.Data, "pp:").Arg(2)
	if !a.Buildings[building] {
		return r.Toast(r.T("error.stale_button"))
	}
	p, d, ok, err := a.accepted(r)
	if !ok {
		return err
	}
	if p.Building != "" && building != p.Building {
		return r.Toast(r.T("error.stale_button"))
	}
	text := "💡 #" + core.Itoa(p.ID) + " " + p.Title
	if p.Body != "" {
		text += " · " + p.Body
	}
	tk := storage.Ticket{Kind: storage.TicketKindReport, Category: "other", Building: building, ReporterID: p.MemberID,
		Text: core.LimitRunes(text, a.Cfg.Tickets.MaxText), HideName: p.HideName}
	id, err := a.tickets.OpenTicket(r, tk)
	if err != nil {
		return err
	}
	if ok, err := r.Tx.SetDecisionTicket(d.ID, id); err != nil || !ok {
		if err == nil {
			err = fmt.Errorf("proposals: decision %d got two tickets", d.ID)
		}
		return err
	}
	if err := r.Tx.LinkProposal(p.ID, 0, id, 0); err != nil {
		return err
	}
	sup, err := r.Tx.Supporters(p.ID)
	if err != nil {
		return err
	}
	for _, m := range sup {
		if m == p.MemberID {
			continue // the reporter hears of it as such
		}
		if _, err := r.Tx.FollowTicket(id, m, r.Now); err != nil {
			return err
		}
	}
	if err := a.refresh(r, p.ID); err != nil {
		return err
	}
	if err := a.tellAll(r, p, "pp.told_ticket", p.ID, core.Esc(p.Title), id); err != nil {
		return err
	}
	if err := r.Toast(r.T("mt.ticket_made", id)); err != nil {
		return err
	}
	return r.Edit(r.T("pp.ticket_made", p.ID, id, core.Esc(building)), nil)
}

// outcomeJob starts the volunteer job flow with the proposal's title; the
// job is linked to its decision when it is published.
func (a *Proposals) outcomeJob(r *core.Req) error {
	p, d, ok, err := a.accepted(r)
	if !ok {
		return err
	}
	if ok, err := a.jobs.MayOrganise(r, 0); err != nil || !ok {
		if err == nil {
			err = r.Toast(r.T("job.not_organiser"))
		}
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	title := a.jobs.JobTitle(p.Title)
	return a.jobs.DraftJob(r, title, d.ID, r.T("mt.job_from", core.Esc(title)))
}

// progress is what an accepted proposal became and how far it is, in
// lang, as a line to add; "" for any other.
func (a *Proposals) progress(tx *storage.Tx, lang string, p storage.Proposal) (string, error) {
	if p.State != storage.ProposalAccepted || p.DecisionID == 0 {
		return "", nil
	}
	d, err := tx.Decision(p.DecisionID)
	if err != nil {
		return "", err
	}
	switch {
	case d.TicketID != 0:
		tk, err := tx.Ticket(d.TicketID)
		if err != nil {
			return "", err
		}
		return "\n" + a.Cat.T(lang, "pp.progress_ticket", tk.ID, a.StateLabel(lang, tk.State)), nil
	case d.JobID != 0:
		j, err := tx.Job(d.JobID)
		if err != nil {
			return "", err
		}
		key := "pp.progress_job"
		if p.JobEnd != "" {
			key += "_" + p.JobEnd
		}
		return "\n" + a.Cat.T(lang, key, j.ID, core.Esc(j.Title), a.WhenIn(lang, j.Start)), nil
	}
	return "", nil
}

// TicketChanged refreshes the group lines of the accepted proposals that
// became ticket tk, to show its progress.
func (a *Proposals) TicketChanged(r *core.Req, tk storage.Ticket) error {
	ps, err := r.Tx.ProposalsOfTicket(tk.ID)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if err := a.refresh(r, p.ID); err != nil {
			return err
		}
	}
	return nil
}
