package commands

import (
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

// maxCareButtons bounds the households listed as buttons; the page says
// when there are more.
const maxCareButtons = 60

// care: /care, the care list (staff, private chat). Every household shown
// is recorded in its record as read.
func (a *App) care(r *req) error {
	if !a.mayEditCare(r) {
		return r.reply(r.t("error.forbidden", "/care"), nil)
	}
	text, kb, err := a.careList(r, false)
	if err != nil {
		return err
	}
	return r.reply(text, kb)
}

// careList is the active (or archived) households as buttons, with Add.
func (a *App) careList(r *req, archived bool) (string, telegram.Keyboard, error) {
	hs, err := r.tx.Households(archived)
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
		label := limitRunes(h.Building+" · "+h.Unit+" · "+h.Name, 48)
		rows = append(rows, []telegram.Button{{Text: label, CallbackData: "cr:v:" + itoa(h.ID)}})
	}
	key := "care.title"
	if archived {
		key = "care.title_archived"
	}
	text := r.t(key, r.n("count.households", len(hs)))
	if len(hs) == 0 {
		text += "\n" + r.t("care.empty")
	}
	if shown < len(hs) {
		text += "\n" + r.t("care.more", len(hs)-shown)
	}
	if archived {
		rows = append(rows, []telegram.Button{{Text: r.t("care.button_back"), CallbackData: "cr:list"}})
	} else {
		rows = append(rows, []telegram.Button{{Text: r.t("care.button_add"), CallbackData: "cr:new"},
			{Text: r.t("care.button_archived"), CallbackData: "cr:arch"}})
	}
	return text, telegram.Keyboard{InlineKeyboard: rows}, nil
}

// carePage is household h's page for staff: its fields, visitors and the
// last entries of its record. Showing it is recorded as a read.
func (a *App) carePage(r *req, h storage.Household) (string, telegram.Keyboard, error) {
	if err := a.logCare(r, h.ID, "view", ""); err != nil {
		return "", telegram.Keyboard{}, err
	}
	visitors, err := r.tx.HouseholdVisitors(h.ID)
	if err != nil {
		return "", telegram.Keyboard{}, err
	}
	var b strings.Builder
	if h.Archived {
		b.WriteString(r.t("care.archived_mark") + "\n")
	}
	b.WriteString(a.householdText(r, h, careFull) + "\n")
	var names []string
	for _, m := range visitors {
		names = append(names, esc(m.Name))
	}
	if len(names) == 0 {
		b.WriteString(r.t("care.no_visitors") + "\n")
	} else {
		b.WriteString(r.t("care.visitors", a.listJoin(r.lang, names)) + "\n")
	}
	log, total, err := r.tx.CareLog(h.ID, 10)
	if err != nil {
		return "", telegram.Keyboard{}, err
	}
	b.WriteString("\n" + r.t("care.record", r.n("count.entries", total)) + "\n")
	var ids []int64
	for _, e := range log {
		ids = append(ids, e.ActorID)
	}
	who, err := r.tx.MemberNames(ids)
	if err != nil {
		return "", telegram.Keyboard{}, err
	}
	a.fillRemoved(who, r.lang)
	for _, e := range log {
		name := who[e.ActorID]
		if e.ActorID == 0 {
			name = r.t("care.by_system")
		}
		b.WriteString(r.t("care.record_line", e.At.In(a.loc).Format("01-02 15:04"), esc(name), a.careAction(r, e)) + "\n")
	}
	return strings.TrimSpace(b.String()), a.careKeyboard(r, h), nil
}

// careAction says what a record entry was, in the reader's language.
func (a *App) careAction(r *req, e storage.CareEntry) string {
	switch e.Action {
	case "edit":
		return r.t("care.action.edit", r.t("care.field."+e.Detail))
	case "assign", "unassign", "visited", "ticket":
		return r.t("care.action."+e.Action, esc(e.Detail))
	}
	return r.t("care.action." + e.Action)
}

func (a *App) careKeyboard(r *req, h storage.Household) telegram.Keyboard {
	id := itoa(h.ID)
	btn := func(field string) telegram.Button {
		return telegram.Button{Text: r.t("care.field." + field), CallbackData: "cr:e:" + id + ":" + field}
	}
	archive := telegram.Button{Text: r.t("care.button_archive"), CallbackData: "cr:x:" + id}
	if h.Archived {
		archive.Text = r.t("care.button_restore")
	}
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{btn("building"), btn("unit"), btn("name")},
		{btn("reason"), btn("contact"), btn("notes")},
		{{Text: r.t("care.button_visitors"), CallbackData: "cr:vis:" + id}, archive},
		{{Text: r.t("care.button_back"), CallbackData: "cr:list"}},
	}}
}

// careButton routes the cr: buttons. Every press is authorised again: only
// staff, in private, and each household through mayReadHousehold.
func (a *App) careButton(r *req) error {
	if !a.mayEditCare(r) {
		return r.toast(r.t("care.staff_only"))
	}
	parts := buttonArgs(r.cb.Data, "cr:")
	switch parts[0] {
	case "list", "arch":
		text, kb, err := a.careList(r, parts[0] == "arch")
		if err != nil {
			return err
		}
		return r.edit(text, kb)
	case "new":
		if err := r.toast(""); err != nil {
			return err
		}
		return a.careAsk(r, careData{}, "building")
	case "b", "r", "skip":
		return a.careFlowButton(r, parts)
	}
	id, ok := parts.id(1)
	if !ok {
		return r.toast(r.t("error.stale_button"))
	}
	h, err := r.tx.Household(id)
	if isNotFound(err) {
		return r.toast(r.t("error.stale_button"))
	}
	if err != nil {
		return err
	}
	if acc, err := a.mayReadHousehold(r, h); err != nil || acc != careFull {
		if err != nil {
			return err
		}
		return r.toast(r.t("care.staff_only"))
	}
	return a.householdButton(r, h, parts)
}

// householdButton: the buttons of one household's page.
func (a *App) householdButton(r *req, h storage.Household, parts []string) error {
	arg := ""
	if len(parts) > 2 {
		arg = parts[2]
	}
	switch parts[0] {
	case "v":
		return a.showCarePage(r, h, false)
	case "e":
		if !editableField(arg) {
			return r.toast(r.t("error.stale_button"))
		}
		if err := r.toast(""); err != nil {
			return err
		}
		return a.careAsk(r, careData{ID: h.ID}, arg)
	case "x":
		if err := r.tx.SetHouseholdArchived(h.ID, !h.Archived, r.now); err != nil {
			return err
		}
		action := "archive"
		if h.Archived {
			action = "restore"
		}
		if err := a.logCare(r, h.ID, action, ""); err != nil {
			return err
		}
		h.Archived = !h.Archived
		return a.showCarePage(r, h, true)
	case "vis":
		return a.showVisitorPicker(r, h, false)
	case "vt":
		mid, ok := idArg(arg)
		if !ok {
			return r.toast(r.t("error.stale_button"))
		}
		return a.toggleVisitor(r, h, mid)
	case "va":
		if err := r.toast(""); err != nil {
			return err
		}
		return a.careAsk(r, careData{ID: h.ID}, "visitor")
	}
	return r.toast(r.t("error.stale_button"))
}

// showCarePage puts household h's page in place of the pressed message.
func (a *App) showCarePage(r *req, h storage.Household, saved bool) error {
	text, kb, err := a.carePage(r, h)
	if err != nil {
		return err
	}
	note := ""
	if saved {
		note = r.t("care.saved")
	}
	if err := r.toast(note); err != nil {
		return err
	}
	return r.edit(text, kb)
}

func editableField(f string) bool {
	switch f {
	case "building", "unit", "name", "reason", "contact", "notes":
		return true
	}
	return false
}
