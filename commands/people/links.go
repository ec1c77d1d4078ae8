package people

import (
	"courtyard/commands/core"
	"strings"
)

// linkPayload keeps a /start payload the bot knows how to finish, or "".
func linkPayload(p string) string {
	p = strings.TrimSpace(p)
	switch {
	case p == "report", p == "wish", p == "teams", p == "team", p == "hours", p == "help", p == "job", p == "jobs", p == "myjobs", p == "care", p == "stars", p == "pledge", p == "pledges",
		p == "schedule", p == "meeting", p == "meetings", p == "services", p == "myservices":
		return p
	case strings.HasPrefix(p, "me_"), strings.HasPrefix(p, "t_"), strings.HasPrefix(p, "obj_"):
		if _, ok := core.IdArg(p[strings.Index(p, "_")+1:]); ok {
			return p
		}
	}
	return ""
}

// openLink does what a /start payload was for: run the command it names
// (through its permission row, as if typed without arguments), follow a
// ticket, show a ticket. done is false for no known payload.
func (a *People) openLink(r *core.Req, payload string) (bool, error) {
	p := linkPayload(payload)
	switch {
	case p == "":
		return false, nil
	case p == "help":
		return true, a.help(r)
	case strings.HasPrefix(p, "me_"):
		return true, a.followFromLink(r, strings.TrimPrefix(p, "me_"))
	case strings.HasPrefix(p, "t_"):
		return true, a.showFromLink(r, strings.TrimPrefix(p, "t_"))
	case strings.HasPrefix(p, "obj_"):
		// An objection to a public notice, raised privately.
		r.Args = "obj " + strings.TrimPrefix(p, "obj_")
		return a.RunCommand(r, "services")
	case p == "team":
		p = "teams"
	}
	r.Args = ""
	return a.RunCommand(r, p)
}

// showFromLink shows a ticket a group's /ticket pointed to.
func (a *People) showFromLink(r *core.Req, arg string) error {
	id, _ := core.IdArg(arg)
	tk, err := r.Tx.Ticket(id)
	if core.IsNotFound(err) {
		return r.Reply(r.T("ticket.not_found", id), nil)
	}
	if err != nil {
		return err
	}
	return a.tickets.ShowTicket(r, tk)
}

// registeredThen finishes registration that a deep link started: the
// person is told they are registered, then the link's errand is done.
func (a *People) registeredThen(r *core.Req, d regData, unit string) error {
	me, err := r.Tx.Member(r.Me.ID)
	if err != nil {
		return err
	}
	r.Me, r.Role, r.Args = me, a.RoleOf(me), ""
	if err := r.Reply(r.T("start.done_then", core.Esc(d.Building), core.Esc(unit)), a.mainMenu(r)); err != nil {
		return err
	}
	_, err = a.openLink(r, d.Then)
	return err
}
