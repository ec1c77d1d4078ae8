// Package stars is the community's monthly stars: staff open a round,
// residents nominate with a reason, staff shortlist, residents vote, and
// the results go to the audience staff chose and stay in /stars history.
package stars

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// Audience is who a round's opening and results reach (announcements'
// audiences).
type Audience interface {
	Recipients(r *core.Req, ann storage.Announcement) ([]core.Recipient, error)
}

// Stars is the monthly stars capability over the core.
type Stars struct {
	*core.Core
	audience Audience
	open     *core.Dialog // staff open a round
	nominate *core.Dialog // a resident nominates
}

// New returns monthly stars over c, reaching their audience through aud.
func New(c *core.Core, aud Audience) *Stars {
	a := &Stars{Core: c, audience: aud}
	a.open, a.nominate = a.openDialog(), a.nominateDialog()
	return a
}
