package core

import (
	"courtyard/storage"
	"errors"
	"strconv"
	"strings"
)

// MaxUnit is the longest unit (a flat's number) a resident or a household
// of the care list gives, in characters.
const MaxUnit = 16

// Target finds the person a role command is about: the first word, or the
// author of the message replied to. It answers the caller itself when the
// person is unknown and returns nil then.
func (a *Core) Target(r *Req, words []string) (*storage.Member, []string, error) {
	switch {
	case r.Msg.ReplyToMessage != nil && r.Msg.ReplyToMessage.From != nil && (len(words) == 0 || RoleWords[strings.ToLower(words[0])] != ""):
		m, err := r.Tx.Member(r.Msg.ReplyToMessage.From.ID)
		if IsNotFound(err) {
			return nil, nil, r.Reply(r.T("grant.unknown_user"), nil)
		}
		if err != nil {
			return nil, nil, err
		}
		return &m, words, nil
	case len(words) == 0:
		return nil, nil, r.Reply(r.T("grant.usage"), nil)
	}
	m, ok, err := a.FindPerson(r, words[0], "grant.usage")
	if !ok {
		return nil, nil, err
	}
	return &m, words[1:], nil
}

// MemberByUsername finds the one member holding @name. When several do (one
// renamed without writing to the bot since), nobody is picked: the caller is
// shown the candidates' ids and names and asked for the id or a reply, and
// ok is false. A name nobody holds comes back as storage.ErrNotFound.
func (a *Core) MemberByUsername(r *Req, name string) (m storage.Member, ok bool, err error) {
	m, err = r.Tx.MemberByUsername(name)
	var amb *storage.AmbiguousError
	if !errors.As(err, &amb) {
		return m, err == nil, err
	}
	lines := make([]string, 0, len(amb.Candidates))
	for _, c := range amb.Candidates {
		lines = append(lines, r.T("refer.candidate", c.ID, Esc(c.Name)))
	}
	return storage.Member{}, false, r.Reply(r.T("refer.ambiguous", Esc(LimitRunes(name, 40)), strings.Join(lines, "\n")), nil)
}

// FindPerson reads "@username" or a numeric id, answering with the usage
// (usageKey) when it is neither and when nobody has it.
func (a *Core) FindPerson(r *Req, who, usageKey string, args ...any) (storage.Member, bool, error) {
	var m storage.Member
	var err error
	if strings.HasPrefix(who, "@") {
		var ok bool
		if m, ok, err = a.MemberByUsername(r, who); !ok && !IsNotFound(err) {
			return m, false, err
		}
	} else if id, perr := strconv.ParseInt(who, 10, 64); perr == nil && id > 0 {
		m, err = r.Tx.Member(id)
	} else {
		return m, false, r.Reply(r.T(usageKey, args...), nil)
	}
	if IsNotFound(err) {
		return m, false, r.Reply(r.T("grant.unknown_user"), nil)
	}
	return m, err == nil, err
}

// RoleWords maps what staff may type to a role.
var RoleWords = map[string]storage.Role{
	"resident": storage.RoleResident, "居民": storage.RoleResident,
	"leader": storage.RoleLeader, "楼栋长": storage.RoleLeader, "楼长": storage.RoleLeader, "单元长": storage.RoleLeader,
	"staff": storage.RoleStaff, "社工": storage.RoleStaff, "工作人员": storage.RoleStaff,
}
