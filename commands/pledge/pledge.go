// Package pledge is public pledges (双诺三评): a member pledges concrete
// items for a period staff opened, posts them to the community's group,
// checks them off, writes a self-review; staff comment and residents rate
// each pledge once.
package pledge

import "courtyard/commands/core"

// Pledge is the public pledges capability over the core.
type Pledge struct {
	*core.Core
	items *core.Dialog // making a pledge
	note  *core.Dialog // checking an item off
	text  *core.Dialog // the self-review, staff's comment
}

// New returns public pledges over c.
func New(c *core.Core) *Pledge {
	a := &Pledge{Core: c}
	a.items, a.note, a.text = a.itemsDialog(), a.noteDialog(), a.textDialog()
	return a
}
