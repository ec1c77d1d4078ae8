package people

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// grant: /grant <@user|id> <role> [building...], or as a reply to the
// person's message: /grant <role> [building...]; alone, in private, it
// offers people, roles and buildings as buttons.
func (a *People) grant(r *core.Req) error {
	words := strings.Fields(core.CleanLine(r.Args))
	if len(words) == 0 && r.Private() && (r.Msg == nil || r.Msg.ReplyToMessage == nil) {
		return a.grantFlow.Start(r, nil)
	}
	target, words, err := a.Target(r, words)
	if err != nil || target == nil {
		return err
	}
	if len(words) == 0 {
		return r.Reply(r.T("grant.usage"), nil)
	}
	role, ok := core.RoleWords[strings.ToLower(words[0])]
	if !ok {
		return r.Reply(r.T("grant.bad_role", core.Esc(core.LimitRunes(words[0], 32))), nil)
	}
	buildings := words[1:]
	if role == storage.RoleLeader {
		if len(buildings) == 0 {
			return r.Reply(r.T("grant.need_building"), nil)
		}
		for _, b := range buildings {
			if !a.Buildings[b] {
				return r.Reply(r.T("error.unknown_building", core.Esc(core.LimitRunes(b, 32)), core.Esc(strings.Join(a.Cfg.Community.Buildings, " "))), nil)
			}
		}
	} else {
		buildings = nil
	}
	return a.setRole(r, *target, role, buildings)
}

// revoke: /revoke <@user|id>, back to resident.
func (a *People) revoke(r *core.Req) error {
	target, _, err := a.Target(r, strings.Fields(core.CleanLine(r.Args)))
	if err != nil || target == nil {
		return err
	}
	return a.setRole(r, *target, storage.RoleResident, nil)
}

// setRole applies a role change after checking who may make it: staff
// manage residents and leaders; only admins manage staff; admins from the
// configuration cannot be changed here; nobody changes their own role.
func (a *People) setRole(r *core.Req, target storage.Member, role storage.Role, buildings []string) error {
	current := a.RoleOf(target)
	switch {
	case target.ID == r.Me.ID:
		return r.Reply(r.T("grant.not_self"), nil)
	case current == storage.RoleAdmin:
		return r.Reply(r.T("grant.is_admin"), nil)
	case (role == storage.RoleStaff || current == storage.RoleStaff) && r.Role != storage.RoleAdmin:
		if r.Private() {
			return r.Reply(r.T("grant.staff_by_admin_id", r.Me.ID), nil)
		}
		return r.Reply(r.T("grant.staff_by_admin"), nil)
	}
	if err := r.Tx.SetRole(target.ID, role, buildings, r.Me.ID, r.Now); err != nil {
		return err
	}
	a.Audit(r, core.RoleAction(role), core.MemberTarget(target.ID), map[string]any{"from": current, "to": role, "buildings": buildings})
	lang := a.LangOf(target)
	target.Role, target.Leads = role, buildings
	if err := a.grantedMenu(r, target); err != nil {
		return err
	}
	roleName := a.Cat.T(lang, "role."+string(role))
	where := ""
	if len(buildings) > 0 {
		where = a.Cat.N(lang, "grant.of_buildings", len(buildings), core.Esc(a.ListJoin(lang, buildings)))
	}
	if target.Active {
		if err := r.Tell(target.ID, a.Cat.T(lang, "grant.told", roleName, where), nil); err != nil {
			return err
		}
	}
	where = ""
	if len(buildings) > 0 {
		where = r.N("grant.of_buildings", len(buildings), core.Esc(a.ListJoin(r.Lang, buildings)))
	}
	return r.Reply(r.T("grant.done", core.Esc(target.Name), r.T("role."+string(role)), where), nil)
}

// grantedMenu gives the person the command menu of their new role, when
// they have a private chat with the bot to show it in (else their first
// message there does).
func (a *People) grantedMenu(r *core.Req, target storage.Member) error {
	have, err := r.Tx.MenuOf(target.ID)
	if err != nil || (!target.Registered() && have == "") {
		return err
	}
	return a.SyncMenu(r.Tx, target, true, r.Now)
}
