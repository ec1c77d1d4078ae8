package tickets

import (
	"strconv"

	"courtyard/commands/core"
	"courtyard/telegram"
)

// What a reporter types where the report conversation shows buttons: the
// words of a button (in either language) or its number pick it, a typed
// 取消 cancels, and anything else asks the same question again. The
// report keeps its own shape (a description may come before the
// category, with photos, voice notes and a location at any step), so it
// reads typed words itself rather than through core.Dialog.

// typedAnswer reads a message without a photo, voice note or location as
// one of the core's answers.
func typedAnswer(r *core.Req, photo string) (core.Answer, bool) {
	if photo != "" || r.Msg.Location != nil || core.VoiceOf(r) != nil {
		return "", false
	}
	return core.ReadAnswer(core.CleanText(r.Text))
}

// typedChoice is the key of the option text picks: an option's words, or
// its number among those shown (1 for the first); false for anything else.
func typedChoice(text string, opts []core.Option) (string, bool) {
	w := core.Fold(text)
	if w == "" {
		return "", false
	}
	for _, o := range opts {
		if core.Fold(o.Zh) == w || core.Fold(o.En) == w {
			return o.Key, true
		}
		for _, x := range o.Words {
			if core.Fold(x) == w {
				return o.Key, true
			}
		}
	}
	if n, err := strconv.Atoi(w); err == nil && n >= 1 && n <= len(opts) {
		return opts[n-1].Key, true
	}
	return "", false
}

// cancelReport ends the report conversation at the person's typed 取消.
// After filing it only stops adding to the ticket.
func (a *reporting) cancelReport(r *core.Req, step string, d ReportData) error {
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	if step == "attach" {
		return r.Reply(r.T("report.attach_done", d.Ticket), a.MainMenu(r))
	}
	return r.Reply(r.T("cancel.done"), a.MainMenu(r))
}

// keepAttachment keeps a photo or a location sent before filing.
func (a *reporting) keepAttachment(r *core.Req, d *ReportData, photo string) {
	switch {
	case photo != "" && len(d.Photos) < a.Cfg.Tickets.MaxPhotos:
		d.Photos = append(d.Photos, photo)
	case r.Msg.Location != nil:
		d.Lat, d.Lon = &r.Msg.Location.Latitude, &r.Msg.Location.Longitude
	}
}

// categoryOptions are the kind's categories, in the order of their buttons.
func (a *reporting) categoryOptions(kind string) []core.Option {
	var opts []core.Option
	for _, c := range a.CategoriesOf(kind) {
		opts = append(opts, core.Option{Key: c.Key, Zh: c.Zh, En: c.En})
	}
	return opts
}

// categoryTyped takes what is sent at the category question: a category
// by its name or number, a yes to the category offered, or else the
// description, kept, with a category offered by its words.
func (a *reporting) categoryTyped(r *core.Req, d ReportData, photo string) error {
	a.keepAttachment(r, &d, photo)
	text := core.CleanText(r.Text)
	if n := core.RuneLen(text); n > a.Cfg.Tickets.MaxText {
		return r.Reply(r.T("report.too_long", n, a.Cfg.Tickets.MaxText), nil)
	}
	if photo == "" && r.Msg.Location == nil && core.VoiceOf(r) == nil {
		if key, ok := typedChoice(text, a.categoryOptions(d.Kind)); ok {
			return a.chooseCategory(r, d, key, false)
		}
		if ans, ok := core.ReadAnswer(text); ok {
			if ans == core.AnswerYes && d.Guess != "" {
				return a.chooseCategory(r, d, d.Guess, false)
			}
			return a.askCategory(r, d, r.T("dialog.tap")+"\n\n"+r.T("report.ask_category."+d.Kind))
		}
	}
	if text != "" {
		d.Text = text
	}
	if d.Text == "" && core.VoiceOf(r) != nil {
		return a.askCategory(r, d, r.T("report.voice_kept"))
	}
	if d.Text == "" {
		return a.askCategory(r, d, r.T("report.tap_category"))
	}
	d.Guess = a.GuessCategory(d.Kind, d.Text)
	if err := a.setReportFlow(r, "category", d); err != nil {
		return err
	}
	kb := a.categoryKeyboard(r, d.Kind)
	first := telegram.Button{Text: "✓ " + a.CatLabel(r.Lang, d.Guess), CallbackData: "tk:cat:" + d.Guess}
	kb.InlineKeyboard = append([][]telegram.Button{{first}}, kb.InlineKeyboard...)
	return r.Reply(r.T("report.guessed", core.Esc(a.CatLabel(r.Lang, d.Guess))), kb)
}

// askCategory asks the category question again, saying text first.
func (a *reporting) askCategory(r *core.Req, d ReportData, text string) error {
	if err := a.setReportFlow(r, "category", d); err != nil {
		return err
	}
	return r.Reply(text, a.categoryKeyboard(r, d.Kind))
}

// nameOptions are the name question's buttons, in their order: hide first
// where hiding is advised.
func (a *reporting) nameOptions(d ReportData) []core.Option {
	show := a.Option("show", "report.show_name", "显示", "显示名字", "公开", "show", "show name")
	hide := a.Option("hide", "report.hide_name", "隐藏", "隐藏名字", "不显示", "匿名", "hide", "hide name", "anonymous", "anonymously")
	if d.Category == privateCategory {
		return []core.Option{hide, show}
	}
	return []core.Option{show, hide}
}

// nameTyped takes what is sent at the name question: the words or number
// of a button; a yes (show) or a no (hide), as the question is worded,
// except that a yes does not show the name where hiding it is advised.
// A photo or a location is kept and the question asked again, as is
// anything else.
func (a *reporting) nameTyped(r *core.Req, d ReportData, photo string) error {
	had := len(d.Photos)
	a.keepAttachment(r, &d, photo)
	note := ""
	switch {
	case len(d.Photos) > had:
		note = r.T("report.step_photo_added", len(d.Photos))
	case photo != "":
		note = r.T("report.photo_limit", r.N("count.photos", a.Cfg.Tickets.MaxPhotos))
	case r.Msg.Location != nil:
		note = r.T("report.location_kept")
	}
	if photo == "" && r.Msg.Location == nil && core.VoiceOf(r) == nil {
		text := core.CleanText(r.Text)
		if key, ok := typedChoice(text, a.nameOptions(d)); ok {
			return a.chooseName(r, d, key == "hide", false)
		}
		switch ans, _ := core.ReadAnswer(text); {
		case ans == core.AnswerNo:
			return a.chooseName(r, d, true, false)
		case ans == core.AnswerYes && d.Category != privateCategory:
			return a.chooseName(r, d, false, false)
		}
		note = r.T("dialog.tap")
	}
	return a.askName(r, d, note)
}

// buildingTyped takes what is sent while the buildings are offered: a
// building by its name ("3", "3栋", "3号楼", "building 3"), after which
// the description is asked for again; anything else asks for the building
// again. A photo or a location is kept.
func (a *reporting) buildingTyped(r *core.Req, d ReportData, photo string) error {
	a.keepAttachment(r, &d, photo)
	if b, ok := a.ReadBuilding(core.CleanText(r.Text)); ok && photo == "" && r.Msg.Location == nil {
		d.Building = b
		if err := a.setReportFlow(r, "text", d); err != nil {
			return err
		}
		if err := r.Reply(r.T("report.category_chosen", core.Esc(a.CatLabel(r.Lang, d.Category)), core.Esc(b)), nil); err != nil {
			return err
		}
		return a.askText(r, d)
	}
	if err := a.setReportFlow(r, "building", d); err != nil {
		return err
	}
	return r.Reply(r.T("dialog.tap")+"\n\n"+r.T("report.pick_building"), a.buildingKeyboard())
}
