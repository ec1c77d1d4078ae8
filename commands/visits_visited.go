package commands

import (
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

const flowVisitNote = "visit_note"

// visitList is visitor pr.me's households in round d: the visit fields
// only, a Visited button by each not yet visited. n is how many.
func (a *App) visitList(pr *req, d roundData) (string, telegram.Keyboard, int, error) {
	var kb telegram.Keyboard
	hs, err := pr.tx.HouseholdsOf(pr.me.ID)
	if err != nil {
		return "", kb, 0, err
	}
	visits, err := pr.tx.Visits(d.Holiday, d.Year)
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
		b.WriteString("\n" + itoa(int64(n)) + ". " + line)
		if v.Visited() {
			b.WriteString("\n   " + pr.t("visits.done_mark"))
			continue
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, []telegram.Button{{
			Text: pr.t("visits.button_visited", n), CallbackData: "vi:done:" + itoa(v.ID)}})
	}
	day, err := a.holidayDay(d.Holiday, d.Year)
	if err != nil {
		return "", kb, 0, err
	}
	text := pr.t("visits.list_title", a.holidayName(pr.lang, d.Holiday), day.Format("01-02"), pr.n("count.households", n)) + "\n" + b.String()
	if len(kb.InlineKeyboard) == 0 {
		text += "\n\n" + pr.t("visits.list_all_done")
	}
	return text, kb, n, nil
}

// visitButton routes the vi: buttons: vi:<action>:<visit id>. Every press
// is authorised again: only the household's assigned visitor, in private.
func (a *App) visitButton(r *req) error {
	parts := buttonArgs(r.cb.Data, "vi:")
	if len(parts) != 2 {
		return r.toast(r.t("error.stale_button"))
	}
	id, ok := idArg(parts[1])
	if !ok {
		return r.toast(r.t("error.stale_button"))
	}
	v, err := r.tx.Visit(id)
	if isNotFound(err) {
		return r.toast(r.t("visits.not_yours"))
	}
	if err != nil {
		return err
	}
	h, err := r.tx.Household(v.HouseholdID)
	if err != nil {
		return err
	}
	if ok, err := a.mayMarkVisit(r, h); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.toast(r.t("visits.not_yours"))
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
		if err := r.toast(""); err != nil {
			return err
		}
		return r.edit(r.t("visits.thanks"), nil)
	}
	return r.toast(r.t("error.stale_button"))
}

// mayMarkVisit: the household's assigned visitor, who may read its visit
// fields, marks its visit and makes its note a ticket.
func (a *App) mayMarkVisit(r *req, h storage.Household) (bool, error) {
	acc, err := a.mayReadHousehold(r, h)
	if err != nil || acc == careNone {
		return false, err
	}
	return r.tx.IsHouseholdVisitor(h.ID, r.me.ID)
}

// markVisited records the visit, ticks it on the list and asks for a note.
func (a *App) markVisited(r *req, v storage.Visit, h storage.Household) error {
	if v.Visited() {
		return r.toast(r.t("visits.already"))
	}
	if err := r.tx.MarkVisited(v.ID, r.me.ID, r.now); err != nil {
		return err
	}
	if err := r.tx.LogCare(h.ID, r.me.ID, "visited", r.me.Name, r.now); err != nil {
		return err
	}
	if err := r.toast(r.t("visits.marked")); err != nil {
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
	if err := r.edit(text, markup); err != nil {
		return err
	}
	if err := r.setFlow(flowVisitNote, "note", v.ID); err != nil {
		return err
	}
	skip := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.t("visits.button_skip"), CallbackData: "vi:skip:" + itoa(v.ID)}}}}
	return r.reply(r.t("visits.ask_note", esc(h.Name), maxVisitNote), skip)
}

// visitNoteText keeps the note typed after Visited and offers to make it
// a ticket or a micro-wish.
func (a *App) visitNoteText(r *req, f storage.Flow) error {
	var id int64
	if err := jsonInto(f.Data, &id); err != nil {
		return r.tx.EndFlow(r.me.ID)
	}
	v, err := r.tx.Visit(id)
	if err == nil && v.VisitedBy != r.me.ID {
		err = storage.ErrNotFound
	}
	if isNotFound(err) {
		return r.tx.EndFlow(r.me.ID)
	}
	if err != nil {
		return err
	}
	note := cleanText(r.text)
	if note == "" {
		return r.reply(r.t("visits.ask_note_text"), nil)
	}
	if n := runeLen(note); n > maxVisitNote {
		return r.reply(r.t("visits.note_too_long", n, maxVisitNote), nil)
	}
	if err := r.tx.SetVisitNote(v.ID, note); err != nil {
		return err
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	vid := itoa(v.ID)
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.t("visits.button_ticket"), CallbackData: "vi:tk:" + vid}, {Text: r.t("visits.button_wish"), CallbackData: "vi:wish:" + vid}},
		{{Text: r.t("visits.button_skip"), CallbackData: "vi:skip:" + vid}},
	}}
	return r.reply(r.t("visits.note_saved", quote(note, 300)), kb)
}

func (a *App) endVisitFlow(r *req) error {
	f, err := r.tx.Flow(r.me.ID)
	if isNotFound(err) || (err == nil && f.Name != flowVisitNote) {
		return nil
	}
	if err != nil {
		return err
	}
	return r.tx.EndFlow(r.me.ID)
}

// visitTicket files visit v's note as a ticket or a micro-wish in one step:
// reported by the visitor, for the household's building, the name hidden,
// and never posted in a group: the household is not to be pointed at.
// The building's leaders (or staff) get it in private as any new ticket,
// the visitor too when they lead the building.
func (a *App) visitTicket(r *req, v storage.Visit, h storage.Household, wish bool) error {
	switch {
	case v.VisitedBy != r.me.ID || v.Note == "":
		return r.toast(r.t("error.stale_button"))
	case v.TicketID != 0:
		return r.toast(r.t("visits.ticket_already", v.TicketID))
	}
	kind := storage.TicketKindReport
	if wish {
		kind = storage.TicketKindWish
	}
	tk := storage.Ticket{Kind: kind, Category: a.guessCategory(kind, v.Note), Building: h.Building, ReporterID: r.me.ID,
		Text: v.Note, HideName: true}
	id, err := r.tx.CreateTicket(tk, r.now)
	if err != nil {
		return err
	}
	tk.ID, tk.State, tk.CreatedAt = id, storage.TicketOpen, r.now
	if err := r.tx.SetVisitTicket(v.ID, id); err != nil {
		return err
	}
	if err := r.tx.LogCare(h.ID, r.me.ID, "ticket", "#"+itoa(id), r.now); err != nil {
		return err
	}
	told, err := a.alertLeaders(r, tk, 0, "ticket.new")
	if err != nil {
		return err
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return r.edit(r.t("visits.ticket_opened."+kind, a.headline(r.lang, tk))+"\n"+a.toldLine(r.lang, told), nil)
}
