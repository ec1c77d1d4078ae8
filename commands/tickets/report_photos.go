package tickets

import (
	"courtyard/commands/core"
	"courtyard/telegram"
)

// The photo step: once the report is described, the reporter may add
// photos and a location before the name question (Add a photo is sending
// one; Send without goes on). Each photo is acknowledged with its number.

// askPhotos asks for photos and a location, after note when there is one.
func (a *reporting) askPhotos(r *core.Req, d ReportData, note string) error {
	if err := a.setReportFlow(r, "photos", d); err != nil {
		return err
	}
	text := r.T("report.ask_photos", r.N("count.photos", a.Cfg.Tickets.MaxPhotos))
	label := r.T("report.send_without")
	if len(d.Photos) > 0 || d.Lat != nil {
		text = r.T("report.ask_more_photos", a.attached(r, d))
		label = r.T("report.photos_done")
	}
	if note != "" {
		text = note + "\n" + text
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: label, CallbackData: "tk:ph:go"}},
		{r.AnswerButton(core.AnswerCancel, "tk:cancel")},
	}}
	return r.Reply(text, kb)
}

// attached says what the report carries so far: "2 photos and a location".
func (a *reporting) attached(r *core.Req, d ReportData) string {
	switch {
	case len(d.Photos) > 0 && d.Lat != nil:
		return r.T("report.attached_both", r.N("count.photos", len(d.Photos)))
	case d.Lat != nil:
		return r.T("report.attached_location")
	}
	return r.N("count.photos", len(d.Photos))
}

// photosGo takes Send without / Done: on to the name question.
func (a *reporting) photosGo(r *core.Req) error {
	f, d, ok, err := a.reportFlow(r)
	if !ok || err != nil {
		return err
	}
	if f.Step != "photos" {
		return r.Toast(r.T("error.stale_button"))
	}
	kept := r.T("report.photos_none")
	if len(d.Photos) > 0 || d.Lat != nil {
		kept = r.T("report.photos_kept", a.attached(r, d))
	}
	if err := r.Edit(kept, nil); err != nil {
		return err
	}
	return a.AskName(r, d)
}

// photosTyped takes what is sent at the photo step: a photo or a location
// is added and acknowledged; a voice note joins the description; a typed
// "no", "done" or the button's words go on; anything else asks again.
func (a *reporting) photosTyped(r *core.Req, d ReportData, photo string) error {
	switch {
	case photo != "" && len(d.Photos) >= a.Cfg.Tickets.MaxPhotos:
		return a.askPhotos(r, d, r.T("report.photo_limit", r.N("count.photos", a.Cfg.Tickets.MaxPhotos)))
	case photo != "":
		d.Photos = append(d.Photos, photo)
		return a.askPhotos(r, d, r.T("report.step_photo_added", len(d.Photos)))
	case r.Msg.Location != nil:
		d.Lat, d.Lon = &r.Msg.Location.Latitude, &r.Msg.Location.Longitude
		return a.askPhotos(r, d, r.T("report.location_kept"))
	case core.VoiceOf(r) != nil:
		return a.askPhotos(r, d, r.T("report.step_voice_kept"))
	}
	text := core.CleanText(r.Text)
	more := []core.Option{{Key: "go", Zh: "不加照片，继续", En: "Send without", Words: []string{
		"继续", "不加", "不加照片", "没有", "没有照片", "不用", "完成", "好了", "跳过", "发送",
		"continue", "done", "skip", "none", "no photo", "without", "send", "send it"}}}
	if _, ok := typedChoice(text, more); ok {
		return a.AskName(r, d)
	}
	if ans, _ := core.ReadAnswer(text); ans == core.AnswerNo || ans == core.AnswerYes {
		return a.AskName(r, d)
	}
	return a.askPhotos(r, d, r.T("report.photos_tap"))
}
