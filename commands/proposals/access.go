package proposals

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// mayManage is the one rule for who may merge, decline and give an outcome
// to proposal p: staff, and for a building's proposal that building's
// leaders.
func mayManage(r *core.Req, p storage.Proposal) bool {
	if r.AtLeast(storage.RoleStaff) {
		return true
	}
	return p.Building != "" && r.AtLeast(storage.RoleLeader) && r.Me.LeadsBuilding(p.Building)
}

// supportRefusal is the one rule for who may support proposal p: a
// registered resident it concerns (of its building, or anyone for the
// whole community), while it gathers support; "" when they may, else the
// catalog key of why not.
func supportRefusal(m storage.Member, p storage.Proposal) string {
	switch {
	case !gathering(p):
		return "pp.closed"
	case !m.Registered():
		return "pp.register_first"
	case p.Building != "" && m.Building != p.Building:
		return "pp.other_building"
	}
	return ""
}

// mayView is who may read the proposals list and a proposal's page:
// anyone registered, and staff.
func mayView(r *core.Req) bool {
	return r.Me.Registered() || r.AtLeast(storage.RoleStaff)
}

// nameShown reports whether the reader of r sees p's proposer's name: when
// the proposer showed it, to the proposer, and to those who manage it.
func nameShown(r *core.Req, p storage.Proposal) bool {
	return !p.HideName || r.Me.ID == p.MemberID || mayManage(r, p)
}

// viewCheck is mayView as the table's check.
func viewCheck(r *core.Req) (bool, error) {
	if mayView(r) {
		return true, nil
	}
	if r.CB != nil {
		return false, r.Toast(r.T("pp.register_first"))
	}
	return false, r.Reply(r.T("pp.register_first"), nil)
}

// manageCheck is mayManage on the proposal a button names, as the table's
// check; a proposal that is not there is left to the handler.
func manageCheck(r *core.Req) (bool, error) {
	p, ok, err := pressed(r)
	if !ok || err != nil {
		return err == nil, err
	}
	if mayManage(r, p) {
		return true, nil
	}
	return false, r.Toast(r.T("pp.not_manager"))
}

// pressed reads the proposal a button's data names ("pp:<verb>:<id>...");
// ok is false when it is not there (the press is then not answered).
func pressed(r *core.Req) (storage.Proposal, bool, error) {
	args := core.ButtonArgs(r.CB.Data, "pp:")
	id, ok := core.IdArg(args.Arg(1))
	if !ok {
		return storage.Proposal{}, false, nil
	}
	p, err := r.Tx.Proposal(id)
	if core.IsNotFound(err) {
		return p, false, nil
	}
	return p, err == nil, err
}

// gathering reports whether p still gathers support: open, on an agenda,
// or postponed.
func gathering(p storage.Proposal) bool {
	return p.State == storage.ProposalOpen || p.State == storage.ProposalAgenda || p.State == storage.ProposalPostponed
}
