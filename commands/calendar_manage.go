package commands

import (
	"fmt"
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

// schedule is /schedule: the notices the person may manage, with a button
// for each and one to add a notice.
func (a *App) schedule(r *req) error {
	if len(a.audiences(r)) == 0 {
		return r.reply(r.t("error.forbidden", "/schedule"), nil)
	}
	owner := int64(0)
	if !r.atLeast(storage.RoleStaff) {
		owner = r.me.ID
	}
	list, err := r.tx.Schedules(owner, 50)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(r.t("cal.list_head"))
	var rows [][]telegram.Button
	for _, s := range list {
		if !a.mayManageSchedule(r, s) {
			continue
		}
		fmt.Fprintf(&b, "\n%s", a.scheduleLine(r, s))
		rows = append(rows, []telegram.Button{{Text: "#" + itoa(s.ID), CallbackData: "sc:v:" + itoa(s.ID)}})
	}
	if len(rows) == 0 {
		b.WriteString("\n" + r.t("cal.list_none"))
	}
	rows = append(rows, []telegram.Button{{Text: r.t("cal.new"), CallbackData: "sc:new"}})
	return r.reply(b.String(), telegram.Keyboard{InlineKeyboard: rows})
}

// mayManageSchedule is the one rule for who may see and change a
// schedule: its owner or staff, while still allowed to reach its audience.
func (a *App) mayManageSchedule(r *req, s storage.Schedule) bool {
	if s.State == storage.ScheduleDeleted {
		return false
	}
	if s.What == storage.ScheduleMeeting && !r.atLeast(storage.RoleStaff) {
		return false
	}
	sel := audSel{Audience: s.Audience, Buildings: s.Buildings, TeamID: s.TeamID}
	return a.mayScheduleFor(r, sel) && (r.atLeast(storage.RoleStaff) || s.OwnerID == r.me.ID)
}

func (a *App) scheduleLine(r *req, s storage.Schedule) string {
	what := "“" + quote(s.Text, 40) + "”"
	if s.What == storage.ScheduleMeeting {
		if m, err := r.tx.Meeting(s.MeetingID); err == nil {
			what = r.t("cal.meeting_of", esc(m.Title))
		}
	}
	line := fmt.Sprintf("#%d · %s · %s · %s", s.ID, a.describeWhen(r, s.Kind, s.Spec),
		a.describeAudience(r, s.Audience, s.Buildings, s.TeamID), what)
	if s.State == storage.SchedulePaused {
		line += " · " + r.t("cal.paused")
	}
	return line
}

// showSchedule shows one schedule with its next five runs and its buttons.
func (a *App) showSchedule(r *req, s storage.Schedule, edit bool) error {
	runs := r.t("cal.paused")
	if s.State == storage.ScheduleActive {
		runs = a.runList(r, s.Kind, s.Spec)
		if runs == "" {
			runs = r.t("cal.no_more_runs")
		}
	}
	text := a.scheduleLine(r, s) + "\n" + r.t("cal.next_runs", runs)
	if s.What == storage.ScheduleNotice {
		text += "\n\n" + esc(s.Text)
	}
	id := itoa(s.ID)
	toggle := telegram.Button{Text: r.t("cal.pause"), CallbackData: "sc:p:" + id}
	if s.State == storage.SchedulePaused {
		toggle = telegram.Button{Text: r.t("cal.resume"), CallbackData: "sc:r:" + id}
	}
	row := []telegram.Button{{Text: r.t("cal.edit_when"), CallbackData: "sc:ew:" + id}}
	if s.What == storage.ScheduleNotice {
		row = append(row, telegram.Button{Text: r.t("cal.edit_text"), CallbackData: "sc:et:" + id})
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{toggle, {Text: r.t("cal.delete"), CallbackData: "sc:d:" + id}}, row}}
	if edit {
		return r.edit(text, kb)
	}
	return r.reply(text, kb)
}

// scheduleButton routes the "sc:" buttons. Every press on a schedule is
// authorised again with mayManageSchedule.
func (a *App) scheduleButton(r *req) error {
	verb, arg, _ := strings.Cut(strings.TrimPrefix(r.cb.Data, "sc:"), ":")
	if !r.private() || len(a.audiences(r)) == 0 {
		return r.toast(r.t("error.stale_button"))
	}
	if verb == "new" {
		if err := r.toast(""); err != nil {
			return err
		}
		return a.askWhen(r, calData{})
	}
	switch verb {
	case "v", "p", "r", "d", "et", "ew":
	default:
		return a.calFlowPress(r, verb, arg)
	}
	id, ok := idArg(arg)
	if !ok {
		return r.toast(r.t("error.stale_button"))
	}
	s, err := r.tx.Schedule(id)
	if isNotFound(err) || (err == nil && !a.mayManageSchedule(r, s)) {
		return r.toast(r.t("cal.not_yours"))
	}
	if err != nil {
		return err
	}
	switch verb {
	case "v":
		return a.showSchedule(r, s, false)
	case "et":
		if s.What != storage.ScheduleNotice {
			return r.toast(r.t("error.stale_button"))
		}
		if err := r.setFlow(flowSchedule, "edittext", calData{Edit: s.ID}); err != nil {
			return err
		}
		return r.reply(r.t("cal.ask_new_text", s.ID), telegram.ForceReply{ForceReply: true})
	case "ew":
		return a.askWhen(r, calData{Edit: s.ID})
	}
	return a.setScheduleState(r, s, verb)
}

// setScheduleState pauses (p), resumes (r) or deletes (d) a schedule; its
// pending run goes, or comes back, in the same transaction.
func (a *App) setScheduleState(r *req, s storage.Schedule, verb string) error {
	state := map[string]string{"p": storage.SchedulePaused, "r": storage.ScheduleActive, "d": storage.ScheduleDeleted}[verb]
	changed, err := r.tx.SetScheduleState(s.ID, state, r.now)
	if err != nil {
		return err
	}
	if !changed {
		return r.toast(r.t("cal.already"))
	}
	s.State = state
	a.audit(r, "schedule."+map[string]string{"p": "pause", "r": "resume", "d": "delete"}[verb], "sch:"+itoa(s.ID), nil)
	if err := a.cancelRuns(r.tx, s.ID); err != nil {
		return err
	}
	if err := a.layNext(r.tx, s, r.now, r.now); err != nil {
		return err
	}
	if err := r.toast(r.t("cal.done." + verb)); err != nil {
		return err
	}
	if state == storage.ScheduleDeleted {
		return r.edit(r.t("cal.deleted", s.ID), nil)
	}
	return a.showSchedule(r, s, true)
}

// saveWhen gives a schedule its new time and lays out its next run again.
func (a *App) saveWhen(r *req, d calData) error {
	s, err := r.tx.Schedule(d.Edit)
	if err != nil && !isNotFound(err) {
		return err
	}
	if isNotFound(err) || !a.mayManageSchedule(r, s) {
		if err := r.tx.EndFlow(r.me.ID); err != nil {
			return err
		}
		return r.reply(r.t("cal.not_yours"), nil)
	}
	sel := audSel{Audience: s.Audience, Buildings: s.Buildings}
	if sel.groups() && a.tooOftenForGroups(d.Kind, d.Spec, r.now) {
		return a.askWhenAgain(r, d, "cal.too_often_when")
	}
	if err := r.tx.SetScheduleWhen(s.ID, d.Kind, d.Spec, r.now); err != nil {
		return err
	}
	s.Kind, s.Spec = d.Kind, d.Spec
	a.audit(r, "schedule.change", "sch:"+itoa(s.ID), map[string]string{"kind": s.Kind, "spec": s.Spec})
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	if err := a.cancelRuns(r.tx, s.ID); err != nil {
		return err
	}
	if err := a.layNext(r.tx, s, r.now, r.now); err != nil {
		return err
	}
	if err := r.reply(r.t("cal.when_saved", s.ID), nil); err != nil {
		return err
	}
	return a.showSchedule(r, s, false)
}

// askWhenAgain refuses a time and offers the choices again.
func (a *App) askWhenAgain(r *req, d calData, key string) error {
	if err := r.reply(r.t(key), nil); err != nil {
		return err
	}
	d.Kind, d.Spec = "", ""
	return a.askWhen(r, d)
}

// saveText gives a notice its new text; the next run sends it.
func (a *App) saveText(r *req, d calData, text string) error {
	s, err := r.tx.Schedule(d.Edit)
	if err != nil && !isNotFound(err) {
		return err
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	if isNotFound(err) || !a.mayManageSchedule(r, s) {
		return r.reply(r.t("cal.not_yours"), nil)
	}
	if err := r.tx.SetScheduleText(s.ID, text, r.now); err != nil {
		return err
	}
	s.Text = text
	a.audit(r, "schedule.change", "sch:"+itoa(s.ID), map[string]int{"text_chars": runeLen(text)})
	if err := r.reply(r.t("cal.text_saved", s.ID), nil); err != nil {
		return err
	}
	return a.showSchedule(r, s, false)
}

// calendarLink opens /schedule, /meeting or /meetings from a group's deep
// link, with the command's own role check.
func (a *App) calendarLink(r *req, name string) error {
	r.args = ""
	for _, c := range a.commandTable() {
		if c.name == name {
			return c.run(r)
		}
	}
	return nil
}
