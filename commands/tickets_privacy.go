package commands

import (
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

// privateCategory is the category whose reporters are advised to hide
// their name: a dispute with a neighbour.
const privateCategory = "neighbours"

// askName asks, before anything is filed or posted, whether the reporter's
// name may be shown with the report, and says plainly where a line about
// it will appear.
func (a *App) askName(r *req, d reportData) error {
	if err := a.setReportFlow(r, "name", d); err != nil {
		return err
	}
	chats, err := r.tx.LinkedChats(d.Building)
	if err != nil {
		return err
	}
	var b strings.Builder
	switch {
	case len(chats) > 0 && d.Text == "" && len(d.Voices) > 0:
		b.WriteString(r.t("report.ask_name_group_voice", esc(d.Building)))
	case len(chats) > 0:
		b.WriteString(r.t("report.ask_name_group", esc(d.Building)))
	default:
		b.WriteString(r.t("report.ask_name"))
	}
	b.WriteString("\n" + r.t("report.who_sees", esc(d.Building)))
	show := telegram.Button{Text: r.t("report.show_name"), CallbackData: "tk:nm:show"}
	hide := telegram.Button{Text: r.t("report.hide_name"), CallbackData: "tk:nm:hide"}
	row := []telegram.Button{show, hide}
	if d.Category == privateCategory {
		b.WriteString("\n" + r.t("report.hide_advised"))
		hide.Text = "✓ " + hide.Text + " " + r.t("report.recommended")
		row = []telegram.Button{hide, show}
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row, {{Text: r.t("button.cancel"), CallbackData: "tk:cancel"}}}}
	return r.reply(b.String(), kb)
}

// reportName takes Show my name / Hide my name: only now is the ticket
// filed and its group line queued.
func (a *App) reportName(r *req, choice string) error {
	f, d, ok, err := a.reportFlow(r)
	if !ok || err != nil {
		return err
	}
	if f.Step != "name" || (choice != "show" && choice != "hide") {
		return r.toast(r.t("error.stale_button"))
	}
	hide := choice == "hide"
	key := "report.name_shown"
	if hide {
		key = "report.name_hidden"
	}
	if err := r.edit(r.t(key, esc(d.Building)), nil); err != nil {
		return err
	}
	return a.fileReport(r, d, hide)
}

// draftAddition keeps a photo or a location sent while the name question
// is open, and asks the question again.
func (a *App) draftAddition(r *req, d reportData, photo string) error {
	switch {
	case photo != "":
		d.Photos = append(d.Photos, photo)
	case r.msg.Location != nil:
		d.Lat, d.Lon = &r.msg.Location.Latitude, &r.msg.Location.Longitude
	}
	return a.askName(r, d)
}

// guessFromText keeps a description typed instead of tapping a category,
// guesses the category by its words and asks to confirm.
func (a *App) guessFromText(r *req, d reportData, photo string) error {
	switch {
	case photo != "":
		d.Photos = append(d.Photos, photo)
	case r.msg.Location != nil:
		d.Lat, d.Lon = &r.msg.Location.Latitude, &r.msg.Location.Longitude
	}
	text := cleanText(r.text)
	if n := runeLen(text); n > a.cfg.Tickets.MaxText {
		return r.reply(r.t("report.too_long", n, a.cfg.Tickets.MaxText), nil)
	}
	if text != "" {
		d.Text = text
	}
	if err := a.setReportFlow(r, "category", d); err != nil {
		return err
	}
	if d.Text == "" && voiceOf(r) != nil {
		return r.reply(r.t("report.voice_kept"), a.categoryKeyboard(r, d.Kind))
	}
	if d.Text == "" {
		return r.reply(r.t("report.tap_category"), a.categoryKeyboard(r, d.Kind))
	}
	guess := a.guessCategory(d.Kind, d.Text)
	kb := a.categoryKeyboard(r, d.Kind)
	first := []telegram.Button{{Text: "✓ " + a.catLabel(r.lang, guess), CallbackData: "tk:cat:" + guess}}
	kb.InlineKeyboard = append([][]telegram.Button{first}, kb.InlineKeyboard...)
	return r.reply(r.t("report.guessed", esc(a.catLabel(r.lang, guess))), kb)
}

// addNote adds a sentence sent after filing to the ticket's history,
// where the leaders and the person handling it read it.
func (a *App) addNote(r *req, d reportData) error {
	text := cleanText(r.text)
	if n := runeLen(text); n > a.cfg.Tickets.MaxText {
		return r.reply(r.t("report.too_long", n, a.cfg.Tickets.MaxText), nil)
	}
	tk, err := r.tx.Ticket(d.Ticket)
	if err != nil {
		return err
	}
	if tk.ReporterID != r.me.ID || tk.State.Terminal() {
		if err := r.tx.EndFlow(r.me.ID); err != nil {
			return err
		}
		return r.reply(r.t("fallback.not_understood"), a.mainMenu(r))
	}
	if err := r.tx.AddTicketNote(tk.ID, r.me.ID, text, r.now); err != nil {
		return err
	}
	return r.reply(r.t("report.note_added", tk.ID), nil)
}

// staleHide answers the "hide my name" button of messages sent before the
// choice moved into the report: the name is chosen before filing now.
func (a *App) staleHide(r *req, _ storage.Ticket) error {
	return r.toast(r.t("error.stale_button"))
}
