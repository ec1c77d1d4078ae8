package teams

import (
	"errors"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// joinTeam: the Join button. An open team takes the person at once (and a
// restricted one takes staff at once); otherwise a restricted team sends a
// request to its leads and staff.
func (a *Teams) joinTeam(r *core.Req, tm storage.Team) error {
	if !r.Me.Registered() {
		return r.Toast(r.T("team.register_first"))
	}
	if tm.Archived {
		return r.Toast(r.T("team.archived", tm.Name))
	}
	in, err := r.Tx.InTeam(tm.ID, r.Me.ID)
	if err != nil {
		return err
	}
	if in {
		return r.Toast(r.T("team.already_in", tm.Name))
	}
	manage, err := a.mayManageTeam(r, tm)
	if err != nil {
		return err
	}
	if !tm.Restricted || manage { // staff need nobody's approval
		if err := r.Tx.AddTeamMember(tm.ID, r.Me.ID, r.Now); err != nil {
			return err
		}
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Reply(r.T("team.joined", core.Esc(tm.Name)), nil)
	}
	if _, err := r.Tx.PendingTeamRequest(tm.ID, r.Me.ID); err == nil {
		return r.Toast(r.T("team.request_pending", tm.Name))
	} else if !core.IsNotFound(err) {
		return err
	}
	deciders, err := a.teamDeciders(r, tm)
	if err != nil {
		return err
	}
	if len(deciders) == 0 {
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Reply(r.T("team.request_nobody", core.Esc(tm.Name)), nil)
	}
	id, err := r.Tx.CreateTeamRequest(tm.ID, r.Me.ID, r.Now)
	if errors.Is(err, storage.ErrPending) {
		return r.Toast(r.T("team.request_pending", tm.Name))
	}
	if err != nil {
		return err
	}
	for _, m := range deciders {
		lang := a.LangOf(m)
		text := a.Cat.T(lang, "team.request_new", core.Esc(r.Me.Name), core.Esc(r.Me.Building), core.Esc(tm.Name))
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: a.Cat.T(lang, "button.approve"), CallbackData: "tm:ok:" + core.Itoa(id)},
			{Text: a.Cat.T(lang, "button.decline"), CallbackData: "tm:no:" + core.Itoa(id)},
		}}}
		if _, err := a.SendID(r.Tx, m.ID, text, kb, storage.PriorityReply, requestRef(id), r.Now); err != nil {
			return err
		}
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Reply(r.T("team.request_sent", core.Esc(tm.Name), r.N("count.people", len(deciders))), nil)
}

func requestRef(id int64) string { return "treq:" + core.Itoa(id) }

// teamDeciders are those who may answer a request to join tm and can be
// written to: its leads and staff, each once, never the asker.
func (a *Teams) teamDeciders(r *core.Req, tm storage.Team) ([]storage.Member, error) {
	leads, err := r.Tx.TeamLeads(tm.ID)
	if err != nil {
		return nil, err
	}
	staff, err := a.Staff(r.Tx)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{r.Me.ID: true}
	var out []storage.Member
	for _, m := range append(leads, staff...) {
		if !seen[m.ID] && core.CanDM(m) {
			seen[m.ID] = true
			out = append(out, m)
		}
	}
	return out, nil
}

// decideRequest: Approve or Decline on a request to join. Only staff and
// the team's leads may; a request is decided once.
func (a *Teams) decideRequest(r *core.Req, id int64, approve bool) error {
	rq, err := r.Tx.TeamRequest(id)
	if core.IsNotFound(err) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	tm, err := r.Tx.Team(rq.TeamID)
	if err != nil {
		return err
	}
	if ok, err := a.mayManageTeam(r, tm); !ok || err != nil {
		if err != nil {
			return err
		}
		return r.Toast(r.T("team.not_lead", tm.Name))
	}
	if rq.State != storage.RequestPending {
		return a.alreadyDecided(r, rq, tm)
	}
	if approve && tm.Archived {
		return r.Toast(r.T("team.archived", tm.Name))
	}
	if _, err := r.Tx.DecideTeamRequest(id, approve, r.Me.ID, r.Now); err != nil {
		return err
	}
	a.Audit(r, "team.request", core.MemberTarget(rq.MemberID), map[string]any{"team": tm.ID, "approve": approve})
	rq.State = storage.RequestDeclined
	key := "team.request_declined"
	if approve {
		rq.State, key = storage.RequestApproved, "team.request_approved"
	}
	if err := a.TellMember(r, rq.MemberID, nil, key, core.Esc(tm.Name)); err != nil {
		return err
	}
	if err := a.closeRequestCopies(r, rq, tm); err != nil {
		return err
	}
	return r.Toast(r.T("team.request_decided", a.MemberName(r, rq.MemberID), tm.Name, a.requestOutcome(r.Lang, rq.State)))
}

// alreadyDecided answers a press on a decided request and shows the
// outcome on the pressed copy, in case it was still on its way when the
// request was decided.
func (a *Teams) alreadyDecided(r *core.Req, rq storage.TeamRequest, tm storage.Team) error {
	if err := r.Toast(r.T("team.request_already", a.requestOutcome(r.Lang, rq.State))); err != nil {
		return err
	}
	if !pressedOwnButton(r) {
		return nil
	}
	asker, decider := a.MemberName(r, rq.MemberID), a.MemberName(r, rq.DecidedBy)
	return r.Edit(r.T("team.request_closed", core.Esc(asker), core.Esc(tm.Name), a.requestOutcome(r.Lang, rq.State), core.Esc(decider)), nil)
}

// pressedOwnButton reports whether the pressed data is a button of the
// message it came on (not forged onto another message).
func pressedOwnButton(r *core.Req) bool {
	if r.Msg == nil || r.Msg.ReplyMarkup == nil {
		return false
	}
	for _, row := range r.Msg.ReplyMarkup.InlineKeyboard {
		for _, b := range row {
			if b.CallbackData == r.CB.Data {
				return true
			}
		}
	}
	return false
}

func (a *Teams) requestOutcome(lang, state string) string {
	if state == storage.RequestApproved {
		return a.Cat.T(lang, "team.outcome_approved")
	}
	return a.Cat.T(lang, "team.outcome_declined")
}

// closeRequestCopies turns every copy of a request's message into its
// outcome, without buttons, in each reader's language: a copy still queued
// is rewritten, a sent one edited.
func (a *Teams) closeRequestCopies(r *core.Req, rq storage.TeamRequest, tm storage.Team) error {
	outs, err := r.Tx.OutByRef(requestRef(rq.ID))
	if err != nil {
		return err
	}
	asker, err := r.Tx.Member(rq.MemberID)
	if err != nil {
		return err
	}
	for _, out := range outs {
		if out.Method != "sendMessage" {
			continue
		}
		lang := a.Cfg.Community.Language
		if m, err := r.Tx.Member(out.ChatID); err == nil {
			lang = a.LangOf(m)
		}
		text := a.Cat.T(lang, "team.request_closed", core.Esc(asker.Name), core.Esc(tm.Name), a.requestOutcome(lang, rq.State), core.Esc(r.Me.Name))
		if _, err := core.RefreshCopy(r.Tx, out, 0, text, nil, storage.PriorityReply, "", r.Now); err != nil {
			return err
		}
	}
	return nil
}

// askLeave: the Leave button asks first.
func (a *Teams) askLeave(r *core.Req, tm storage.Team) error {
	in, err := r.Tx.InTeam(tm.ID, r.Me.ID)
	if err != nil {
		return err
	}
	if !in {
		return r.Toast(r.T("team.not_in", tm.Name))
	}
	id := core.Itoa(tm.ID)
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: r.T("button.team_leave_yes"), CallbackData: "tm:leavey:" + id},
		{Text: r.T("button.team_stay"), CallbackData: "tm:stay:" + id},
	}}}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Reply(r.T("team.leave_confirm", core.Esc(tm.Name)), kb)
}

// leaveTeam: the confirmation's Leave.
func (a *Teams) leaveTeam(r *core.Req, tm storage.Team) error {
	err := r.Tx.RemoveTeamMember(tm.ID, r.Me.ID)
	if core.IsNotFound(err) {
		return r.Toast(r.T("team.not_in", tm.Name))
	}
	if err != nil {
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Edit(r.T("team.left", core.Esc(tm.Name)), nil)
}

// checkRequest is the permission table's check of Approve and Decline:
// the request's team is one the presser manages. A refused press is told
// why; one naming no request is stale.
func (a *Teams) checkRequest(r *core.Req) (bool, error) {
	id, ok := core.ButtonArgs(r.CB.Data, "tm:").Id(1)
	if !ok {
		return false, r.Toast(r.T("error.stale_button"))
	}
	rq, err := r.Tx.TeamRequest(id)
	if core.IsNotFound(err) {
		return false, r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return false, err
	}
	tm, err := r.Tx.Team(rq.TeamID)
	if err != nil {
		return false, err
	}
	if ok, err := a.mayManageTeam(r, tm); ok || err != nil {
		return ok, err
	}
	return false, r.Toast(r.T("team.not_lead", tm.Name))
}
