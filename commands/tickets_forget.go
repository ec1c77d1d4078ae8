package commands

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// handBackAll gives back the tickets the caller is working on, as a
// handback would: their building's leaders are asked to arrange them again.
func (a *App) handBackAll(r *core.Req) error {
	tks, err := r.Tx.AssignedTickets(r.Me.ID, 1000)
	if err != nil {
		return err
	}
	for _, tk := range tks {
		next, _, err := r.Tx.Transition(tk.ID, storage.ActHandback, r.Me.ID, storage.TransitionOpts{}, r.Now)
		if err != nil {
			return err
		}
		if _, err := a.alertLeaders(r, next, r.Me.ID, "ticket.again", "—"); err != nil {
			return err
		}
		if err := a.RefreshGroupLine(r, next); err != nil {
			return err
		}
	}
	return nil
}
