package tickets

import (
	"strconv"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// assign: /assign <n> <@user|id|team> gives the ticket at once; /assign
// <n> asks to whom, with the building's leaders, the volunteers and staff
// (and the teams) as buttons; /assign alone asks for the number first.
func (a *Tickets) assign(r *core.Req) error {
	words := strings.Fields(core.CleanLine(r.Args))
	if len(words) == 0 {
		return a.startAssign(r, 0)
	}
	tk, words, ok, err := a.manageTarget(r, "assign.usage")
	if !ok || err != nil {
		return err
	}
	if len(words) == 0 {
		return a.startAssign(r, tk.ID)
	}
	who := strings.Join(words, " ")
	var person storage.Member
	var team storage.Team
	switch {
	case strings.HasPrefix(who, "@"):
		if person, ok, err = a.MemberByUsername(r, who); !ok && !core.IsNotFound(err) {
			return err
		}
	default:
		if id, perr := strconv.ParseInt(who, 10, 64); perr == nil {
			person, err = r.Tx.Member(id)
		} else {
			team, err = r.Tx.TeamByName(who)
		}
	}
	if core.IsNotFound(err) {
		return r.Reply(r.T("assign.unknown", core.Esc(core.LimitRunes(who, 40))), nil)
	}
	if err != nil {
		return err
	}
	return a.assignTo(r, tk, person, team)
}

// startAssign begins the assign conversation, for ticket id when known.
func (a *Tickets) startAssign(r *core.Req, id int64) error {
	seed := core.Values{}
	if id != 0 {
		if err := seed.Set("given", id); err != nil {
			return err
		}
	}
	teams, err := r.Tx.ActiveTeams()
	if err != nil {
		return err
	}
	if len(teams) > 0 {
		if err := seed.Set("teams", true); err != nil {
			return err
		}
	}
	return a.assignD.Start(r, seed)
}

// assignTo gives tk to a person or dispatches it to a team, tells them,
// the followers and the one who gave it.
func (a *Tickets) assignTo(r *core.Req, tk storage.Ticket, person storage.Member, team storage.Team) error {
	opts := storage.TransitionOpts{Assignee: person.ID, Team: team.ID, Note: person.Name + team.Name}
	next, _, err := r.Tx.Transition(tk.ID, storage.ActAssign, r.Me.ID, opts, r.Now)
	if err != nil {
		return a.Refuse(r, tk, err)
	}
	a.Audit(r, "ticket.assign", "t:"+core.Itoa(tk.ID), map[string]int64{"member": person.ID, "team": team.ID})
	if person.ID != 0 {
		told, err := a.TellTo(r, person.ID, a.workKeyboardFor(r, next), "assign.told_person",
			a.headlineFor(r, person.ID, next), core.Quote(a.TicketText(a.LangOf(person), next), 300), core.Esc(r.Me.Name))
		if err != nil {
			return err
		}
		if told && person.ID != r.Me.ID {
			if err := a.sendMedia(r.Tx, person.ID, a.LangOf(person), next, storage.PriorityReply, r.Now); err != nil {
				return err
			}
		}
		if err := a.TellFollowers(r, next, r.Me.ID, "ticket.told_claimed", core.Esc(person.Name), a.roleIn(a.RoleOf(person))); err != nil {
			return err
		}
		done := r.T("assign.done", next.ID, core.Esc(person.Name))
		if !told {
			done = r.T("assign.done_untold", next.ID, core.Esc(person.Name))
		}
		if err := r.Reply(done, nil); err != nil {
			return err
		}
	} else {
		told, err := a.alertTeam(r, next, team)
		if err != nil {
			return err
		}
		done := r.T("assign.done_team", next.ID, core.Esc(team.Name))
		if told == 0 {
			done = r.T("assign.done_team_untold", next.ID, core.Esc(team.Name))
		}
		if err := r.Reply(done, nil); err != nil {
			return err
		}
	}
	return a.RefreshGroupLine(r, next)
}

// alertTeam sends a dispatched ticket to every member of the team who can
// be reached, and says how many that was.
func (a *Tickets) alertTeam(r *core.Req, tk storage.Ticket, team storage.Team) (int, error) {
	ids, err := r.Tx.TeamMemberIDs(team.ID)
	if err != nil {
		return 0, err
	}
	told := 0
	for _, id := range ids {
		m, err := r.Tx.Member(id)
		if err != nil {
			return told, err
		}
		if m.ID == r.Me.ID {
			told++ // the one dispatching it knows
			continue
		}
		if ok, err := a.Reachable(r.Tx, m); err != nil || !ok {
			if err != nil {
				return told, err
			}
			continue
		}
		lang := a.LangOf(m)
		text := a.Cat.T(lang, "assign.told_team", core.Esc(team.Name), a.Headline(lang, tk), core.Quote(a.TicketText(lang, tk), 300))
		if err := a.Send(r.Tx, m.ID, text, a.claimKeyboard(lang, tk), storage.PriorityReply, r.Now); err != nil {
			return told, err
		}
		told++
	}
	return told, nil
}
