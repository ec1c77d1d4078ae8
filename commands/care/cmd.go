package care

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// maxCareButtons bounds the households listed as buttons; the page says
// when there are more.
const maxCareButtons = 60

// Care: /care, the care list (staff, private chat). Every household shown
// is recorded in its record as read.
func (a *Care) Care(r *core.Req) error {
	if !a.mayEditCare(r) {
		return r.Reply(r.T("error.forbidden", "/care"), nil)
	}
	text, kb, err := a.careList(r, false)
	if err != nil {
		return err
	}
	return r.Reply(text, kb)
}

// careList is the active (or archived) households as buttons, with Add.
func (a *Care) careList(r *core.Req, archived bool) (string, telegram.Keyboard, error) {
	hs, err := r.Tx.Households(archived)
	if err != nil {
		return "", telegram.Keyboard{}, err
	}
	var rows [][]telegram.Button
	shown := 0
	for _, h := range hs {
		if acc, err := a.mayReadHousehold(r, h); err != nil || acc != careFull {
			if err != nil {
				return "", telegram.Keyboard{}, err
			}
			continue
		}
		if shown == maxCareButtons {
			break
		}
		shown++
		if err := a.logCare(r, h.ID, "list", ""); err != nil {
			return "", telegram.Keyboard{}, err
		}
		label := core.LimitRunes(h.Building+" · "+h.Unit+" · "+h.Name, 48)
		rows = append(rows, []telegram.Button{{Text: label, CallbackData: "cr:v:" + core.Itoa(h.ID)}})
	}
	key := "care.title"
	if archived {
		key = "care.title_archived"
	}
	text := r.T(key, r.N("count.households", len(hs)))
	if len(hs) == 0 {
		text += "\n" + r.T("care.empty")
	}
	if shown < len(hs) {
		text += "\n" + r.T("care.more", len(hs)-shown)
	}
	if archived {
		rows = append(rows, []telegram.Button{{Text: r.T("care.button_back"), CallbackData: "cr:list"}})
	} else {
		rows = append(rows, []telegram.Button{{Text: r.T("care.button_add"), CallbackData: "cr:new"},
			{Text: r.T("care.button_archived"), CallbackData: "cr:arch"}})
	}
	return text, telegram.Keyboard{InlineKeyboard: rows}, nil
}

// carePage is household h's page for staff: its fields, visitors and the
// last entries of its record. Showing it is recorded as a read.
func (a *Care) carePage(r *core.Req, h storage.Household) (string, telegram.Keyboard, error) {
	if err := a.logCare(r, h.ID, "view", ""); err != nil {
		return "", telegram.Keyboard{}, err
	}
	visitors, err := r.Tx.HouseholdVisitors(h.ID)
	if err != nil {
		return "", telegram.Keyboard{}, err
	}
	var b strings.Builder
	if h.Archived {
		b.WriteString(r.T("care.archived_mark") + "\n")
	}
	b.WriteString(a.householdText(r, h, careFull) + "\n")
	var names []string
	for _, m := range visitors {
		names = append(names, core.Esc(m.Name))
	}
	if len(names) == 0 {
		b.WriteString(r.T("care.no_visitors") + "\n")
	} else {
		b.WriteString(r.T("care.visitors", a.ListJoin(r.Lang, names)) + "\n")
	}
	log, total, err := r.Tx.CareLog(h.ID, 10)
	if err != nil {
		return "", telegram.Keyboard{}, err
	}
	b.WriteString("\n" + r.T("care.record", r.N("count.entries", total)) + "\n")
	var ids []int64
	for _, e := range log {
		ids = append(ids, e.ActorID)
	}
	who, err := r.Tx.MemberNames(ids)
	if err != nil {
		return "", telegram.Keyboard{}, err
	}
	a.FillRemoved(who, r.Lang)
	for _, e := range log {
		name := who[e.ActorID]
		if e.ActorID == 0 {
			name = r.T("care.by_system")
		}
		b.WriteString(r.T("care.record_line", a.dayClock(r.Lang, e.At, r.Now), core.Esc(name), a.careAction(r, e)) + "\n")
	}
	return strings.TrimSpace(b.String()), a.careKeyboard(r, h), nil
}

// careAction says what a record entry was, in the reader's language.
func (a *Care) careAction(r *core.Req, e storage.CareEntry) string {
	switch e.Action {
	case "edit":
		return r.T("care.action.edit", r.T("care.field."+e.Detail))
	case "assign", "unassign", "visited", "ticket":
		return r.T("care.action."+e.Action, core.Esc(e.Detail))
	}
	return r.T("care.action." + e.Action)
}

func (a *Care) careKeyboard(r *core.Req, h storage.Household) telegram.Keyboard {
	id := core.Itoa(h.ID)
	btn := func(field string) telegram.Button {
		return telegram.Button{Text: r.T("care.field." + field), CallbackData: "cr:e:" + id + ":" + field}
	}
	archive := telegram.Button{Text: r.T("care.button_archive"), CallbackData: "cr:x:" + id}
	if h.Archived {
		archive.Text = r.T("care.button_restore")
	}
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{btn("building"), btn("unit"), btn("name")},
		{btn("reason"), btn("contact"), btn("notes")},
		{{Text: r.T("care.button_visitors"), CallbackData: "cr:vis:" + id}, archive},
		{{Text: r.T("care.button_back"), CallbackData: "cr:list"}},
	}}
}

// careButton routes the cr: buttons. Every press is authorised again: only
// staff, in private, and each household through mayReadHousehold.
func (a *Care) careButton(r *core.Req) error {
	if !a.mayEditCare(r) {
		return r.Toast(r.T("care.staff_only"))
	}
	parts := core.ButtonArgs(r.CB.Data, "cr:")
	switch parts[0] {
	case "list", "arch":
		text, kb, err := a.careList(r, parts[0] == "arch")
		if err != nil {
			return err
		}
		return r.Edit(text, kb)
	case "new":
		return a.household.Start(r, nil)
	}
	id, ok := parts.Id(1)
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	h, err := r.Tx.Household(id)
	if core.IsNotFound(err) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	if acc, err := a.mayReadHousehold(r, h); err != nil || acc != careFull {
		if err != nil {
			return err
		}
		return r.Toast(r.T("care.staff_only"))
	}
	return a.householdButton(r, h, parts)
}

// householdButton: the buttons of one household's page.
func (a *Care) householdButton(r *core.Req, h storage.Household, parts []string) error {
	arg := ""
	if len(parts) > 2 {
		arg = parts[2]
	}
	switch parts[0] {
	case "v":
		return a.showCarePage(r, h, false)
	case "e":
		if !editableField(arg) {
			return r.Toast(r.T("error.stale_button"))
		}
		return a.startEdit(r, h, arg)
	case "x":
		if !h.Archived {
			return a.askArchive(r, h)
		}
		return a.setArchived(r, h, false)
	case "xy":
		return a.setArchived(r, h, true)
	case "vis":
		return a.showVisitorPicker(r, h, false)
	case "vt":
		mid, ok := core.IdArg(arg)
		if !ok {
			return r.Toast(r.T("error.stale_button"))
		}
		return a.toggleVisitor(r, h, mid)
	case "va":
		return a.startVisitor(r, h)
	}
	return r.Toast(r.T("error.stale_button"))
}

// askArchive asks, in place of household h's page, whether to archive
// it: it then leaves the visit rounds.
func (a *Care) askArchive(r *core.Req, h storage.Household) error {
	id := core.Itoa(h.ID)
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		r.AnswerButton(core.AnswerConfirm, "cr:xy:"+id), r.AnswerButton(core.AnswerCancel, "cr:v:"+id)}}}
	return r.Edit(r.T("care.confirm_archive"), kb)
}

// setArchived archives household h or restores it, recorded in its
// record, and shows its page; a household already so is only shown.
func (a *Care) setArchived(r *core.Req, h storage.Household, archived bool) error {
	if h.Archived == archived {
		return a.showCarePage(r, h, false)
	}
	if err := r.Tx.SetHouseholdArchived(h.ID, archived, r.Now); err != nil {
		return err
	}
	action := "restore"
	if archived {
		action = "archive"
	}
	if err := a.logCare(r, h.ID, action, ""); err != nil {
		return err
	}
	h.Archived = archived
	return a.showCarePage(r, h, true)
}

// showCarePage puts household h's page in place of the pressed message.
func (a *Care) showCarePage(r *core.Req, h storage.Household, saved bool) error {
	text, kb, err := a.carePage(r, h)
	if err != nil {
		return err
	}
	note := ""
	if saved {
		note = r.T("care.saved")
	}
	if err := r.Toast(note); err != nil {
		return err
	}
	return r.Edit(text, kb)
}

func editableField(f string) bool {
	switch f {
	case "building", "unit", "name", "reason", "contact", "notes":
		return true
	}
	return false
}
