package commands

import (
	"errors"

	"courtyard/storage"
	"courtyard/telegram"
)

// joinTeam: the Join button. An open team takes the person at once (and a
// restricted one takes staff at once); otherwise a restricted team sends a
// request to its leads and staff.
func (a *App) joinTeam(r *req, tm storage.Team) error {
	if !r.me.Registered() {
		return r.toast(r.t("team.register_first"))
	}
	if tm.Archived {
		return r.toast(r.t("team.archived", tm.Name))
	}
	in, err := r.tx.InTeam(tm.ID, r.me.ID)
	if err != nil {
		return err
	}
	if in {
		return r.toast(r.t("team.already_in", tm.Name))
	}
	manage, err := a.mayManageTeam(r, tm)
	if err != nil {
		return err
	}
	if !tm.Restricted || manage { // staff need nobody's approval
		if err := r.tx.AddTeamMember(tm.ID, r.me.ID, r.now); err != nil {
			return err
		}
		if err := r.toast(""); err != nil {
			return err
		}
		return r.reply(r.t("team.joined", esc(tm.Name)), nil)
	}
	if _, err := r.tx.PendingTeamRequest(tm.ID, r.me.ID); err == nil {
		return r.toast(r.t("team.request_pending", tm.Name))
	} else if !isNotFound(err) {
		return err
	}
	deciders, err := a.teamDeciders(r, tm)
	if err != nil {
		return err
	}
	if len(deciders) == 0 {
		if err := r.toast(""); err != nil {
			return err
		}
		return r.reply(r.t("team.request_nobody", esc(tm.Name)), nil)
	}
	id, err := r.tx.CreateTeamRequest(tm.ID, r.me.ID, r.now)
	if errors.Is(err, storage.ErrPending) {
		return r.toast(r.t("team.request_pending", tm.Name))
	}
	if err != nil {
		return err
	}
	for _, m := range deciders {
		lang := a.langOf(m)
		text := a.cat.T(lang, "team.request_new", esc(r.me.Name), esc(r.me.Building), esc(tm.Name))
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: a.cat.T(lang, "button.approve"), CallbackData: "tm:ok:" + itoa(id)},
			{Text: a.cat.T(lang, "button.decline"), CallbackData: "tm:no:" + itoa(id)},
		}}}
		if _, err := a.sendID(r.tx, m.ID, text, kb, storage.PriorityReply, requestRef(id), r.now); err != nil {
			return err
		}
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return r.reply(r.t("team.request_sent", esc(tm.Name), r.n("count.people", len(deciders))), nil)
}

func requestRef(id int64) string { return "treq:" + itoa(id) }

// teamDeciders are those who may answer a request to join tm and can be
// written to: its leads and staff, each once, never the asker.
func (a *App) teamDeciders(r *req, tm storage.Team) ([]storage.Member, error) {
	leads, err := r.tx.TeamLeads(tm.ID)
	if err != nil {
		return nil, err
	}
	staff, err := a.staff(r.tx)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{r.me.ID: true}
	var out []storage.Member
	for _, m := range append(leads, staff...) {
		if !seen[m.ID] && canDM(m) {
			seen[m.ID] = true
			out = append(out, m)
		}
	}
	return out, nil
}

// decideRequest: Approve or Decline on a request to join. Only staff and
// the team's leads may; a request is decided once.
func (a *App) decideRequest(r *req, id int64, approve bool) error {
	rq, err := r.tx.TeamRequest(id)
	if isNotFound(err) {
		return r.toast(r.t("error.stale_button"))
	}
	if err != nil {
		return err
	}
	tm, err := r.tx.Team(rq.TeamID)
	if err != nil {
		return err
	}
	if ok, err := a.mayManageTeam(r, tm); !ok || err != nil {
		if err != nil {
			return err
		}
		return r.toast(r.t("team.not_lead", tm.Name))
	}
	if rq.State != storage.RequestPending {
		return a.alreadyDecided(r, rq, tm)
	}
	if approve && tm.Archived {
		return r.toast(r.t("team.archived", tm.Name))
	}
	if _, err := r.tx.DecideTeamRequest(id, approve, r.me.ID, r.now); err != nil {
		return err
	}
	a.audit(r, "team.request", memberTarget(rq.MemberID), map[string]any{"team": tm.ID, "approve": approve})
	rq.State = storage.RequestDeclined
	key := "team.request_declined"
	if approve {
		rq.State, key = storage.RequestApproved, "team.request_approved"
	}
	if err := a.tellMember(r, rq.MemberID, nil, key, esc(tm.Name)); err != nil {
		return err
	}
	if err := a.closeRequestCopies(r, rq, tm); err != nil {
		return err
	}
	return r.toast(r.t("team.request_decided", a.memberName(r, rq.MemberID), tm.Name, a.requestOutcome(r.lang, rq.State)))
}

// alreadyDecided answers a press on a decided request and shows the
// outcome on the pressed copy, in case it was still on its way when the
// request was decided.
func (a *App) alreadyDecided(r *req, rq storage.TeamRequest, tm storage.Team) error {
	if err := r.toast(r.t("team.request_already", a.requestOutcome(r.lang, rq.State))); err != nil {
		return err
	}
	if !pressedOwnButton(r) {
		return nil
	}
	asker, decider := a.memberName(r, rq.MemberID), a.memberName(r, rq.DecidedBy)
	return r.edit(r.t("team.request_closed", esc(asker), esc(tm.Name), a.requestOutcome(r.lang, rq.State), esc(decider)), nil)
}

// pressedOwnButton reports whether the pressed data is a button of the
// message it came on (not forged onto another message).
func pressedOwnButton(r *req) bool {
	if r.msg == nil || r.msg.ReplyMarkup == nil {
		return false
	}
	for _, row := range r.msg.ReplyMarkup.InlineKeyboard {
		for _, b := range row {
			if b.CallbackData == r.cb.Data {
				return true
			}
		}
	}
	return false
}

// memberName is member id's name, or "" when unknown.
func (a *App) memberName(r *req, id int64) string {
	m, err := r.tx.Member(id)
	if err != nil {
		return ""
	}
	return m.Name
}

func (a *App) requestOutcome(lang, state string) string {
	if state == storage.RequestApproved {
		return a.cat.T(lang, "team.outcome_approved")
	}
	return a.cat.T(lang, "team.outcome_declined")
}

// closeRequestCopies turns every copy of a request's message into its
// outcome, without buttons, in each reader's language: a copy still queued
// is rewritten, a sent one edited.
func (a *App) closeRequestCopies(r *req, rq storage.TeamRequest, tm storage.Team) error {
	outs, err := r.tx.OutByRef(requestRef(rq.ID))
	if err != nil {
		return err
	}
	asker, err := r.tx.Member(rq.MemberID)
	if err != nil {
		return err
	}
	for _, out := range outs {
		if out.Method != "sendMessage" {
			continue
		}
		lang := a.cfg.Community.Language
		if m, err := r.tx.Member(out.ChatID); err == nil {
			lang = a.langOf(m)
		}
		text := a.cat.T(lang, "team.request_closed", esc(asker.Name), esc(tm.Name), a.requestOutcome(lang, rq.State), esc(r.me.Name))
		if _, err := refreshCopy(r.tx, out, 0, text, nil, storage.PriorityReply, "", r.now); err != nil {
			return err
		}
	}
	return nil
}

// askLeave: the Leave button asks first.
func (a *App) askLeave(r *req, tm storage.Team) error {
	in, err := r.tx.InTeam(tm.ID, r.me.ID)
	if err != nil {
		return err
	}
	if !in {
		return r.toast(r.t("team.not_in", tm.Name))
	}
	id := itoa(tm.ID)
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: r.t("button.team_leave_yes"), CallbackData: "tm:leavey:" + id},
		{Text: r.t("button.team_stay"), CallbackData: "tm:stay:" + id},
	}}}
	if err := r.toast(""); err != nil {
		return err
	}
	return r.reply(r.t("team.leave_confirm", esc(tm.Name)), kb)
}

// leaveTeam: the confirmation's Leave.
func (a *App) leaveTeam(r *req, tm storage.Team) error {
	err := r.tx.RemoveTeamMember(tm.ID, r.me.ID)
	if isNotFound(err) {
		return r.toast(r.t("team.not_in", tm.Name))
	}
	if err != nil {
		return err
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return r.edit(r.t("team.left", esc(tm.Name)), nil)
}
