package tickets

import (
	"fmt"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// info answers a Details button: in a group a short public note, in
// private the details the presser may see.
func (a *Tickets) info(r *core.Req, tk storage.Ticket) error {
	acc, err := a.accessTo(r, tk)
	if err != nil {
		return err
	}
	if acc == accessNone {
		return r.Toast(r.T("error.stale_button"))
	}
	if !r.Private() {
		followers, err := r.Tx.TicketFollowers(tk.ID)
		if err != nil {
			return err
		}
		note := r.T("ticket.public_note", tk.ID, a.CatLabel(r.Lang, tk.Category), tk.Building,
			a.StateLabel(r.Lang, tk.State), r.N("count.followers", len(followers)), a.Age(r.Lang, r.Now, tk.CreatedAt))
		r.Answered = true
		p := telegram.AnswerCallbackQuery{CallbackQueryID: r.CB.ID, Text: core.LimitUTF16(note, 200), ShowAlert: true}
		_, err = r.Tx.Enqueue(storage.OutMsg{Method: "answerCallbackQuery", Payload: telegram.Marshal(p), Priority: storage.PriorityReply}, r.Now)
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return a.ShowTicket(r, tk)
}

// ticketCmd: /ticket <n>.
func (a *Tickets) ticketCmd(r *core.Req) error {
	id, ok := core.IdArg(r.Args)
	if !ok {
		return r.Reply(r.T("ticket.usage"), nil)
	}
	tk, err := r.Tx.Ticket(id)
	if core.IsNotFound(err) {
		return r.Reply(r.T("ticket.not_found", id), nil)
	}
	if err != nil {
		return err
	}
	return a.ShowTicket(r, tk)
}

// ShowTicket sends a ticket with its history to the person, as far as they
// may see it.
func (a *Tickets) ShowTicket(r *core.Req, tk storage.Ticket) error {
	acc, err := a.accessTo(r, tk)
	if err != nil {
		return err
	}
	if acc == accessNone {
		return r.Reply(r.T("ticket.not_found", tk.ID), nil)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<b>%s</b> · %s\n", a.Headline(r.Lang, tk), a.KindLabel(r.Lang, tk.Kind))
	fmt.Fprintf(&b, "%s\n", r.T("ticket.detail_state", a.StateLabel(r.Lang, tk.State), a.WhenIn(r.Lang, tk.CreatedAt)))
	if tk.AssigneeID != 0 {
		fmt.Fprintf(&b, "%s\n", r.T("ticket.detail_assignee", core.Esc(a.NameOf(r, tk.AssigneeID))))
	}
	if tk.TeamID != 0 {
		if team, err := r.Tx.Team(tk.TeamID); err == nil {
			fmt.Fprintf(&b, "%s\n", r.T("ticket.detail_team", core.Esc(team.Name)))
		}
	}
	knows, err := a.mayKnowReporter(r, tk)
	if err != nil {
		return err
	}
	if line, err := a.reporterLine(r, tk, knows); err != nil || line != "" {
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s\n", line)
	}
	fmt.Fprintf(&b, "“%s”\n", core.Esc(a.TicketText(r.Lang, tk)))
	if n := len(tk.Voices); n > 0 {
		fmt.Fprintf(&b, "%s\n", r.T("ticket.detail_voices", r.N("count.voices", n)))
	}
	if n := len(tk.Photos); n > 0 || tk.Lat != nil {
		fmt.Fprintf(&b, "%s\n", r.T("ticket.detail_attachments", n, yesNo(r, tk.Lat != nil)))
	}
	if tk.Resolution != "" {
		fmt.Fprintf(&b, "%s\n", r.T("ticket.detail_resolution", core.Esc(tk.Resolution)))
	}
	if tk.DuplicateOf != 0 {
		fmt.Fprintf(&b, "%s\n", r.T("ticket.detail_duplicate", tk.DuplicateOf))
	}
	events, err := r.Tx.TicketEvents(tk.ID)
	if err != nil {
		return err
	}
	b.WriteString("\n" + r.T("ticket.history") + "\n")
	for _, ev := range events {
		who := r.T("ticket.system")
		if ev.ActorID != 0 {
			who = core.Esc(a.NameOf(r, ev.ActorID))
			if ev.ActorID == tk.ReporterID && tk.HideName && !knows {
				who = r.T("ticket.reporter")
			}
		}
		b.WriteString(fmt.Sprintf("%s · %s · %s", a.WhenIn(r.Lang, ev.At), who, a.historyWhat(r.Lang, tk, ev)) + "\n")
	}
	var rows [][]telegram.Button
	if (acc == accessFull || acc == accessTeam) && tk.State.Active() {
		if tk.AssigneeID == r.Me.ID {
			rows = a.workButtons(r, tk).InlineKeyboard
		} else if tk.AssigneeID == 0 {
			rows = [][]telegram.Button{{{Text: r.T("button.claim"), CallbackData: "tk:claim:" + core.Itoa(tk.ID)}}}
		}
	}
	if a.mayManage(r, tk) && tk.State.Active() {
		rows = append(rows, []telegram.Button{{Text: r.T("button.assign"), CallbackData: "tk:asg:" + core.Itoa(tk.ID)}})
	}
	if row := a.mediaButton(r.Lang, tk); (acc == accessFull || acc == accessTeam) && row != nil {
		rows = append(rows, row)
	}
	if row, err := a.mediation.MediationTicketRow(r, tk); err != nil {
		return err
	} else if row != nil {
		rows = append(rows, row)
	}
	var kb any
	if len(rows) > 0 {
		kb = telegram.Keyboard{InlineKeyboard: rows}
	}
	return r.Reply(strings.TrimSpace(b.String()), kb)
}

func yesNo(r *core.Req, b bool) string {
	if b {
		return r.T("word.yes")
	}
	return r.T("word.no")
}

// listTickets is one line a ticket, for /my, /mytasks and /queue.
func (a *Tickets) listTickets(r *core.Req, title string, tks []storage.Ticket, empty string) error {
	return a.listTicketsWith(r, title, tks, empty, nil)
}

// listTicketsWith is listTickets with buttons under the list.
func (a *Tickets) listTicketsWith(r *core.Req, title string, tks []storage.Ticket, empty string, kb any) error {
	if len(tks) == 0 {
		return r.Reply(empty, nil)
	}
	var b strings.Builder
	b.WriteString(title + "\n")
	for _, tk := range tks {
		fmt.Fprintf(&b, "%s · %s · %s\n  “%s”\n", a.Headline(r.Lang, tk), a.StateLabel(r.Lang, tk.State),
			a.Age(r.Lang, r.Now, tk.CreatedAt), core.Quote(a.TicketText(r.Lang, tk), 60))
	}
	b.WriteString(r.T("ticket.list_hint"))
	return r.Reply(b.String(), kb)
}

// my: a resident's own tickets.
func (a *Tickets) my(r *core.Req) error {
	tks, err := r.Tx.ReporterTickets(r.Me.ID, 20)
	if err != nil {
		return err
	}
	return a.listTickets(r, r.T("ticket.my_title"), tks, r.T("ticket.my_empty"))
}

// mytasks: what the caller has claimed.
func (a *Tickets) mytasks(r *core.Req) error {
	tks, err := r.Tx.AssignedTickets(r.Me.ID, 30)
	if err != nil {
		return err
	}
	return a.listTickets(r, r.T("ticket.tasks_title"), tks, r.T("ticket.tasks_empty"))
}

// queue: open and claimed tickets of the leader's buildings (staff: any
// building, or all), oldest first.
func (a *Tickets) queue(r *core.Req) error {
	buildings := r.Me.Leads
	if r.AtLeast(storage.RoleStaff) {
		buildings = a.Cfg.Community.Buildings
	}
	if arg := core.CleanLine(r.Args); arg != "" {
		if !core.ContainsStr(buildings, arg) {
			return r.Reply(r.T("error.unknown_building", core.Esc(core.LimitRunes(arg, 32)), core.Esc(strings.Join(buildings, " "))), nil)
		}
		buildings = []string{arg}
	}
	tks, err := r.Tx.BuildingQueue(buildings, 30)
	if err != nil {
		return err
	}
	return a.listTicketsWith(r, r.T("ticket.queue_title", core.Esc(strings.Join(buildings, ", "))), tks, r.T("ticket.queue_empty"), a.queueKeyboard(r, tks))
}
