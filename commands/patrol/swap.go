package patrol

import (
	"encoding/json"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// FlowPatrolOffer is the conversation that asks whom a shift is offered to.
const FlowPatrolOffer = "patrol_offer"

// offerButton: a member on a shift offers it to the team ("offt") or to
// one named member ("offm", who is asked for next). They stay on it until
// someone takes it; whoever takes it first gets it.
func (a *Patrol) offerButton(r *core.Req, sh storage.PatrolShift, op string) error {
	if off, err := a.refuseOff(r, sh); off || err != nil {
		return err
	}
	if !r.Now.Before(sh.Start) {
		return r.Toast(r.T("patrol.started_cant"))
	}
	switch op {
	case "offer":
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Reply(r.T("patrol.offer_to", a.shiftLabel(r.Lang, sh, r.Now)), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: r.T("patrol.btn.offer_team"), CallbackData: "pt:offt:" + core.Itoa(sh.ID)},
			{Text: r.T("patrol.btn.offer_one"), CallbackData: "pt:offm:" + core.Itoa(sh.ID)}}}})
	case "offm":
		if err := r.SetFlow(FlowPatrolOffer, "who", map[string]int64{"shift": sh.ID}); err != nil {
			return err
		}
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Reply(r.T("patrol.offer_who"), telegram.ForceReply{ForceReply: true, InputFieldPlaceholder: "@username"})
	}
	if _, err := r.Tx.OfferSlot(sh.ID, r.Me.ID, 0, r.Now); err != nil {
		return err
	}
	ids, err := r.Tx.TeamMemberIDs(sh.TeamID)
	if err != nil {
		return err
	}
	ds, err := r.Tx.ShiftDuty(sh.ID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if id == r.Me.ID || onDuty(ds, id) {
			continue
		}
		if err := a.tellOffer(r, sh, id, "patrol.offer_msg"); err != nil {
			return err
		}
	}
	return r.Edit(r.T("patrol.offered_team", a.shiftLabel(r.Lang, sh, r.Now)), nil)
}

// tellOffer sends person id the caller's offer of sh with a Take button;
// key says whether the whole team or only this person was asked.
func (a *Patrol) tellOffer(r *core.Req, sh storage.PatrolShift, id int64, key string) error {
	return a.personMsg(r.Tx, id, r.Now, func(lang string) (string, any) {
		return a.Cat.T(lang, key, core.Esc(r.Me.Name), a.shiftLabel(lang, sh, r.Now)),
			telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.Cat.T(lang, "patrol.btn.take"),
				CallbackData: "pt:swap:" + core.Itoa(sh.ID) + ":" + core.Itoa(r.Me.ID)}}}}
	})
}

// offerText takes the member a shift is offered to.
func (a *Patrol) offerText(r *core.Req, f storage.Flow) error {
	var d struct {
		Shift int64 `json:"shift"`
	}
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		return r.Tx.EndFlow(r.Me.ID)
	}
	sh, err := r.Tx.PatrolShift(d.Shift)
	if core.IsNotFound(err) {
		return r.Tx.EndFlow(r.Me.ID)
	}
	if err != nil {
		return err
	}
	if on, err := a.isOnShift(r, sh); err != nil || !on || !r.Now.Before(sh.Start) {
		if err == nil {
			err = r.Tx.EndFlow(r.Me.ID)
		}
		if err != nil {
			return err
		}
		return r.Reply(r.T("patrol.not_on_shift"), nil)
	}
	m, ok, err := a.FindPerson(r, strings.TrimSpace(r.Text), "patrol.offer_who")
	if !ok || err != nil {
		return err
	}
	in, err := r.Tx.InTeam(sh.TeamID, m.ID)
	if err != nil {
		return err
	}
	if !in || m.ID == r.Me.ID {
		return r.Reply(r.T("patrol.offer_not_team", core.Esc(m.Name), core.Esc(sh.Team)), telegram.ForceReply{ForceReply: true})
	}
	if _, err := r.Tx.OfferSlot(sh.ID, r.Me.ID, m.ID, r.Now); err != nil {
		return err
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	if err := a.tellOffer(r, sh, m.ID, "patrol.offer_msg_one"); err != nil {
		return err
	}
	return r.Reply(r.T("patrol.offered_one", a.shiftLabel(r.Lang, sh, r.Now), core.Esc(m.Name)), nil)
}
