package commands

import (
	"strings"
)

// linkchat links the group it is sent in to a building or the community.
func (a *App) linkchat(r *req) error {
	if r.private() {
		return r.reply(r.t("linkchat.in_group"), nil)
	}
	arg := cleanLine(r.args)
	if arg == "" {
		return r.reply(r.t("linkchat.usage", esc(strings.Join(a.cfg.Community.Buildings, " "))), nil)
	}
	building := arg
	if strings.EqualFold(arg, "community") || arg == "社区" {
		building = ""
	} else if !a.buildings[arg] {
		return r.reply(r.t("error.unknown_building", esc(limitRunes(arg, 32)), esc(strings.Join(a.cfg.Community.Buildings, " "))), nil)
	}
	if err := r.tx.LinkChat(r.chat.ID, building, r.me.ID, r.now); err != nil {
		return err
	}
	// The whole group reads this: the community's language, not the sender's.
	r.lang = a.cfg.Community.Language
	if building == "" {
		return r.reply(r.t("linkchat.done_community", esc(a.cfg.Community.Name)), nil)
	}
	return r.reply(r.t("linkchat.done_building", esc(building)), nil)
}
