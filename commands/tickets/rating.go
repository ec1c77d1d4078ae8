package tickets

import (
	"sort"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// noteRating is the optional word a reporter adds to their rating.
const noteRating = "rating"

// askRating follows the reporter's "yes, fixed" with the five-level
// satisfaction scale, on the same message.
func (a *Tickets) askRating(r *core.Req, tk storage.Ticket) error {
	text := r.T("ticket.closed_thanks", a.Headline(r.Lang, tk)) + "\n" + r.T("ticket.rate_ask")
	return a.editFeedbackWith(r, text, a.RatingKeyboard(r.Lang, "tk:rate:"+core.Itoa(tk.ID)))
}

// rate records the reporter's rating of how tk was handled. A rating below
// satisfied reaches the admins, without the reporter's name.
func (a *Tickets) rate(r *core.Req, tk storage.Ticket, arg string) error {
	v, ok := core.ReadRating(arg)
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	if tk.ReporterID != r.Me.ID {
		return r.Toast(r.T("ticket.only_reporter"))
	}
	if tk.State != storage.TicketClosed {
		return r.Toast(r.T("ticket.rate_not_closed", tk.ID))
	}
	err := r.Tx.SaveRating(storage.Rating{Kind: storage.RatingTicket, Ref: tk.ID, MemberID: r.Me.ID, Building: tk.Building,
		Level: int(v), At: r.Now})
	if err != nil {
		return err
	}
	told := ""
	if !v.Satisfied() {
		n, err := a.tellAdminsRating(r, tk, v, "")
		if err != nil {
			return err
		}
		if n > 0 {
			told = "\n" + r.T("ticket.rate_told_staff")
		}
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: r.T("button.rate_word"), CallbackData: "tk:rword:" + core.Itoa(tk.ID)},
	}}}
	text := r.T("ticket.closed_thanks", a.Headline(r.Lang, tk)) + "\n" + r.T("ticket.rated", a.RatingLabel(r.Lang, v)) + told
	return a.editFeedbackWith(r, text, kb)
}

// rateWord asks for the optional word on the reporter's rating of tk.
func (a *Tickets) rateWord(r *core.Req, tk storage.Ticket) error {
	if tk.ReporterID != r.Me.ID {
		return r.Toast(r.T("ticket.only_reporter"))
	}
	if _, err := r.Tx.RatingBy(storage.RatingTicket, tk.ID, r.Me.ID); err != nil {
		if core.IsNotFound(err) {
			return r.Toast(r.T("error.stale_button"))
		}
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return a.askNote(r, tk.ID, noteRating, 0)
}

// ratingWord keeps the word on the reporter's rating; the admins hear it
// when the rating was below satisfied.
func (a *Tickets) ratingWord(r *core.Req, tk storage.Ticket, word string) error {
	rt, err := r.Tx.RatingBy(storage.RatingTicket, tk.ID, r.Me.ID)
	if core.IsNotFound(err) {
		return r.Reply(r.T("error.stale_button"), nil)
	}
	if err != nil {
		return err
	}
	rt.Note, rt.At = word, r.Now
	if err := r.Tx.SaveRating(rt); err != nil {
		return err
	}
	v := core.Rating(rt.Level)
	if !v.Satisfied() {
		if _, err := a.tellAdminsRating(r, tk, v, word); err != nil {
			return err
		}
	}
	return r.Reply(r.T("ticket.rate_word_kept"), nil)
}

// tellAdminsRating tells each reachable admin of a low rating of tk (and
// its word, when there is one); it returns how many were told.
func (a *Tickets) tellAdminsRating(r *core.Req, tk storage.Ticket, v core.Rating, word string) (int, error) {
	ids := make([]int64, 0, len(a.Admins))
	for id := range a.Admins {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	told := 0
	for _, id := range ids {
		rating := core.InLang(func(lang string) string { return a.RatingLabel(lang, v) })
		head := core.InLang(func(lang string) string { return a.Headline(lang, tk) })
		var ok bool
		var err error
		if word == "" {
			ok, err = a.TellTo(r, id, nil, "ticket.rated_low", head, rating)
		} else {
			ok, err = a.TellTo(r, id, nil, "ticket.rated_low_word", head, rating, core.Quote(word, 500))
		}
		if err != nil {
			return told, err
		}
		if ok {
			told++
		}
	}
	return told, nil
}

// editFeedbackWith is editFeedback with a keyboard.
func (a *Tickets) editFeedbackWith(r *core.Req, text string, kb telegram.Keyboard) error {
	if r.Msg == nil || len(r.Msg.Photo) == 0 {
		return r.Edit(text, kb)
	}
	p := telegram.EditMessageCaption{ChatID: r.Chat.ID, MessageID: r.Msg.ID, Caption: fitCaption(text), ParseMode: "HTML", ReplyMarkup: kb}
	_, err := r.Tx.Enqueue(storage.OutMsg{ChatID: r.Chat.ID, Method: "editMessageCaption", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply}, r.Now)
	return err
}
