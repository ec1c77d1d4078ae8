package tickets

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// HandBackAll gives back the tickets the caller is working on, as a
// handback would: their building's leaders are asked to arrange them
// again. It is what a member who asked to be forgotten gives up here.
func (a *Tickets) HandBackAll(r *core.Req) error {
	tks, err := r.Tx.AssignedTickets(r.Me.ID, 1000)
	if err != nil {
		return err
	}
	for _, tk := range tks {
		next, _, err := r.Tx.Transition(tk.ID, storage.ActHandback, r.Me.ID, storage.TransitionOpts{}, r.Now)
		if err != nil {
			return err
		}
		if _, err := a.AlertLeaders(r, next, r.Me.ID, "ticket.again", "—"); err != nil {
			return err
		}
		if err := a.RefreshGroupLine(r, next); err != nil {
			return err
		}
	}
	return nil
}
