package patrol

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// patrolButton routes the "pt:" buttons. Every press is authorised again
// here, by the same functions the views use.
func (a *Patrol) patrolButton(r *core.Req) error {
	parts := core.ButtonArgs(r.CB.Data, "pt:")
	arg := func(i int) int64 {
		n, _ := parts.Id(i)
		return n
	}
	switch parts[0] {
	case "tl", "ta", "tc", "tp", "tpc", "tr", "trc":
		return a.templateButton(r, parts[0], arg(1))
	}
	sh, err := r.Tx.PatrolShift(arg(1))
	if core.IsNotFound(err) {
		return r.Toast(r.T("patrol.shift_gone"))
	}
	if err != nil {
		return err
	}
	switch parts[0] {
	case "take":
		return a.takeShift(r, sh, 0, false)
	case "takec":
		return a.takeShift(r, sh, 0, true)
	case "tkn":
		return r.Edit(r.T("patrol.not_taken", a.shiftLabel(r.Lang, sh, r.Now)), nil)
	case "swap":
		return a.takeShift(r, sh, arg(2), false)
	case "swapc":
		return a.takeShift(r, sh, arg(2), true)
	case "cant":
		return a.cantMakeIt(r, sh, len(parts) > 2 && parts[2] == "l")
	case "way":
		return a.onMyWay(r, sh)
	case "in":
		return a.checkIn(r, sh)
	case "out":
		return a.checkOut(r, sh)
	case "found":
		return a.foundButton(r, sh, false)
	case "foundu":
		return a.foundButton(r, sh, true)
	case "offer", "offt", "offm":
		return a.offerButton(r, sh, parts[0])
	}
	return r.Toast(r.T("error.stale_button"))
}

// refuseOff answers a press on a shift the caller does not hold.
func (a *Patrol) refuseOff(r *core.Req, sh storage.PatrolShift) (bool, error) {
	on, err := a.isOnShift(r, sh)
	if err != nil || on {
		return false, err
	}
	return true, r.Toast(r.T("patrol.not_on_shift"))
}
