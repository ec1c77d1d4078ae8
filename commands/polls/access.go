package polls

import (
	"slices"

	"courtyard/commands/core"
	"courtyard/storage"
)

// askable are the buildings the person may ask a poll of: every one for
// staff, their own for a leader.
func (a *Polls) askable(r *core.Req) []string {
	if r.AtLeast(storage.RoleStaff) {
		return a.Cfg.Community.Buildings
	}
	if r.AtLeast(storage.RoleLeader) {
		return r.Me.Leads
	}
	return nil
}

// voteRefusal is the one rule for who may vote in p: a registered
// resident of one of its buildings, while it is open; "" when they may,
// else the catalog key of why not.
func voteRefusal(m storage.Member, p storage.Poll) string {
	switch {
	case p.State != "open":
		return "poll.closed"
	case !m.Registered():
		return "poll.register_first"
	case len(p.Buildings) > 0 && !slices.Contains(p.Buildings, m.Building):
		return "poll.other_building"
	}
	return ""
}

// voterKey is whose vote a member's press is: their household's (a later
// vote of the household replaces it) or their own.
func voterKey(m storage.Member, p storage.Poll) string {
	if p.Per == storage.PollPerUnit {
		return "u:" + m.Building + "/" + m.Unit
	}
	return "m:" + core.Itoa(m.ID)
}
