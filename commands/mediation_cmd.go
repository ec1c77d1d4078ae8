package commands

import (
	"fmt"
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

// mediationList is how many records /mediation lists.
const mediationList = 20

// mediation: /mediation lists the records the caller may read, with a
// button each; /mediation <n> opens one; /mediation new records one. Never
// in a group.
func (a *App) mediation(r *req) error {
	if !r.private() {
		return r.reply(r.t("mediation.group_refused"), a.linkKeyboard(r, "help"))
	}
	ok, err := a.mayMediate(r)
	if err != nil {
		return err
	}
	if !ok {
		return r.reply(r.t("mediation.forbidden"), nil)
	}
	arg := strings.ToLower(cleanLine(r.args))
	switch {
	case arg == "new" || arg == "新建":
		return a.askParties(r)
	case arg != "":
		id, ok := idArg(arg)
		if !ok {
			return r.reply(r.t("mediation.usage"), nil)
		}
		d, ok, err := a.loadDispute(r, id)
		if err != nil || !ok {
			return err
		}
		return a.showDispute(r, d, false)
	}
	return a.listDisputes(r)
}

// listDisputes answers with the newest records the caller may read.
func (a *App) listDisputes(r *req) error {
	by := r.me.ID
	if r.atLeast(storage.RoleStaff) {
		by = 0
	}
	ds, err := r.tx.Disputes(by, mediationList)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(r.t("mediation.list_title") + "\n")
	var rows [][]telegram.Button
	for _, d := range ds {
		if !a.mayReadDispute(r, d) {
			continue
		}
		fmt.Fprintf(&b, "#%d · %s · %s · %s\n", d.ID, a.disputeWhere(r, d), a.outcomeLabel(r, d.Outcome), d.CreatedAt.In(a.loc).Format("2006-01-02"))
		rows = append(rows, []telegram.Button{{Text: r.t("mediation.open_button", d.ID, shortPlain(d.Summary, 20)), CallbackData: "md:o:" + itoa(d.ID)}})
	}
	if len(rows) == 0 {
		b.WriteString(r.t("mediation.list_empty") + "\n")
	} else {
		a.audit(r, "mediation.list", "", map[string]int{"records": len(rows)}) // the list shows each record's summary's start
	}
	rows = append(rows, []telegram.Button{{Text: r.t("mediation.new_button"), CallbackData: "md:new"}})
	return r.reply(strings.TrimSpace(b.String()), telegram.Keyboard{InlineKeyboard: rows})
}

// showDispute shows a record with its sessions and what can be done next;
// edit rewrites the message the button was on.
func (a *App) showDispute(r *req, d storage.Dispute, edit bool) error {
	sessions, err := r.tx.DisputeSessions(d.ID)
	if err != nil {
		return err
	}
	a.audit(r, "mediation.read", disputeTarget(d.ID), nil) // every view of a record's contents
	var b strings.Builder
	b.WriteString(r.t("mediation.view_title", d.ID) + "\n")
	b.WriteString(r.t("mediation.view_where", a.disputeWhere(r, d), esc(a.nameOf(r, d.MediatorID))) + "\n")
	names := make([]string, 0, len(d.Parties))
	for _, p := range d.Parties {
		names = append(names, esc(a.shownName(r.lang, p.MemberID, p.Name)))
	}
	b.WriteString(r.t("mediation.view_parties", a.listJoin(r.lang, names)) + "\n")
	b.WriteString(r.t("mediation.view_summary", esc(d.Summary)) + "\n")
	if d.TicketID != 0 {
		b.WriteString(r.t("mediation.view_ticket", d.TicketID) + "\n")
	}
	b.WriteString("\n" + r.t("mediation.view_sessions", len(sessions)) + "\n")
	for _, s := range sessions {
		b.WriteString(r.t("mediation.session_line", s.HeldOn.In(a.loc).Format("2006-01-02"), esc(a.nameOf(r, s.RecordedBy)), esc(s.Notes)) + "\n")
	}
	outcome := a.outcomeLabel(r, d.Outcome)
	if !d.OutcomeAt.IsZero() {
		outcome = r.t("mediation.outcome_on", outcome, d.OutcomeAt.In(a.loc).Format("2006-01-02"))
	}
	b.WriteString("\n" + r.t("mediation.view_outcome", outcome) + "\n")
	follow := "—"
	if !d.FollowUp.IsZero() {
		follow = d.FollowUp.In(a.loc).Format("2006-01-02")
	}
	b.WriteString(r.t("mediation.view_follow", follow))
	id := itoa(d.ID)
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.t("mediation.session_button"), CallbackData: "md:s:" + id}, {Text: r.t("mediation.outcome_button"), CallbackData: "md:oc:" + id}},
		{{Text: r.t("mediation.follow_button"), CallbackData: "md:f:" + id}, {Text: r.t("mediation.list_button"), CallbackData: "md:l"}},
	}}
	if edit {
		return r.edit(strings.TrimSpace(b.String()), kb)
	}
	return r.reply(strings.TrimSpace(b.String()), kb)
}

// disputeTarget is the audit target naming a dispute record; the detail
// never holds the record's contents.
func disputeTarget(id int64) string { return "d:" + itoa(id) }

// disputeWhere is the record's building, or a dash.
func (a *App) disputeWhere(r *req, d storage.Dispute) string {
	if d.Building == "" {
		return r.t("mediation.no_building")
	}
	return r.t("ledger.building", esc(d.Building))
}

func (a *App) outcomeLabel(r *req, o string) string {
	if o == "" {
		return r.t("mediation.outcome_open")
	}
	return r.t("mediation.outcome_" + o)
}

// mediationButton routes the "md:" buttons; each asks mayReadDispute again.
func (a *App) mediationButton(r *req) error {
	parts := buttonArgs(r.cb.Data, "md:")
	if !r.private() {
		return r.toast(r.t("mediation.group_refused"))
	}
	switch parts[0] {
	case "tk":
		if len(parts) == 2 {
			return a.moveToMediation(r, parts[1])
		}
		return r.toast(r.t("error.stale_button"))
	case "new", "l":
		ok, err := a.mayMediate(r)
		if err != nil || !ok {
			if err != nil {
				return err
			}
			return r.toast(r.t("mediation.forbidden"))
		}
		if err := r.toast(""); err != nil {
			return err
		}
		if parts[0] == "l" {
			return a.listDisputes(r)
		}
		return a.askParties(r)
	}
	id, ok := parts.id(1)
	if !ok {
		return r.toast(r.t("error.stale_button"))
	}
	d, ok, err := a.loadDispute(r, id)
	if err != nil || !ok {
		return err
	}
	switch {
	case parts[0] == "o":
		if err := r.toast(""); err != nil {
			return err
		}
		return a.showDispute(r, d, false)
	case parts[0] == "s":
		return a.askSessionDate(r, d)
	case parts[0] == "f":
		return a.askFollowUp(r, d)
	case parts[0] == "oc":
		return a.askOutcome(r, d)
	case parts[0] == "out" && len(parts) == 3:
		return a.setOutcome(r, d, parts[2])
	}
	return r.toast(r.t("error.stale_button"))
}

// askOutcome offers the outcomes as buttons.
func (a *App) askOutcome(r *req, d storage.Dispute) error {
	var row []telegram.Button
	for _, o := range storage.DisputeOutcomes {
		row = append(row, telegram.Button{Text: r.t("mediation.outcome_" + o), CallbackData: "md:out:" + itoa(d.ID) + ":" + o})
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return r.reply(r.t("mediation.outcome_ask", d.ID), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row}})
}

// setOutcome records the outcome chosen.
func (a *App) setOutcome(r *req, d storage.Dispute, o string) error {
	valid := false
	for _, x := range storage.DisputeOutcomes {
		valid = valid || x == o
	}
	if !valid {
		return r.toast(r.t("error.stale_button"))
	}
	if err := r.tx.SetDisputeOutcome(d.ID, o, r.now); err != nil {
		return err
	}
	a.audit(r, "mediation.outcome", disputeTarget(d.ID), map[string]string{"outcome": o})
	d.Outcome, d.OutcomeAt = o, r.now
	if err := r.toast(r.t("mediation.outcome_saved")); err != nil {
		return err
	}
	return a.showDispute(r, d, true)
}

// mediator: /mediator <@user|id> [off], or as a reply: staff name a
// mediator of the mediation room, or take that back.
func (a *App) mediator(r *req) error {
	words := strings.Fields(cleanLine(r.args))
	if len(words) == 0 && (r.msg.ReplyToMessage == nil || r.msg.ReplyToMessage.From == nil) {
		return r.reply(r.t("mediator.usage"), nil)
	}
	target, words, err := a.target(r, words)
	if err != nil || target == nil {
		return err
	}
	off := len(words) > 0 && (strings.EqualFold(words[0], "off") || words[0] == "取消")
	if err := r.tx.SetMediator(target.ID, !off, r.me.ID, r.now); err != nil {
		return err
	}
	key := "mediator.granted"
	if off {
		key = "mediator.revoked"
	}
	action := "mediator.grant"
	if off {
		action = "mediator.revoke"
	}
	a.audit(r, action, memberTarget(target.ID), nil)
	if target.Active && target.ID != r.me.ID {
		if err := a.tellMember(r, target.ID, nil, key+"_told"); err != nil {
			return err
		}
	}
	return r.reply(r.t(key, esc(target.Name)), nil)
}

// shortPlain is text cut to n characters on one line, for a button.
func shortPlain(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if runeLen(text) > n {
		text = limitRunes(text, n) + "…"
	}
	return text
}
