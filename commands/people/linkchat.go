package people

import (
	"courtyard/commands/core"
	"strings"
)

// linkchat links the group it is sent in to a building or the community.
func (a *People) linkchat(r *core.Req) error {
	if r.Private() {
		return r.Reply(r.T("linkchat.in_group"), nil)
	}
	arg := core.CleanLine(r.Args)
	if arg == "" {
		return r.Reply(r.T("linkchat.usage", core.Esc(strings.Join(a.Cfg.Community.Buildings, " "))), nil)
	}
	if unlinkWords[strings.ToLower(arg)] {
		return a.unlinkchat(r)
	}
	building := arg
	if strings.EqualFold(arg, "community") || arg == "社区" {
		building = ""
	} else if !a.Buildings[arg] {
		return r.Reply(r.T("error.unknown_building", core.Esc(core.LimitRunes(arg, 32)), core.Esc(strings.Join(a.Cfg.Community.Buildings, " "))), nil)
	}
	if err := r.Tx.LinkChat(r.Chat.ID, building, r.Me.ID, r.Now); err != nil {
		return err
	}
	// The whole group reads this: the community's language, not the sender's.
	r.Lang = a.Cfg.Community.Language
	if building == "" {
		return r.Reply(r.T("linkchat.done_community", core.Esc(a.Cfg.Community.Name)), nil)
	}
	return r.Reply(r.T("linkchat.done_building", core.Esc(building)), nil)
}

// unlinkWords are what /linkchat takes to unlink a group.
var unlinkWords = map[string]bool{"off": true, "none": true, "取消": true, "解除": true}

// unlinkchat: /linkchat off. The group no longer gets a building's tickets
// and notices, and one-line reports are no longer filed there.
func (a *People) unlinkchat(r *core.Req) error {
	was, err := r.Tx.UnlinkChat(r.Chat.ID)
	if err != nil {
		return err
	}
	r.Lang = a.Cfg.Community.Language // the whole group reads it
	if !was {
		return r.Reply(r.T("linkchat.not_linked"), nil)
	}
	return r.Reply(r.T("linkchat.unlinked"), nil)
}

// UnlinkedGroupReport refuses "/report text" in a group no one linked: a
// ticket filed there would reach no building's leader, and its group line
// would go to a chat nobody chose for it.
func (a *People) UnlinkedGroupReport(r *core.Req, kind string) error {
	r.Lang = a.Cfg.Community.Language
	return r.Reply(r.T("report.group_not_linked"), a.LinkKeyboard(r, kind))
}
