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
	if unlinkWords[strings.ToLower(arg)] {
		return a.unlinkchat(r)
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

// unlinkWords are what /linkchat takes to unlink a group.
var unlinkWords = map[string]bool{"off": true, "none": true, "取消": true, "解除": true}

// unlinkchat: /linkchat off. The group no longer gets a building's tickets
// and notices, and one-line reports are no longer filed there.
func (a *App) unlinkchat(r *req) error {
	was, err := r.tx.UnlinkChat(r.chat.ID)
	if err != nil {
		return err
	}
	r.lang = a.cfg.Community.Language // the whole group reads it
	if !was {
		return r.reply(r.t("linkchat.not_linked"), nil)
	}
	return r.reply(r.t("linkchat.unlinked"), nil)
}

// unlinkedGroupReport refuses "/report text" in a group no one linked: a
// ticket filed there would reach no building's leader, and its group line
// would go to a chat nobody chose for it.
func (a *App) unlinkedGroupReport(r *req, kind string) error {
	r.lang = a.cfg.Community.Language
	return r.reply(r.t("report.group_not_linked"), a.linkKeyboard(r, kind))
}
