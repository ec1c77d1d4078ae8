package commands

import (
	"fmt"
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

// info answers a Details button: in a group a short public note, in
// private the details the presser may see.
func (a *App) info(r *req, tk storage.Ticket) error {
	acc, err := a.accessTo(r, tk)
	if err != nil {
		return err
	}
	if acc == accessNone {
		return r.toast(r.t("error.stale_button"))
	}
	if !r.private() {
		followers, err := r.tx.TicketFollowers(tk.ID)
		if err != nil {
			return err
		}
		note := r.t("ticket.public_note", tk.ID, a.catLabel(r.lang, tk.Category), tk.Building,
			a.stateLabel(r.lang, tk.State), r.n("count.followers", len(followers)), a.age(r.lang, r.now, tk.CreatedAt))
		r.answered = true
		p := telegram.AnswerCallbackQuery{CallbackQueryID: r.cb.ID, Text: limitUTF16(note, 200), ShowAlert: true}
		_, err = r.tx.Enqueue(storage.OutMsg{Method: "answerCallbackQuery", Payload: telegram.Marshal(p), Priority: storage.PriorityReply}, r.now)
		return err
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return a.showTicket(r, tk)
}

// ticketCmd: /ticket <n>.
func (a *App) ticketCmd(r *req) error {
	id, ok := idArg(r.args)
	if !ok {
		return r.reply(r.t("ticket.usage"), nil)
	}
	tk, err := r.tx.Ticket(id)
	if isNotFound(err) {
		return r.reply(r.t("ticket.not_found", id), nil)
	}
	if err != nil {
		return err
	}
	return a.showTicket(r, tk)
}

// showTicket sends a ticket with its history to the person, as far as they
// may see it.
func (a *App) showTicket(r *req, tk storage.Ticket) error {
	acc, err := a.accessTo(r, tk)
	if err != nil {
		return err
	}
	if acc == accessNone {
		return r.reply(r.t("ticket.not_found", tk.ID), nil)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<b>%s</b> · %s\n", a.headline(r.lang, tk), a.kindLabel(r.lang, tk.Kind))
	fmt.Fprintf(&b, "%s\n", r.t("ticket.detail_state", a.stateLabel(r.lang, tk.State), a.when(tk.CreatedAt)))
	if tk.AssigneeID != 0 {
		fmt.Fprintf(&b, "%s\n", r.t("ticket.detail_assignee", esc(a.nameOf(r, tk.AssigneeID))))
	}
	if tk.TeamID != 0 {
		if team, err := r.tx.Team(tk.TeamID); err == nil {
			fmt.Fprintf(&b, "%s\n", r.t("ticket.detail_team", esc(team.Name)))
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
	fmt.Fprintf(&b, "“%s”\n", esc(a.ticketText(r.lang, tk)))
	if n := len(tk.Voices); n > 0 {
		fmt.Fprintf(&b, "%s\n", r.t("ticket.detail_voices", r.n("count.voices", n)))
	}
	if n := len(tk.Photos); n > 0 || tk.Lat != nil {
		fmt.Fprintf(&b, "%s\n", r.t("ticket.detail_attachments", n, yesNo(r, tk.Lat != nil)))
	}
	if tk.Resolution != "" {
		fmt.Fprintf(&b, "%s\n", r.t("ticket.detail_resolution", esc(tk.Resolution)))
	}
	if tk.DuplicateOf != 0 {
		fmt.Fprintf(&b, "%s\n", r.t("ticket.detail_duplicate", tk.DuplicateOf))
	}
	events, err := r.tx.TicketEvents(tk.ID)
	if err != nil {
		return err
	}
	b.WriteString("\n" + r.t("ticket.history") + "\n")
	for _, ev := range events {
		who := r.t("ticket.system")
		if ev.ActorID != 0 {
			who = esc(a.nameOf(r, ev.ActorID))
			if ev.ActorID == tk.ReporterID && tk.HideName && !knows {
				who = r.t("ticket.reporter")
			}
		}
		b.WriteString(fmt.Sprintf("%s · %s · %s", a.when(ev.At), who, a.historyWhat(r.lang, tk, ev)) + "\n")
	}
	var rows [][]telegram.Button
	if (acc == accessFull || acc == accessTeam) && tk.State.Active() {
		if tk.AssigneeID == r.me.ID {
			rows = a.workButtons(r, tk).InlineKeyboard
		} else if tk.AssigneeID == 0 {
			rows = [][]telegram.Button{{{Text: r.t("button.claim"), CallbackData: "tk:claim:" + itoa(tk.ID)}}}
		}
	}
	if row := a.mediaButton(r.lang, tk); (acc == accessFull || acc == accessTeam) && row != nil {
		rows = append(rows, row)
	}
	if row, err := a.mediationTicketRow(r, tk); err != nil {
		return err
	} else if row != nil {
		rows = append(rows, row)
	}
	var kb any
	if len(rows) > 0 {
		kb = telegram.Keyboard{InlineKeyboard: rows}
	}
	return r.reply(strings.TrimSpace(b.String()), kb)
}

func yesNo(r *req, b bool) string {
	if b {
		return r.t("word.yes")
	}
	return r.t("word.no")
}

// listTickets is one line a ticket, for /my, /mytasks and /queue.
func (a *App) listTickets(r *req, title string, tks []storage.Ticket, empty string) error {
	return a.listTicketsWith(r, title, tks, empty, nil)
}

// listTicketsWith is listTickets with buttons under the list.
func (a *App) listTicketsWith(r *req, title string, tks []storage.Ticket, empty string, kb any) error {
	if len(tks) == 0 {
		return r.reply(empty, nil)
	}
	var b strings.Builder
	b.WriteString(title + "\n")
	for _, tk := range tks {
		fmt.Fprintf(&b, "%s · %s · %s\n  “%s”\n", a.headline(r.lang, tk), a.stateLabel(r.lang, tk.State),
			a.age(r.lang, r.now, tk.CreatedAt), quote(a.ticketText(r.lang, tk), 60))
	}
	b.WriteString(r.t("ticket.list_hint"))
	return r.reply(b.String(), kb)
}

// my: a resident's own tickets.
func (a *App) my(r *req) error {
	tks, err := r.tx.ReporterTickets(r.me.ID, 20)
	if err != nil {
		return err
	}
	return a.listTickets(r, r.t("ticket.my_title"), tks, r.t("ticket.my_empty"))
}

// mytasks: what the caller has claimed.
func (a *App) mytasks(r *req) error {
	tks, err := r.tx.AssignedTickets(r.me.ID, 30)
	if err != nil {
		return err
	}
	return a.listTickets(r, r.t("ticket.tasks_title"), tks, r.t("ticket.tasks_empty"))
}

// queue: open and claimed tickets of the leader's buildings (staff: any
// building, or all), oldest first.
func (a *App) queue(r *req) error {
	buildings := r.me.Leads
	if r.atLeast(storage.RoleStaff) {
		buildings = a.cfg.Community.Buildings
	}
	if arg := cleanLine(r.args); arg != "" {
		if !containsStr(buildings, arg) {
			return r.reply(r.t("error.unknown_building", esc(limitRunes(arg, 32)), esc(strings.Join(buildings, " "))), nil)
		}
		buildings = []string{arg}
	}
	tks, err := r.tx.BuildingQueue(buildings, 30)
	if err != nil {
		return err
	}
	return a.listTicketsWith(r, r.t("ticket.queue_title", esc(strings.Join(buildings, ", "))), tks, r.t("ticket.queue_empty"), a.queueKeyboard(r, tks))
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
