package commands

import (
	"strings"

	"courtyard/storage"
)

// roleWords maps what staff may type to a role.
var roleWords = map[string]storage.Role{
	"resident": storage.RoleResident, "居民": storage.RoleResident,
	"leader": storage.RoleLeader, "楼栋长": storage.RoleLeader, "楼长": storage.RoleLeader, "单元长": storage.RoleLeader,
	"staff": storage.RoleStaff, "社工": storage.RoleStaff, "工作人员": storage.RoleStaff,
}

// grant: /grant <@user|id> <role> [building...], or as a reply to the
// person's message: /grant <role> [building...].
func (a *App) grant(r *req) error {
	words := strings.Fields(cleanLine(r.args))
	target, words, err := a.target(r, words)
	if err != nil || target == nil {
		return err
	}
	if len(words) == 0 {
		return r.reply(r.t("grant.usage"), nil)
	}
	role, ok := roleWords[strings.ToLower(words[0])]
	if !ok {
		return r.reply(r.t("grant.bad_role", esc(limitRunes(words[0], 32))), nil)
	}
	buildings := words[1:]
	if role == storage.RoleLeader {
		if len(buildings) == 0 {
			return r.reply(r.t("grant.need_building"), nil)
		}
		for _, b := range buildings {
			if !a.buildings[b] {
				return r.reply(r.t("error.unknown_building", esc(limitRunes(b, 32)), esc(strings.Join(a.cfg.Community.Buildings, " "))), nil)
			}
		}
	} else {
		buildings = nil
	}
	return a.setRole(r, *target, role, buildings)
}

// revoke: /revoke <@user|id>, back to resident.
func (a *App) revoke(r *req) error {
	target, _, err := a.target(r, strings.Fields(cleanLine(r.args)))
	if err != nil || target == nil {
		return err
	}
	return a.setRole(r, *target, storage.RoleResident, nil)
}

// target finds the person a role command is about: the first word, or the
// author of the message replied to. It answers the caller itself when the
// person is unknown and returns nil then.
func (a *App) target(r *req, words []string) (*storage.Member, []string, error) {
	switch {
	case r.msg.ReplyToMessage != nil && r.msg.ReplyToMessage.From != nil && (len(words) == 0 || roleWords[strings.ToLower(words[0])] != ""):
		m, err := r.tx.Member(r.msg.ReplyToMessage.From.ID)
		if isNotFound(err) {
			return nil, nil, r.reply(r.t("grant.unknown_user"), nil)
		}
		if err != nil {
			return nil, nil, err
		}
		return &m, words, nil
	case len(words) == 0:
		return nil, nil, r.reply(r.t("grant.usage"), nil)
	}
	m, ok, err := a.findPerson(r, words[0], "grant.usage")
	if !ok {
		return nil, nil, err
	}
	return &m, words[1:], nil
}

// setRole applies a role change after checking who may make it: staff
// manage residents and leaders; only admins manage staff; admins from the
// configuration cannot be changed here; nobody changes their own role.
func (a *App) setRole(r *req, target storage.Member, role storage.Role, buildings []string) error {
	current := a.roleOf(target)
	switch {
	case target.ID == r.me.ID:
		return r.reply(r.t("grant.not_self"), nil)
	case current == storage.RoleAdmin:
		return r.reply(r.t("grant.is_admin"), nil)
	case (role == storage.RoleStaff || current == storage.RoleStaff) && r.role != storage.RoleAdmin:
		if r.private() {
			return r.reply(r.t("grant.staff_by_admin_id", r.me.ID), nil)
		}
		return r.reply(r.t("grant.staff_by_admin"), nil)
	}
	if err := r.tx.SetRole(target.ID, role, buildings, r.me.ID, r.now); err != nil {
		return err
	}
	a.audit(r, roleAction(role), memberTarget(target.ID), map[string]any{"from": current, "to": role, "buildings": buildings})
	lang := a.langOf(target)
	target.Role, target.Leads = role, buildings
	if err := a.grantedMenu(r, target); err != nil {
		return err
	}
	roleName := a.cat.T(lang, "role."+string(role))
	where := ""
	if len(buildings) > 0 {
		where = a.cat.N(lang, "grant.of_buildings", len(buildings), esc(a.listJoin(lang, buildings)))
	}
	if target.Active {
		if err := r.tell(target.ID, a.cat.T(lang, "grant.told", roleName, where), nil); err != nil {
			return err
		}
	}
	where = ""
	if len(buildings) > 0 {
		where = r.n("grant.of_buildings", len(buildings), esc(a.listJoin(r.lang, buildings)))
	}
	return r.reply(r.t("grant.done", esc(target.Name), r.t("role."+string(role)), where), nil)
}

// grantedMenu gives the person the command menu of their new role, when
// they have a private chat with the bot to show it in (else their first
// message there does).
func (a *App) grantedMenu(r *req, target storage.Member) error {
	have, err := r.tx.MenuOf(target.ID)
	if err != nil || (!target.Registered() && have == "") {
		return err
	}
	return a.SyncMenu(r.tx, target, true, r.now)
}
