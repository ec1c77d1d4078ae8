package commands

import (
	"errors"
	"strconv"
	"strings"

	"courtyard/storage"
)

// memberByUsername finds the one member holding @name. When several do (one
// renamed without writing to the bot since), nobody is picked: the caller is
// shown the candidates' ids and names and asked for the id or a reply, and
// ok is false. A name nobody holds comes back as storage.ErrNotFound.
func (a *App) memberByUsername(r *req, name string) (m storage.Member, ok bool, err error) {
	m, err = r.tx.MemberByUsername(name)
	var amb *storage.AmbiguousError
	if !errors.As(err, &amb) {
		return m, err == nil, err
	}
	lines := make([]string, 0, len(amb.Candidates))
	for _, c := range amb.Candidates {
		lines = append(lines, r.t("refer.candidate", c.ID, esc(c.Name)))
	}
	return storage.Member{}, false, r.reply(r.t("refer.ambiguous", esc(limitRunes(name, 40)), strings.Join(lines, "\n")), nil)
}

// findPerson reads "@username" or a numeric id, answering with the usage
// (usageKey) when it is neither and when nobody has it.
func (a *App) findPerson(r *req, who, usageKey string, args ...any) (storage.Member, bool, error) {
	var m storage.Member
	var err error
	if strings.HasPrefix(who, "@") {
		var ok bool
		if m, ok, err = a.memberByUsername(r, who); !ok && !isNotFound(err) {
			return m, false, err
		}
	} else if id, perr := strconv.ParseInt(who, 10, 64); perr == nil && id > 0 {
		m, err = r.tx.Member(id)
	} else {
		return m, false, r.reply(r.t(usageKey, args...), nil)
	}
	if isNotFound(err) {
		return m, false, r.reply(r.t("grant.unknown_user"), nil)
	}
	return m, err == nil, err
}
