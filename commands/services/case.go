package services

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// showCase shows staff a case with what can be done next; every view is
// in its record.
func (a *Services) showCase(r *core.Req, c storage.Case, edit bool) error {
	s, _ := a.service(c.Service)
	docs, err := r.Tx.CaseDocs(c.ID)
	if err != nil {
		return err
	}
	if err := a.record(r, c, "read", nil); err != nil {
		return err
	}
	applicant, _ := r.Tx.Member(c.MemberID)
	var b strings.Builder
	b.WriteString(r.T("services.case_title", c.ID) + "\n")
	b.WriteString(r.T("services.case_service", core.Esc(a.name(r.Lang, c.Service)), core.Esc(a.stepLabel(r.Lang, s, c))) + "\n")
	b.WriteString(r.T("services.case_applicant", core.Esc(a.NameOf(r, c.MemberID)), a.homeOf(applicant.Building, applicant.Unit),
		core.Esc(a.whomLabel(r.Lang, c.ForWhom)), c.Household) + "\n")
	b.WriteString(r.T("services.case_phone", core.Esc(c.Phone)) + "\n")
	b.WriteString(r.T("services.case_situation", a.situationText(r.Lang, c.Situation, c.VoiceFile, 0)) + "\n")
	b.WriteString(r.T("services.case_docs", len(docs)) + "\n")
	if c.Asked != "" {
		b.WriteString(r.T("services.case_asked", core.Esc(c.Asked)) + "\n")
	}
	who := r.T("services.nobody")
	if c.AssigneeID != 0 {
		who = core.Esc(a.NameOf(r, c.AssigneeID))
	}
	b.WriteString(r.T("services.case_assignee", who, when.DescribeDate(c.CreatedAt, r.Lang, r.Now, a.Loc), s.Days))
	if c.Reason != "" {
		b.WriteString("\n" + r.T("services.case_reason", core.Esc(c.Reason)))
	}
	id := core.Itoa(c.ID)
	var rows [][]telegram.Button
	if !c.Ended() {
		rows = append(rows,
			[]telegram.Button{{Text: r.T("services.btn_assign"), CallbackData: "sv:as:" + id}, {Text: r.T("services.btn_step"), CallbackData: "sv:st:" + id}},
			[]telegram.Button{{Text: r.T("services.btn_request"), CallbackData: "sv:rq:" + id}, {Text: r.T("services.btn_decide"), CallbackData: "sv:dc:" + id}})
		if c.State == storage.CasePublicity {
			rows = append(rows, []telegram.Button{{Text: r.T("services.btn_publicise"), CallbackData: "sv:pub:" + id}})
		}
	}
	var last []telegram.Button
	if len(docs) > 0 || c.VoiceFile != "" {
		last = append(last, telegram.Button{Text: r.T("services.btn_see_docs"), CallbackData: "sv:c:" + id + ":docs"})
	}
	rows = append(rows, append(last, telegram.Button{Text: r.T("services.btn_desk"), CallbackData: "sv:desk"}))
	kb := telegram.Keyboard{InlineKeyboard: rows}
	if edit {
		return r.Edit(b.String(), kb)
	}
	return r.Reply(b.String(), kb)
}

// sendDocs sends the case's document photos and voice message to the
// staff member's private chat, and records that they were looked at.
func (a *Services) sendDocs(r *core.Req, c storage.Case) error {
	docs, err := r.Tx.CaseDocs(c.ID)
	if err != nil {
		return err
	}
	if err := a.record(r, c, "documents", map[string]any{"photos": len(docs)}); err != nil {
		return err
	}
	for i, f := range docs {
		p := telegram.SendPhoto{ChatID: r.Me.ID, Photo: f, Caption: r.T("services.doc_caption", c.ID, i+1, len(docs)), ParseMode: "HTML"}
		if _, err := r.Tx.Enqueue(storage.OutMsg{ChatID: r.Me.ID, Method: "sendPhoto", Payload: telegram.Marshal(p), Priority: storage.PriorityReply}, r.Now); err != nil {
			return err
		}
	}
	if c.VoiceFile != "" {
		p := telegram.SendVoice{ChatID: r.Me.ID, Voice: c.VoiceFile, Caption: r.T("services.voice_caption", c.ID), ParseMode: "HTML"}
		if _, err := r.Tx.Enqueue(storage.OutMsg{ChatID: r.Me.ID, Method: "sendVoice", Payload: telegram.Marshal(p), Priority: storage.PriorityReply}, r.Now); err != nil {
			return err
		}
	}
	return r.Toast("")
}

// caseButton routes staff's buttons on a case; each asks mayReadCase again.
func (a *Services) caseButton(r *core.Req, p core.BtnArgs) error {
	id, ok := p.Id(1)
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	c, ok, err := a.loadCase(r, id)
	if err != nil || !ok {
		return err
	}
	switch p[0] {
	case "c":
		if p.Arg(2) == "docs" {
			return a.sendDocs(r, c)
		}
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.showCase(r, c, false)
	}
	if c.Ended() {
		return r.Toast(r.T("services.case_ended", c.ID))
	}
	switch p[0] {
	case "as":
		if to, ok := p.Id(2); ok {
			return a.assign(r, c, to)
		}
		return a.askAssignee(r, c)
	case "st":
		return a.nextStep(r, c)
	case "rq":
		return startOn(r, a.askDoc, c.ID)
	case "dc":
		return startOn(r, a.decide, c.ID)
	case "pub":
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.startNotice(r, c)
	}
	return r.Toast(r.T("error.stale_button"))
}

// startOn starts d with case id seeded.
func startOn(r *core.Req, d *core.Dialog, id int64) error {
	seed := core.Values{}
	if err := seed.Set("case", id); err != nil {
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return d.Start(r, seed)
}

// askAssignee offers the staff as buttons.
func (a *Services) askAssignee(r *core.Req, c storage.Case) error {
	staff, err := a.Staff(r.Tx)
	if err != nil {
		return err
	}
	var rows [][]telegram.Button
	for _, m := range staff {
		rows = append(rows, []telegram.Button{{Text: m.Name, CallbackData: "sv:as:" + core.Itoa(c.ID) + ":" + core.Itoa(m.ID)}})
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Reply(r.T("services.ask_assignee", c.ID), telegram.Keyboard{InlineKeyboard: rows})
}

// assign gives case c to staff member to, who is told.
func (a *Services) assign(r *core.Req, c storage.Case, to int64) error {
	m, err := r.Tx.Member(to)
	if core.IsNotFound(err) || (err == nil && a.RoleOf(m).Rank() < storage.RoleStaff.Rank()) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	c.AssigneeID = to
	if err := r.Tx.UpdateCase(c, r.Now); err != nil {
		return err
	}
	if err := a.record(r, c, "assign", map[string]any{"to": to}); err != nil {
		return err
	}
	if to != r.Me.ID {
		if err := a.tellStaff(r, to, caseKeyboard, "services.assigned_to_you", c.ID, core.Esc(a.NameOf(r, r.Me.ID))); err != nil {
			return err
		}
	}
	if err := r.Toast(core.StripTags(r.T("services.assigned", c.ID, m.Name))); err != nil {
		return err
	}
	return a.showCase(r, c, false)
}

// nextStep moves case c to its service's next step and tells the applicant.
func (a *Services) nextStep(r *core.Req, c storage.Case) error {
	s, _ := a.service(c.Service)
	if c.State != storage.CaseOpen || c.Step+1 >= len(s.Steps) {
		return r.Toast(r.T("services.no_next_step"))
	}
	c.Step++
	if err := r.Tx.UpdateCase(c, r.Now); err != nil {
		return err
	}
	if err := a.record(r, c, "step", map[string]any{"step": c.Step}); err != nil {
		return err
	}
	if err := a.tellApplicant(r, c, nil, "services.told_step", c.ID, a.serviceName(c.Service), core.InLang(func(lang string) string {
		return core.Esc(a.stepLabel(lang, s, c))
	})); err != nil {
		return err
	}
	if err := r.Toast(r.T("services.step_saved")); err != nil {
		return err
	}
	return a.showCase(r, c, true)
}

// serviceName is a service's name in each reader's language.
func (a *Services) serviceName(key string) core.InLang {
	return func(lang string) string { return core.Esc(a.name(lang, key)) }
}

// tellApplicant tells case c's applicant key with args in their language.
func (a *Services) tellApplicant(r *core.Req, c storage.Case, markup any, key string, args ...any) error {
	_, err := a.TellTo(r, c.MemberID, markup, key, args...)
	return err
}
