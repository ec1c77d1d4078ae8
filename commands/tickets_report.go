package commands

import (
	"encoding/json"
	"strings"
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

const flowReport = "report"

// reportData is the report conversation's state.
type reportData struct {
	Kind     string          `json:"kind"`
	Category string          `json:"category,omitempty"`
	Building string          `json:"building,omitempty"`
	Photos   []string        `json:"photos,omitempty"`
	Voices   []storage.Voice `json:"voices,omitempty"`
	Lat      *float64        `json:"lat,omitempty"`
	Lon      *float64        `json:"lon,omitempty"`
	Ticket   int64           `json:"ticket,omitempty"` // step "attach": the ticket photos go to
	Text     string          `json:"text,omitempty"`   // given with the command: /report the lamp is out
}

// report starts a problem report; wish starts a micro-wish.
func (a *App) report(r *req) error { return a.startReport(r, storage.TicketKindReport) }
func (a *App) wish(r *req) error   { return a.startReport(r, storage.TicketKindWish) }

func (a *App) startReport(r *req, kind string) error {
	if !r.private() {
		if strings.TrimSpace(r.args) != "" {
			return a.groupReport(r, kind)
		}
		return r.reply(r.t("group.go_private"), a.linkKeyboard(r, kind))
	}
	if !r.me.Registered() {
		return a.askBuildingThen(r, r.t("report.register_first"), kind)
	}
	if ok, err := a.underReportLimit(r); !ok || err != nil {
		return err
	}
	d := reportData{Kind: kind, Building: r.me.Building, Text: cleanText(r.args)}
	if n := runeLen(d.Text); n > a.cfg.Tickets.MaxText {
		return r.reply(r.t("report.too_long", n, a.cfg.Tickets.MaxText), nil)
	}
	if err := a.setReportFlow(r, "category", d); err != nil {
		return err
	}
	return r.reply(r.t("report.ask_category."+kind), a.categoryKeyboard(r, kind))
}

// underReportLimit answers the person itself when they are over the hourly limit.
func (a *App) underReportLimit(r *req) (bool, error) {
	n, err := r.tx.ReportsSince(r.me.ID, r.now.Add(-time.Hour))
	if err != nil {
		return false, err
	}
	if n >= a.cfg.Tickets.PerUserPerHour {
		return false, r.reply(r.t("report.too_many", r.n("count.reports", a.cfg.Tickets.PerUserPerHour)), nil)
	}
	return true, nil
}

func (a *App) setReportFlow(r *req, step string, d reportData) error {
	return r.setFlow(flowReport, step, d)
}

func (a *App) categoryKeyboard(r *req, kind string) telegram.Keyboard {
	var rows [][]telegram.Button
	var row []telegram.Button
	for _, c := range a.categoriesOf(kind) {
		row = append(row, telegram.Button{Text: a.catLabel(r.lang, c.Key), CallbackData: "tk:cat:" + c.Key})
		if len(row) == 2 {
			rows = append(rows, row)
			row = nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, []telegram.Button{{Text: r.t("button.cancel"), CallbackData: "tk:cancel"}})
	return telegram.Keyboard{InlineKeyboard: rows}
}

// reportFlow reads the person's report conversation for a button press;
// ok is false (and the press answered) when there is none.
func (a *App) reportFlow(r *req) (storage.Flow, reportData, bool, error) {
	var d reportData
	f, ok, err := r.flowFor(flowReport, &d)
	return f, d, ok, err
}

// reportCategory takes a category button.
func (a *App) reportCategory(r *req, key string) error {
	f, d, ok, err := a.reportFlow(r)
	if !ok || err != nil {
		return err
	}
	if !a.categoryFor(d.Kind, key) || f.Step != "category" {
		return r.toast(r.t("error.stale_button"))
	}
	d.Category = key
	if d.Text != "" || len(d.Voices) > 0 {
		// The description came with the command: the category was all that was missing.
		if err := r.edit(r.t("report.category_chosen", esc(a.catLabel(r.lang, key)), esc(d.Building)), nil); err != nil {
			return err
		}
		return a.askName(r, d)
	}
	if err := a.setReportFlow(r, "text", d); err != nil {
		return err
	}
	if err := r.edit(r.t("report.category_chosen", esc(a.catLabel(r.lang, key)), esc(d.Building)),
		telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.t("report.other_building"), CallbackData: "tk:bld"}}}}); err != nil {
		return err
	}
	placeholder := r.t("report.placeholder")
	if d.Kind == storage.TicketKindWish {
		placeholder = r.t("report.placeholder_wish")
	}
	return r.reply(r.t("report.ask_text."+d.Kind), telegram.ForceReply{ForceReply: true, InputFieldPlaceholder: placeholder})
}

// reportBuilding lets the reporter file it under another building.
func (a *App) reportBuilding(r *req, building string) error {
	f, d, ok, err := a.reportFlow(r)
	if !ok || err != nil {
		return err
	}
	if f.Step != "text" {
		return r.toast(r.t("error.stale_button"))
	}
	if building == "" {
		var rows [][]telegram.Button
		kb := a.buildingKeyboard()
		for _, row := range kb.InlineKeyboard {
			var out []telegram.Button
			for _, b := range row {
				out = append(out, telegram.Button{Text: b.Text, CallbackData: "tk:b:" + b.Text})
			}
			rows = append(rows, out)
		}
		return r.edit(r.t("report.pick_building"), telegram.Keyboard{InlineKeyboard: rows})
	}
	if !a.buildings[building] {
		return r.toast(r.t("error.stale_button"))
	}
	d.Building = building
	if err := a.setReportFlow(r, "text", d); err != nil {
		return err
	}
	return r.edit(r.t("report.category_chosen", esc(a.catLabel(r.lang, d.Category)), esc(building)), nil)
}

// reportText takes what the reporter sends during the report conversation:
// the description (text, or a photo with a caption), photos, a location.
func (a *App) reportText(r *req, f storage.Flow) error {
	var d reportData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		return r.tx.EndFlow(r.me.ID)
	}
	photo := largestPhoto(r)
	loc := r.msg.Location
	if f.Step != "attach" {
		if refused, err := a.draftVoice(r, &d); refused || err != nil {
			return err
		}
	}
	switch f.Step {
	case "attach":
		return a.attach(r, d, photo)
	case "name":
		return a.draftAddition(r, d, photo)
	case "category":
		return a.guessFromText(r, d, photo)
	case "text":
	default:
		return r.reply(r.t("report.tap_category"), a.categoryKeyboard(r, d.Kind))
	}
	switch {
	case loc != nil:
		d.Lat, d.Lon = &loc.Latitude, &loc.Longitude
	case photo != "" && len(d.Photos) >= a.cfg.Tickets.MaxPhotos:
		return r.reply(r.t("report.photo_limit", r.n("count.photos", a.cfg.Tickets.MaxPhotos)), nil)
	case photo != "":
		d.Photos = append(d.Photos, photo)
	}
	text := cleanText(r.text)
	if text == "" && voiceOf(r) != nil {
		return a.askName(r, d) // the voice note is the description
	}
	if text == "" {
		if loc == nil && photo == "" {
			return r.reply(r.t("report.empty"), telegram.ForceReply{ForceReply: true})
		}
		if err := a.setReportFlow(r, "text", d); err != nil {
			return err
		}
		return r.reply(r.t("report.got_attachment"), telegram.ForceReply{ForceReply: true})
	}
	if n := runeLen(text); n > a.cfg.Tickets.MaxText {
		return r.reply(r.t("report.too_long", n, a.cfg.Tickets.MaxText), telegram.ForceReply{ForceReply: true})
	}
	d.Text = text
	return a.askName(r, d)
}

// fileReport opens the ticket the report conversation gathered, with the
// reporter's choice about their name, then keeps the conversation open for
// more photos, a location and a further sentence.
func (a *App) fileReport(r *req, d reportData, hide bool) error {
	text := d.Text
	if ok, err := a.underReportLimit(r); !ok || err != nil {
		if err == nil {
			err = r.tx.EndFlow(r.me.ID)
		}
		return err
	}
	tk := storage.Ticket{Kind: d.Kind, Category: d.Category, Building: d.Building, ReporterID: r.me.ID,
		Text: text, Photos: d.Photos, Voices: d.Voices, Lat: d.Lat, Lon: d.Lon, HideName: hide}
	id, told, err := a.openTicket(r, tk)
	if err != nil {
		return err
	}
	if err := a.setReportFlow(r, "attach", reportData{Kind: d.Kind, Ticket: id}); err != nil {
		return err
	}
	tk.ID = id
	return r.reply(r.t("report.opened."+d.Kind, a.headline(r.lang, tk), a.toldLine(r.lang, told)), nil)
}

// attach adds photos, a location and further sentences to the ticket just
// opened. Anything else ends the report conversation.
func (a *App) attach(r *req, d reportData, photo string) error {
	if v := voiceOf(r); v != nil {
		return a.attachVoice(r, d, *v)
	}
	if photo == "" && r.msg.Location == nil && cleanText(r.text) != "" {
		return a.addNote(r, d)
	}
	switch {
	case photo != "":
		if full, err := a.photosFull(r, d.Ticket); full || err != nil {
			return err
		}
		if err := r.tx.AddTicketPhoto(d.Ticket, photo, r.now); err != nil {
			return err
		}
		if err := a.passOnAdded(r, d.Ticket, photo, nil, nil); err != nil {
			return err
		}
		return r.reply(r.t("report.photo_added", d.Ticket), nil)
	case r.msg.Location != nil:
		lat, lon := r.msg.Location.Latitude, r.msg.Location.Longitude
		if err := r.tx.SetTicketLocation(d.Ticket, lat, lon, r.now); err != nil {
			return err
		}
		if err := a.passOnAdded(r, d.Ticket, "", &lat, &lon); err != nil {
			return err
		}
		return r.reply(r.t("report.location_added", d.Ticket), nil)
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	return r.reply(r.t("fallback.not_understood"), a.mainMenu(r))
}

// groupReport files "/report text" sent in a group in one step.
func (a *App) groupReport(r *req, kind string) error {
	chat, err := r.tx.Chat(r.chat.ID)
	if err != nil && !isNotFound(err) {
		return err
	}
	if !chat.Linked() {
		return a.unlinkedGroupReport(r, kind)
	}
	building := chat.Building
	if building == "" {
		building = r.me.Building
	}
	if building == "" {
		return r.reply(r.t("report.group_unknown_building"), a.linkKeyboard(r, "start"))
	}
	text := cleanText(r.args)
	if n := runeLen(text); n > a.cfg.Tickets.MaxText {
		return r.reply(r.t("report.too_long", n, a.cfg.Tickets.MaxText), nil)
	}
	if ok, err := a.underReportLimit(r); !ok || err != nil {
		return err
	}
	tk := storage.Ticket{Kind: kind, Category: a.guessCategory(kind, text), Building: building, ReporterID: r.me.ID,
		Text: text, SourceChatID: r.chat.ID}
	if p := largestPhoto(r); p != "" {
		tk.Photos = []string{p}
	}
	_, _, err = a.openTicket(r, tk)
	return err
}

// largestPhoto is the file_id of the biggest size of a sent photo, or "".
func largestPhoto(r *req) string {
	if r.msg == nil || len(r.msg.Photo) == 0 {
		return ""
	}
	return r.msg.Photo[len(r.msg.Photo)-1].FileID
}
