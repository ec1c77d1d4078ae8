package mediation

import (
	"fmt"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// mediationList is how many records /mediation lists.
const mediationList = 20

// mediation: /mediation lists the records the caller may read, with a
// button each; /mediation <n> opens one; /mediation new records one. Never
// in a group.
func (a *Mediation) mediation(r *core.Req) error {
	if !r.Private() {
		return r.Reply(r.T("mediation.group_refused"), a.LinkKeyboard(r, "help"))
	}
	ok, err := a.mayMediate(r)
	if err != nil {
		return err
	}
	if !ok {
		return r.Reply(r.T("mediation.forbidden"), nil)
	}
	arg := strings.ToLower(core.CleanLine(r.Args))
	switch {
	case arg == "new" || arg == "新建":
		return a.startNew(r)
	case arg != "":
		id, ok := core.IdArg(arg)
		if !ok {
			return r.Reply(r.T("mediation.usage"), nil)
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
func (a *Mediation) listDisputes(r *core.Req) error {
	by := r.Me.ID
	if r.AtLeast(storage.RoleStaff) {
		by = 0
	}
	ds, err := r.Tx.Disputes(by, mediationList)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(r.T("mediation.list_title") + "\n")
	var rows [][]telegram.Button
	for _, d := range ds {
		if !a.mayReadDispute(r, d) {
			continue
		}
		fmt.Fprintf(&b, "#%d · %s · %s · %s\n", d.ID, a.disputeWhere(r, d), a.outcomeLabel(r, d.Outcome), a.dayIn(r, d.CreatedAt))
		rows = append(rows, []telegram.Button{{Text: r.T("mediation.open_button", d.ID, shortPlain(d.Summary, 20)), CallbackData: "md:o:" + core.Itoa(d.ID)}})
	}
	if len(rows) == 0 {
		b.WriteString(r.T("mediation.list_empty") + "\n")
	} else {
		a.Audit(r, "mediation.list", "", map[string]int{"records": len(rows)}) // the list shows each record's summary's start
	}
	rows = append(rows, []telegram.Button{{Text: r.T("mediation.new_button"), CallbackData: "md:new"}})
	return r.Reply(strings.TrimSpace(b.String()), telegram.Keyboard{InlineKeyboard: rows})
}

// showDispute shows a record with its sessions and what can be done next;
// edit rewrites the message the button was on.
func (a *Mediation) showDispute(r *core.Req, d storage.Dispute, edit bool) error {
	sessions, err := r.Tx.DisputeSessions(d.ID)
	if err != nil {
		return err
	}
	a.Audit(r, "mediation.read", disputeTarget(d.ID), nil) // every view of a record's contents
	var b strings.Builder
	b.WriteString(r.T("mediation.view_title", d.ID) + "\n")
	b.WriteString(r.T("mediation.view_where", a.disputeWhere(r, d), core.Esc(a.NameOf(r, d.MediatorID))) + "\n")
	names := make([]string, 0, len(d.Parties))
	for _, p := range d.Parties {
		names = append(names, core.Esc(a.ShownName(r.Lang, p.MemberID, p.Name)))
	}
	b.WriteString(r.T("mediation.view_parties", a.ListJoin(r.Lang, names)) + "\n")
	b.WriteString(r.T("mediation.view_summary", core.Esc(d.Summary)) + "\n")
	if d.TicketID != 0 {
		b.WriteString(r.T("mediation.view_ticket", d.TicketID) + "\n")
	}
	b.WriteString("\n" + r.T("mediation.view_sessions", len(sessions)) + "\n")
	for _, s := range sessions {
		b.WriteString(r.T("mediation.session_line", a.dayIn(r, s.HeldOn), core.Esc(a.NameOf(r, s.RecordedBy)), core.Esc(s.Notes)) + "\n")
	}
	outcome := a.outcomeLabel(r, d.Outcome)
	if !d.OutcomeAt.IsZero() {
		outcome = r.T("mediation.outcome_on", outcome, a.dayIn(r, d.OutcomeAt))
	}
	b.WriteString("\n" + r.T("mediation.view_outcome", outcome) + "\n")
	follow := "—"
	if !d.FollowUp.IsZero() {
		follow = a.dayIn(r, d.FollowUp)
	}
	b.WriteString(r.T("mediation.view_follow", follow))
	id := core.Itoa(d.ID)
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.T("mediation.session_button"), CallbackData: "md:s:" + id}, {Text: r.T("mediation.outcome_button"), CallbackData: "md:oc:" + id}},
		{{Text: r.T("mediation.follow_button"), CallbackData: "md:f:" + id}, {Text: r.T("mediation.list_button"), CallbackData: "md:l"}},
	}}
	if edit {
		return r.Edit(strings.TrimSpace(b.String()), kb)
	}
	return r.Reply(strings.TrimSpace(b.String()), kb)
}

// disputeTarget is the audit target naming a dispute record; the detail
// never holds the record's contents.
func disputeTarget(id int64) string { return "d:" + core.Itoa(id) }

// disputeWhere is the record's building, or a dash.
func (a *Mediation) disputeWhere(r *core.Req, d storage.Dispute) string {
	if d.Building == "" {
		return r.T("mediation.no_building")
	}
	return r.T("ledger.building", core.Esc(d.Building))
}

func (a *Mediation) outcomeLabel(r *core.Req, o string) string {
	if o == "" {
		return r.T("mediation.outcome_open")
	}
	return r.T("mediation.outcome_" + o)
}

// mediationButton routes the "md:" buttons; each asks mayReadDispute again.
func (a *Mediation) mediationButton(r *core.Req) error {
	parts := core.ButtonArgs(r.CB.Data, "md:")
	if !r.Private() {
		return r.Toast(r.T("mediation.group_refused"))
	}
	switch parts[0] {
	case "tk":
		if len(parts) == 2 {
			return a.moveToMediation(r, parts[1])
		}
		return r.Toast(r.T("error.stale_button"))
	case "new", "l":
		ok, err := a.mayMediate(r)
		if err != nil || !ok {
			if err != nil {
				return err
			}
			return r.Toast(r.T("mediation.forbidden"))
		}
		if err := r.Toast(""); err != nil {
			return err
		}
		if parts[0] == "l" {
			return a.listDisputes(r)
		}
		return a.startNew(r)
	}
	id, ok := parts.Id(1)
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	d, ok, err := a.loadDispute(r, id)
	if err != nil || !ok {
		return err
	}
	switch {
	case parts[0] == "o":
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.showDispute(r, d, false)
	case parts[0] == "s":
		return startOn(r, a.session, d)
	case parts[0] == "f":
		return startOn(r, a.followUp, d)
	case parts[0] == "oc":
		return a.askOutcome(r, d)
	case parts[0] == "out" && len(parts) == 3:
		return a.setOutcome(r, d, parts[2])
	}
	return r.Toast(r.T("error.stale_button"))
}

// askOutcome offers the outcomes as buttons.
func (a *Mediation) askOutcome(r *core.Req, d storage.Dispute) error {
	var row []telegram.Button
	for _, o := range storage.DisputeOutcomes {
		row = append(row, telegram.Button{Text: r.T("mediation.outcome_" + o), CallbackData: "md:out:" + core.Itoa(d.ID) + ":" + o})
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Reply(r.T("mediation.outcome_ask", d.ID), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row}})
}

// setOutcome records the outcome chosen.
func (a *Mediation) setOutcome(r *core.Req, d storage.Dispute, o string) error {
	valid := false
	for _, x := range storage.DisputeOutcomes {
		valid = valid || x == o
	}
	if !valid {
		return r.Toast(r.T("error.stale_button"))
	}
	if err := r.Tx.SetDisputeOutcome(d.ID, o, r.Now); err != nil {
		return err
	}
	a.Audit(r, "mediation.outcome", disputeTarget(d.ID), map[string]string{"outcome": o})
	d.Outcome, d.OutcomeAt = o, r.Now
	if err := r.Toast(r.T("mediation.outcome_saved")); err != nil {
		return err
	}
	return a.showDispute(r, d, true)
}

// shortPlain is text cut to n characters on one line, for a button.
func shortPlain(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if core.RuneLen(text) > n {
		text = core.LimitRunes(text, n) + "…"
	}
	return text
}

// dayIn writes the day of t in the reader's language: 3月5日（周四）.
func (a *Mediation) dayIn(r *core.Req, t time.Time) string {
	return when.DescribeDate(t, r.Lang, r.Now, a.Loc)
}
