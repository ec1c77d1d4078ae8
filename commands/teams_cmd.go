package commands

import (
	"fmt"
	"strconv"
	"strings"

	"courtyard/storage"
)

const maxTeamName = 32

// team: /team (list), /team new <name>, /team add <name> <@user|id>,
// /team remove <name> <@user|id>. Staff manage teams; a team's lead may
// add and remove its members.
func (a *App) team(r *req) error {
	words := strings.Fields(cleanLine(r.args))
	if len(words) == 0 {
		return a.listTeams(r)
	}
	switch strings.ToLower(words[0]) {
	case "new":
		if !r.atLeast(storage.RoleStaff) {
			return r.reply(r.t("error.forbidden", "/team new"), nil)
		}
		if len(words) != 2 || runeLen(words[1]) > maxTeamName {
			return r.reply(r.t("team.usage", maxTeamName), nil)
		}
		if _, err := r.tx.TeamByName(words[1]); err == nil {
			return r.reply(r.t("team.exists", esc(words[1])), nil)
		} else if !isNotFound(err) {
			return err
		}
		if _, err := r.tx.CreateTeam(words[1], 0, false, r.now); err != nil {
			return err
		}
		return r.reply(r.t("team.created", esc(words[1])), nil)
	case "add", "remove":
		if len(words) != 3 {
			return r.reply(r.t("team.usage", maxTeamName), nil)
		}
		return a.teamMember(r, words[0] == "add", words[1], words[2])
	}
	return r.reply(r.t("team.usage", maxTeamName), nil)
}

func (a *App) teamMember(r *req, add bool, name, who string) error {
	tm, err := r.tx.TeamByName(name)
	if isNotFound(err) {
		return r.reply(r.t("team.unknown", esc(limitRunes(name, maxTeamName))), nil)
	}
	if err != nil {
		return err
	}
	if !r.atLeast(storage.RoleStaff) && tm.LeadID != r.me.ID {
		return r.reply(r.t("error.forbidden", "/team "+map[bool]string{true: "add", false: "remove"}[add]), nil)
	}
	var m storage.Member
	if strings.HasPrefix(who, "@") {
		var ok bool
		if m, ok, err = a.memberByUsername(r, who); !ok && !isNotFound(err) {
			return err
		}
	} else if id, perr := strconv.ParseInt(who, 10, 64); perr == nil {
		m, err = r.tx.Member(id)
	} else {
		return r.reply(r.t("team.usage", maxTeamName), nil)
	}
	if isNotFound(err) {
		return r.reply(r.t("grant.unknown_user"), nil)
	}
	if err != nil {
		return err
	}
	if add {
		if err := r.tx.AddTeamMember(tm.ID, m.ID, r.now); err != nil {
			return err
		}
		if err := a.tellMember(r, m.ID, nil, "team.told_added", esc(tm.Name)); err != nil {
			return err
		}
		return r.reply(r.t("team.added", esc(m.Name), esc(tm.Name)), nil)
	}
	if err := r.tx.RemoveTeamMember(tm.ID, m.ID); isNotFound(err) {
		return r.reply(r.t("team.not_member", esc(m.Name), esc(tm.Name)), nil)
	} else if err != nil {
		return err
	}
	return r.reply(r.t("team.removed", esc(m.Name), esc(tm.Name)), nil)
}

func (a *App) listTeams(r *req) error {
	teams, err := r.tx.Teams()
	if err != nil {
		return err
	}
	if len(teams) == 0 {
		return r.reply(r.t("team.none", maxTeamName), nil)
	}
	var b strings.Builder
	b.WriteString(r.t("team.title") + "\n")
	for _, tm := range teams {
		ids, err := r.tx.TeamMembers(tm.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s · %s\n", esc(tm.Name), r.n("team.count", len(ids)))
	}
	return r.reply(b.String(), nil)
}
