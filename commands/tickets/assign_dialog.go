package tickets

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// FlowAssign is the conversation that gives a ticket to someone: which
// ticket (unless named), a team or a person (when there are teams), and
// which person, among the building's leaders, the volunteers and staff.
const FlowAssign = "assign"

// assignToPerson is the choice's key for "a person" rather than a team;
// a team's key is "t" and its id.
const assignToPerson = "p"

func (a *Tickets) assignDialog() *core.Dialog {
	toPerson := func(v core.Values) bool { return !v.Has("teams") || v.String("to") == assignToPerson }
	return &core.Dialog{
		Name: FlowAssign,
		Min:  core.LeaderUp,
		Steps: []core.Step{
			core.OnlyIf(func(v core.Values) bool { return !v.Has("given") },
				core.TextStep{Name: "ticket", Ask: core.Say("assign.ask_ticket"), Parse: a.readAssignTicket}),
			core.OnlyIf(func(v core.Values) bool { return v.Has("teams") },
				core.ChoiceStep{Name: "to", Ask: a.askAssignTo, Options: a.assignOptions, Columns: 2}),
			core.OnlyIf(toPerson,
				core.PersonStep{Name: "person", Ask: a.askAssignPerson, People: a.assignable, Show: a.showAssignable}),
		},
		Done: a.assignDone,
	}
}

// assignTicket is the ticket being given: named with the command
// ("given"), or answered.
func assignTicket(v core.Values) int64 {
	if v.Has("given") {
		return v.Int("given")
	}
	return v.Int("ticket")
}

// readAssignTicket reads the number of a ticket the person may give to
// someone.
func (a *Tickets) readAssignTicket(r *core.Req, _ core.Values, text string) (any, string) {
	id, ok := core.IdArg(text)
	if !ok {
		return nil, r.T("assign.ask_ticket")
	}
	tk, err := r.Tx.Ticket(id)
	if err != nil || !a.mayManage(r, tk) {
		return nil, r.T("ticket.not_found", id) + "\n" + r.T("assign.ask_ticket")
	}
	if !tk.State.Active() {
		return nil, r.T("ticket.refused", tk.ID, a.StateLabel(r.Lang, tk.State))
	}
	return tk.ID, ""
}

// assignHeadline is the headline of the ticket being given, "#n" when it
// cannot be read.
func (a *Tickets) assignHeadline(r *core.Req, v core.Values) string {
	tk, err := r.Tx.Ticket(assignTicket(v))
	if err != nil {
		return "#" + core.Itoa(assignTicket(v))
	}
	return a.Headline(r.Lang, tk)
}

func (a *Tickets) askAssignTo(r *core.Req, v core.Values) string {
	return r.T("assign.ask_to", a.assignHeadline(r, v))
}

func (a *Tickets) askAssignPerson(r *core.Req, v core.Values) string {
	return r.T("assign.ask_person", a.assignHeadline(r, v))
}

// assignOptions are "a person" and the teams that are not archived.
func (a *Tickets) assignOptions(r *core.Req, _ core.Values) []core.Option {
	opts := []core.Option{a.Option(assignToPerson, "assign.to_person", "人", "某人", "个人", "person", "someone")}
	teams, err := r.Tx.ActiveTeams()
	if err != nil {
		a.Log.Error("tickets: list teams", "err", err)
		return opts
	}
	for _, t := range teams {
		opts = append(opts, core.Option{Key: "t" + core.Itoa(t.ID), Zh: t.Name})
	}
	return opts
}

// assignable are the people a ticket may be given to by buttons: the
// building's leaders, the volunteers (members of a team) living in the
// building, the other volunteers, then staff. Someone else is still named
// with /assign <n> @username.
func (a *Tickets) assignable(r *core.Req, v core.Values) ([]storage.Member, error) {
	tk, err := r.Tx.Ticket(assignTicket(v))
	if err != nil {
		return nil, err
	}
	var out []storage.Member
	add := func(ms []storage.Member, keep func(storage.Member) bool) {
		for _, m := range ms {
			if m.Active && !m.Forgotten && keep(m) && !containsMember(out, m.ID) {
				out = append(out, m)
			}
		}
	}
	all := func(storage.Member) bool { return true }
	leaders, err := r.Tx.LeadersOf(tk.Building)
	if err != nil {
		return nil, err
	}
	add(leaders, all)
	teams, err := r.Tx.ActiveTeams()
	if err != nil {
		return nil, err
	}
	var volunteers []storage.Member
	for _, t := range teams {
		ms, err := r.Tx.TeamMembers(t.ID)
		if err != nil {
			return nil, err
		}
		volunteers = append(volunteers, ms...)
	}
	add(volunteers, func(m storage.Member) bool { return m.Building == tk.Building })
	add(volunteers, all)
	staff, err := a.Staff(r.Tx)
	if err != nil {
		return nil, err
	}
	add(staff, all)
	return out, nil
}

// showAssignable is a person's button: the name and what they are, a
// leader, staff, or the team they volunteer in.
func (a *Tickets) showAssignable(r *core.Req, m storage.Member) string {
	what := ""
	switch role := a.RoleOf(m); role {
	case storage.RoleLeader, storage.RoleStaff, storage.RoleAdmin:
		what = r.T("role." + string(role))
	default:
		teams, err := r.Tx.MemberTeams(m.ID)
		if err == nil {
			for _, t := range teams {
				if !t.Archived {
					what = t.Name
					break
				}
			}
		}
	}
	name := m.Name
	if name == "" {
		name = "#" + core.Itoa(m.ID)
	}
	if what == "" {
		return name
	}
	return name + " · " + what
}

// assignDone gives the ticket to the person or team chosen, if the one
// giving it still may.
func (a *Tickets) assignDone(r *core.Req, v core.Values) error {
	id := assignTicket(v)
	tk, err := r.Tx.Ticket(id)
	if core.IsNotFound(err) || (err == nil && !a.mayManage(r, tk)) {
		return r.Reply(r.T("ticket.not_found", id), nil)
	}
	if err != nil {
		return err
	}
	if key := v.String("to"); key != "" && key != assignToPerson {
		teamID, _ := core.IdArg(key[1:])
		team, err := r.Tx.Team(teamID)
		if core.IsNotFound(err) || (err == nil && team.Archived) {
			return r.Reply(r.T("assign.unknown", core.Esc(core.LimitRunes(key, 40))), nil)
		}
		if err != nil {
			return err
		}
		return a.assignTo(r, tk, storage.Member{}, team)
	}
	person, err := r.Tx.Member(v.Int("person"))
	if err != nil {
		return err
	}
	return a.assignTo(r, tk, person, storage.Team{})
}
