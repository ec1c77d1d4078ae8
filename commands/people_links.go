package commands

import (
	"strings"
)

// linkPayload keeps a /start payload the bot knows how to finish, or "".
func linkPayload(p string) string {
	p = strings.TrimSpace(p)
	switch {
	case p == "report", p == "wish", p == "teams", p == "team", p == "hours", p == "help", p == "job", p == "jobs", p == "myjobs", p == "care", p == "stars", p == "pledge", p == "pledges",
		p == "schedule", p == "meeting", p == "meetings":
		return p
	case strings.HasPrefix(p, "me_"), strings.HasPrefix(p, "t_"):
		if _, ok := idArg(p[strings.Index(p, "_")+1:]); ok {
			return p
		}
	}
	return ""
}

// openLink does what a /start payload was for: start a report or a wish,
// follow a ticket, show a ticket. done is false for no known payload.
func (a *App) openLink(r *req, payload string) (bool, error) {
	switch p := linkPayload(payload); {
	case p == "report":
		return true, a.report(r)
	case p == "wish":
		return true, a.wish(r)
	case p == "teams", p == "team":
		return true, a.teams(r)
	case p == "hours":
		r.args = ""
		return true, a.hours(r)
	case p == "help":
		return true, a.help(r)
	case p == "job":
		r.args = ""
		return true, a.job(r)
	case p == "jobs":
		return true, a.jobsCmd(r)
	case p == "myjobs":
		return true, a.myjobs(r)
	case p == "schedule", p == "meeting", p == "meetings":
		return true, a.calendarLink(r, p)
	case p == "care":
		return true, a.care(r) // staff only: care checks it again
	case p == "stars":
		r.args = ""
		return true, a.stars(r)
	case p == "pledge":
		r.args = ""
		return true, a.pledge(r)
	case p == "pledges":
		r.args = ""
		return true, a.pledges(r)
	case strings.HasPrefix(p, "me_"):
		return true, a.followFromLink(r, strings.TrimPrefix(p, "me_"))
	case strings.HasPrefix(p, "t_"):
		return true, a.showFromLink(r, strings.TrimPrefix(p, "t_"))
	}
	return false, nil
}

// showFromLink shows a ticket a group's /ticket pointed to.
func (a *App) showFromLink(r *req, arg string) error {
	id, _ := idArg(arg)
	tk, err := r.tx.Ticket(id)
	if isNotFound(err) {
		return r.reply(r.t("ticket.not_found", id), nil)
	}
	if err != nil {
		return err
	}
	return a.showTicket(r, tk)
}

// registeredThen finishes registration that a deep link started: the
// person is told they are registered, then the link's errand is done.
func (a *App) registeredThen(r *req, d regData, unit string) error {
	me, err := r.tx.Member(r.me.ID)
	if err != nil {
		return err
	}
	r.me, r.role, r.args = me, a.roleOf(me), ""
	if err := r.reply(r.t("start.done_then", esc(d.Building), esc(unit)), a.mainMenu(r)); err != nil {
		return err
	}
	_, err = a.openLink(r, d.Then)
	return err
}

// groupLinkPayload is the deep link a private-only command sent in a group
// answers with: /ticket 12 keeps its number.
func groupLinkPayload(r *req, name string) string {
	if name == "ticket" {
		if id, ok := idArg(r.args); ok {
			return "t_" + itoa(id)
		}
	}
	return name
}
