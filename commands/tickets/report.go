package tickets

import (
	"encoding/json"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

const FlowReport = "report"

// ReportData is the report conversation's state.
type ReportData struct {
	Kind     string          `json:"kind"`
	Category string          `json:"category,omitempty"`
	Building string          `json:"building,omitempty"`
	Photos   []string        `json:"photos,omitempty"`
	Voices   []storage.Voice `json:"voices,omitempty"`
	Lat      *float64        `json:"lat,omitempty"`
	Lon      *float64        `json:"lon,omitempty"`
	Ticket   int64           `json:"ticket,omitempty"` // step "attach": the ticket photos go to
	Text     string          `json:"text,omitempty"`   // given with the command: /report the lamp is out
	Guess    string          `json:"guess,omitempty"`  // step "category": the category offered for the text typed
	Urgent   bool            `json:"urgent,omitempty"` // marked urgent (a patrol's find): staff hear at once, day or night
}

// Report starts a problem report; Wish starts a micro-wish.
func (a *reporting) Report(r *core.Req) error { return a.startReport(r, storage.TicketKindReport) }
func (a *reporting) Wish(r *core.Req) error   { return a.startReport(r, storage.TicketKindWish) }

func (a *reporting) startReport(r *core.Req, kind string) error {
	if !r.Private() {
		if strings.TrimSpace(r.Args) != "" {
			return a.groupReport(r, kind)
		}
		return r.Reply(r.T("group.go_private"), a.LinkKeyboard(r, kind))
	}
	if !r.Me.Registered() {
		return a.people.AskBuildingThen(r, r.T("report.register_first"), kind)
	}
	if ok, err := a.underReportLimit(r); !ok || err != nil {
		return err
	}
	d := ReportData{Kind: kind, Building: r.Me.Building, Text: core.CleanText(r.Args)}
	if n := core.RuneLen(d.Text); n > a.Cfg.Tickets.MaxText {
		return r.Reply(r.T("report.too_long", n, a.Cfg.Tickets.MaxText), nil)
	}
	if err := a.setReportFlow(r, "category", d); err != nil {
		return err
	}
	return r.Reply(r.T("report.ask_category."+kind), a.categoryKeyboard(r, kind))
}

// underReportLimit answers the person itself when they are over the hourly limit.
func (a *reporting) underReportLimit(r *core.Req) (bool, error) {
	n, err := r.Tx.ReportsSince(r.Me.ID, r.Now.Add(-time.Hour))
	if err != nil {
		return false, err
	}
	if n >= a.Cfg.Tickets.PerUserPerHour {
		return false, r.Reply(r.T("report.too_many", r.N("count.reports", a.Cfg.Tickets.PerUserPerHour)), nil)
	}
	return true, nil
}

func (a *reporting) setReportFlow(r *core.Req, step string, d ReportData) error {
	return r.SetFlow(FlowReport, step, d)
}

func (a *reporting) categoryKeyboard(r *core.Req, kind string) telegram.Keyboard {
	var rows [][]telegram.Button
	var row []telegram.Button
	for _, c := range a.CategoriesOf(kind) {
		row = append(row, telegram.Button{Text: a.CatLabel(r.Lang, c.Key), CallbackData: "tk:cat:" + c.Key})
		if len(row) == 2 {
			rows = append(rows, row)
			row = nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, []telegram.Button{r.AnswerButton(core.AnswerCancel, "tk:cancel")})
	return telegram.Keyboard{InlineKeyboard: rows}
}

// reportFlow reads the person's report conversation for a button press;
// ok is false (and the press answered) when there is none.
func (a *reporting) reportFlow(r *core.Req) (storage.Flow, ReportData, bool, error) {
	var d ReportData
	f, ok, err := r.FlowFor(FlowReport, &d)
	return f, d, ok, err
}

// reportCategory takes a category button.
func (a *reporting) reportCategory(r *core.Req, key string) error {
	f, d, ok, err := a.reportFlow(r)
	if !ok || err != nil {
		return err
	}
	if !a.CategoryFor(d.Kind, key) || f.Step != "category" {
		return r.Toast(r.T("error.stale_button"))
	}
	return a.chooseCategory(r, d, key, true)
}

// chooseCategory takes the category, pressed (edit puts the answer in
// place of the question) or typed, and asks for the description, or for
// the name when the description came first.
func (a *reporting) chooseCategory(r *core.Req, d ReportData, key string, edit bool) error {
	d.Category, d.Guess = key, ""
	say := r.Reply
	if edit {
		say = r.Edit
	}
	chosen := r.T("report.category_chosen", core.Esc(a.CatLabel(r.Lang, key)), core.Esc(d.Building))
	if d.Text != "" || len(d.Voices) > 0 {
		// The description came first: the category was all that was missing.
		if err := say(chosen, nil); err != nil {
			return err
		}
		return a.askPhotos(r, d, "")
	}
	if err := a.setReportFlow(r, "text", d); err != nil {
		return err
	}
	if err := say(chosen, telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.T("report.other_building"), CallbackData: "tk:bld"}}}}); err != nil {
		return err
	}
	return a.askText(r, d)
}

// askText asks for the description.
func (a *reporting) askText(r *core.Req, d ReportData) error {
	placeholder := r.T("report.placeholder")
	if d.Kind == storage.TicketKindWish {
		placeholder = r.T("report.placeholder_wish")
	}
	return r.Reply(r.T("report.ask_text."+d.Kind), telegram.ForceReply{ForceReply: true, InputFieldPlaceholder: placeholder})
}

// reportBuilding lets the reporter file it under another building: the
// list of buildings, then the one pressed.
func (a *reporting) reportBuilding(r *core.Req, building string) error {
	f, d, ok, err := a.reportFlow(r)
	if !ok || err != nil {
		return err
	}
	if f.Step != "text" && f.Step != "building" {
		return r.Toast(r.T("error.stale_button"))
	}
	if building == "" {
		if err := a.setReportFlow(r, "building", d); err != nil {
			return err
		}
		return r.Edit(r.T("report.pick_building"), a.buildingKeyboard())
	}
	if !a.Buildings[building] {
		return r.Toast(r.T("error.stale_button"))
	}
	d.Building = building
	if err := a.setReportFlow(r, "text", d); err != nil {
		return err
	}
	return r.Edit(r.T("report.category_chosen", core.Esc(a.CatLabel(r.Lang, d.Category)), core.Esc(building)), nil)
}

// buildingKeyboard offers the community's buildings to file a report under.
func (a *reporting) buildingKeyboard() telegram.Keyboard {
	var rows [][]telegram.Button
	for _, row := range a.people.BuildingKeyboard().InlineKeyboard {
		var out []telegram.Button
		for _, b := range row {
			out = append(out, telegram.Button{Text: b.Text, CallbackData: "tk:b:" + b.Text})
		}
		rows = append(rows, out)
	}
	return telegram.Keyboard{InlineKeyboard: rows}
}

// reportText takes what the reporter sends during the report conversation:
// the description (text, or a photo with a caption), photos, a location.
func (a *reporting) reportText(r *core.Req, f storage.Flow) error {
	var d ReportData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		return r.Tx.EndFlow(r.Me.ID)
	}
	photo := core.LargestPhoto(r)
	loc := r.Msg.Location
	if ans, ok := typedAnswer(r, photo); ok && ans == core.AnswerCancel {
		return a.cancelReport(r, f.Step, d)
	}
	if f.Step != "attach" {
		if refused, err := a.draftVoice(r, &d); refused || err != nil {
			return err
		}
	}
	switch f.Step {
	case "attach":
		return a.attach(r, d, photo)
	case "photos":
		return a.photosTyped(r, d, photo)
	case "name":
		return a.nameTyped(r, d, photo)
	case "category":
		return a.categoryTyped(r, d, photo)
	case "building":
		return a.buildingTyped(r, d, photo)
	case "text":
	default:
		return r.Reply(r.T("report.tap_category"), a.categoryKeyboard(r, d.Kind))
	}
	switch {
	case loc != nil:
		d.Lat, d.Lon = &loc.Latitude, &loc.Longitude
	case photo != "" && len(d.Photos) >= a.Cfg.Tickets.MaxPhotos:
		return r.Reply(r.T("report.photo_limit", r.N("count.photos", a.Cfg.Tickets.MaxPhotos)), nil)
	case photo != "":
		d.Photos = append(d.Photos, photo)
	}
	text := core.CleanText(r.Text)
	if text == "" && core.VoiceOf(r) != nil {
		return a.askPhotos(r, d, "") // the voice note is the description
	}
	if text == "" {
		if loc == nil && photo == "" {
			return r.Reply(r.T("report.empty"), telegram.ForceReply{ForceReply: true})
		}
		if err := a.setReportFlow(r, "text", d); err != nil {
			return err
		}
		return r.Reply(r.T("report.got_attachment"), telegram.ForceReply{ForceReply: true})
	}
	if n := core.RuneLen(text); n > a.Cfg.Tickets.MaxText {
		return r.Reply(r.T("report.too_long", n, a.Cfg.Tickets.MaxText), telegram.ForceReply{ForceReply: true})
	}
	d.Text = text
	return a.askPhotos(r, d, "")
}

// groupReport files "/report text" sent in a group in one step.
func (a *reporting) groupReport(r *core.Req, kind string) error {
	chat, err := r.ChatRow()
	if err != nil && !core.IsNotFound(err) {
		return err
	}
	if !chat.Linked() {
		return a.people.UnlinkedGroupReport(r, kind)
	}
	building := chat.Building
	if building == "" {
		building = r.Me.Building
	}
	if building == "" {
		return r.Reply(r.T("report.group_unknown_building"), a.LinkKeyboard(r, "start"))
	}
	text := core.CleanText(r.Args)
	if n := core.RuneLen(text); n > a.Cfg.Tickets.MaxText {
		return r.Reply(r.T("report.too_long", n, a.Cfg.Tickets.MaxText), nil)
	}
	if ok, err := a.underReportLimit(r); !ok || err != nil {
		return err
	}
	tk := storage.Ticket{Kind: kind, Category: a.GuessCategory(kind, text), Building: building, ReporterID: r.Me.ID,
		Text: text, SourceChatID: r.Chat.ID}
	if p := core.LargestPhoto(r); p != "" {
		tk.Photos = []string{p}
	}
	_, _, err = a.OpenTicket(r, tk)
	return err
}

// ReportWords is the flood limit's exception: a report's own words are
// never dropped.
func ReportWords(r *core.Req, f storage.Flow) bool {
	return f.Name == FlowReport && f.Step == "text" && (core.CleanText(r.Text) != "" || core.VoiceOf(r) != nil)
}
