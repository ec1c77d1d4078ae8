package tickets

import (
	"errors"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// ticketButton routes the "tk:" buttons.
func (a *Tickets) ticketButton(r *core.Req) error {
	parts := core.ButtonArgs(r.CB.Data, "tk:")
	verb := parts[0]
	switch verb {
	case "cat":
		if len(parts) == 2 {
			return a.rep.reportCategory(r, parts[1])
		}
	case "bld":
		return a.rep.reportBuilding(r, "")
	case "b":
		if len(parts) == 2 {
			return a.rep.reportBuilding(r, parts[1])
		}
	case "ph":
		return a.rep.photosGo(r)
	case "nm":
		if len(parts) == 2 {
			return a.rep.reportName(r, parts[1])
		}
	case "cancel":
		return r.EndFlowSaying(r.T("cancel.done"))
	}
	id, ok := parts.Id(1)
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
	case verb == "rate" && len(parts) == 3:
		return a.rate(r, tk, parts[2])
	case verb == "rword":
		return a.rateWord(r, tk)
	case verb == "me":
		return a.meToo(r, tk)
	case verb == "info":
		return a.info(r, tk)
	case verb == "hide":
		return a.rep.staleHide(r, tk)
	case verb == "media":
		return a.showMedia(r, tk)
	case verb == "asg" && a.mayManage(r, tk):
		return a.startAssign(r, tk.ID)
	}
	return r.Toast(r.T("error.stale_button"))
}

// mayClaim: staff, the building's leaders, and members of the team the
// ticket was dispatched to.
func (a *Tickets) mayClaim(r *core.Req, tk storage.Ticket) (bool, error) {
	if a.mayManage(r, tk) {
		return true, nil
	}
	if tk.TeamID != 0 {
		return r.Tx.InTeam(tk.TeamID, r.Me.ID)
	}
	return false, nil
}

// mayManage: staff and the building's leaders assign, reject, mark duplicates.
func (a *Tickets) mayManage(r *core.Req, tk storage.Ticket) bool {
	return r.AtLeast(storage.RoleStaff) || (r.Role == storage.RoleLeader && r.Me.LeadsBuilding(tk.Building))
}

// Refuse answers an illegal transition with the ticket's current state.
func (a *Tickets) Refuse(r *core.Req, tk storage.Ticket, err error) error {
	var te *storage.TransitionError
	if !errors.As(err, &te) {
		return err
	}
	msg := r.T("ticket.refused", tk.ID, a.StateLabel(r.Lang, te.State))
	if te.State == storage.TicketClaimed && tk.AssigneeID != 0 {
		name := a.NameOf(r, tk.AssigneeID)
		msg = r.T("ticket.taken_by", tk.ID, core.Esc(name))
		if tk.AssigneeID == r.Me.ID { // pressed again after it was assigned to them
			msg = r.T("ticket.claimed_toast", tk.ID)
		}
	}
	if r.CB != nil {
		return r.Toast(core.StripTags(msg))
	}
	return r.Reply(msg, nil)
}

// claim takes a ticket for the presser. The notice the button was on
// becomes the work message (edit), or, from a list, a new one is sent.
func (a *Tickets) claim(r *core.Req, tk storage.Ticket, edit bool) error {
	if ok, err := a.mayClaim(r, tk); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.Toast(r.T("ticket.not_yours"))
	}
	next, _, err := r.Tx.Transition(tk.ID, storage.ActClaim, r.Me.ID, storage.TransitionOpts{}, r.Now)
	if err != nil {
		return a.Refuse(r, tk, err)
	}
	if err := r.Toast(r.T("ticket.claimed_toast", tk.ID)); err != nil {
		return err
	}
	say := r.Edit
	if !edit {
		say = r.Reply
	}
	if err := say(r.T("ticket.claimed_by_you", a.Headline(r.Lang, next), core.Quote(a.TicketText(r.Lang, next), 200)), a.workButtons(r, next)); err != nil {
		return err
	}
	if err := a.voicesToClaimer(r, next); err != nil {
		return err
	}
	if err := a.TellFollowers(r, next, r.Me.ID, "ticket.told_claimed", core.Esc(r.Me.Name), a.roleIn(r.Role)); err != nil {
		return err
	}
	return a.RefreshGroupLine(r, next)
}

func (a *Tickets) workButtons(r *core.Req, tk storage.Ticket) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: r.T("button.resolve"), CallbackData: "tk:res:" + core.Itoa(tk.ID)},
		{Text: r.T("button.handback"), CallbackData: "tk:back:" + core.Itoa(tk.ID)},
	}}}
}

func (a *Tickets) handBack(r *core.Req, tk storage.Ticket) error {
	if tk.AssigneeID != r.Me.ID && !r.AtLeast(storage.RoleStaff) {
		return r.Toast(r.T("ticket.not_yours"))
	}
	if _, ok := storage.NextState(tk.State, storage.ActHandback); !ok {
		return r.Toast(core.StripTags(r.T("ticket.refused", tk.ID, a.StateLabel(r.Lang, tk.State))))
	}
	return a.askNote(r, tk.ID, noteHandback, 0)
}

// feedback takes the reporter's yes / partly / no. Partly and no reopen
// the ticket, tell who handles it, and ask what is still wrong.
func (a *Tickets) feedback(r *core.Req, tk storage.Ticket, answer string) error {
	if tk.ReporterID != r.Me.ID {
		return r.Toast(r.T("ticket.only_reporter"))
	}
	act := storage.ActConfirm
	switch answer {
	case "yes":
	case "partly":
		act = storage.ActPartly
	case "no":
		act = storage.ActReopen
	default:
		return r.Toast(r.T("error.stale_button"))
	}
	next, ev, err := r.Tx.Transition(tk.ID, act, r.Me.ID, storage.TransitionOpts{}, r.Now)
	if err != nil {
		return a.Refuse(r, tk, err)
	}
	if err := a.TellFollowers(r, next, r.Me.ID, "ticket.told_state", a.stateIn(next.State)); err != nil {
		return err
	}
	if err := a.RefreshGroupLine(r, next); err != nil {
		return err
	}
	if act == storage.ActConfirm {
		return a.askRating(r, next)
	}
	told := ""
	if next.AssigneeID != 0 {
		ok, err := a.TellTo(r, next.AssigneeID, a.workKeyboardFor(r, next), "ticket.told_reopened",
			a.headlineFor(r, next.AssigneeID, next), a.keyIn("ticket.answer."+answer))
		if err != nil {
			return err
		}
		if ok {
			told = r.T("told.assignee", core.Esc(a.NameOf(r, next.AssigneeID))) + "\n"
		}
	}
	// The building's leaders hear of it too; staff only when neither the
	// assignee nor a leader could be told.
	w, err := a.alertBuilding(r, next, next.AssigneeID, "ticket.reopened_leader", told == "")
	if err != nil {
		return err
	}
	if told == "" || !w.nobody() {
		told += a.ToldLine(r.Lang, w)
	}
	if err := a.editFeedback(r, r.T("ticket.reopened_ack", a.Headline(r.Lang, next))+"\n"+strings.TrimSpace(told)); err != nil {
		return err
	}
	return a.askNote(r, next.ID, noteStillWrong, ev.ID)
}

// editFeedback replaces the "is it fixed?" question (a photo's caption or a
// message's text) with the answer's outcome.
func (a *Tickets) editFeedback(r *core.Req, text string) error {
	if r.Msg == nil || len(r.Msg.Photo) == 0 {
		return r.Edit(text, nil)
	}
	p := telegram.EditMessageCaption{ChatID: r.Chat.ID, MessageID: r.Msg.ID, Caption: text, ParseMode: "HTML"}
	_, err := r.Tx.Enqueue(storage.OutMsg{ChatID: r.Chat.ID, Method: "editMessageCaption", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply}, r.Now)
	return err
}

// workKeyboardFor is the Resolve / Hand back pair in the assignee's language.
func (a *Tickets) workKeyboardFor(r *core.Req, tk storage.Ticket) any {
	m, err := r.Tx.Member(tk.AssigneeID)
	if err != nil {
		return nil
	}
	lang := a.LangOf(m)
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.Cat.T(lang, "button.resolve"), CallbackData: "tk:res:" + core.Itoa(tk.ID)},
		{Text: a.Cat.T(lang, "button.handback"), CallbackData: "tk:back:" + core.Itoa(tk.ID)},
	}}}
}

// meToo follows a ticket from its group line.
func (a *Tickets) meToo(r *core.Req, tk storage.Ticket) error {
	if !r.Private() {
		if ok, err := a.lineBelongsTo(r.Tx, tk, r.Chat.ID); err != nil || !ok {
			if err != nil {
				return err
			}
			return r.Toast(r.T("error.stale_button"))
		}
	}
	if !core.CanDM(r.Me) {
		r.Answered = true
		p := telegram.AnswerCallbackQuery{CallbackQueryID: r.CB.ID, URL: a.DeepLink("me_" + core.Itoa(tk.ID))}
		_, err := r.Tx.Enqueue(storage.OutMsg{Method: "answerCallbackQuery", Payload: telegram.Marshal(p), Priority: storage.PriorityReply}, r.Now)
		return err
	}
	if tk.ReporterID == r.Me.ID {
		return r.Toast(r.T("ticket.metoo_own", tk.ID))
	}
	if tk.State.Terminal() {
		return r.Toast(core.StripTags(r.T("ticket.refused", tk.ID, a.StateLabel(r.Lang, tk.State))))
	}
	if !a.mayFollow(viewerIn(r), tk) {
		return r.Toast(r.T("ticket.follow_building_only", tk.Building, tk.ID))
	}
	added, err := r.Tx.FollowTicket(tk.ID, r.Me.ID, r.Now)
	if err != nil {
		return err
	}
	if !added {
		return r.Toast(r.T("ticket.metoo_again", tk.ID))
	}
	return r.Toast(r.T("ticket.metoo_done", tk.ID))
}
