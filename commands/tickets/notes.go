package tickets

import (
	"html"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// FlowTicketNote is a one-sentence answer about a ticket: why it is handed
// back, or what is still wrong after a fix. Its seed holds the ticket's id,
// what the note is for (noteHandback or noteStillWrong) and, for the
// latter, the reopen event the note belongs to.
const (
	FlowTicketNote = "ticketnote"
	noteHandback   = "back"
	noteStillWrong = "stillwrong"
)

// noteDialog asks for the sentence.
func (a *Tickets) noteDialog() *core.Dialog {
	return &core.Dialog{
		Name: FlowTicketNote,
		Steps: []core.Step{core.TextStep{
			Name: "note",
			Ask: func(r *core.Req, v core.Values) string {
				switch v.String("for") {
				case noteHandback:
					return r.T("ticket.ask_handback", v.Int("ticket"))
				case noteRating:
					return r.T("ticket.ask_rate_word", v.Int("ticket"))
				}
				return r.T("ticket.ask_still_wrong", v.Int("ticket"))
			},
			Parse: func(r *core.Req, _ core.Values, text string) (any, string) {
				switch n := core.RuneLen(text); {
				case text == "":
					return nil, r.T("ticket.note_empty")
				case n > 500:
					return nil, r.T("report.too_long", n, 500)
				}
				return text, ""
			},
		}},
		Done: a.noteDone,
	}
}

// askNote starts the question about ticket id; event is the reopen event
// a "still wrong" note belongs to.
func (a *Tickets) askNote(r *core.Req, id int64, why string, event int64) error {
	seed := core.Values{}
	for k, x := range map[string]any{"ticket": id, "for": why, "event": event} {
		if err := seed.Set(k, x); err != nil {
			return err
		}
	}
	return a.noteD.Start(r, seed)
}

// noteDone takes the sentence asked for.
func (a *Tickets) noteDone(r *core.Req, v core.Values) error {
	tk, err := r.Tx.Ticket(v.Int("ticket"))
	if core.IsNotFound(err) {
		return r.Reply(r.T("ticket.not_found", v.Int("ticket")), nil)
	}
	if err != nil {
		return err
	}
	switch v.String("for") {
	case noteHandback:
		return a.handBackWith(r, tk, v.String("note"))
	case noteRating:
		return a.ratingWord(r, tk, v.String("note"))
	}
	return a.stillWrong(r, tk, v.Int("event"), v.String("note"))
}

// handBackWith hands tk back with the reason given, tells the reporter and
// followers, and tells whoever will give it to someone else.
func (a *Tickets) handBackWith(r *core.Req, tk storage.Ticket, reason string) error {
	if tk.AssigneeID != r.Me.ID && !r.AtLeast(storage.RoleStaff) {
		return r.Reply(r.T("ticket.not_yours"), nil)
	}
	next, _, err := r.Tx.Transition(tk.ID, storage.ActHandback, r.Me.ID, storage.TransitionOpts{Note: reason}, r.Now)
	if err != nil {
		return a.Refuse(r, tk, err)
	}
	w, err := a.AlertLeaders(r, next, r.Me.ID, "ticket.again", core.Quote(reason, 300))
	if err != nil {
		return err
	}
	told := a.ToldLine(r.Lang, w)
	if !w.nobody() {
		told = r.T("told.rearrange", told)
	}
	ack := r.T("ticket.handed_back", a.Headline(r.Lang, next)) + "\n" + told
	if err := r.Reply(ack, nil); err != nil {
		return err
	}
	if err := a.TellFollowers(r, next, r.Me.ID, "ticket.told_handedback", core.Esc(r.Me.Name), core.Quote(reason, 300)); err != nil {
		return err
	}
	return a.RefreshGroupLine(r, next)
}

// stillWrong passes on what the reporter says is still wrong, and keeps it
// in the ticket's history.
func (a *Tickets) stillWrong(r *core.Req, tk storage.Ticket, event int64, note string) error {
	if tk.ReporterID != r.Me.ID {
		return nil
	}
	if event != 0 {
		if err := r.Tx.SetTicketEventNote(tk.ID, event, note); err != nil {
			return err
		}
	}
	people, err := a.handlers(r, tk)
	if err != nil {
		return err
	}
	for _, m := range people {
		lang := a.LangOf(m)
		var kb any
		if m.ID == tk.AssigneeID {
			kb = a.workKeyboardFor(r, tk)
		}
		if err := a.Send(r.Tx, m.ID, a.Cat.T(lang, "ticket.told_still_wrong", a.Headline(lang, tk), core.Quote(note, 500)), kb, storage.PriorityReply, r.Now); err != nil {
			return err
		}
	}
	if len(people) == 0 {
		return r.Reply(r.T("ticket.still_wrong_kept", tk.ID), nil)
	}
	return r.Reply(r.T("ticket.still_wrong_sent", tk.ID), nil)
}

// askFixed asks the reporter whether tk is fixed, with the resolution photo
// when there is one. asked is false when the reporter cannot be asked.
func (a *Tickets) askFixed(r *core.Req, tk storage.Ticket, note string) (asked bool, err error) {
	rep, err := r.Tx.Member(tk.ReporterID)
	if core.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if rep.ID == r.Me.ID {
		return false, nil
	}
	if ok, err := a.Reachable(r.Tx, rep); err != nil || !ok {
		return false, err
	}
	lang := a.LangOf(rep)
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.Cat.T(lang, "button.yes"), CallbackData: "tk:fb:" + core.Itoa(tk.ID) + ":yes"},
		{Text: a.Cat.T(lang, "button.partly"), CallbackData: "tk:fb:" + core.Itoa(tk.ID) + ":partly"},
		{Text: a.Cat.T(lang, "button.no"), CallbackData: "tk:fb:" + core.Itoa(tk.ID) + ":no"},
	}}}
	key := "ticket.ask_fixed"
	if tk.Kind == storage.TicketKindWish {
		key = "ticket.ask_fixed_wish"
	}
	if tk.ResolutionPhoto == "" {
		text := a.Cat.T(lang, key, a.Headline(lang, tk), core.Quote(note, 500), a.Cat.N(lang, "count.days", a.Cfg.Tickets.AutoCloseDays))
		return true, a.Send(r.Tx, rep.ID, text, kb, storage.PriorityReply, r.Now)
	}
	text := a.Cat.T(lang, key, a.Headline(lang, tk), core.Quote(note, 300), a.Cat.N(lang, "count.days", a.Cfg.Tickets.AutoCloseDays))
	p := telegram.SendPhoto{ChatID: rep.ID, Photo: tk.ResolutionPhoto, Caption: fitCaption(text), ParseMode: "HTML", ReplyMarkup: kb}
	_, err = r.Tx.Enqueue(storage.OutMsg{ChatID: rep.ID, Method: "sendPhoto", Payload: telegram.Marshal(p), Priority: storage.PriorityReply}, r.Now)
	return true, err
}

// fitCaption cuts a caption to Telegram's limit, as fit does for text.
func fitCaption(text string) string {
	if core.VisibleLen(text) <= telegram.MaxCaption {
		return text
	}
	return core.Esc(core.LimitRunes(html.UnescapeString(core.StripTags(text)), telegram.MaxCaption/2)) + "…"
}
