package commands

import (
	"errors"
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
