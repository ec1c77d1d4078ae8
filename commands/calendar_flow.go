package commands

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

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
func (a *App) askWhen(r *req, d calData) error {
	if err := r.setFlow(flowSchedule, "when", d); err != nil {
		return err
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.t("cal.preset.115"), CallbackData: "sc:w:115"}},
		{{Text: r.t("cal.preset.mon"), CallbackData: "sc:w:mon"}},
		{{Text: r.t("cal.preset.day"), CallbackData: "sc:w:day"}, {Text: r.t("cal.preset.once"), CallbackData: "sc:w:once"}},
		{{Text: r.t("cal.preset.holiday"), CallbackData: "sc:w:hol"}},
		{{Text: r.t("cal.preset.cron"), CallbackData: "sc:w:cron"}, {Text: r.t("button.cancel"), CallbackData: "sc:x"}},
	}}
	return r.reply(r.t("cal.ask_when"), kb)
}

// calFlowPress takes the buttons of the conversation: when presets, the
// audience picker, save and cancel.
func (a *App) calFlowPress(r *req, verb, arg string) error {
	var d calData
	f, ok, err := r.flowFor(flowSchedule, &d)
	if !ok || err != nil {
		return err
	}
	switch verb {
	case "x":
		return r.endFlowSaying(r.t("cancel.done"))
	case "w":
		if f.Step != "when" {
			return r.toast(r.t("error.stale_button"))
		}
		if arg == "hol" {
			return r.edit(r.t("cal.ask_holiday"), a.holidayKeyboard(r))
		}
		ask := map[string]string{"day": "cal.ask_daytime", "once": "cal.ask_once", "cron": "cal.ask_cron"}
		if key, ok := ask[arg]; ok {
			if err := r.setFlow(flowSchedule, arg, d); err != nil {
				return err
			}
			if err := r.toast(""); err != nil {
				return err
			}
			return r.reply(r.t(key), telegram.ForceReply{ForceReply: true})
		}
		spec, ok := calPresets[arg]
		if !ok {
			return r.toast(r.t("error.stale_button"))
		}
		if err := r.edit(r.t("cal.when_chosen", a.describeWhen(r, storage.ScheduleCron, spec)), nil); err != nil {
			return err
		}
		return a.whenChosen(r, d, storage.ScheduleCron, spec)
	case "h":
		if f.Step != "when" || !holiday.Known(arg) {
			return r.toast(r.t("error.stale_button"))
		}
		d.Spec = arg
		if err := r.setFlow(flowSchedule, "holtime", d); err != nil {
			return err
		}
		if err := r.edit(r.t("cal.when_chosen", a.holidayName(r.lang, arg)), nil); err != nil {
			return err
		}
		return r.reply(r.t("cal.ask_holtime", a.holidayName(r.lang, arg)), telegram.ForceReply{ForceReply: true})
	case "a", "b", "bd", "t":
		step, done, err := a.audiencePress(r, "sc:", f.Step, verb, arg, &d.Aud)
		if err != nil || done != audDone {
			if err == nil && step != "" {
				err = r.setFlow(flowSchedule, step, d)
			}
			return err
		}
		return a.calAudienceChosen(r, d)
	case "save0", "save1":
		if f.Step != "confirm" {
			return r.toast(r.t("error.stale_button"))
		}
		return a.saveSchedule(r, d, verb == "save1")
	}
	return r.toast(r.t("error.stale_button"))
}

// scheduleText takes what the person typed in the conversation.
func (a *App) scheduleText(r *req, f storage.Flow) error {
	var d calData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		if err := r.tx.EndFlow(r.me.ID); err != nil {
			return err
		}
		return r.reply(r.t("error.stale_button"), nil)
	}
	text := cleanText(r.text)
	again := telegram.ForceReply{ForceReply: true}
	switch f.Step {
	case "day":
		spec, ok := dailySpec(text)
		if !ok {
			return r.reply(r.t("cal.bad_daytime"), again)
		}
		return a.whenChosen(r, d, storage.ScheduleCron, spec)
	case "holtime":
		spec := d.Spec + " " + strings.TrimSpace(text)
		if _, _, _, ok := holidaySpec(spec); !ok {
			return r.reply(r.t("cal.bad_daytime"), again)
		}
		key, hh, mm, _ := holidaySpec(spec)
		return a.whenChosen(r, d, storage.ScheduleHoliday, fmt.Sprintf("%s %02d:%02d", key, hh, mm))
	case "cron":
		if _, err := schedule.ParseSpec(text); err != nil {
			return r.reply(a.cronRefusal(r, text, err), again)
		}
		return a.whenChosen(r, d, storage.ScheduleCron, strings.Join(strings.Fields(text), " "))
	case "once":
		sp, err := when.Parse(text, r.now, a.loc)
		if err != nil {
			key := "cal.bad_once"
			if errors.Is(err, when.ErrPast) {
				key = "cal.once_past"
			}
			return r.reply(r.t(key, when.Example(r.lang)), again)
		}
		return a.whenChosen(r, d, storage.ScheduleOnce, strconv.FormatInt(sp.Start.UnixMilli(), 10))
	case "text", "edittext":
		if largestPhoto(r) != "" {
			return r.reply(r.t("cal.text_only"), again)
		}
		return a.calTextTyped(r, f.Step, d, text)
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	return r.reply(r.t("fallback.not_understood"), a.mainMenu(r))
}

// whenChosen goes on once the time is known: to the audience for a new
// notice, or saves the new time of a schedule or a recurring meeting.
func (a *App) whenChosen(r *req, d calData, kind, spec string) error {
	if a.nextRun(kind, spec, r.now).IsZero() {
		return r.reply(r.t("cal.never_again"), nil)
	}
	d.Kind, d.Spec = kind, spec
	switch {
	case d.Edit != 0:
		return a.saveWhen(r, d)
	case d.MeetingID != 0:
		return a.saveMeetingSchedule(r, d)
	}
	if err := r.setFlow(flowSchedule, "audience", d); err != nil {
		return err
	}
	return r.reply(r.t("cal.ask_audience", a.describeWhen(r, kind, spec)), a.audienceKeyboard(r, "sc:"))
}

// calAudienceChosen checks the audience against the time (groups hear at
// most once an hour) and asks for the text.
func (a *App) calAudienceChosen(r *req, d calData) error {
	if !a.mayScheduleFor(r, d.Aud) {
		return r.toast(r.t("error.stale_button"))
	}
	if d.Aud.groups() && a.tooOftenForGroups(d.Kind, d.Spec, r.now) {
		d.Aud = audSel{}
		if err := r.setFlow(flowSchedule, "audience", d); err != nil {
			return err
		}
		return r.edit(r.t("cal.too_often"), a.audienceKeyboard(r, "sc:"))
	}
	if err := r.setFlow(flowSchedule, "text", d); err != nil {
		return err
	}
	if err := r.edit(r.t("ann.audience_chosen", a.describeAudience(r, d.Aud.Audience, d.Aud.Buildings, d.Aud.TeamID)), nil); err != nil {
		return err
	}
	return r.reply(r.t("cal.ask_text"), telegram.ForceReply{ForceReply: true})
}

// calTextTyped takes a notice's text: for a new notice it shows the preview
// exactly as sent, for an edit it saves it.
func (a *App) calTextTyped(r *req, step string, d calData, text string) error {
	limit := telegram.MaxText - 200
	switch {
	case text == "":
		return r.reply(r.t("ann.empty"), telegram.ForceReply{ForceReply: true})
	case runeLen(text) > limit:
		return r.reply(r.t("report.too_long", runeLen(text), limit), telegram.ForceReply{ForceReply: true})
	}
	if step == "edittext" {
		return a.saveText(r, d, text)
	}
	d.Text = text
	if err := r.setFlow(flowSchedule, "confirm", d); err != nil {
		return err
	}
	ann := d.Aud.asAnnouncement()
	ann.SenderID, ann.Text = r.me.ID, text
	if err := a.deliverAck(r, ann, r.chat.ID, r.lang, storage.PriorityReply, "", false, true); err != nil {
		return err
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.t("cal.save_ack"), CallbackData: "sc:save1"}},
		{{Text: r.t("cal.save_noack"), CallbackData: "sc:save0"}},
		{{Text: r.t("button.cancel"), CallbackData: "sc:x"}},
	}}
	return r.reply(r.t("cal.preview", a.describeWhen(r, d.Kind, d.Spec),
		a.describeAudience(r, d.Aud.Audience, d.Aud.Buildings, d.Aud.TeamID), a.runList(r, d.Kind, d.Spec)), kb)
}

// runList is the next five run times, one a line.
func (a *App) runList(r *req, kind, spec string) string {
	var b strings.Builder
	for _, t := range a.nextRuns(kind, spec, r.now, 5) {
		b.WriteString("\n• " + a.when(t))
	}
	return b.String()
}

// saveSchedule stores a new notice and lays out its first run.
func (a *App) saveSchedule(r *req, d calData, ack bool) error {
	if !a.mayScheduleFor(r, d.Aud) || d.Text == "" {
		return r.toast(r.t("error.stale_button"))
	}
	s := storage.Schedule{OwnerID: r.me.ID, Kind: d.Kind, Spec: d.Spec, What: storage.ScheduleNotice, Audience: d.Aud.Audience,
		Buildings: d.Aud.Buildings, TeamID: d.Aud.TeamID, Text: d.Text, Ack: ack, State: storage.ScheduleActive}
	id, err := r.tx.CreateSchedule(s, r.now)
	if err != nil {
		return err
	}
	s.ID = id
	a.audit(r, "schedule.create", "sch:"+itoa(id), map[string]any{"what": s.What, "kind": s.Kind, "spec": s.Spec, "audience": s.Audience})
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	if err := a.layNext(r.tx, s, r.now, r.now); err != nil {
		return err
	}
	if err := r.edit(r.t("cal.saved", id), nil); err != nil {
		return err
	}
	return a.showSchedule(r, s, false)
}

// holidayKeyboard offers each holiday the calendar knows.
func (a *App) holidayKeyboard(r *req) telegram.Keyboard {
	var rows [][]telegram.Button
	var row []telegram.Button
	for _, k := range holiday.Keys() {
		row = append(row, telegram.Button{Text: a.holidayName(r.lang, k), CallbackData: "sc:h:" + k})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, []telegram.Button{{Text: r.t("button.cancel"), CallbackData: "sc:x"}})
	return telegram.Keyboard{InlineKeyboard: rows}
}
