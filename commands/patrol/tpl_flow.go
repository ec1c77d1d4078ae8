package patrol

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/schedule"
	"courtyard/storage"
)

// startTplFlow begins the template conversation for team tm: a new
// template, or (p.ID != 0) a change of p, whose answers stand until
// changed at the preview.
func (a *Patrol) startTplFlow(r *core.Req, tm storage.Team, p storage.PatrolTemplate) error {
	ids, err := r.Tx.TeamMemberIDs(tm.ID)
	if err != nil {
		return err
	}
	seed := core.Values{}
	if p.ID != 0 {
		if seed, err = tplSeed(p, len(ids)); err != nil {
			return err
		}
	} else {
		if err := seed.Set("team", tm.ID); err != nil {
			return err
		}
		if err := seed.Set("nteam", len(ids)); err != nil {
			return err
		}
	}
	return a.tpl.Start(r, seed)
}

// checkSpec returns why a cron expression cannot be used, naming the field
// at fault, or "".
func (a *Patrol) checkSpec(r *core.Req, spec string) string {
	s, err := schedule.ParseSpec(spec)
	var se *schedule.SpecError
	if errors.As(err, &se) {
		if se.Field == schedule.FieldSpec {
			return r.T("patrol.bad_cron", core.Esc(spec))
		}
		return r.T("patrol.bad_cron_field", a.fieldName(r, se.Field), core.Esc(se.Value))
	}
	if err != nil {
		return r.T("patrol.bad_cron", core.Esc(spec))
	}
	day := r.Now.In(a.Loc)
	for i := range 8 {
		if schedule.PerDay(s, a.Loc, day.AddDate(0, 0, i)) > maxShiftsPerDay {
			return r.T("patrol.too_often", maxShiftsPerDay)
		}
	}
	return ""
}

func (a *Patrol) fieldName(r *core.Req, f schedule.Field) string {
	switch f {
	case schedule.FieldMinute:
		return r.T("patrol.field.minute")
	case schedule.FieldHour:
		return r.T("patrol.field.hour")
	case schedule.FieldDayOfMonth:
		return r.T("patrol.field.dom")
	case schedule.FieldMonth:
		return r.T("patrol.field.month")
	}
	return r.T("patrol.field.dow")
}

// parseLength reads a shift's length: "3h", "90m", "2h30m", "3" (hours),
// "3小时", "90分钟": whole minutes above 0 and at most 24 h.
func parseLength(s string) (int, bool) {
	s = strings.ToLower(strings.ReplaceAll(core.Fold(s), " ", ""))
	for _, r := range [][2]string{{"个小时", "h"}, {"小时", "h"}, {"分钟", "m"}, {"分", "m"}} {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		s = fmt.Sprintf("%gh", f)
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 || d > maxShiftLength || d%time.Minute != 0 {
		return 0, false
	}
	return int(d / time.Minute), true
}

// saveTpl stores the template the conversation wrote and lays out its
// shifts at once. The caller's right to manage the team is asked again.
func (a *Patrol) saveTpl(r *core.Req, v core.Values) error {
	p := a.tplFrom(v)
	tm, err := r.Tx.Team(p.TeamID)
	if core.IsNotFound(err) {
		return r.Reply(r.T("patrol.tpl_cancelled"), nil)
	}
	if err != nil {
		return err
	}
	if may, err := a.mayManagePatrol(r, tm.ID); err != nil || !may {
		if err != nil {
			return err
		}
		return r.Reply(r.T("patrol.not_lead", core.Esc(tm.Name)), nil)
	}
	p.State, p.CreatedBy = storage.PatrolActive, r.Me.ID
	if p.ID != 0 {
		old, err := r.Tx.PatrolTemplate(p.ID)
		if core.IsNotFound(err) || old.State == storage.PatrolRemoved || old.TeamID != tm.ID {
			return r.Reply(r.T("patrol.tpl_cancelled"), nil)
		}
		if err != nil {
			return err
		}
		p.State = old.State
		if err := a.applyTemplateChange(r, p); err != nil {
			return err
		}
	} else {
		id, err := r.Tx.CreatePatrolTemplate(p, r.Now)
		if err != nil {
			return err
		}
		p.ID = id
		a.Audit(r, "patrol.template_add", "tpl:"+core.Itoa(id), map[string]any{"spec": p.Spec, "slots": p.Slots, "area": p.Area})
		if err := a.layoutNow(r, p); err != nil {
			return err
		}
	}
	if err := r.Reply(r.T("patrol.tpl_saved", a.tplLine(r, p)), nil); err != nil {
		return err
	}
	return a.templatesPage(r, tm, false)
}
