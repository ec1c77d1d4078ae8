// Package polls is polls staff ask (and leaders, of their own buildings):
// a question with 2-10 options, one choice or several, to residents in
// private and/or to the buildings' groups with buttons, or as Telegram's
// own poll in the groups; one vote a household or a person, changeable
// until the close; nobody, staff included, sees a count or who voted what
// before it. At the close the results are posted per building and in
// total, with the turnout against the registered households.
package polls

import (
	"courtyard/commands/core"
	"courtyard/schedule"
)

// kindClose closes a poll at its time (key: the poll's id).
const kindClose = "poll.close"

// Polls is the polls capability over the core.
type Polls struct {
	*core.Core
	ask *core.Dialog // a new poll
}

// New returns polls over c.
func New(c *core.Core) *Polls {
	a := &Polls{Core: c}
	a.ask = a.pollDialog()
	return a
}

// CommandRows are polls's rows of the permission table.
func (a *Polls) CommandRows() []core.Command {
	return []core.Command{
		{Name: "poll", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAskPoll}, Menu: core.Listed, Run: a.Poll},
	}
}

// ButtonRows are polls's button rows, the conversation's among them.
func (a *Polls) ButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "po:", Run: a.vote, Verbs: core.Verbs{
			"v": {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeVote},
		}},
		a.ask.Buttons(),
	}
}

// Flows are polls's conversations by name.
func (a *Polls) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{a.ask.Name: a.ask.Continue}
}

// Kinds are polls's kinds of timed work.
func (a *Polls) Kinds() map[string]schedule.Kind {
	return map[string]schedule.Kind{kindClose: {Do: a.closeDue}}
}
