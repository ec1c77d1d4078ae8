package commands

import (
	"encoding/json"
	"errors"
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

const flowResolve = "resolve"

// ticketButton routes the "tk:" buttons.
func (a *App) ticketButton(r *req) error {
	parts := buttonArgs(r.cb.Data, "tk:")
	verb := parts[0]
	switch verb {
	case "cat":
		if len(parts) == 2 {
			return a.reportCategory(r, parts[1])
		}
	case "bld":
		return a.reportBuilding(r, "")
	case "b":
		if len(parts) == 2 {
			return a.reportBuilding(r, parts[1])
		}
	case "nm":
		if len(parts) == 2 {
			return a.reportName(r, parts[1])
		}
	case "cancel":
		return r.endFlowSaying(r.t("cancel.done"))
	}
	id, ok := parts.id(1)
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
	switch {
	case verb == "claim":
		return a.claim(r, tk, true)
	case verb == "qclaim":
		return a.claim(r, tk, false)
	case verb == "back":
		return a.handBack(r, tk)
	case verb == "res":
		return a.askResolution(r, tk)
	case verb == "fb" && len(parts) == 3:
		return a.feedback(r, tk, parts[2])
	case verb == "me":
		return a.meToo(r, tk)
	case verb == "info":
		return a.info(r, tk)
	case verb == "hide":
		return a.staleHide(r, tk)
	case verb == "media":
		return a.showMedia(r, tk)
	}
	return r.toast(r.t("error.stale_button"))
}

// mayClaim: staff, the building's leaders, and members of the team the
// ticket was dispatched to.
func (a *App) mayClaim(r *req, tk storage.Ticket) (bool, error) {
	if a.mayManage(r, tk) {
		return true, nil
	}
	if tk.TeamID != 0 {
		return r.tx.InTeam(tk.TeamID, r.me.ID)
	}
	return false, nil
}

// mayManage: staff and the building's leaders assign, reject, mark duplicates.
func (a *App) mayManage(r *req, tk storage.Ticket) bool {
	return r.atLeast(storage.RoleStaff) || (r.role == storage.RoleLeader && r.me.LeadsBuilding(tk.Building))
}

// refuse answers an illegal transition with the ticket's current state.
func (a *App) refuse(r *req, tk storage.Ticket, err error) error {
	var te *storage.TransitionError
	if !errors.As(err, &te) {
		return err
	}
	msg := r.t("ticket.refused", tk.ID, a.stateLabel(r.lang, te.State))
	if te.State == storage.TicketClaimed && tk.AssigneeID != 0 {
		name := a.nameOf(r, tk.AssigneeID)
		msg = r.t("ticket.taken_by", tk.ID, esc(name))
		if tk.AssigneeID == r.me.ID { // pressed again after it was assigned to them
			msg = r.t("ticket.claimed_toast", tk.ID)
		}
	}
	if r.cb != nil {
		return r.toast(stripTags(msg))
	}
	return r.reply(msg, nil)
}

func (a *App) nameOf(r *req, id int64) string {
	m, err := r.tx.Member(id)
	if err == nil && m.Forgotten {
		return a.removedName(r.lang)
	}
	if err != nil || m.Name == "" {
		return "#" + itoa(id)
	}
	return m.Name
}

// claim takes a ticket for the presser. The notice the button was on
// becomes the work message (edit), or, from a list, a new one is sent.
func (a *App) claim(r *req, tk storage.Ticket, edit bool) error {
	if ok, err := a.mayClaim(r, tk); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.toast(r.t("ticket.not_yours"))
	}
	next, _, err := r.tx.Transition(tk.ID, storage.ActClaim, r.me.ID, storage.TransitionOpts{}, r.now)
	if err != nil {
		return a.refuse(r, tk, err)
	}
	if err := r.toast(r.t("ticket.claimed_toast", tk.ID)); err != nil {
		return err
	}
	say := r.edit
	if !edit {
		say = r.reply
	}
	if err := say(r.t("ticket.claimed_by_you", a.headline(r.lang, next), quote(a.ticketText(r.lang, next), 200)), a.workButtons(r, next)); err != nil {
		return err
	}
	if err := a.voicesToClaimer(r, next); err != nil {
		return err
	}
	if err := a.tellFollowers(r, next, r.me.ID, "ticket.told_claimed", esc(r.me.Name), a.roleIn(r.role)); err != nil {
		return err
	}
	return a.refreshGroupLine(r, next)
}

func (a *App) workButtons(r *req, tk storage.Ticket) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: r.t("button.resolve"), CallbackData: "tk:res:" + itoa(tk.ID)},
		{Text: r.t("button.handback"), CallbackData: "tk:back:" + itoa(tk.ID)},
	}}}
}

func (a *App) handBack(r *req, tk storage.Ticket) error {
	if tk.AssigneeID != r.me.ID && !r.atLeast(storage.RoleStaff) {
		return r.toast(r.t("ticket.not_yours"))
	}
	if _, ok := storage.NextState(tk.State, storage.ActHandback); !ok {
		return r.toast(stripTags(r.t("ticket.refused", tk.ID, a.stateLabel(r.lang, tk.State))))
	}
	if err := r.setFlow(flowTicketNote, noteHandback, ticketNote{Ticket: tk.ID}); err != nil {
		return err
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return r.tell(r.me.ID, r.t("ticket.ask_handback", tk.ID), telegram.ForceReply{ForceReply: true, InputFieldPlaceholder: r.t("ticket.handback_placeholder")})
}

// askResolution starts the "what was done?" question.
func (a *App) askResolution(r *req, tk storage.Ticket) error {
	if tk.AssigneeID != r.me.ID && !r.atLeast(storage.RoleStaff) {
		return r.toast(r.t("ticket.not_yours"))
	}
	if _, ok := storage.NextState(tk.State, storage.ActResolve); !ok {
		return r.toast(stripTags(r.t("ticket.refused", tk.ID, a.stateLabel(r.lang, tk.State))))
	}
	if err := r.setFlow(flowResolve, "note", reportData{Ticket: tk.ID}); err != nil {
		return err
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return r.tell(r.me.ID, r.t("ticket.ask_resolution", tk.ID), telegram.ForceReply{ForceReply: true, InputFieldPlaceholder: r.t("ticket.resolution_placeholder")})
}

// resolveText takes the resolution note (text, or a photo with a caption).
func (a *App) resolveText(r *req, f storage.Flow) error {
	var d reportData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil || d.Ticket == 0 {
		return r.tx.EndFlow(r.me.ID)
	}
	note := cleanText(r.text)
	photo := largestPhoto(r)
	switch {
	case note == "":
		return r.reply(r.t("ticket.resolution_empty"), telegram.ForceReply{ForceReply: true})
	case runeLen(note) > a.cfg.Tickets.MaxText:
		return r.reply(r.t("report.too_long", runeLen(note), a.cfg.Tickets.MaxText), telegram.ForceReply{ForceReply: true})
	}
	tk, err := r.tx.Ticket(d.Ticket)
	if err != nil {
		return err
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	if tk.AssigneeID != r.me.ID && !r.atLeast(storage.RoleStaff) {
		return r.reply(r.t("ticket.not_yours"), nil)
	}
	next, _, err := r.tx.Transition(tk.ID, storage.ActResolve, r.me.ID, storage.TransitionOpts{Note: note, Photo: photo}, r.now)
	if err != nil {
		return a.refuse(r, tk, err)
	}
	asked, err := a.askFixed(r, next, note)
	if err != nil {
		return err
	}
	ack := r.t("ticket.resolved_ack", next.ID)
	if !asked {
		ack = r.t("ticket.resolved_unasked", next.ID, r.n("count.days", a.cfg.Tickets.AutoCloseDays))
	}
	if err := r.reply(ack, nil); err != nil {
		return err
	}
	if err := a.tellFollowers(r, next, next.ReporterID, "ticket.told_resolved", quote(note, 300)); err != nil {
		return err
	}
	return a.refreshGroupLine(r, next)
}

// feedback takes the reporter's yes / partly / no. Partly and no reopen
// the ticket, tell who handles it, and ask what is still wrong.
func (a *App) feedback(r *req, tk storage.Ticket, answer string) error {
	if tk.ReporterID != r.me.ID {
		return r.toast(r.t("ticket.only_reporter"))
	}
	act := storage.ActConfirm
	switch answer {
	case "yes":
	case "partly":
		act = storage.ActPartly
	case "no":
		act = storage.ActReopen
	default:
		return r.toast(r.t("error.stale_button"))
	}
	next, ev, err := r.tx.Transition(tk.ID, act, r.me.ID, storage.TransitionOpts{}, r.now)
	if err != nil {
		return a.refuse(r, tk, err)
	}
	if err := a.tellFollowers(r, next, r.me.ID, "ticket.told_state", a.stateIn(next.State)); err != nil {
		return err
	}
	if err := a.refreshGroupLine(r, next); err != nil {
		return err
	}
	if act == storage.ActConfirm {
		return a.editFeedback(r, r.t("ticket.closed_thanks", a.headline(r.lang, next)))
	}
	told := ""
	if next.AssigneeID != 0 {
		ok, err := a.tellTo(r, next.AssigneeID, a.workKeyboardFor(r, next), "ticket.told_reopened",
			a.headlineFor(r, next.AssigneeID, next), a.keyIn("ticket.answer."+answer))
		if err != nil {
			return err
		}
		if ok {
			told = r.t("told.assignee", esc(a.nameOf(r, next.AssigneeID))) + "\n"
		}
	}
	// The building's leaders hear of it too; staff only when neither the
	// assignee nor a leader could be told.
	w, err := a.alertBuilding(r, next, next.AssigneeID, "ticket.reopened_leader", told == "")
	if err != nil {
		return err
	}
	if told == "" || !w.nobody() {
		told += a.toldLine(r.lang, w)
	}
	if err := a.editFeedback(r, r.t("ticket.reopened_ack", a.headline(r.lang, next))+"\n"+strings.TrimSpace(told)); err != nil {
		return err
	}
	if err := r.setFlow(flowTicketNote, noteStillWrong, ticketNote{Ticket: next.ID, Event: ev.ID}); err != nil {
		return err
	}
	return r.tell(r.me.ID, r.t("ticket.ask_still_wrong", next.ID), telegram.ForceReply{ForceReply: true, InputFieldPlaceholder: r.t("ticket.still_wrong_placeholder")})
}

// editFeedback replaces the "is it fixed?" question (a photo's caption or a
// message's text) with the answer's outcome.
func (a *App) editFeedback(r *req, text string) error {
	if r.msg == nil || len(r.msg.Photo) == 0 {
		return r.edit(text, nil)
	}
	p := telegram.EditMessageCaption{ChatID: r.chat.ID, MessageID: r.msg.ID, Caption: text, ParseMode: "HTML"}
	_, err := r.tx.Enqueue(storage.OutMsg{ChatID: r.chat.ID, Method: "editMessageCaption", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply}, r.now)
	return err
}

// workKeyboardFor is the Resolve / Hand back pair in the assignee's language.
func (a *App) workKeyboardFor(r *req, tk storage.Ticket) any {
	m, err := r.tx.Member(tk.AssigneeID)
	if err != nil {
		return nil
	}
	lang := a.langOf(m)
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.cat.T(lang, "button.resolve"), CallbackData: "tk:res:" + itoa(tk.ID)},
		{Text: a.cat.T(lang, "button.handback"), CallbackData: "tk:back:" + itoa(tk.ID)},
	}}}
}

// meToo follows a ticket from its group line.
func (a *App) meToo(r *req, tk storage.Ticket) error {
	if !r.private() {
		if ok, err := a.lineBelongsTo(r.tx, tk, r.chat.ID); err != nil || !ok {
			if err != nil {
				return err
			}
			return r.toast(r.t("error.stale_button"))
		}
	}
	if !canDM(r.me) {
		r.answered = true
		p := telegram.AnswerCallbackQuery{CallbackQueryID: r.cb.ID, URL: a.deepLink("me_" + itoa(tk.ID))}
		_, err := r.tx.Enqueue(storage.OutMsg{Method: "answerCallbackQuery", Payload: telegram.Marshal(p), Priority: storage.PriorityReply}, r.now)
		return err
	}
	if tk.ReporterID == r.me.ID {
		return r.toast(r.t("ticket.metoo_own", tk.ID))
	}
	if tk.State.Terminal() {
		return r.toast(stripTags(r.t("ticket.refused", tk.ID, a.stateLabel(r.lang, tk.State))))
	}
	if !a.mayFollow(r.viewer(), tk) {
		return r.toast(r.t("ticket.follow_building_only", tk.Building, tk.ID))
	}
	added, err := r.tx.FollowTicket(tk.ID, r.me.ID, r.now)
	if err != nil {
		return err
	}
	if !added {
		return r.toast(r.t("ticket.metoo_again", tk.ID))
	}
	return r.toast(r.t("ticket.metoo_done", tk.ID))
}
