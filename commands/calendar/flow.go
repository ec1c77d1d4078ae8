package calendar

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/holiday"
	"courtyard/schedule"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

const flowSchedule = "schedule"

// What a /schedule conversation is for: its "mode" value.
const (
	modeNew     = "new"     // a new notice
	modeWhen    = "when"    // a new time for notice "edit"
	modeText    = "text"    // a new text for notice "edit"
	modeMeeting = "meeting" // the times of recurring meeting "meeting"
)

// seed is a conversation's values known beforehand.
func seed(kv map[string]any) core.Values {
	v := core.Values{}
	for k, x := range kv {
		_ = v.Set(k, x) // strings and ids: always marshalled
	}
	return v
}

// scheduleDialog is /schedule's conversation: when (a preset, a time of
// day, once at a date and time, a holiday, or a cron line), then for a
// new notice who gets it, its text, whether it has Read ✓, the preview
// and the confirmation. Changing a notice's time or text, and the times
// of a recurring meeting, ask only that.
func (a *Calendar) scheduleDialog() *core.Dialog {
	mode := func(ms ...string) func(core.Values) bool {
		return func(v core.Values) bool { return slices.Contains(ms, v.String("mode")) }
	}
	timed := mode(modeNew, modeWhen, modeMeeting)
	how := func(k string) func(core.Values) bool {
		return func(v core.Values) bool { return timed(v) && v.String("how") == k }
	}
	steps := []core.Step{
		core.OnlyIf(timed, core.ChoiceStep{Name: "how", Label: "cal.step.how", Ask: core.Say("cal.ask_when"), Options: a.howOptions, Columns: 1}),
		core.OnlyIf(how("day"), core.DateStep{Name: "daytime", Label: "cal.step.clock", Parse: readClock, Refuse: refuseClock,
			Ask: func(r *core.Req, _ core.Values) string { return r.T("cal.ask_daytime", when.ExampleClock(r.Lang)) }}),
		core.OnlyIf(how("once"), core.DateStep{Name: "once", Label: "cal.step.once", Parse: readOnce, Refuse: refuseOnce,
			Ask: func(r *core.Req, _ core.Values) string { return r.T("cal.ask_once", when.Example(r.Lang)) }}),
		core.OnlyIf(how("hol"), core.ChoiceStep{Name: "holiday", Label: "cal.step.holiday", Ask: core.Say("cal.ask_holiday"),
			Options: a.holidayOptions, Columns: 2}),
		core.OnlyIf(how("hol"), core.DateStep{Name: "holtime", Label: "cal.step.clock", Parse: readClock, Refuse: refuseClock,
			Ask: func(r *core.Req, v core.Values) string {
				return r.T("cal.ask_holtime", a.HolidayName(r.Lang, v.String("holiday")), when.ExampleClock(r.Lang))
			}}),
		core.OnlyIf(how("cron"), core.TextStep{Name: "cron", Label: "cal.step.cron", Ask: core.Say("cal.ask_cron"), Parse: a.readCron}),
	}
	fresh := mode(modeNew)
	for _, st := range a.announce.AudienceSteps(a.askAudience, a.allowAudience) {
		steps = append(steps, core.OnlyIf(fresh, st))
	}
	steps = append(steps,
		core.OnlyIf(mode(modeNew, modeText), core.TextStep{Name: "text", Label: "cal.step.text", Ask: a.askText, Parse: a.readText}),
		core.OnlyIf(fresh, core.ChoiceStep{Name: "ack", Label: "cal.step.ack", Ask: core.Say("cal.ask_ack"), Options: a.ackOptions}),
		core.OnlyIf(fresh, core.Preview(a.previewNotice, core.ConfirmStep{Name: "ok", Summary: a.noticeSummary})),
	)
	return &core.Dialog{Name: flowSchedule, Min: storage.RoleLeader, Steps: steps, Done: a.scheduleDone}
}

func (a *Calendar) howOptions(*core.Req, core.Values) []core.Option {
	return []core.Option{
		a.Option("115", "cal.preset.115"),
		a.Option("mon", "cal.preset.mon", "每周一", "周一", "monday"),
		a.Option("day", "cal.preset.day", "每天", "daily", "every day"),
		a.Option("once", "cal.preset.once", "一次", "once"),
		a.Option("hol", "cal.preset.holiday", "节日", "holiday"),
		a.Option("cron", "cal.preset.cron", "cron"),
	}
}

func (a *Calendar) holidayOptions(*core.Req, core.Values) []core.Option {
	var out []core.Option
	for _, k := range holiday.Keys() {
		out = append(out, core.Option{Key: k, Zh: a.HolidayName("zh", k), En: a.HolidayName("en", k)})
	}
	return out
}

func (a *Calendar) ackOptions(*core.Req, core.Values) []core.Option {
	return []core.Option{
		a.Option("ack", core.AnswerYes.Key(), "要", "好", "ok"),
		a.Option("noack", core.AnswerNo.Key(), "不要", "不用"),
	}
}

// readClock reads a time of day as minutes after midnight.
func readClock(text string, _ time.Time, _ *time.Location) (any, error) { return when.ParseClock(text) }

func refuseClock(r *core.Req, _ error) string {
	return r.T("cal.bad_daytime", when.ExampleClock(r.Lang))
}

// readOnce reads a day and a time, ahead of now.
func readOnce(text string, now time.Time, loc *time.Location) (any, error) {
	sp, err := when.Parse(text, now, loc)
	return sp.Start, err
}

func refuseOnce(r *core.Req, err error) string {
	if errors.Is(err, when.ErrPast) {
		return r.T("cal.once_past", when.Example(r.Lang))
	}
	return r.T("cal.bad_once", when.Example(r.Lang))
}

// readCron takes a cron line that fires; for a notice or meeting whose
// audience is groups already, one that would post more than once an hour
// is refused too.
func (a *Calendar) readCron(r *core.Req, v core.Values, text string) (any, string) {
	spec := strings.Join(strings.Fields(text), " ")
	if _, err := schedule.ParseSpec(spec); err != nil {
		return nil, a.cronRefusal(r, spec, err)
	}
	if sel, ok := a.fixedAudience(r, v); ok {
		if no := a.floodRefusal(r, sel, storage.ScheduleCron, spec); no != "" {
			return nil, no
		}
	}
	return spec, ""
}

// fixedAudience is the audience of a notice or meeting whose time is
// being changed; ok is false when the audience is still to be chosen.
func (a *Calendar) fixedAudience(r *core.Req, v core.Values) (audSel, bool) {
	switch v.String("mode") {
	case modeWhen:
		s, err := r.Tx.Schedule(v.Int("edit"))
		return audSel{Audience: s.Audience}, err == nil
	case modeMeeting:
		m, err := r.Tx.Meeting(v.Int("meeting"))
		return audSel{Audience: m.Audience}, err == nil
	}
	return audSel{}, false
}

// chosenWhen is the time the answers give, as a schedule's kind and spec;
// "" when there is none yet.
func chosenWhen(v core.Values) (kind, spec string) {
	switch h := v.String("how"); h {
	case "115", "mon":
		return storage.ScheduleCron, calPresets[h]
	case "day":
		var m int
		if v.Get("daytime", &m) {
			return storage.ScheduleCron, fmt.Sprintf("%d %d * * *", m%60, m/60)
		}
	case "once":
		var t time.Time
		if v.Get("once", &t) {
			return storage.ScheduleOnce, strconv.FormatInt(t.UnixMilli(), 10)
		}
	case "hol":
		var m int
		if v.Get("holtime", &m) {
			return storage.ScheduleHoliday, fmt.Sprintf("%s %02d:%02d", v.String("holiday"), m/60, m%60)
		}
	case "cron":
		return storage.ScheduleCron, v.String("cron")
	}
	return "", ""
}

// tooOften reports a time that would post to groups more than once an hour.
func (a *Calendar) tooOften(r *core.Req, v core.Values) bool {
	kind, spec := chosenWhen(v)
	return a.tooOftenForGroups(kind, spec, r.Now)
}

// allowAudience keeps groups out of a notice that would post to them more
// than once an hour.
func (a *Calendar) allowAudience(r *core.Req, v core.Values, au string) bool {
	return !(audSel{Audience: au}).groups() || !a.tooOften(r, v)
}

func (a *Calendar) askAudience(r *core.Req, v core.Values) string {
	kind, spec := chosenWhen(v)
	text := r.T("cal.ask_audience", a.describeWhen(r, kind, spec))
	if a.tooOften(r, v) && slices.ContainsFunc(a.announce.Audiences(r), func(au string) bool { return (audSel{Audience: au}).groups() }) {
		text += "\n" + r.T("cal.too_often")
	}
	return text
}

func (a *Calendar) askText(r *core.Req, v core.Values) string {
	if v.String("mode") == modeText {
		return r.T("cal.ask_new_text", v.Int("edit"))
	}
	return r.T("cal.ask_text")
}

// readText takes a notice's words: text only, within a message's length.
func (a *Calendar) readText(r *core.Req, _ core.Values, text string) (any, string) {
	limit := telegram.MaxText - 200
	switch {
	case core.LargestPhoto(r) != "":
		return nil, r.T("cal.text_only")
	case text == "":
		return nil, r.T("ann.empty")
	case core.RuneLen(text) > limit:
		return nil, r.T("report.too_long", core.RuneLen(text), limit)
	}
	return text, ""
}

// notice is the notice the answers make, as its first run will send it.
func (a *Calendar) notice(r *core.Req, v core.Values) storage.Announcement {
	ann := a.announce.ChosenAudience(v)
	ann.SenderID, ann.Text = r.Me.ID, v.String("text")
	return ann
}

// previewNotice shows the notice exactly as it will be received.
func (a *Calendar) previewNotice(r *core.Req, v core.Values) error {
	return a.announce.DeliverAck(r, a.notice(r, v), r.Chat.ID, r.Lang, storage.PriorityReply, "", false, v.String("ack") == "ack")
}

// noticeSummary says when, to whom and the next runs, and asks to save.
func (a *Calendar) noticeSummary(r *core.Req, v core.Values) string {
	kind, spec := chosenWhen(v)
	ann := a.notice(r, v)
	return r.T("cal.preview", a.describeWhen(r, kind, spec), a.announce.DescribeAudience(r, ann.Audience, ann.Buildings, ann.TeamID),
		a.runList(r, kind, spec))
}

// runList is the next five run times, one a line.
func (a *Calendar) runList(r *core.Req, kind, spec string) string {
	var b strings.Builder
	for _, t := range a.nextRuns(kind, spec, r.Now, 5) {
		b.WriteString("\n• " + a.WhenIn(r.Lang, t))
	}
	return b.String()
}

// scheduleDone saves what the conversation was for.
func (a *Calendar) scheduleDone(r *core.Req, v core.Values) error {
	kind, spec := chosenWhen(v)
	switch v.String("mode") {
	case modeText:
		return a.saveText(r, v.Int("edit"), v.String("text"))
	case modeWhen:
		return a.saveWhen(r, v.Int("edit"), kind, spec)
	case modeMeeting:
		return a.saveMeetingSchedule(r, v.Int("meeting"), kind, spec)
	case "": // a conversation stored by an earlier version
		return r.Reply(r.T("fallback.not_understood"), a.MainMenu(r))
	}
	return a.saveSchedule(r, kind, spec, a.notice(r, v), v.String("ack") == "ack")
}

// saveSchedule stores a new notice and lays out its first run.
func (a *Calendar) saveSchedule(r *core.Req, kind, spec string, ann storage.Announcement, ack bool) error {
	sel := audSel{Audience: ann.Audience, Buildings: ann.Buildings, TeamID: ann.TeamID}
	switch {
	case !a.mayScheduleFor(r, sel) || ann.Text == "":
		return r.Reply(r.T("cal.not_yours"), nil)
	case a.nextRun(kind, spec, r.Now).IsZero():
		return r.Reply(r.T("cal.never_again"), nil)
	case a.floodRefusal(r, sel, kind, spec) != "":
		return r.Reply(a.floodRefusal(r, sel, kind, spec), nil)
	}
	s := storage.Schedule{OwnerID: r.Me.ID, Kind: kind, Spec: spec, What: storage.ScheduleNotice, Audience: ann.Audience,
		Buildings: ann.Buildings, TeamID: ann.TeamID, Text: ann.Text, Ack: ack, State: storage.ScheduleActive}
	id, err := r.Tx.CreateSchedule(s, r.Now)
	if err != nil {
		return err
	}
	s.ID = id
	a.Audit(r, "schedule.create", "sch:"+core.Itoa(id), map[string]any{"what": s.What, "kind": s.Kind, "spec": s.Spec, "audience": s.Audience})
	if err := a.layNext(r.Tx, s, r.Now, r.Now); err != nil {
		return err
	}
	if err := r.Reply(r.T("cal.saved", id), nil); err != nil {
		return err
	}
	return a.showSchedule(r, s, false)
}
