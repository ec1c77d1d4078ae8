package commands

import (
	"encoding/json"
	"html"

	"courtyard/storage"
	"courtyard/telegram"
)

// flowTicketNote is a one-sentence answer about a ticket: why it is handed
// back, or what is still wrong after a fix.
const (
	flowTicketNote = "ticketnote"
	noteHandback   = "back"
	noteStillWrong = "stillwrong"
)

type ticketNote struct {
	Ticket int64 `json:"ticket"`
	Event  int64 `json:"event,omitempty"` // the reopen event the note belongs to
}

// ticketNoteText takes the sentence asked for.
func (a *App) ticketNoteText(r *req, f storage.Flow) error {
	var d ticketNote
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil || d.Ticket == 0 {
		return r.tx.EndFlow(r.me.ID)
	}
	note := cleanText(r.text)
	switch {
	case note == "":
		return r.reply(r.t("ticket.note_empty"), telegram.ForceReply{ForceReply: true})
	case runeLen(note) > 500:
		return r.reply(r.t("report.too_long", runeLen(note), 500), telegram.ForceReply{ForceReply: true})
	}
	tk, err := r.tx.Ticket(d.Ticket)
	if err != nil {
		return err
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	if f.Step == noteHandback {
		return a.handBackWith(r, tk, note)
	}
	return a.stillWrong(r, tk, d.Event, note)
}

// handBackWith hands tk back with the reason given, tells the reporter and
// followers, and tells whoever will give it to someone else.
func (a *App) handBackWith(r *req, tk storage.Ticket, reason string) error {
	if tk.AssigneeID != r.me.ID && !r.atLeast(storage.RoleStaff) {
		return r.reply(r.t("ticket.not_yours"), nil)
	}
	next, _, err := r.tx.Transition(tk.ID, storage.ActHandback, r.me.ID, storage.TransitionOpts{Note: reason}, r.now)
	if err != nil {
		return a.refuse(r, tk, err)
	}
	w, err := a.alertLeaders(r, next, r.me.ID, "ticket.again", quote(reason, 300))
	if err != nil {
		return err
	}
	told := a.toldLine(r.lang, w)
	if !w.nobody() {
		told = r.t("told.rearrange", told)
	}
	ack := r.t("ticket.handed_back", a.headline(r.lang, next)) + "\n" + told
	if err := r.reply(ack, nil); err != nil {
		return err
	}
	if err := a.tellFollowers(r, next, r.me.ID, "ticket.told_handedback", esc(r.me.Name), quote(reason, 300)); err != nil {
		return err
	}
	return a.refreshGroupLine(r, next)
}

// stillWrong passes on what the reporter says is still wrong, and keeps it
// in the ticket's history.
func (a *App) stillWrong(r *req, tk storage.Ticket, event int64, note string) error {
	if tk.ReporterID != r.me.ID {
		return nil
	}
	if event != 0 {
		if err := r.tx.SetTicketEventNote(tk.ID, event, note); err != nil {
			return err
		}
	}
	people, err := a.handlers(r, tk)
	if err != nil {
		return err
	}
	for _, m := range people {
		lang := a.langOf(m)
		var kb any
		if m.ID == tk.AssigneeID {
			kb = a.workKeyboardFor(r, tk)
		}
		if err := a.send(r.tx, m.ID, a.cat.T(lang, "ticket.told_still_wrong", a.headline(lang, tk), quote(note, 500)), kb, storage.PriorityReply, r.now); err != nil {
			return err
		}
	}
	if len(people) == 0 {
		return r.reply(r.t("ticket.still_wrong_kept", tk.ID), nil)
	}
	return r.reply(r.t("ticket.still_wrong_sent", tk.ID), nil)
}

// askFixed asks the reporter whether tk is fixed, with the resolution photo
// when there is one. asked is false when the reporter cannot be asked.
func (a *App) askFixed(r *req, tk storage.Ticket, note string) (asked bool, err error) {
	rep, err := r.tx.Member(tk.ReporterID)
	if isNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if rep.ID == r.me.ID {
		return false, nil
	}
	if ok, err := a.reachable(r.tx, rep); err != nil || !ok {
		return false, err
	}
	lang := a.langOf(rep)
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.cat.T(lang, "button.yes"), CallbackData: "tk:fb:" + itoa(tk.ID) + ":yes"},
		{Text: a.cat.T(lang, "button.partly"), CallbackData: "tk:fb:" + itoa(tk.ID) + ":partly"},
		{Text: a.cat.T(lang, "button.no"), CallbackData: "tk:fb:" + itoa(tk.ID) + ":no"},
	}}}
	if tk.ResolutionPhoto == "" {
		text := a.cat.T(lang, "ticket.ask_fixed", a.headline(lang, tk), quote(note, 500), a.cat.N(lang, "count.days", a.cfg.Tickets.AutoCloseDays))
		return true, a.send(r.tx, rep.ID, text, kb, storage.PriorityReply, r.now)
	}
	text := a.cat.T(lang, "ticket.ask_fixed", a.headline(lang, tk), quote(note, 300), a.cat.N(lang, "count.days", a.cfg.Tickets.AutoCloseDays))
	p := telegram.SendPhoto{ChatID: rep.ID, Photo: tk.ResolutionPhoto, Caption: fitCaption(text), ParseMode: "HTML", ReplyMarkup: kb}
	_, err = r.tx.Enqueue(storage.OutMsg{ChatID: rep.ID, Method: "sendPhoto", Payload: telegram.Marshal(p), Priority: storage.PriorityReply}, r.now)
	return true, err
}

// fitCaption cuts a caption to Telegram's limit, as fit does for text.
func fitCaption(text string) string {
	if visibleLen(text) <= telegram.MaxCaption {
		return text
	}
	return esc(limitRunes(html.UnescapeString(stripTags(text)), telegram.MaxCaption/2)) + "…"
}
