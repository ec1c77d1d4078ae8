package care

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// FlowVisitNote is the conversation that takes a visit's note.
const FlowVisitNote = "visit_note"

// visitList is visitor pr.me's households in round d: the visit fields
// only, a Visited button by each not yet visited. n is how many.
func (a *Care) visitList(pr *core.Req, d roundData) (string, telegram.Keyboard, int, error) {
	var kb telegram.Keyboard
	hs, err := pr.Tx.HouseholdsOf(pr.Me.ID)
	if err != nil {
		return "", kb, 0, err
	}
	visits, err := pr.Tx.Visits(d.Holiday, d.Year)
	if err != nil {
		return "", kb, 0, err
	}
	byHousehold := map[int64]storage.Visit{}
	for _, v := range visits {
		byHousehold[v.HouseholdID] = v
	}
	var b strings.Builder
	n := 0
	for _, h := range hs {
		v, ok := byHousehold[h.ID]
		if !ok {
			continue
		}
		if acc, err := a.mayReadHousehold(pr, h); err != nil || acc < careVisit {
			if err != nil {
				return "", kb, 0, err
			}
			continue
		}
		n++
		line := strings.ReplaceAll(a.householdText(pr, h, careVisit), "\n", "\n   ")
		b.WriteString("\n" + core.Itoa(int64(n)) + ". " + line)
		if v.Visited() {
			b.WriteString("\n   " + pr.T("visits.done_mark"))
			continue
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, []telegram.Button{{
			Text: pr.T("visits.button_visited", n), CallbackData: "vi:done:" + core.Itoa(v.ID)}})
	}
	day, err := a.holidayDay(d.Holiday, d.Year)
	if err != nil {
		return "", kb, 0, err
	}
	text := pr.T("visits.list_title", a.HolidayName(pr.Lang, d.Holiday), day.Format("01-02"), pr.N("count.households", n)) + "\n" + b.String()
	if len(kb.InlineKeyboard) == 0 {
		text += "\n\n" + pr.T("visits.list_all_done")
	}
	return text, kb, n, nil
}

// visitButton routes the vi: buttons: vi:<action>:<visit id>. Every press
// is authorised again: only the household's assigned visitor, in private.
func (a *Care) visitButton(r *core.Req) error {
	parts := core.ButtonArgs(r.CB.Data, "vi:")
	if len(parts) != 2 {
		return r.Toast(r.T("error.stale_button"))
	}
	id, ok := core.IdArg(parts[1])
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	v, err := r.Tx.Visit(id)
	if core.IsNotFound(err) {
		return r.Toast(r.T("visits.not_yours"))
	}
	if err != nil {
		return err
	}
	h, err := r.Tx.Household(v.HouseholdID)
	if err != nil {
		return err
	}
	if ok, err := a.mayMarkVisit(r, h); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.Toast(r.T("visits.not_yours"))
	}
	switch parts[0] {
	case "done":
		return a.markVisited(r, v, h)
	case "tk", "wish":
		return a.visitTicket(r, v, h, parts[0] == "wish")
	case "skip":
		if err := a.endVisitFlow(r); err != nil {
			return err
		}
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Edit(r.T("visits.thanks"), nil)
	}
	return r.Toast(r.T("error.stale_button"))
}

// mayMarkVisit: the household's assigned visitor, who may read its visit
// fields, marks its visit and makes its note a ticket.
func (a *Care) mayMarkVisit(r *core.Req, h storage.Household) (bool, error) {
	acc, err := a.mayReadHousehold(r, h)
	if err != nil || acc == careNone {
		return false, err
	}
	return r.Tx.IsHouseholdVisitor(h.ID, r.Me.ID)
}

// markVisited records the visit, ticks it on the list and asks for a note.
func (a *Care) markVisited(r *core.Req, v storage.Visit, h storage.Household) error {
	if v.Visited() {
		return r.Toast(r.T("visits.already"))
	}
	if err := r.Tx.MarkVisited(v.ID, r.Me.ID, r.Now); err != nil {
		return err
	}
	if err := r.Tx.LogCare(h.ID, r.Me.ID, "visited", r.Me.Name, r.Now); err != nil {
		return err
	}
	if err := r.Toast(r.T("visits.marked")); err != nil {
		return err
	}
	text, kb, _, err := a.visitList(r, roundData{Holiday: v.Holiday, Year: v.Year})
	if err != nil {
		return err
	}
	var markup any = kb
	if len(kb.InlineKeyboard) == 0 {
		markup = nil // all visited: no buttons left
	}
	if err := r.Edit(text, markup); err != nil {
		return err
	}
	if err := r.SetFlow(FlowVisitNote, "note", v.ID); err != nil {
		return err
	}
	skip := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.T("visits.button_skip"), CallbackData: "vi:skip:" + core.Itoa(v.ID)}}}}
	return r.Reply(r.T("visits.ask_note", core.Esc(h.Name), maxVisitNote), skip)
}

// visitNoteText keeps the note typed after Visited and offers to make it
// a ticket or a micro-wish.
func (a *Care) visitNoteText(r *core.Req, f storage.Flow) error {
	var id int64
	if err := core.JsonInto(f.Data, &id); err != nil {
		return r.Tx.EndFlow(r.Me.ID)
	}
	v, err := r.Tx.Visit(id)
	if err == nil && v.VisitedBy != r.Me.ID {
		err = storage.ErrNotFound
	}
	if core.IsNotFound(err) {
		return r.Tx.EndFlow(r.Me.ID)
	}
	if err != nil {
		return err
	}
	note := core.CleanText(r.Text)
	if note == "" {
		return r.Reply(r.T("visits.ask_note_text"), nil)
	}
	if n := core.RuneLen(note); n > maxVisitNote {
		return r.Reply(r.T("visits.note_too_long", n, maxVisitNote), nil)
	}
	if err := r.Tx.SetVisitNote(v.ID, note); err != nil {
		return err
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	vid := core.Itoa(v.ID)
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.T("visits.button_ticket"), CallbackData: "vi:tk:" + vid}, {Text: r.T("visits.button_wish"), CallbackData: "vi:wish:" + vid}},
		{{Text: r.T("visits.button_skip"), CallbackData: "vi:skip:" + vid}},
	}}
	return r.Reply(r.T("visits.note_saved", core.Quote(note, 300)), kb)
}

func (a *Care) endVisitFlow(r *core.Req) error {
	f, err := r.Tx.Flow(r.Me.ID)
	if core.IsNotFound(err) || (err == nil && f.Name != FlowVisitNote) {
		return nil
	}
	if err != nil {
		return err
	}
	return r.Tx.EndFlow(r.Me.ID)
}

// visitTicket files visit v's note as a ticket or a micro-wish in one step:
// reported by the visitor, for the household's building, the name hidden,
// and never posted in a group: the household is not to be pointed at.
// The building's leaders (or staff) get it in private as any new ticket,
// the visitor too when they lead the building.
func (a *Care) visitTicket(r *core.Req, v storage.Visit, h storage.Household, wish bool) error {
	switch {
	case v.VisitedBy != r.Me.ID || v.Note == "":
		return r.Toast(r.T("error.stale_button"))
	case v.TicketID != 0:
		return r.Toast(r.T("visits.ticket_already", v.TicketID))
	}
	kind := storage.TicketKindReport
	if wish {
		kind = storage.TicketKindWish
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
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Edit(r.T("visits.ticket_opened."+kind, a.Headline(r.Lang, tk))+"\n"+told, nil)
}
