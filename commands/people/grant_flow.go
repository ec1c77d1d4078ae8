package people

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// The button path of /grant: the person (residents by building, paged,
// or found by name, unit, @username or id), the role, the buildings of a
// leader, then a confirm. setRole checks it all again.
func (a *People) grantDialog() *core.Dialog {
	return &core.Dialog{
		Name: "grant",
		Min:  storage.RoleStaff,
		Steps: []core.Step{
			core.PersonStep{Name: "who", Label: "grant.who", Ask: core.Say("grant.ask_who"), People: a.grantable, Show: a.showPerson},
			core.ChoiceStep{Name: "role", Label: "grant.role", Ask: a.askRole, Options: a.roleOptions},
			core.OnlyIf(func(v core.Values) bool { return v.String("role") == string(storage.RoleLeader) },
				core.PicksStep{Name: "buildings", Label: "grant.buildings", Ask: a.askBuildings, Options: a.buildings}),
			core.ConfirmStep{Name: "ok", Summary: a.grantSummary},
		},
		Done: a.grantDone,
	}
}

// grantable are the people whose role the caller may change: the
// registered residents and the role holders, not the caller, not the
// administrators of the configuration, and staff only for an
// administrator; by building and unit.
func (a *People) grantable(r *core.Req, _ core.Values) ([]storage.Member, error) {
	seen := map[int64]bool{}
	var out []storage.Member
	add := func(ms []storage.Member, err error) error {
		for _, m := range ms {
			role := a.RoleOf(m)
			if seen[m.ID] || m.ID == r.Me.ID || role == storage.RoleAdmin || (role == storage.RoleStaff && r.Role != storage.RoleAdmin) {
				continue
			}
			seen[m.ID] = true
			out = append(out, m)
		}
		return err
	}
	if err := add(r.Tx.Residents()); err != nil {
		return nil, err
	}
	if err := add(r.Tx.MembersWithRole(storage.RoleLeader)); err != nil {
		return nil, err
	}
	if err := add(r.Tx.MembersWithRole(storage.RoleStaff)); err != nil {
		return nil, err
	}
	a.SortByHome(out, "")
	return out, nil
}

// showPerson is a name with the home and a role other than resident's.
func (a *People) showPerson(r *core.Req, m storage.Member) string {
	parts := []string{m.Name}
	if m.Name == "" {
		parts[0] = "#" + core.Itoa(m.ID)
	}
	if m.Building != "" {
		parts = append(parts, m.Building+"-"+m.Unit)
	}
	if role := a.RoleOf(m); role != storage.RoleResident {
		parts = append(parts, r.T("role."+string(role)))
	}
	return strings.Join(parts, " · ")
}

// grantTarget is the person chosen.
func grantTarget(r *core.Req, v core.Values) (storage.Member, error) {
	return r.Tx.Member(v.Int("who"))
}

func (a *People) askRole(r *core.Req, v core.Values) string {
	m, _ := grantTarget(r, v)
	return r.T("grant.ask_role", core.Esc(m.Name), r.T("role."+string(a.RoleOf(m)))+a.leadsOf(r, m))
}

// leadsOf names the buildings m leads, "" for none.
func (a *People) leadsOf(r *core.Req, m storage.Member) string {
	if a.RoleOf(m) != storage.RoleLeader || len(m.Leads) == 0 {
		return ""
	}
	return r.N("grant.of_buildings", len(m.Leads), core.Esc(r.ListJoin(m.Leads)))
}

// roleOptions are the roles the caller may give: staff only by an
// administrator.
func (a *People) roleOptions(r *core.Req, _ core.Values) []core.Option {
	roles := []storage.Role{storage.RoleResident, storage.RoleLeader}
	if r.Role == storage.RoleAdmin {
		roles = append(roles, storage.RoleStaff)
	}
	var out []core.Option
	for _, role := range roles {
		var words []string
		for w, ro := range core.RoleWords {
			if ro == role {
				words = append(words, w)
			}
		}
		out = append(out, a.Option(string(role), "role."+string(role), words...))
	}
	return out
}

func (a *People) askBuildings(r *core.Req, v core.Values) string {
	m, _ := grantTarget(r, v)
	return r.T("grant.ask_buildings", core.Esc(m.Name)+a.leadsOf(r, m))
}

// buildings are the community's buildings as a choice.
func (a *People) buildings(*core.Req, core.Values) []core.Option { return a.BuildingOptions() }

// grantChoice is the role and buildings chosen.
func grantChoice(v core.Values) (storage.Role, []string) {
	role := storage.Role(v.String("role"))
	var buildings []string
	if role == storage.RoleLeader {
		v.Get("buildings", &buildings)
	}
	return role, buildings
}

func (a *People) grantSummary(r *core.Req, v core.Values) string {
	m, _ := grantTarget(r, v)
	role, buildings := grantChoice(v)
	where := ""
	if len(buildings) > 0 {
		where = r.N("grant.of_buildings", len(buildings), core.Esc(r.ListJoin(buildings)))
	}
	return r.T("grant.confirm", core.Esc(m.Name), r.T("role."+string(role)), where)
}

// grantDone gives the role, as /grant does.
func (a *People) grantDone(r *core.Req, v core.Values) error {
	m, err := grantTarget(r, v)
	if core.IsNotFound(err) {
		return r.Reply(r.T("grant.unknown_user"), nil)
	}
	if err != nil {
		return err
	}
	role, buildings := grantChoice(v)
	return a.setRole(r, m, role, buildings)
}
