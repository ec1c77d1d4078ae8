package patrol

import (
	"fmt"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/schedule"
	"courtyard/storage"
	"courtyard/telegram"
)

// patrolCmd is /patrol [team]: the templates of a team the caller manages.
func (a *Patrol) patrolCmd(r *core.Req) error {
	if name := core.CleanLine(r.Args); name != "" {
		tm, ok, err := a.teams.FindTeam(r, name)
		if !ok || err != nil {
			return err
		}
		if may, err := a.mayManagePatrol(r, tm.ID); err != nil || !may {
			if err != nil {
				return err
			}
			return r.Reply(r.T("patrol.not_lead", core.Esc(tm.Name)), nil)
		}
		return a.templatesPage(r, tm, false)
	}
	var teams []storage.Team
	if r.AtLeast(storage.RoleStaff) {
		all, err := r.Tx.ActiveTeams()
		if err != nil {
			return err
		}
		for _, tc := range all {
			teams = append(teams, tc.Team)
		}
	} else {
		var err error
		if teams, err = r.Tx.TeamsLedBy(r.Me.ID); err != nil {
			return err
		}
	}
	switch len(teams) {
	case 0:
		return r.Reply(r.T("patrol.no_teams"), nil)
	case 1:
		return a.templatesPage(r, teams[0], false)
	}
	var rows [][]telegram.Button
	for _, tm := range teams {
		rows = append(rows, []telegram.Button{{Text: tm.Name, CallbackData: "pt:tl:" + core.Itoa(tm.ID)}})
	}
	return r.Reply(r.T("patrol.pick_team"), telegram.Keyboard{InlineKeyboard: rows})
}

// templatesPage lists tm's templates with buttons to add, change, pause
// and remove.
func (a *Patrol) templatesPage(r *core.Req, tm storage.Team, edit bool) error {
	tpls, err := r.Tx.PatrolTemplates(tm.ID)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(r.T("patrol.tpl_title", core.Esc(tm.Name)))
	if len(tpls) == 0 {
		b.WriteString("\n" + r.T("patrol.tpl_none"))
	}
	var rows [][]telegram.Button
	for i, p := range tpls {
		n := fmt.Sprint(i + 1)
		b.WriteString("\n" + n + ". " + a.tplLine(r, p))
		pause := telegram.Button{Text: r.T("patrol.btn.pause", n), CallbackData: "pt:tp:" + core.Itoa(p.ID)}
		if p.State == storage.PatrolPaused {
			pause.Text = r.T("patrol.btn.resume", n)
		}
		rows = append(rows, []telegram.Button{{Text: r.T("patrol.btn.change", n), CallbackData: "pt:tc:" + core.Itoa(p.ID)}, pause,
			{Text: r.T("patrol.btn.remove", n), CallbackData: "pt:tr:" + core.Itoa(p.ID)}})
	}
	rows = append(rows, []telegram.Button{{Text: r.T("patrol.btn.add"), CallbackData: "pt:ta:" + core.Itoa(tm.ID)}})
	kb := telegram.Keyboard{InlineKeyboard: rows}
	if edit {
		return r.Edit(b.String(), kb)
	}
	return r.Reply(b.String(), kb)
}

// tplLine describes a template: "every day 20:00 · 3h · 2 people · east gate".
func (a *Patrol) tplLine(r *core.Req, p storage.PatrolTemplate) string {
	s := a.specLabel(r.Lang, p.Spec) + " · " + fmtLength(r.Lang, p.Minutes) + " · " + r.T("patrol.people", p.Slots) + " · " + core.Esc(p.Area)
	if len(p.Rotation) > 0 {
		var names []string
		for _, id := range p.Rotation {
			names = append(names, core.Esc(a.MemberName(r, id)))
		}
		s += " · " + r.T("patrol.rotation", a.ListJoin(r.Lang, names))
	}
	if p.State == storage.PatrolPaused {
		s += " · " + r.T("patrol.paused")
	}
	return s
}

// specLabel reads the presets back ("every day 20:00"); other expressions
// are shown as they are.
func (a *Patrol) specLabel(lang, spec string) string {
	f := strings.Fields(spec)
	if len(f) == 5 && f[2] == "*" && f[3] == "*" {
		var h, m int
		if _, err := fmt.Sscanf(f[1]+":"+f[0], "%d:%d", &h, &m); err == nil && fmt.Sprint(h) == f[1] && fmt.Sprint(m) == f[0] {
			at := fmt.Sprintf("%02d:%02d", h, m)
			switch f[4] {
			case "*":
				return a.Cat.T(lang, "patrol.preset.daily_at", at)
			case "1-5":
				return a.Cat.T(lang, "patrol.preset.weekdays_at", at)
			case "0,6":
				return a.Cat.T(lang, "patrol.preset.weekends_at", at)
			}
		}
	}
	return "<code>" + core.Esc(spec) + "</code>"
}

// templateButton takes the buttons of a team's template page. Permission
// is checked again on every press.
func (a *Patrol) templateButton(r *core.Req, op string, id int64) error {
	teamID := id
	var p storage.PatrolTemplate
	if op != "tl" && op != "ta" {
		var err error
		if p, err = r.Tx.PatrolTemplate(id); core.IsNotFound(err) || p.State == storage.PatrolRemoved {
			return r.Toast(r.T("error.stale_button"))
		} else if err != nil {
			return err
		}
		teamID = p.TeamID
	}
	tm, err := r.Tx.Team(teamID)
	if core.IsNotFound(err) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	if may, err := a.mayManagePatrol(r, tm.ID); err != nil || !may {
		if err != nil {
			return err
		}
		return r.Toast(r.T("patrol.not_lead", tm.Name))
	}
	switch op {
	case "tl":
		return a.templatesPage(r, tm, true)
	case "ta":
		return a.startTplFlow(r, tm, storage.PatrolTemplate{})
	case "tc":
		return a.startTplFlow(r, tm, p)
	case "tp":
		if p.State != storage.PatrolPaused {
			// Pausing removes the coming shifts: asked first.
			return r.Edit(r.T("patrol.pause_sure", a.tplLine(r, p)), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
				{Text: r.T("patrol.btn.pause_yes"), CallbackData: "pt:tpc:" + core.Itoa(p.ID)},
				r.AnswerButton(core.AnswerCancel, "pt:tl:"+core.Itoa(tm.ID))}}})
		}
		if err := r.Tx.SetPatrolTemplateState(p.ID, storage.PatrolActive, r.Now); err != nil {
			return err
		}
		a.Audit(r, "patrol.template_resume", "tpl:"+core.Itoa(p.ID), nil)
		p.State = storage.PatrolActive
		if err := a.layoutNow(r, p); err != nil {
			return err
		}
		return a.templatesPage(r, tm, true)
	case "tpc":
		if p.State != storage.PatrolPaused {
			if err := a.dropFutureShifts(r, p); err != nil {
				return err
			}
			if err := r.Tx.SetPatrolTemplateState(p.ID, storage.PatrolPaused, r.Now); err != nil {
				return err
			}
			a.Audit(r, "patrol.template_pause", "tpl:"+core.Itoa(p.ID), nil)
		}
		return a.templatesPage(r, tm, true)
	case "tr":
		return r.Edit(r.T("patrol.remove_sure", a.tplLine(r, p)), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: r.T("patrol.btn.remove_yes"), CallbackData: "pt:trc:" + core.Itoa(p.ID)},
			r.AnswerButton(core.AnswerCancel, "pt:tl:"+core.Itoa(tm.ID))}}})
	case "trc":
		if err := a.dropFutureShifts(r, p); err != nil {
			return err
		}
		if err := r.Tx.SetPatrolTemplateState(p.ID, storage.PatrolRemoved, r.Now); err != nil {
			return err
		}
		a.Audit(r, "patrol.template_remove", "tpl:"+core.Itoa(p.ID), nil)
		return a.templatesPage(r, tm, true)
	}
	return r.Toast(r.T("error.stale_button"))
}

// layoutNow lays out p's shifts in the caller's transaction.
func (a *Patrol) layoutNow(r *core.Req, p storage.PatrolTemplate) error {
	told := map[int64][]int64{}
	if err := a.layoutTemplate(r.Tx, p, r.Now, told); err != nil {
		return err
	}
	return a.tellAssigned(r.Tx, told, r.Now)
}

// dropFutureShifts removes p's shifts not yet started, telling who was on them.
func (a *Patrol) dropFutureShifts(r *core.Req, p storage.PatrolTemplate) error {
	shifts, err := r.Tx.TemplateShiftsFrom(p.ID, r.Now)
	if err != nil {
		return err
	}
	for _, sh := range shifts {
		if err := a.dropShift(r, sh); err != nil {
			return err
		}
	}
	return nil
}

func (a *Patrol) dropShift(r *core.Req, sh storage.PatrolShift) error {
	ds, err := r.Tx.ShiftDuty(sh.ID)
	if err != nil {
		return err
	}
	for _, d := range onShift(ds) {
		if err := a.tellPerson(r.Tx, d.MemberID, r.Now, nil, "patrol.shift_removed", a.shiftLabelFor(r, d.MemberID, sh)); err != nil {
			return err
		}
	}
	if err := cancelShiftWork(r.Tx, sh.ID); err != nil {
		return err
	}
	return r.Tx.DeletePatrolShift(sh.ID)
}

// applyTemplateChange saves p (changed) and brings its shifts not yet
// started in line: a start the new schedule no longer has is removed, the
// others take the new length, slots and area; who is on them is told. The
// shifts the new schedule adds are laid out.
func (a *Patrol) applyTemplateChange(r *core.Req, p storage.PatrolTemplate) error {
	sched, err := schedule.ParseSpec(p.Spec)
	if err != nil {
		return err
	}
	shifts, err := r.Tx.TemplateShiftsFrom(p.ID, r.Now)
	if err != nil {
		return err
	}
	for _, sh := range shifts {
		if !schedule.Next(sched, a.Loc, sh.Start.Add(-time.Second)).Equal(sh.Start) {
			if err := a.dropShift(r, sh); err != nil {
				return err
			}
			continue
		}
		end := sh.Start.Add(time.Duration(p.Minutes) * time.Minute)
		if end.Equal(sh.End) && p.Slots == sh.Slots && p.Area == sh.Area {
			continue
		}
		if err := a.changeShift(r, sh, end, p.Slots, p.Area); err != nil {
			return err
		}
	}
	if err := r.Tx.UpdatePatrolTemplate(p, r.Now); err != nil {
		return err
	}
	a.Audit(r, "patrol.template_change", "tpl:"+core.Itoa(p.ID), map[string]any{"spec": p.Spec, "slots": p.Slots, "area": p.Area})
	if p, err = r.Tx.PatrolTemplate(p.ID); err != nil {
		return err
	}
	return a.layoutNow(r, p)
}

// changeShift gives a future shift a new end, slots and area; people beyond
// the new number of slots (the last to come) are taken off; all are told.
func (a *Patrol) changeShift(r *core.Req, sh storage.PatrolShift, end time.Time, slots int, area string) error {
	if err := r.Tx.UpdatePatrolShift(sh.ID, end, slots, area); err != nil {
		return err
	}
	sh.End, sh.Slots, sh.Area = end, slots, area
	if err := a.scheduleShift(r.Tx, sh, r.Now); err != nil {
		return err
	}
	ds, err := r.Tx.ShiftDuty(sh.ID)
	if err != nil {
		return err
	}
	for i, d := range onShift(ds) {
		key := "patrol.shift_changed"
		if i >= slots {
			if _, err := r.Tx.LeaveSlot(sh.ID, d.MemberID, storage.DutyDropped, r.Now); err != nil {
				return err
			}
			key = "patrol.shift_cut"
		}
		if err := a.tellPerson(r.Tx, d.MemberID, r.Now, nil, key, a.shiftLabelFor(r, d.MemberID, sh)); err != nil {
			return err
		}
	}
	return nil
}
