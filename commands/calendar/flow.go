package calendar

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"courtyard/commands/core"
	"courtyard/holiday"
	"courtyard/schedule"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

const flowSchedule = "schedule"

// calData is the /schedule conversation: a new notice, a new time or text
// for one (Edit), or the times of a recurring meeting (MeetingID).
type calData struct {
	Edit      int64  `json:"edit,omitempty"`
	MeetingID int64  `json:"meeting,omitempty"`
	Kind      string `json:"kind,omitempty"`
	Spec      string `json:"spec,omitempty"`
	Aud       audSel `json:"aud"`
	Text      string `json:"text,omitempty"`
}

// askWhen offers the preset times, a time of day, a one-off and a cron
// expression.
func (a *Calendar) askWhen(r *core.Req, d calData) error {
	if err := r.SetFlow(flowSchedule, "when", d); err != nil {
		return err
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.T("cal.preset.115"), CallbackData: "sc:w:115"}},
		{{Text: r.T("cal.preset.mon"), CallbackData: "sc:w:mon"}},
		{{Text: r.T("cal.preset.day"), CallbackData: "sc:w:day"}, {Text: r.T("cal.preset.once"), CallbackData: "sc:w:once"}},
		{{Text: r.T("cal.preset.holiday"), CallbackData: "sc:w:hol"}},
		{{Text: r.T("cal.preset.cron"), CallbackData: "sc:w:cron"}, {Text: r.T("button.cancel"), CallbackData: "sc:x"}},
	}}
	return r.Reply(r.T("cal.ask_when"), kb)
}

// calFlowPress takes the buttons of the conversation: when presets, the
// audience picker, save and cancel.
func (a *Calendar) calFlowPress(r *core.Req, verb, arg string) error {
	var d calData
	f, ok, err := r.FlowFor(flowSchedule, &d)
	if !ok || err != nil {
		return err
	}
	switch verb {
	case "x":
		return r.EndFlowSaying(r.T("cancel.done"))
	case "w":
		if f.Step != "when" {
			return r.Toast(r.T("error.stale_button"))
		}
		if arg == "hol" {
			return r.Edit(r.T("cal.ask_holiday"), a.holidayKeyboard(r))
		}
		ask := map[string]string{"day": "cal.ask_daytime", "once": "cal.ask_once", "cron": "cal.ask_cron"}
		if key, ok := ask[arg]; ok {
			if err := r.SetFlow(flowSchedule, arg, d); err != nil {
				return err
			}
			if err := r.Toast(""); err != nil {
				return err
			}
			return r.Reply(r.T(key), telegram.ForceReply{ForceReply: true})
		}
		spec, ok := calPresets[arg]
		if !ok {
			return r.Toast(r.T("error.stale_button"))
		}
		if err := r.Edit(r.T("cal.when_chosen", a.describeWhen(r, storage.ScheduleCron, spec)), nil); err != nil {
			return err
		}
		return a.whenChosen(r, d, storage.ScheduleCron, spec)
	case "h":
		if f.Step != "when" || !holiday.Known(arg) {
			return r.Toast(r.T("error.stale_button"))
		}
		d.Spec = arg
		if err := r.SetFlow(flowSchedule, "holtime", d); err != nil {
			return err
		}
		if err := r.Edit(r.T("cal.when_chosen", a.HolidayName(r.Lang, arg)), nil); err != nil {
			return err
		}
		return r.Reply(r.T("cal.ask_holtime", a.HolidayName(r.Lang, arg)), telegram.ForceReply{ForceReply: true})
	case "a", "b", "bd", "t":
		step, done, err := a.audiencePress(r, "sc:", f.Step, verb, arg, &d.Aud)
		if err != nil || done != audDone {
			if err == nil && step != "" {
				err = r.SetFlow(flowSchedule, step, d)
			}
			return err
		}
		return a.calAudienceChosen(r, d)
	case "save0", "save1":
		if f.Step != "confirm" {
			return r.Toast(r.T("error.stale_button"))
		}
		return a.saveSchedule(r, d, verb == "save1")
	}
	return r.Toast(r.T("error.stale_button"))
}

// scheduleText takes what the person typed in the conversation.
func (a *Calendar) scheduleText(r *core.Req, f storage.Flow) error {
	var d calData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("error.stale_button"), nil)
	}
	text := core.CleanText(r.Text)
	again := telegram.ForceReply{ForceReply: true}
	switch f.Step {
	case "day":
		spec, ok := dailySpec(text)
		if !ok {
			return r.Reply(r.T("cal.bad_daytime"), again)
		}
		return a.whenChosen(r, d, storage.ScheduleCron, spec)
	case "holtime":
		spec := d.Spec + " " + strings.TrimSpace(text)
		if _, _, _, ok := holidaySpec(spec); !ok {
			return r.Reply(r.T("cal.bad_daytime"), again)
		}
		key, hh, mm, _ := holidaySpec(spec)
		return a.whenChosen(r, d, storage.ScheduleHoliday, fmt.Sprintf("%s %02d:%02d", key, hh, mm))
	case "cron":
		if _, err := schedule.ParseSpec(text); err != nil {
			return r.Reply(a.cronRefusal(r, text, err), again)
		}
		return a.whenChosen(r, d, storage.ScheduleCron, strings.Join(strings.Fields(text), " "))
	case "once":
		sp, err := when.Parse(text, r.Now, a.Loc)
		if err != nil {
			key := "cal.bad_once"
			if errors.Is(err, when.ErrPast) {
				key = "cal.once_past"
			}
			return r.Reply(r.T(key, when.Example(r.Lang)), again)
		}
		return a.whenChosen(r, d, storage.ScheduleOnce, strconv.FormatInt(sp.Start.UnixMilli(), 10))
	case "text", "edittext":
		if core.LargestPhoto(r) != "" {
			return r.Reply(r.T("cal.text_only"), again)
		}
		return a.calTextTyped(r, f.Step, d, text)
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	return r.Reply(r.T("fallback.not_understood"), a.MainMenu(r))
}

// whenChosen goes on once the time is known: to the audience for a new
// notice, or saves the new time of a schedule or a recurring meeting.
func (a *Calendar) whenChosen(r *core.Req, d calData, kind, spec string) error {
	if a.nextRun(kind, spec, r.Now).IsZero() {
		return r.Reply(r.T("cal.never_again"), nil)
	}
	d.Kind, d.Spec = kind, spec
	switch {
	case d.Edit != 0:
		return a.saveWhen(r, d)
	case d.MeetingID != 0:
		return a.saveMeetingSchedule(r, d)
	}
	if err := r.SetFlow(flowSchedule, "audience", d); err != nil {
		return err
	}
	return r.Reply(r.T("cal.ask_audience", a.describeWhen(r, kind, spec)), a.audienceKeyboard(r, "sc:"))
}

// calAudienceChosen checks the audience against the time (groups hear at
// most once an hour) and asks for the text.
func (a *Calendar) calAudienceChosen(r *core.Req, d calData) error {
	if !a.mayScheduleFor(r, d.Aud) {
		return r.Toast(r.T("error.stale_button"))
	}
	if d.Aud.groups() && a.tooOftenForGroups(d.Kind, d.Spec, r.Now) {
		d.Aud = audSel{}
		if err := r.SetFlow(flowSchedule, "audience", d); err != nil {
			return err
		}
		return r.Edit(r.T("cal.too_often"), a.audienceKeyboard(r, "sc:"))
	}
	if err := r.SetFlow(flowSchedule, "text", d); err != nil {
		return err
	}
	if err := r.Edit(r.T("ann.audience_chosen", a.announce.DescribeAudience(r, d.Aud.Audience, d.Aud.Buildings, d.Aud.TeamID)), nil); err != nil {
		return err
	}
	return r.Reply(r.T("cal.ask_text"), telegram.ForceReply{ForceReply: true})
}

// calTextTyped takes a notice's text: for a new notice it shows the preview
// exactly as sent, for an edit it saves it.
func (a *Calendar) calTextTyped(r *core.Req, step string, d calData, text string) error {
	limit := telegram.MaxText - 200
	switch {
	case text == "":
		return r.Reply(r.T("ann.empty"), telegram.ForceReply{ForceReply: true})
	case core.RuneLen(text) > limit:
		return r.Reply(r.T("report.too_long", core.RuneLen(text), limit), telegram.ForceReply{ForceReply: true})
	}
	if step == "edittext" {
		return a.saveText(r, d, text)
	}
	d.Text = text
	if err := r.SetFlow(flowSchedule, "confirm", d); err != nil {
		return err
	}
	ann := d.Aud.asAnnouncement()
	ann.SenderID, ann.Text = r.Me.ID, text
	if err := a.announce.DeliverAck(r, ann, r.Chat.ID, r.Lang, storage.PriorityReply, "", false, true); err != nil {
		return err
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.T("cal.save_ack"), CallbackData: "sc:save1"}},
		{{Text: r.T("cal.save_noack"), CallbackData: "sc:save0"}},
		{{Text: r.T("button.cancel"), CallbackData: "sc:x"}},
	}}
	return r.Reply(r.T("cal.preview", a.describeWhen(r, d.Kind, d.Spec),
		a.announce.DescribeAudience(r, d.Aud.Audience, d.Aud.Buildings, d.Aud.TeamID), a.runList(r, d.Kind, d.Spec)), kb)
}

// runList is the next five run times, one a line.
func (a *Calendar) runList(r *core.Req, kind, spec string) string {
	var b strings.Builder
	for _, t := range a.nextRuns(kind, spec, r.Now, 5) {
		b.WriteString("\n• " + a.When(t))
	}
	return b.String()
}

// saveSchedule stores a new notice and lays out its first run.
func (a *Calendar) saveSchedule(r *core.Req, d calData, ack bool) error {
	if !a.mayScheduleFor(r, d.Aud) || d.Text == "" {
		return r.Toast(r.T("error.stale_button"))
	}
	s := storage.Schedule{OwnerID: r.Me.ID, Kind: d.Kind, Spec: d.Spec, What: storage.ScheduleNotice, Audience: d.Aud.Audience,
		Buildings: d.Aud.Buildings, TeamID: d.Aud.TeamID, Text: d.Text, Ack: ack, State: storage.ScheduleActive}
	id, err := r.Tx.CreateSchedule(s, r.Now)
	if err != nil {
		return err
	}
	s.ID = id
	a.Audit(r, "schedule.create", "sch:"+core.Itoa(id), map[string]any{"what": s.What, "kind": s.Kind, "spec": s.Spec, "audience": s.Audience})
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	if err := a.layNext(r.Tx, s, r.Now, r.Now); err != nil {
		return err
	}
	if err := r.Edit(r.T("cal.saved", id), nil); err != nil {
		return err
	}
	return a.showSchedule(r, s, false)
}

// holidayKeyboard offers each holiday the calendar knows.
func (a *Calendar) holidayKeyboard(r *core.Req) telegram.Keyboard {
	var rows [][]telegram.Button
	var row []telegram.Button
	for _, k := range holiday.Keys() {
		row = append(row, telegram.Button{Text: a.HolidayName(r.Lang, k), CallbackData: "sc:h:" + k})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, []telegram.Button{{Text: r.T("button.cancel"), CallbackData: "sc:x"}})
	return telegram.Keyboard{InlineKeyboard: rows}
}
