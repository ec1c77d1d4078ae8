package patrol

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/schedule"
	"courtyard/storage"
	"courtyard/telegram"
)

// FlowPatrolTpl is the conversation that writes a patrol template.
const FlowPatrolTpl = "patrol_tpl"

// Limits of a template.
const (
	maxShiftsPerDay = 48
	maxSlots        = 100
	maxArea         = 100
	maxShiftLength  = 24 * time.Hour
)

// tplData is the template being defined (Tpl 0) or changed.
type tplData struct {
	Team     int64   `json:"team"`
	Tpl      int64   `json:"tpl,omitempty"`
	Preset   string  `json:"preset,omitempty"` // "daily", "weekdays", "weekends" while the time is asked
	Spec     string  `json:"spec,omitempty"`
	Minutes  int     `json:"minutes,omitempty"`
	Slots    int     `json:"slots,omitempty"`
	Area     string  `json:"area,omitempty"`
	Rotation []int64 `json:"rotation,omitempty"`
}

var presetDow = map[string]string{"daily": "*", "weekdays": "1-5", "weekends": "0,6"}

func (a *Patrol) startTplFlow(r *core.Req, d tplData) error {
	if err := r.Toast(""); err != nil {
		return err
	}
	return a.askTpl(r, "sched", d)
}

// askTpl moves the flow to step and asks for it; when changing a template
// a Keep button keeps the value it has.
func (a *Patrol) askTpl(r *core.Req, step string, d tplData) error {
	if err := r.SetFlow(FlowPatrolTpl, step, d); err != nil {
		return err
	}
	var rows [][]telegram.Button
	btn := func(key, data string, args ...any) telegram.Button {
		return telegram.Button{Text: r.T(key, args...), CallbackData: data}
	}
	var text string
	switch step {
	case "sched":
		text = r.T("patrol.ask_sched")
		rows = append(rows, []telegram.Button{btn("patrol.btn.daily", "pt:fp:daily"), btn("patrol.btn.weekdays", "pt:fp:weekdays"),
			btn("patrol.btn.weekends", "pt:fp:weekends")})
	case "time":
		text = r.T("patrol.ask_time")
	case "dur":
		text = r.T("patrol.ask_dur")
		rows = append(rows, []telegram.Button{btn("patrol.btn.hours", "pt:fn:120", 2), btn("patrol.btn.hours", "pt:fn:180", 3),
			btn("patrol.btn.hours", "pt:fn:240", 4)})
	case "slots":
		text = r.T("patrol.ask_slots")
		var row []telegram.Button
		for _, n := range []string{"1", "2", "3", "4"} {
			row = append(row, telegram.Button{Text: n, CallbackData: "pt:fs:" + n})
		}
		rows = append(rows, row)
	case "area":
		text = r.T("patrol.ask_area", maxArea)
	case "rot":
		text = r.T("patrol.ask_rot")
		rows = append(rows, []telegram.Button{btn("patrol.btn.no_rotation", "pt:fp:norot")})
	case "confirm":
		p := storage.PatrolTemplate{Spec: d.Spec, Minutes: d.Minutes, Slots: d.Slots, Area: d.Area, Rotation: d.Rotation}
		text = r.T("patrol.preview", a.tplLine(r, p))
		rows = append(rows, []telegram.Button{btn("patrol.btn.save", "pt:fsave"), btn("button.cancel", "pt:fcancel")})
		return r.Reply(text, telegram.Keyboard{InlineKeyboard: rows})
	}
	if d.Tpl != 0 && step != "time" {
		rows = append(rows, []telegram.Button{btn("patrol.btn.keep", "pt:fk")})
	}
	rows = append(rows, []telegram.Button{btn("button.cancel", "pt:fcancel")})
	return r.Reply(text, telegram.Keyboard{InlineKeyboard: rows})
}

var tplNext = map[string]string{"sched": "dur", "time": "dur", "dur": "slots", "slots": "area", "area": "rot", "rot": "confirm"}

// tplFlowButton takes the flow's buttons; the caller's right to manage the
// team is checked again on each press.
func (a *Patrol) tplFlowButton(r *core.Req, op, arg string) error {
	var d tplData
	f, ok, err := r.FlowFor(FlowPatrolTpl, &d)
	if !ok || err != nil {
		return err
	}
	if may, err := a.mayManagePatrol(r, d.Team); err != nil || !may {
		if err != nil {
			return err
		}
		return r.Toast(r.T("patrol.not_lead", ""))
	}
	n, _ := strconv.Atoi(arg)
	switch {
	case op == "fcancel":
		return r.EndFlowSaying(r.T("patrol.tpl_cancelled"))
	case op == "fk" && d.Tpl != 0 && tplNext[f.Step] != "":
		return a.askTpl(r, tplNext[f.Step], d)
	case op == "fp" && f.Step == "sched" && presetDow[arg] != "":
		d.Preset = arg
		return a.askTpl(r, "time", d)
	case op == "fp" && f.Step == "rot" && arg == "norot":
		d.Rotation = nil
		return a.askTpl(r, "confirm", d)
	case op == "fn" && f.Step == "dur" && n > 0:
		d.Minutes = n
		return a.askTpl(r, "slots", d)
	case op == "fs" && f.Step == "slots" && n > 0:
		d.Slots = n
		return a.askTpl(r, "area", d)
	case op == "fsave" && f.Step == "confirm":
		return a.saveTpl(r, d)
	}
	return r.Toast(r.T("error.stale_button"))
}

// tplText takes what is typed at each step; a bad value is refused with
// the reason and asked again, changing nothing.
func (a *Patrol) tplText(r *core.Req, f storage.Flow) error {
	var d tplData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		return r.Tx.EndFlow(r.Me.ID)
	}
	if may, err := a.mayManagePatrol(r, d.Team); err != nil || !may {
		if err == nil {
			err = r.Tx.EndFlow(r.Me.ID)
		}
		return err
	}
	text := strings.TrimSpace(core.CleanLine(r.Text))
	again := func(key string, args ...any) error { return r.Reply(r.T(key, args...), nil) }
	switch f.Step {
	case "sched":
		if bad := a.checkSpec(r, text); bad != "" {
			return r.Reply(bad, nil)
		}
		d.Spec = text
	case "time":
		h, m, ok := parseClock(text)
		if !ok {
			return again("patrol.bad_time")
		}
		d.Spec = fmt.Sprintf("%d %d * * %s", m, h, presetDow[d.Preset])
		d.Preset = ""
	case "dur":
		min, ok := parseLength(text)
		if !ok {
			return again("patrol.bad_dur")
		}
		d.Minutes = min
	case "slots":
		n, err := strconv.Atoi(text)
		if err != nil || n < 1 || n > maxSlots {
			return again("patrol.bad_slots", maxSlots)
		}
		d.Slots = n
	case "area":
		if text == "" || core.RuneLen(text) > maxArea {
			return again("patrol.bad_area", maxArea)
		}
		d.Area = text
	case "rot":
		ids, bad, answered, err := a.readRotation(r, d.Team, text)
		if err != nil || answered {
			return err
		}
		if bad != "" {
			return again("patrol.bad_rot", core.Esc(bad))
		}
		d.Rotation = ids
	default:
		return again("patrol.tap_button")
	}
	return a.askTpl(r, tplNext[f.Step], d)
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

// parseClock reads "20:00", "8:30" or "20".
func parseClock(s string) (h, m int, ok bool) {
	s = strings.ReplaceAll(s, "：", ":")
	hs, ms, found := strings.Cut(s, ":")
	var err1, err2 error
	h, err1 = strconv.Atoi(hs)
	if found {
		m, err2 = strconv.Atoi(ms)
	}
	return h, m, err1 == nil && err2 == nil && h >= 0 && h < 24 && m >= 0 && m < 60
}

// parseLength reads a shift's length: "3h", "90m", "2h30m", "3" (hours),
// "3小时", "90分钟": whole minutes above 0 and at most 24 h.
func parseLength(s string) (int, bool) {
	s = strings.ToLower(strings.ReplaceAll(s, " ", ""))
	for _, r := range [][2]string{{"小时", "h"}, {"分钟", "m"}, {"分", "m"}} {
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

// readRotation reads "@wang @chen 1234" into member ids, in order; bad is
// the first one not found or not in the team.
// answered is true when a name two members hold was refused with both ids.
func (a *Patrol) readRotation(r *core.Req, team int64, text string) (ids []int64, bad string, answered bool, err error) {
	for _, w := range strings.FieldsFunc(text, func(c rune) bool { return c == ' ' || c == ',' || c == '，' || c == '、' }) {
		var m storage.Member
		if strings.HasPrefix(w, "@") {
			var ok bool
			if m, ok, err = a.MemberByUsername(r, w); !ok && err == nil {
				return nil, "", true, nil
			}
		} else if id, perr := strconv.ParseInt(w, 10, 64); perr == nil && id > 0 {
			m, err = r.Tx.Member(id)
		} else {
			return nil, w, false, nil
		}
		if core.IsNotFound(err) {
			return nil, w, false, nil
		}
		if err != nil {
			return nil, "", false, err
		}
		in, err := r.Tx.InTeam(team, m.ID)
		if err != nil {
			return nil, "", false, err
		}
		if !in {
			return nil, w, false, nil
		}
		if !core.ContainsID(ids, m.ID) {
			ids = append(ids, m.ID)
		}
	}
	if len(ids) == 0 {
		return nil, text, false, nil
	}
	return ids, "", false, nil
}

// saveTpl stores the template and lays out its shifts at once.
func (a *Patrol) saveTpl(r *core.Req, d tplData) error {
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	p := storage.PatrolTemplate{ID: d.Tpl, TeamID: d.Team, Spec: d.Spec, Minutes: d.Minutes, Slots: d.Slots, Area: d.Area,
		Rotation: d.Rotation, State: storage.PatrolActive, CreatedBy: r.Me.ID}
	if d.Tpl != 0 {
		old, err := r.Tx.PatrolTemplate(d.Tpl)
		if core.IsNotFound(err) || old.State == storage.PatrolRemoved {
			return r.Edit(r.T("patrol.tpl_cancelled"), nil)
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
	tm, err := r.Tx.Team(d.Team)
	if err != nil {
		return err
	}
	if err := r.Edit(r.T("patrol.tpl_saved", a.tplLine(r, p)), nil); err != nil {
		return err
	}
	return a.templatesPage(r, tm, false)
}
