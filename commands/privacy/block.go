package privacy

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/when"
)

// mayBlock is the one rule for blocking: staff and admins may block and
// unblock anyone but staff, admins and themselves.
func (a *Privacy) mayBlock(r *core.Req, target storage.Member) string {
	switch {
	case !r.AtLeast(storage.RoleStaff):
		return "block.forbidden"
	case target.ID == r.Me.ID:
		return "block.not_self"
	case a.RoleOf(target).Rank() >= storage.RoleStaff.Rank():
		return "block.not_staff"
	}
	return ""
}

// blockCmd: /block <@user|id> <reason>, or as a reply: /block <reason>.
func (a *Privacy) blockCmd(r *core.Req) error {
	words := strings.Fields(core.CleanLine(r.Args))
	if len(words) == 0 && (r.Msg.ReplyToMessage == nil || r.Msg.ReplyToMessage.From == nil) {
		return r.Reply(r.T("block.usage"), nil)
	}
	target, rest, err := a.blockTarget(r, words)
	if err != nil || target == nil {
		return err
	}
	if key := a.mayBlock(r, *target); key != "" {
		return r.Reply(r.T(key), nil)
	}
	reason := core.LimitRunes(strings.Join(rest, " "), 200)
	if reason == "" {
		return r.Reply(r.T("block.need_reason"), nil)
	}
	added, err := r.Tx.BlockMember(target.ID, r.Me.ID, reason, r.Now)
	if err != nil {
		return err
	}
	if !added {
		return r.Reply(r.T("block.already", core.Esc(target.Name), target.ID), nil)
	}
	a.Audit(r, "block", core.MemberTarget(target.ID), map[string]string{"reason": reason})
	return r.Reply(r.T("block.done", core.Esc(target.Name), target.ID), nil)
}

// unblockCmd: /unblock <@user|id>.
func (a *Privacy) unblockCmd(r *core.Req) error {
	words := strings.Fields(core.CleanLine(r.Args))
	if len(words) == 0 {
		return r.Reply(r.T("block.unblock_usage"), nil)
	}
	target, _, err := a.blockTarget(r, words)
	if err != nil || target == nil {
		return err
	}
	if key := a.mayBlock(r, *target); key != "" {
		return r.Reply(r.T(key), nil)
	}
	lifted, err := r.Tx.UnblockMember(target.ID)
	if err != nil {
		return err
	}
	if !lifted {
		return r.Reply(r.T("block.not_blocked", core.Esc(target.Name), target.ID), nil)
	}
	a.Audit(r, "unblock", core.MemberTarget(target.ID), nil)
	return r.Reply(r.T("block.lifted", core.Esc(target.Name), target.ID), nil)
}

// blockedCmd: /blocked lists who the bot ignores.
func (a *Privacy) blockedCmd(r *core.Req) error {
	list, err := r.Tx.Blocks()
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return r.Reply(r.T("block.none"), nil)
	}
	var b strings.Builder
	b.WriteString(r.T("block.title", len(list)) + "\n")
	for _, bl := range list {
		b.WriteString(r.T("block.line", core.Esc(core.LimitRunes(bl.Name, 32)), bl.MemberID, when.DescribeDate(bl.At, r.Lang, r.Now, a.Loc), core.Esc(bl.Reason)) + "\n")
	}
	return r.Reply(strings.TrimSpace(b.String()), nil)
}

// blockTarget finds who /block and /unblock are about: @user, an id, or
// the author of the message replied to. It answers when nobody is found.
func (a *Privacy) blockTarget(r *core.Req, words []string) (*storage.Member, []string, error) {
	var m storage.Member
	var err error
	switch {
	case len(words) > 0 && strings.HasPrefix(words[0], "@"):
		var ok bool
		m, ok, err = a.MemberByUsername(r, words[0])
		if err == nil && !ok {
			return nil, nil, nil // told: several hold it
		}
		words = words[1:]
	case len(words) > 0 && isDigits(words[0]):
		id, ok := core.IdArg(words[0])
		if !ok {
			return nil, nil, r.Reply(r.T("block.usage"), nil)
		}
		m, err = r.Tx.Member(id)
		words = words[1:]
	case r.Msg.ReplyToMessage != nil && r.Msg.ReplyToMessage.From != nil:
		m, err = r.Tx.Member(r.Msg.ReplyToMessage.From.ID)
	default:
		return nil, nil, r.Reply(r.T("block.usage"), nil)
	}
	if core.IsNotFound(err) || (err == nil && m.Forgotten) {
		return nil, nil, r.Reply(r.T("grant.unknown_user"), nil)
	}
	if err != nil {
		return nil, nil, err
	}
	return &m, words, nil
}
