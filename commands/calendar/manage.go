package calendar

import (
	"fmt"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// schedule is /schedule: the notices the person may manage, with a button
// for each and one to add a notice.
func (a *Calendar) schedule(r *core.Req) error {
	if len(a.announce.Audiences(r)) == 0 {
		return r.Reply(r.T("error.forbidden", "/schedule"), nil)
	}
	owner := int64(0)
	if !r.AtLeast(storage.RoleStaff) {
		owner = r.Me.ID
	}
	list, err := r.Tx.Schedules(owner, 50)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(r.T("cal.list_head"))
	var rows [][]telegram.Button
	for _, s := range list {
		if !a.mayManageSchedule(r, s) {
			continue
		}
		fmt.Fprintf(&b, "\n%s", a.scheduleLine(r, s))
		rows = append(rows, []telegram.Button{{Text: "#" + core.Itoa(s.ID), CallbackData: "sc:v:" + core.Itoa(s.ID)}})
	}
	if len(rows) == 0 {
		b.WriteString("\n" + r.T("cal.list_none"))
	}
	rows = append(rows, []telegram.Button{{Text: r.T("cal.new"), CallbackData: "sc:new"}})
	return r.Reply(b.String(), telegram.Keyboard{InlineKeyboard: rows})
}

// mayManageSchedule is the one rule for who may see and change a
// schedule: its owner or staff, while still allowed to reach its audience.
func (a *Calendar) mayManageSchedule(r *core.Req, s storage.Schedule) bool {
	if s.State == storage.ScheduleDeleted {
		return false
	}
	if s.What == storage.ScheduleMeeting && !r.AtLeast(storage.RoleStaff) {
		return false
	}
	sel := audSel{Audience: s.Audience, Buildings: s.Buildings, TeamID: s.TeamID}
	return a.mayScheduleFor(r, sel) && (r.AtLeast(storage.RoleStaff) || s.OwnerID == r.Me.ID)
}

func (a *Calendar) scheduleLine(r *core.Req, s storage.Schedule) string {
	what := "“" + core.Quote(s.Text, 40) + "”"
	if s.What == storage.ScheduleMeeting {
		if m, err := r.Tx.Meeting(s.MeetingID); err == nil {
			what = r.T("cal.meeting_of", core.Esc(m.Title))
		}
	}
	line := fmt.Sprintf("#%d · %s · %s · %s", s.ID, a.describeWhen(r, s.Kind, s.Spec),
		a.announce.DescribeAudience(r, s.Audience, s.Buildings, s.TeamID), what)
	if s.State == storage.SchedulePaused {
		line += " · " + r.T("cal.paused")
	}
	return line
}

// showSchedule shows one schedule with its next five runs and its buttons.
func (a *Calendar) showSchedule(r *core.Req, s storage.Schedule, edit bool) error {
	runs := r.T("cal.paused")
	if s.State == storage.ScheduleActive {
		runs = a.runList(r, s.Kind, s.Spec)
		if runs == "" {
			runs = r.T("cal.no_more_runs")
		}
	}
	text := a.scheduleLine(r, s) + "\n" + r.T("cal.next_runs", runs)
	if s.What == storage.ScheduleNotice {
		text += "\n\n" + core.Esc(s.Text)
	}
	id := core.Itoa(s.ID)
	toggle := telegram.Button{Text: r.T("cal.pause"), CallbackData: "sc:p:" + id}
	if s.State == storage.SchedulePaused {
		toggle = telegram.Button{Text: r.T("cal.resume"), CallbackData: "sc:r:" + id}
	}
	row := []telegram.Button{{Text: r.T("cal.edit_when"), CallbackData: "sc:ew:" + id}}
	if s.What == storage.ScheduleNotice {
		row = append(row, telegram.Button{Text: r.T("cal.edit_text"), CallbackData: "sc:et:" + id})
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{toggle, {Text: r.T("cal.delete"), CallbackData: "sc:d:" + id}}, row}}
	if edit {
		return r.Edit(text, kb)
	}
	return r.Reply(text, kb)
}

// scheduleButton routes the "sc:" buttons. Every press on a schedule was
// authorised by the table (manageable, its Check) and is again here.
func (a *Calendar) scheduleButton(r *core.Req) error {
	verb, arg, _ := strings.Cut(strings.TrimPrefix(r.CB.Data, "sc:"), ":")
	if !r.Private() || len(a.announce.Audiences(r)) == 0 {
		return r.Toast(r.T("error.stale_button"))
	}
	if verb == "new" {
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.scheduleFlow.Start(r, seed(map[string]any{"mode": modeNew}))
	}
	s, ok, err := a.pressedSchedule(r, arg)
	if !ok || err != nil {
		return err
	}
	switch verb {
	case "v":
		return a.showSchedule(r, s, false)
	case "et":
		if s.What != storage.ScheduleNotice {
			return r.Toast(r.T("error.stale_button"))
		}
		return a.scheduleFlow.Start(r, seed(map[string]any{"mode": modeText, "edit": s.ID}))
	case "ew":
		return a.scheduleFlow.Start(r, seed(map[string]any{"mode": modeWhen, "edit": s.ID}))
	case "d":
		return a.deleteFlow.Start(r, seed(map[string]any{"id": s.ID}))
	case "p", "r":
		return a.setScheduleState(r, s, verb)
	}
	return r.Toast(r.T("error.stale_button"))
}

// pressedSchedule reads the schedule a button names, for a press by
// someone who may manage it; ok is false, and the press answered,
// otherwise.
func (a *Calendar) pressedSchedule(r *core.Req, arg string) (storage.Schedule, bool, error) {
	id, ok := core.IdArg(arg)
	if !ok {
		return storage.Schedule{}, false, r.Toast(r.T("error.stale_button"))
	}
	s, err := r.Tx.Schedule(id)
	if core.IsNotFound(err) || (err == nil && !a.mayManageSchedule(r, s)) {
		return s, false, r.Toast(r.T("cal.not_yours"))
	}
	return s, err == nil, err
}

// managesSchedule is the table's check of a press on a schedule: the
// schedule it names is one the person may manage.
func (a *Calendar) managesSchedule(r *core.Req) (bool, error) {
	_, arg, _ := strings.Cut(strings.TrimPrefix(r.CB.Data, "sc:"), ":")
	id, ok := core.IdArg(arg)
	if !ok {
		return false, nil
	}
	s, err := r.Tx.Schedule(id)
	if core.IsNotFound(err) {
		return false, nil
	}
	return err == nil && a.mayManageSchedule(r, s), err
}

// deleteDialog asks before a notice is deleted: once gone it never runs
// again.
func (a *Calendar) deleteDialog() *core.Dialog {
	yes := func(*core.Req, core.Values) []core.Option {
		return []core.Option{a.Option("yes", "cal.delete", "删除", "是", "确定", "好", "yes", "ok", "delete")}
	}
	return &core.Dialog{Name: "scdel", Min: storage.RoleLeader, Steps: []core.Step{
		core.ChoiceStep{Name: "sure", Ask: func(r *core.Req, v core.Values) string { return r.T("cal.delete_sure", v.Int("id")) }, Options: yes},
	}, Done: func(r *core.Req, v core.Values) error {
		s, err := r.Tx.Schedule(v.Int("id"))
		if core.IsNotFound(err) || (err == nil && !a.mayManageSchedule(r, s)) {
			return r.Reply(r.T("cal.not_yours"), nil)
		}
		if err != nil {
			return err
		}
		return a.setScheduleState(r, s, "d")
	}}
}

// setScheduleState pauses (p), resumes (r) or deletes (d) a schedule; its
// pending run goes, or comes back, in the same transaction.
func (a *Calendar) setScheduleState(r *core.Req, s storage.Schedule, verb string) error {
	state := map[string]string{"p": storage.SchedulePaused, "r": storage.ScheduleActive, "d": storage.ScheduleDeleted}[verb]
	changed, err := r.Tx.SetScheduleState(s.ID, state, r.Now)
	if err != nil {
		return err
	}
	if !changed {
		return r.Toast(r.T("cal.already"))
	}
	s.State = state
	a.Audit(r, "schedule."+map[string]string{"p": "pause", "r": "resume", "d": "delete"}[verb], "sch:"+core.Itoa(s.ID), nil)
	if err := a.cancelRuns(r.Tx, s.ID); err != nil {
		return err
	}
	if err := a.layNext(r.Tx, s, r.Now, r.Now); err != nil {
		return err
	}
	if state == storage.ScheduleDeleted {
		return r.Reply(r.T("cal.deleted", s.ID), nil)
	}
	if err := r.Toast(r.T("cal.done." + verb)); err != nil {
		return err
	}
	return a.showSchedule(r, s, true)
}

// saveWhen gives a schedule its new time and lays out its next run again.
func (a *Calendar) saveWhen(r *core.Req, id int64, kind, spec string) error {
	s, err := r.Tx.Schedule(id)
	if err != nil && !core.IsNotFound(err) {
		return err
	}
	switch {
	case core.IsNotFound(err) || !a.mayManageSchedule(r, s):
		return r.Reply(r.T("cal.not_yours"), nil)
	case a.nextRun(kind, spec, r.Now).IsZero():
		return r.Reply(r.T("cal.never_again"), nil)
	case a.floodRefusal(r, audSel{Audience: s.Audience}, kind, spec) != "":
		return r.Reply(a.floodRefusal(r, audSel{Audience: s.Audience}, kind, spec), nil)
	}
	if err := r.Tx.SetScheduleWhen(s.ID, kind, spec, r.Now); err != nil {
		return err
	}
	s.Kind, s.Spec = kind, spec
	a.Audit(r, "schedule.change", "sch:"+core.Itoa(s.ID), map[string]string{"kind": s.Kind, "spec": s.Spec})
	if err := a.cancelRuns(r.Tx, s.ID); err != nil {
		return err
	}
	if err := a.layNext(r.Tx, s, r.Now, r.Now); err != nil {
		return err
	}
	if err := r.Reply(r.T("cal.when_saved", s.ID), nil); err != nil {
		return err
	}
	return a.showSchedule(r, s, false)
}

// saveText gives a notice its new text; the next run sends it.
func (a *Calendar) saveText(r *core.Req, id int64, text string) error {
	s, err := r.Tx.Schedule(id)
	if err != nil && !core.IsNotFound(err) {
		return err
	}
	if core.IsNotFound(err) || !a.mayManageSchedule(r, s) || s.What != storage.ScheduleNotice {
		return r.Reply(r.T("cal.not_yours"), nil)
	}
	if err := r.Tx.SetScheduleText(s.ID, text, r.Now); err != nil {
		return err
	}
	s.Text = text
	a.Audit(r, "schedule.change", "sch:"+core.Itoa(s.ID), map[string]int{"text_chars": core.RuneLen(text)})
	if err := r.Reply(r.T("cal.text_saved", s.ID), nil); err != nil {
		return err
	}
	return a.showSchedule(r, s, false)
}

// CalendarLink opens /schedule, /meeting or /meetings from a group's deep
// link, with the command's own role check.
func (a *Calendar) CalendarLink(r *core.Req, name string) error {
	r.Args = ""
	_, err := a.RunCommand(r, name)
	return err
}
