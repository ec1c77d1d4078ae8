package tickets

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// access is how much of a ticket a person may see.
type access int

const (
	accessNone   access = iota
	accessPublic        // what the group line shows
	accessOwn           // the reporter and followers: everything but others' details
	accessTeam          // members of the team it is dispatched to: the work, not a hidden reporter
	accessFull          // staff, the building's leaders, the assignee
)

// viewer is someone a ticket may be shown to.
type viewer struct {
	m    storage.Member
	role storage.Role
}

func (a *Tickets) viewerOf(m storage.Member) viewer { return viewer{m: m, role: a.RoleOf(m)} }

// viewer is the person behind the request.
func viewerIn(r *core.Req) viewer { return viewer{m: r.Me, role: r.Role} }

// ticketAccess is the one rule for who may see a ticket, and how much:
// staff and admins, the building's leaders and the assignee see it all;
// members of the team it is dispatched to see the work but not a hidden
// reporter; its reporter, and its followers who live in its building, see
// their own view. Nobody else sees it in private.
func (a *Tickets) ticketAccess(tx *storage.Tx, v viewer, tk storage.Ticket) (access, error) {
	switch {
	case v.role.Rank() >= storage.RoleStaff.Rank(),
		v.role == storage.RoleLeader && v.m.LeadsBuilding(tk.Building),
		tk.AssigneeID != 0 && tk.AssigneeID == v.m.ID:
		return accessFull, nil
	case tk.TeamID != 0:
		in, err := tx.InTeam(tk.TeamID, v.m.ID)
		if err != nil || in {
			return accessTeam, err
		}
	}
	if tk.ReporterID == v.m.ID {
		return accessOwn, nil
	}
	if !a.mayFollow(v, tk) {
		return accessNone, nil
	}
	followers, err := tx.TicketFollowers(tk.ID)
	if err != nil {
		return accessNone, err
	}
	if core.ContainsID(followers, v.m.ID) {
		return accessOwn, nil
	}
	return accessNone, nil
}

// accessTo is how much of tk the person behind r may see where they are:
// in private by ticketAccess; in a group, the public line, and only in a
// group the ticket's line belongs to.
func (a *Tickets) accessTo(r *core.Req, tk storage.Ticket) (access, error) {
	if !r.Private() {
		ok, err := a.lineBelongsTo(r.Tx, tk, r.Chat.ID)
		if err != nil || !ok {
			return accessNone, err
		}
		return accessPublic, nil
	}
	return a.ticketAccess(r.Tx, viewerIn(r), tk)
}

// lineBelongsTo reports whether a ticket's group line is for chat: the
// group it was reported in, or a group linked to its building.
func (a *Tickets) lineBelongsTo(tx *storage.Tx, tk storage.Ticket, chat int64) (bool, error) {
	if tk.SourceChatID != 0 && tk.SourceChatID == chat {
		return true, nil
	}
	c, err := tx.Chat(chat)
	if core.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return c.Building != "" && c.Building == tk.Building, nil
}

// mayFollow: only residents registered in the ticket's building follow it
// (and the reporter has no need to).
func (a *Tickets) mayFollow(v viewer, tk storage.Ticket) bool {
	return v.m.Registered() && v.m.Building == tk.Building && v.m.ID != tk.ReporterID
}

// MayFollow reports whether the person behind r may follow tk.
func (a *Tickets) MayFollow(r *core.Req, tk storage.Ticket) bool { return a.mayFollow(viewerIn(r), tk) }

// mayKnowReporter is the one rule for who may see who reported a ticket
// (name and unit), whether or not the name is hidden from neighbours: the
// reporter, the building's leaders, staff and admins, and the one person
// it is assigned to. Members of a team it is dispatched to may not.
func (a *Tickets) mayKnowReporter(r *core.Req, tk storage.Ticket) (bool, error) {
	if r.Me.ID == tk.ReporterID {
		return true, nil
	}
	acc, err := a.ticketAccess(r.Tx, viewerIn(r), tk)
	return acc == accessFull, err
}

// reporterLine says who reported tk, as far as the reader may know: name
// and unit for those who may know the reporter; the name alone, as the
// group line shows it, for others when the name is not hidden.
func (a *Tickets) reporterLine(r *core.Req, tk storage.Ticket, knows bool) (string, error) {
	if !knows && tk.HideName {
		return "", nil
	}
	rep, err := r.Tx.Member(tk.ReporterID)
	if err != nil && !core.IsNotFound(err) {
		return "", err
	}
	if rep.Forgotten {
		return r.T("ticket.detail_reporter_name", a.RemovedName(r.Lang)), nil
	}
	if !knows {
		return r.T("ticket.detail_reporter_name", core.Esc(rep.Name)), nil
	}
	who := r.T("ticket.detail_reporter", core.Esc(rep.Name), core.Esc(rep.Building), core.Esc(rep.Unit))
	if tk.HideName {
		who += r.T("ticket.detail_hidden")
	}
	return who, nil
}

// maySeeByID applies ticketAccess to a person by id (for notices): false
// for someone the bot does not know.
func (a *Tickets) maySeeByID(tx *storage.Tx, id int64, tk storage.Ticket) (bool, error) {
	m, err := tx.Member(id)
	if core.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	acc, err := a.ticketAccess(tx, a.viewerOf(m), tk)
	return acc != accessNone, err
}
