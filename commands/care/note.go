package care

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// noteDialog takes what the visitor brought or noticed (or nothing) and
// whether it becomes a ticket, a micro-wish, or stays a note.
func (a *Care) noteDialog() *core.Dialog {
	noted := func(v core.Values) bool { return v.String("note") != "" }
	return &core.Dialog{
		Name: FlowVisitNote,
		Steps: []core.Step{
			core.OptionalStep{TextStep: core.TextStep{Name: "note", Ask: a.askNote, Parse: parseNote},
				Skip: func(r *core.Req, _ core.Values) string { return r.T("visits.button_skip") }},
			core.OnlyIf(noted, core.ChoiceStep{Name: "file", Ask: askFile, Options: a.fileOptions, Columns: 2}),
		},
		Done: a.noteDone,
	}
}

// noteVisit is the visit the conversation is about, while it is the
// person's: visited by them, and its household still theirs to visit.
func (a *Care) noteVisit(r *core.Req, v core.Values) (storage.Visit, storage.Household, bool, error) {
	vis, err := r.Tx.Visit(v.Int(vVisit))
	if core.IsNotFound(err) || (err == nil && vis.VisitedBy != r.Me.ID) {
		return vis, storage.Household{}, false, nil
	}
	if err != nil {
		return vis, storage.Household{}, false, err
	}
	h, err := r.Tx.Household(vis.HouseholdID)
	if err != nil {
		return vis, h, false, err
	}
	ok, err := a.mayMarkVisit(r, h)
	return vis, h, ok, err
}

// askNote asks what the visit brought or found, naming the household.
func (a *Care) askNote(r *core.Req, v core.Values) string {
	name := r.T("visits.the_household")
	if _, h, ok, err := a.noteVisit(r, v); err == nil && ok {
		name = core.Esc(h.Name)
	}
	return r.T("visits.ask_note", name, maxVisitNote)
}

func parseNote(r *core.Req, _ core.Values, text string) (any, string) {
	if text == "" {
		return nil, r.T("visits.ask_note_text")
	}
	if n := core.RuneLen(text); n > maxVisitNote {
		return nil, r.T("visits.note_too_long", n, maxVisitNote)
	}
	return text, ""
}

func askFile(r *core.Req, v core.Values) string {
	return r.T("visits.ask_file", core.Quote(v.String("note"), 300))
}

// fileOptions: a ticket, a micro-wish, or the note alone.
func (a *Care) fileOptions(*core.Req, core.Values) []core.Option {
	return []core.Option{
		a.Option(storage.TicketKindReport, "visits.button_ticket", "工单", "ticket"),
		a.Option(storage.TicketKindWish, "visits.button_wish", "微心愿", "心愿", "wish"),
		a.Option("keep", "visits.button_keep", "不用", "不用了", "不转", "keep"),
	}
}

// noteDone keeps the note with the visit and files it as asked.
func (a *Care) noteDone(r *core.Req, v core.Values) error {
	vis, h, ok, err := a.noteVisit(r, v)
	if err != nil {
		return err
	}
	if !ok {
		return r.Reply(r.T("visits.not_yours"), nil)
	}
	note := v.String("note")
	if note == "" {
		return r.Reply(r.T("visits.thanks"), nil)
	}
	if err := r.Tx.SetVisitNote(vis.ID, note); err != nil {
		return err
	}
	vis.Note = note
	switch kind := v.String("file"); kind {
	case storage.TicketKindReport, storage.TicketKindWish:
		return a.visitTicket(r, vis, h, kind)
	}
	return r.Reply(r.T("visits.noted"), nil)
}

// visitTicket files visit v's note as a ticket or a micro-wish: reported
// by the visitor, for the household's building, the name hidden, and
// never posted in a group: the household is not to be pointed at. The
// building's leaders (or staff) get it in private as any new ticket, the
// visitor too when they lead the building.
func (a *Care) visitTicket(r *core.Req, v storage.Visit, h storage.Household, kind string) error {
	if v.TicketID != 0 {
		return r.Reply(r.T("visits.ticket_already", v.TicketID), nil)
	}
	tk := storage.Ticket{Kind: kind, Category: a.GuessCategory(kind, v.Note), Building: h.Building, ReporterID: r.Me.ID,
		Text: v.Note, HideName: true}
	id, err := r.Tx.CreateTicket(tk, r.Now)
	if err != nil {
		return err
	}
	tk.ID, tk.State, tk.CreatedAt = id, storage.TicketOpen, r.Now
	if err := r.Tx.SetVisitTicket(v.ID, id); err != nil {
		return err
	}
	if err := r.Tx.LogCare(h.ID, r.Me.ID, "ticket", "#"+core.Itoa(id), r.Now); err != nil {
		return err
	}
	told, err := a.tickets.AlertNewTicket(r, tk)
	if err != nil {
		return err
	}
	return r.Reply(r.T("visits.ticket_opened."+kind, a.Headline(r.Lang, tk))+"\n"+told, nil)
}
