package commands

import (
	"fmt"
	"strings"
	"time"

	"courtyard/schedule"
	"courtyard/storage"
	"courtyard/telegram"
)

// patrolCmd is /patrol [team]: the templates of a team the caller manages.
func (a *App) patrolCmd(r *req) error {
	if name := cleanLine(r.args); name != "" {
		tm, ok, err := a.findTeam(r, name)
		if !ok || err != nil {
			return err
		}
		if may, err := a.mayManagePatrol(r, tm.ID); err != nil || !may {
			if err != nil {
				return err
			}
			return r.reply(r.t("patrol.not_lead", esc(tm.Name)), nil)
		}
		return a.templatesPage(r, tm, false)
	}
	var teams []storage.Team
	if r.atLeast(storage.RoleStaff) {
		all, err := r.tx.ActiveTeams()
		if err != nil {
			return err
		}
		for _, tc := range all {
			teams = append(teams, tc.Team)
		}
	} else {
		var err error
		if teams, err = r.tx.TeamsLedBy(r.me.ID); err != nil {
			return err
		}
	}
	switch len(teams) {
	case 0:
		return r.reply(r.t("patrol.no_teams"), nil)
	case 1:
		return a.templatesPage(r, teams[0], false)
	}
	var rows [][]telegram.Button
	for _, tm := range teams {
		rows = append(rows, []telegram.Button{{Text: tm.Name, CallbackData: "pt:tl:" + itoa(tm.ID)}})
	}
	return r.reply(r.t("patrol.pick_team"), telegram.Keyboard{InlineKeyboard: rows})
}

// templatesPage lists tm's templates with buttons to add, change, pause
// and remove.
func (a *App) templatesPage(r *req, tm storage.Team, edit bool) error {
	tpls, err := r.tx.PatrolTemplates(tm.ID)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(r.t("patrol.tpl_title", esc(tm.Name)))
	if len(tpls) == 0 {
		b.WriteString("\n" + r.t("patrol.tpl_none"))
	}
	var rows [][]telegram.Button
	for i, p := range tpls {
		n := fmt.Sprint(i + 1)
		b.WriteString("\n" + n + ". " + a.tplLine(r, p))
		pause := telegram.Button{Text: r.t("patrol.btn.pause", n), CallbackData: "pt:tp:" + itoa(p.ID)}
		if p.State == storage.PatrolPaused {
			pause.Text = r.t("patrol.btn.resume", n)
		}
		rows = append(rows, []telegram.Button{{Text: r.t("patrol.btn.change", n), CallbackData: "pt:tc:" + itoa(p.ID)}, pause,
			{Text: r.t("patrol.btn.remove", n), CallbackData: "pt:tr:" + itoa(p.ID)}})
	}
	rows = append(rows, []telegram.Button{{Text: r.t("patrol.btn.add"), CallbackData: "pt:ta:" + itoa(tm.ID)}})
	kb := telegram.Keyboard{InlineKeyboard: rows}
	if edit {
		return r.edit(b.String(), kb)
	}
	return r.reply(b.String(), kb)
}

// tplLine describes a template: "every day 20:00 · 3h · 2 people · east gate".
func (a *App) tplLine(r *req, p storage.PatrolTemplate) string {
	s := a.specLabel(r.lang, p.Spec) + " · " + fmtLength(p.Minutes) + " · " + r.t("patrol.people", p.Slots) + " · " + esc(p.Area)
	if len(p.Rotation) > 0 {
		var names []string
		for _, id := range p.Rotation {
			names = append(names, esc(a.memberName(r, id)))
		}
		s += " · " + r.t("patrol.rotation", a.listJoin(r.lang, names))
	}
	if p.State == storage.PatrolPaused {
		s += " · " + r.t("patrol.paused")
	}
	return s
}

// specLabel reads the presets back ("every day 20:00"); other expressions
// are shown as they are.
func (a *App) specLabel(lang, spec string) string {
	f := strings.Fields(spec)
	if len(f) == 5 && f[2] == "*" && f[3] == "*" {
		var h, m int
		if _, err := fmt.Sscanf(f[1]+":"+f[0], "%d:%d", &h, &m); err == nil && fmt.Sprint(h) == f[1] && fmt.Sprint(m) == f[0] {
			at := fmt.Sprintf("%02d:%02d", h, m)
			switch f[4] {
			case "*":
				return a.cat.T(lang, "patrol.preset.daily_at", at)
			case "1-5":
				return a.cat.T(lang, "patrol.preset.weekdays_at", at)
			case "0,6":
				return a.cat.T(lang, "patrol.preset.weekends_at", at)
			}
		}
	}
	return "<code>" + esc(spec) + "</code>"
}

// templateButton takes the buttons of a team's template page. Permission
// is checked again on every press.
func (a *App) templateButton(r *req, op string, id int64) error {
	teamID := id
	var p storage.PatrolTemplate
	if op != "tl" && op != "ta" {
		var err error
		if p, err = r.tx.PatrolTemplate(id); isNotFound(err) || p.State == storage.PatrolRemoved {
			return r.toast(r.t("error.stale_button"))
		} else if err != nil {
			return err
		}
		teamID = p.TeamID
	}
	tm, err := r.tx.Team(teamID)
	if isNotFound(err) {
		return r.toast(r.t("error.stale_button"))
	}
	if err != nil {
		return err
	}
	if may, err := a.mayManagePatrol(r, tm.ID); err != nil || !may {
		if err != nil {
			return err
		}
		return r.toast(r.t("patrol.not_lead", tm.Name))
	}
	switch op {
	case "tl":
		return a.templatesPage(r, tm, true)
	case "ta":
		return a.startTplFlow(r, tplData{Team: tm.ID, Slots: 0})
	case "tc":
		return a.startTplFlow(r, tplData{Team: tm.ID, Tpl: p.ID, Spec: p.Spec, Minutes: p.Minutes, Slots: p.Slots,
			Area: p.Area, Rotation: p.Rotation})
	case "tp":
		if p.State == storage.PatrolPaused {
			if err := r.tx.SetPatrolTemplateState(p.ID, storage.PatrolActive, r.now); err != nil {
				return err
			}
			a.audit(r, "patrol.template_resume", "tpl:"+itoa(p.ID), nil)
			p.State = storage.PatrolActive
			if err := a.layoutNow(r, p); err != nil {
				return err
			}
		} else {
			if err := a.dropFutureShifts(r, p); err != nil {
				return err
			}
			if err := r.tx.SetPatrolTemplateState(p.ID, storage.PatrolPaused, r.now); err != nil {
				return err
			}
			a.audit(r, "patrol.template_pause", "tpl:"+itoa(p.ID), nil)
		}
		return a.templatesPage(r, tm, true)
	case "tr":
		return r.edit(r.t("patrol.remove_sure", a.tplLine(r, p)), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: r.t("patrol.btn.remove_yes"), CallbackData: "pt:trc:" + itoa(p.ID)},
			{Text: r.t("button.cancel"), CallbackData: "pt:tl:" + itoa(tm.ID)}}}})
	case "trc":
		if err := a.dropFutureShifts(r, p); err != nil {
			return err
		}
		if err := r.tx.SetPatrolTemplateState(p.ID, storage.PatrolRemoved, r.now); err != nil {
			return err
		}
		a.audit(r, "patrol.template_remove", "tpl:"+itoa(p.ID), nil)
		return a.templatesPage(r, tm, true)
	}
	return r.toast(r.t("error.stale_button"))
}

// layoutNow lays out p's shifts in the caller's transaction.
func (a *App) layoutNow(r *req, p storage.PatrolTemplate) error {
	told := map[int64][]int64{}
	if err := a.layoutTemplate(r.tx, p, r.now, told); err != nil {
		return err
	}
	return a.tellAssigned(r.tx, told, r.now)
}

// dropFutureShifts removes p's shifts not yet started, telling who was on them.
func (a *App) dropFutureShifts(r *req, p storage.PatrolTemplate) error {
	shifts, err := r.tx.TemplateShiftsFrom(p.ID, r.now)
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

func (a *App) dropShift(r *req, sh storage.PatrolShift) error {
	ds, err := r.tx.ShiftDuty(sh.ID)
	if err != nil {
		return err
	}
	for _, d := range onShift(ds) {
		if err := a.tellPerson(r.tx, d.MemberID, r.now, nil, "patrol.shift_removed", a.shiftLabelFor(r, d.MemberID, sh)); err != nil {
			return err
		}
	}
	if err := cancelShiftWork(r.tx, sh.ID); err != nil {
		return err
	}
	return r.tx.DeletePatrolShift(sh.ID)
}

// applyTemplateChange saves p (changed) and brings its shifts not yet
// started in line: a start the new schedule no longer has is removed, the
// others take the new length, slots and area; who is on them is told. The
// shifts the new schedule adds are laid out.
func (a *App) applyTemplateChange(r *req, p storage.PatrolTemplate) error {
	sched, err := schedule.ParseSpec(p.Spec)
	if err != nil {
		return err
	}
	shifts, err := r.tx.TemplateShiftsFrom(p.ID, r.now)
	if err != nil {
		return err
	}
	for _, sh := range shifts {
		if !schedule.Next(sched, a.loc, sh.Start.Add(-time.Second)).Equal(sh.Start) {
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
	if err := r.tx.UpdatePatrolTemplate(p, r.now); err != nil {
		return err
	}
	a.audit(r, "patrol.template_change", "tpl:"+itoa(p.ID), map[string]any{"spec": p.Spec, "slots": p.Slots, "area": p.Area})
	if p, err = r.tx.PatrolTemplate(p.ID); err != nil {
		return err
	}
	return a.layoutNow(r, p)
}

// changeShift gives a future shift a new end, slots and area; people beyond
// the new number of slots (the last to come) are taken off; all are told.
func (a *App) changeShift(r *req, sh storage.PatrolShift, end time.Time, slots int, area string) error {
	if err := r.tx.UpdatePatrolShift(sh.ID, end, slots, area); err != nil {
		return err
	}
	sh.End, sh.Slots, sh.Area = end, slots, area
	if err := a.scheduleShift(r.tx, sh, r.now); err != nil {
		return err
	}
	ds, err := r.tx.ShiftDuty(sh.ID)
	if err != nil {
		return err
	}
	for i, d := range onShift(ds) {
		key := "patrol.shift_changed"
		if i >= slots {
			if _, err := r.tx.LeaveSlot(sh.ID, d.MemberID, storage.DutyDropped, r.now); err != nil {
				return err
			}
			key = "patrol.shift_cut"
		}
		if err := a.tellPerson(r.tx, d.MemberID, r.now, nil, key, a.shiftLabelFor(r, d.MemberID, sh)); err != nil {
			return err
		}
	}
	return nil
}
