package pledge

import (
	"courtyard/commands/core"
	"courtyard/schedule"
)

// CommandRows are pledge's rows of the permission table.
func (a *Pledge) CommandRows() []core.Command {
	return []core.Command{
		{Name: "pledge", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.Pledge},
		{Name: "pledges", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge}, Menu: core.Listed, Run: a.Pledges},
	}
}

// ButtonRows are pledge's button rows, the conversations' among them.
func (a *Pledge) ButtonRows() []core.Buttons {
	author := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge, Check: a.authorCheck}
	rate := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeRatePledge, Check: a.rateCheck}
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"pledges": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge, Run: core.MenuPress(a.Pledges)},
		}},
		{Prefix: "pl:", Run: a.pledgeButton, Private: "menu.private_only", Verbs: core.Verbs{
			"rk": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"d":  author, "sr": author,
			"v": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeNone},
			"c": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeManagePledges, Check: manageCheck},
			"r": rate, "rv": rate,
		}},
		a.items.Buttons(),
		a.note.Buttons(),
		a.text.Buttons(),
	}
}

// authorCheck is mayPledge and authorship of the pledge a button names,
// as the table's check; it says itself why not. A pledge that is not
// there is left to the handler, which answers that the button is stale.
func (a *Pledge) authorCheck(r *core.Req) (bool, error) {
	p, _, ok, err := pledgeArg(r, core.ButtonArgs(r.CB.Data, "pl:"))
	if !ok || err != nil {
		return err == nil, err
	}
	may, err := a.mayPledge(r)
	if err != nil || (may && p.MemberID == r.Me.ID) {
		return err == nil, err
	}
	return false, r.Toast(r.T("pledge.not_yours"))
}

// manageCheck is mayManagePledges as the table's check.
func manageCheck(r *core.Req) (bool, error) {
	if mayManagePledges(r) {
		return true, nil
	}
	return false, r.Toast(r.T("pledge.staff_only"))
}

// rateCheck is mayRatePledge on the pledge a button names, as the
// table's check; it says itself why not.
func (a *Pledge) rateCheck(r *core.Req) (bool, error) {
	p, per, ok, err := pledgeArg(r, core.ButtonArgs(r.CB.Data, "pl:"))
	if !ok || err != nil {
		return err == nil, err
	}
	refuse, err := a.mayRatePledge(r, p, per)
	if err != nil || refuse == "" {
		return err == nil, err
	}
	return false, r.Toast(refuse)
}

// Flows are pledge's conversations by name.
func (a *Pledge) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		flowPledge:   a.pledgeText,
		a.items.Name: a.items.Continue,
		a.note.Name:  a.note.Continue,
		a.text.Name:  a.text.Continue,
	}
}

// Kinds are pledge's kinds of timed work.
func (a *Pledge) Kinds() map[string]schedule.Kind {
	return map[string]schedule.Kind{
		kindPledgeRated: {Do: a.pledgeRatingClose},
	}
}
