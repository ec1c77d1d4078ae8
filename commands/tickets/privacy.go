package tickets

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// privateCategory is the category whose reporters are advised to hide
// their name: a dispute with a neighbour.
const privateCategory = "neighbours"

// AskName asks, before anything is filed or posted, whether the reporter's
// name may be shown with the report, and says plainly where a line about
// it will appear.
func (a *Tickets) AskName(r *core.Req, d ReportData) error { return a.rep.askName(r, d, "") }

// askName asks the name question, after note when there is one.
func (a *reporting) askName(r *core.Req, d ReportData, note string) error {
	if err := a.setReportFlow(r, "name", d); err != nil {
		return err
	}
	chats, err := r.Tx.LinkedChats(d.Building)
	if err != nil {
		return err
	}
	var b strings.Builder
	if note != "" {
		b.WriteString(note + "\n\n")
	}
	switch {
	case len(chats) > 0 && d.Text == "" && len(d.Voices) > 0:
		b.WriteString(r.T("report.ask_name_group_voice", core.Esc(d.Building)))
	case len(chats) > 0:
		b.WriteString(r.T("report.ask_name_group", core.Esc(d.Building)))
	default:
		b.WriteString(r.T("report.ask_name"))
	}
	b.WriteString("\n" + r.T("report.who_sees", core.Esc(d.Building)))
	show := telegram.Button{Text: r.T("report.show_name"), CallbackData: "tk:nm:show"}
	hide := telegram.Button{Text: r.T("report.hide_name"), CallbackData: "tk:nm:hide"}
	row := []telegram.Button{show, hide}
	if d.Category == privateCategory {
		b.WriteString("\n" + r.T("report.hide_advised"))
		hide.Text = "✓ " + hide.Text + " " + r.T("report.recommended")
		row = []telegram.Button{hide, show}
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row, {r.AnswerButton(core.AnswerCancel, "tk:cancel")}}}
	return r.Reply(b.String(), kb)
}

// reportName takes Show my name / Hide my name.
func (a *reporting) reportName(r *core.Req, choice string) error {
	f, d, ok, err := a.reportFlow(r)
	if !ok || err != nil {
		return err
	}
	if f.Step != "name" || (choice != "show" && choice != "hide") {
		return r.Toast(r.T("error.stale_button"))
	}
	return a.chooseName(r, d, choice == "hide", true)
}

// chooseName takes the reporter's choice about their name, pressed (edit
// puts it in place of the question) or typed: only now is the ticket
// filed and its group line queued.
func (a *reporting) chooseName(r *core.Req, d ReportData, hide, edit bool) error {
	key := "report.name_shown"
	if hide {
		key = "report.name_hidden"
	}
	say := r.Reply
	if edit {
		say = r.Edit
	}
	if err := say(r.T(key, core.Esc(d.Building)), nil); err != nil {
		return err
	}
	return a.fileReport(r, d, hide)
}

// addNote adds a sentence sent after filing to the ticket's history,
// where the leaders and the person handling it read it.
func (a *reporting) addNote(r *core.Req, d ReportData) error {
	text := core.CleanText(r.Text)
	if n := core.RuneLen(text); n > a.Cfg.Tickets.MaxText {
		return r.Reply(r.T("report.too_long", n, a.Cfg.Tickets.MaxText), nil)
	}
	tk, err := r.Tx.Ticket(d.Ticket)
	if err != nil {
		return err
	}
	if tk.ReporterID != r.Me.ID || tk.State.Terminal() {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("fallback.not_understood"), a.MainMenu(r))
	}
	if err := r.Tx.AddTicketNote(tk.ID, r.Me.ID, text, r.Now); err != nil {
		return err
	}
	return r.Reply(r.T("report.note_added", tk.ID), nil)
}

// staleHide answers the "hide my name" button of messages sent before the
// choice moved into the report: the name is chosen before filing now.
func (a *reporting) staleHide(r *core.Req, _ storage.Ticket) error {
	return r.Toast(r.T("error.stale_button"))
}
