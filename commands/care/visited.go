package care

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// FlowVisitNote is the conversation that takes a visit's note.
const FlowVisitNote = "visit_note"

// vVisit is the visit whose note the conversation takes.
const vVisit = "visit"

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
	text := pr.T("visits.list_title", a.HolidayName(pr.Lang, d.Holiday), a.day(pr.Lang, day, pr.Now), pr.N("count.households", n)) + "\n" + b.String()
	if len(kb.InlineKeyboard) == 0 {
		text += "\n\n" + pr.T("visits.list_all_done")
	}
	return text, kb, n, nil
}

// visitButton routes the vi: buttons: vi:done:<visit id>. Every press is
// authorised again (checkVisit): only the household's assigned visitor,
// in private.
func (a *Care) visitButton(r *core.Req) error {
	parts := core.ButtonArgs(r.CB.Data, "vi:")
	id, ok := parts.Id(1)
	if len(parts) != 2 || parts[0] != "done" || !ok {
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
	return a.markVisited(r, v, h)
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
	seed := core.Values{}
	if err := seed.Set(vVisit, v.ID); err != nil {
		return err
	}
	return a.note.Start(r, seed)
}
