package commands

import (
	"strings"

	"courtyard/storage"
)

// mayBlock is the one rule for blocking: staff and admins may block and
// unblock anyone but staff, admins and themselves.
func (a *App) mayBlock(r *req, target storage.Member) string {
	switch {
	case !r.atLeast(storage.RoleStaff):
		return "block.forbidden"
	case target.ID == r.me.ID:
		return "block.not_self"
	case a.roleOf(target).Rank() >= storage.RoleStaff.Rank():
		return "block.not_staff"
	}
	return ""
}

// blockCmd: /block <@user|id> <reason>, or as a reply: /block <reason>.
func (a *App) blockCmd(r *req) error {
	words := strings.Fields(cleanLine(r.args))
	if len(words) == 0 && (r.msg.ReplyToMessage == nil || r.msg.ReplyToMessage.From == nil) {
		return r.reply(r.t("block.usage"), nil)
	}
	target, rest, err := a.blockTarget(r, words)
	if err != nil || target == nil {
		return err
	}
	if key := a.mayBlock(r, *target); key != "" {
		return r.reply(r.t(key), nil)
	}
	reason := limitRunes(strings.Join(rest, " "), 200)
	if reason == "" {
		return r.reply(r.t("block.need_reason"), nil)
	}
	added, err := r.tx.BlockMember(target.ID, r.me.ID, reason, r.now)
	if err != nil {
		return err
	}
	if !added {
		return r.reply(r.t("block.already", esc(target.Name), target.ID), nil)
	}
	a.audit(r, "block", memberTarget(target.ID), map[string]string{"reason": reason})
	return r.reply(r.t("block.done", esc(target.Name), target.ID), nil)
}

// unblockCmd: /unblock <@user|id>.
func (a *App) unblockCmd(r *req) error {
	words := strings.Fields(cleanLine(r.args))
	if len(words) == 0 {
		return r.reply(r.t("block.unblock_usage"), nil)
	}
	target, _, err := a.blockTarget(r, words)
	if err != nil || target == nil {
		return err
	}
	if key := a.mayBlock(r, *target); key != "" {
		return r.reply(r.t(key), nil)
	}
	lifted, err := r.tx.UnblockMember(target.ID)
	if err != nil {
		return err
	}
	if !lifted {
		return r.reply(r.t("block.not_blocked", esc(target.Name), target.ID), nil)
	}
	a.audit(r, "unblock", memberTarget(target.ID), nil)
	return r.reply(r.t("block.lifted", esc(target.Name), target.ID), nil)
}

// blockedCmd: /blocked lists who the bot ignores.
func (a *App) blockedCmd(r *req) error {
	list, err := r.tx.Blocks()
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return r.reply(r.t("block.none"), nil)
	}
	var b strings.Builder
	b.WriteString(r.t("block.title", len(list)) + "\n")
	for _, bl := range list {
		b.WriteString(r.t("block.line", esc(limitRunes(bl.Name, 32)), bl.MemberID, bl.At.In(a.loc).Format("2006-01-02"), esc(bl.Reason)) + "\n")
	}
	return r.reply(strings.TrimSpace(b.String()), nil)
}

// blockTarget finds who /block and /unblock are about: @user, an id, or
// the author of the message replied to. It answers when nobody is found.
func (a *App) blockTarget(r *req, words []string) (*storage.Member, []string, error) {
	var m storage.Member
	var err error
	switch {
	case len(words) > 0 && strings.HasPrefix(words[0], "@"):
		var ok bool
		m, ok, err = a.memberByUsername(r, words[0])
		if err == nil && !ok {
			return nil, nil, nil // told: several hold it
		}
		words = words[1:]
	case len(words) > 0 && isDigits(words[0]):
		id, ok := idArg(words[0])
		if !ok {
			return nil, nil, r.reply(r.t("block.usage"), nil)
		}
		m, err = r.tx.Member(id)
		words = words[1:]
	case r.msg.ReplyToMessage != nil && r.msg.ReplyToMessage.From != nil:
		m, err = r.tx.Member(r.msg.ReplyToMessage.From.ID)
	default:
		return nil, nil, r.reply(r.t("block.usage"), nil)
	}
	if isNotFound(err) || (err == nil && m.Forgotten) {
		return nil, nil, r.reply(r.t("grant.unknown_user"), nil)
	}
	if err != nil {
		return nil, nil, err
	}
	return &m, words, nil
}
