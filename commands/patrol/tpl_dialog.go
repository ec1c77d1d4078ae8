package patrol

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/when"
)

// FlowPatrolTpl is the conversation that writes a patrol template: when
// shifts start (a preset and a time, or a cron expression), how long they
// last, how many people, where, and an optional rotation, then a preview
// to save or change.
const FlowPatrolTpl = "patrol_tpl"

// Limits of a template.
const (
	maxShiftsPerDay = 48
	maxSlots        = 100
	maxArea         = 100
	maxShiftLength  = 24 * time.Hour
	maxRotation     = 8 // members chosen one by one; more are typed as a list
)

var presetDow = map[string]string{"daily": "*", "weekdays": "1-5", "weekends": "0,6"}

// clockAnswer is the time a preset's shifts start, with the length a
// range gave ("晚上8点到10点"); Minutes is 0 when only a start was given.
type clockAnswer struct {
	Start   int `json:"start"`
	Minutes int `json:"minutes,omitempty"`
}

// rotList is a rotation typed as a list at its first step ("@wang @chen").
type rotList struct {
	IDs []int64 `json:"ids"`
}

func isPreset(v core.Values) bool { return presetDow[v.String("sched")] != "" }

func shiftClock(v core.Values) (clockAnswer, bool) {
	var c clockAnswer
	return c, isPreset(v) && v.Get("time", &c)
}

// needsLength: the length is asked unless a range of hours gave it.
func needsLength(v core.Values) bool {
	c, ok := shiftClock(v)
	return !ok || c.Minutes == 0
}

func rotName(i int) string { return "rot" + strconv.Itoa(i) }

// tplDialog declares the template conversation; Done saves.
func (a *Patrol) tplDialog() *core.Dialog {
	steps := []core.Step{
		core.ChoiceStep{Name: "sched", Label: "patrol.step.sched", Ask: core.Say("patrol.ask_sched"), Options: a.presetOptions,
			Columns: 3, Other: a.cronAnswer},
		core.OnlyIf(isPreset, core.DateStep{Name: "time", Label: "patrol.step.time", Ask: core.Say("patrol.ask_time"),
			Parse: readShiftClock, Refuse: refuseShiftClock}),
		core.OnlyIf(needsLength, core.ChoiceStep{Name: "dur", Label: "patrol.step.dur", Ask: a.askDur, Options: a.lengthOptions,
			Columns: 3, Other: lengthAnswer}),
		core.ChoiceStep{Name: "slots", Label: "patrol.step.slots", Ask: a.askSlots, Options: slotOptions, Columns: 4, Other: slotsAnswer},
		core.TextStep{Name: "area", Label: "patrol.step.area", Ask: core.Say("patrol.ask_area", maxArea), Parse: areaAnswer},
	}
	steps = append(steps, a.rotationSteps()...)
	steps = append(steps, core.ConfirmStep{Name: "ok", Summary: func(r *core.Req, v core.Values) string {
		return r.T("patrol.preview", a.tplLine(r, a.tplFrom(v)))
	}})
	return &core.Dialog{Name: FlowPatrolTpl, Steps: steps, Done: a.saveTpl}
}

func (a *Patrol) presetOptions(*core.Req, core.Values) []core.Option {
	return []core.Option{
		a.Option("daily", "patrol.btn.daily", "每日", "daily"),
		a.Option("weekdays", "patrol.btn.weekdays", "周一到周五", "weekday"),
		a.Option("weekends", "patrol.btn.weekends", "周六日", "weekend"),
	}
}

// cronAnswer takes a cron expression typed at the schedule step.
func (a *Patrol) cronAnswer(r *core.Req, _ core.Values, text string) (string, string) {
	spec := core.CleanLine(text)
	if bad := a.checkSpec(r, spec); bad != "" {
		return "", bad
	}
	return spec, ""
}

// readShiftClock reads a start ("晚上8点", "20:00", "8pm") or the hours of a
// shift ("晚上8点到10点", "22:00-次日02:00").
func readShiftClock(text string, _ time.Time, _ *time.Location) (any, error) {
	cr, err := when.ParseClockRange(text)
	if err == nil {
		return clockAnswer{Start: cr.Start, Minutes: cr.Minutes()}, nil
	}
	if errors.Is(err, when.ErrEndBeforeStart) {
		return nil, err
	}
	m, err := when.ParseClock(text)
	if err != nil {
		return nil, err
	}
	return clockAnswer{Start: m}, nil
}

func refuseShiftClock(r *core.Req, err error) string {
	if errors.Is(err, when.ErrEndBeforeStart) {
		return r.T("patrol.bad_range", when.ExampleClockRange(r.Lang))
	}
	return r.T("patrol.bad_time", when.ExampleClock(r.Lang), when.ExampleClockRange(r.Lang))
}

// timeRead says how the time typed was understood: "every day 20:00" or
// "every day 20:00-22:00"; "" when no time was asked.
func (a *Patrol) timeRead(r *core.Req, v core.Values) string {
	c, ok := shiftClock(v)
	if !ok {
		return ""
	}
	at := when.DescribeClock(c.Start)
	if c.Minutes > 0 {
		end := c.Start + c.Minutes
		at = when.DescribeClockRange(when.ClockRange{Start: c.Start, End: end % (24 * 60), Overnight: end >= 24*60}, r.Lang)
	}
	return r.T("patrol.time_read", r.T("patrol.preset."+v.String("sched")+"_at", at))
}

func (a *Patrol) askDur(r *core.Req, v core.Values) string {
	return joinLines(a.timeRead(r, v), r.T("patrol.ask_dur"))
}

// askSlots says how the hours were read when they gave the length.
func (a *Patrol) askSlots(r *core.Req, v core.Values) string {
	if needsLength(v) {
		return r.T("patrol.ask_slots")
	}
	return joinLines(a.timeRead(r, v), r.T("patrol.ask_slots"))
}

func joinLines(first, rest string) string {
	if first == "" {
		return rest
	}
	return first + "\n" + rest
}

func (a *Patrol) lengthOptions(*core.Req, core.Values) []core.Option {
	var out []core.Option
	for _, h := range []int{2, 3, 4} {
		out = append(out, core.Option{Key: strconv.Itoa(h * 60), Zh: a.Cat.T("zh", "patrol.btn.hours", h), En: a.Cat.T("en", "patrol.btn.hours", h)})
	}
	return out
}

func lengthAnswer(r *core.Req, _ core.Values, text string) (string, string) {
	min, ok := parseLength(text)
	if !ok {
		return "", r.T("patrol.bad_dur")
	}
	return strconv.Itoa(min), ""
}

func slotOptions(*core.Req, core.Values) []core.Option {
	var out []core.Option
	for n := 1; n <= 4; n++ {
		out = append(out, core.Option{Key: strconv.Itoa(n), Zh: strconv.Itoa(n)})
	}
	return out
}

func slotsAnswer(r *core.Req, _ core.Values, text string) (string, string) {
	n, err := strconv.Atoi(core.Fold(text))
	if err != nil || n < 1 || n > maxSlots {
		return "", r.T("patrol.bad_slots", maxSlots)
	}
	return strconv.Itoa(n), ""
}

func areaAnswer(r *core.Req, _ core.Values, text string) (any, string) {
	text = core.CleanLine(text)
	if text == "" || core.RuneLen(text) > maxArea {
		return nil, r.T("patrol.bad_area", maxArea)
	}
	return text, ""
}

// tplFrom is the template the answers describe.
func (a *Patrol) tplFrom(v core.Values) storage.PatrolTemplate {
	p := storage.PatrolTemplate{ID: v.Int("tpl"), TeamID: v.Int("team"), Spec: v.String("sched"), Area: v.String("area"), Rotation: rotation(v)}
	if c, ok := shiftClock(v); ok {
		p.Spec = fmt.Sprintf("%d %d * * %s", c.Start%60, c.Start/60, presetDow[v.String("sched")])
		p.Minutes = c.Minutes
	}
	if p.Minutes == 0 {
		p.Minutes, _ = strconv.Atoi(v.String("dur"))
	}
	p.Slots, _ = strconv.Atoi(v.String("slots"))
	return p
}

// tplSeed are the answers a template gives, to change it: a preset's
// expression is read back as the preset and its time.
func tplSeed(p storage.PatrolTemplate, teamSize int) (core.Values, error) {
	v := core.Values{}
	var err error
	set := func(k string, x any) {
		if e := v.Set(k, x); e != nil && err == nil {
			err = e
		}
	}
	set("team", p.TeamID)
	set("tpl", p.ID)
	set("nteam", teamSize)
	set("sched", p.Spec)
	var m, h int
	var dow string
	if _, err := fmt.Sscanf(p.Spec, "%d %d * * %s", &m, &h, &dow); err == nil && fmt.Sprintf("%d %d * * %s", m, h, dow) == p.Spec {
		for preset, d := range presetDow {
			if d == dow && h < 24 && m < 60 {
				set("sched", preset)
				set("time", clockAnswer{Start: h*60 + m})
			}
		}
	}
	set("dur", strconv.Itoa(p.Minutes))
	set("slots", strconv.Itoa(p.Slots))
	set("area", p.Area)
	switch {
	case len(p.Rotation) > maxRotation:
		set(rotName(1), rotList{IDs: p.Rotation})
	case len(p.Rotation) == 0:
		set(rotName(1), "none")
	default:
		for i, id := range p.Rotation {
			set(rotName(i+1), id)
		}
		if len(p.Rotation) < maxRotation {
			set(rotName(len(p.Rotation)+1), "done")
		}
	}
	return v, err
}
