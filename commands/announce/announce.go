// Package announce is announcements: a leader or staff writes one to the
// groups, residents, a team or the leaders they may reach, sees exactly what
// recipients will get, sends or pins it, and reads back who received and
// read it.
package announce

import "courtyard/commands/core"

// Announce is the announcements capability over the core.
type Announce struct {
	*core.Core
	flow *core.Dialog
}

// New returns announcements over c.
func New(c *core.Core) *Announce {
	a := &Announce{Core: c}
	a.flow = a.dialog()
	return a
}
