package commands

import (
	"courtyard/storage"
)

// neighbourCategory is the ticket category whose tickets may move to the
// mediation room.
const neighbourCategory = "neighbours"

// mayMediate: staff and admins, and the members staff named mediators,
// use the mediation room (in private).
func (a *App) mayMediate(r *req) (bool, error) {
	if r.atLeast(storage.RoleStaff) {
		return true, nil
	}
	return r.tx.IsMediator(r.me.ID)
}

// mayReadDispute is the one rule for who may see or change a dispute
// record: only in a private chat, only staff, admins and the record's own
// mediator. A leader or a resident who is not its mediator may not, nor
// may another mediator. Every view and every button asks it again.
func (a *App) mayReadDispute(r *req, d storage.Dispute) bool {
	if !r.private() || r.chat.ID != r.me.ID {
		return false
	}
	return r.atLeast(storage.RoleStaff) || (d.MediatorID != 0 && d.MediatorID == r.me.ID)
}

// mayMoveToMediation: a neighbour-dispute ticket still being worked on may
// be moved to the mediation room by staff and by the building's leaders,
// in private.
func (a *App) mayMoveToMediation(r *req, tk storage.Ticket) bool {
	if !r.private() || tk.Category != neighbourCategory || !tk.State.Active() {
		return false
	}
	return r.atLeast(storage.RoleStaff) || (r.role == storage.RoleLeader && r.me.LeadsBuilding(tk.Building))
}

// inMediation reports whether ticket id was moved to the mediation room.
func (a *App) inMediation(tx *storage.Tx, id int64) (bool, error) {
	_, err := tx.DisputeByTicket(id)
	if isNotFound(err) {
		return false, nil
	}
	return err == nil, err
}

// loadDispute reads dispute id for the person behind r: ok is false (and
// they were answered) when there is none or they may not read it; both
// look the same, so that a forged button learns nothing.
func (a *App) loadDispute(r *req, id int64) (storage.Dispute, bool, error) {
	d, err := r.tx.Dispute(id)
	if err != nil && !isNotFound(err) {
		return d, false, err
	}
	if isNotFound(err) || !a.mayReadDispute(r, d) {
		if r.cb != nil {
			return storage.Dispute{}, false, r.toast(r.t("mediation.not_found"))
		}
		return storage.Dispute{}, false, r.reply(r.t("mediation.not_found"), nil)
	}
	return d, true, nil
}
