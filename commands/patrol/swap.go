package patrol

import (
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
		seed := core.Values{}
		if err := seed.Set("shift", sh.ID); err != nil {
			return err
		}
		return a.offer.Start(r, seed)
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

// offerDialog asks whom a shift is offered to: the team's other members
// as buttons (or a name, @username or id typed); choosing one offers it.
func (a *Patrol) offerDialog() *core.Dialog {
	return &core.Dialog{Name: FlowPatrolOffer, Steps: []core.Step{
		core.PersonStep{Name: "who", Label: "patrol.step.who", Ask: a.askOfferWho, People: a.offerPeople},
	}, Done: a.offerDone}
}

func (a *Patrol) askOfferWho(r *core.Req, v core.Values) string {
	sh, err := r.Tx.PatrolShift(v.Int("shift"))
	if err != nil {
		return r.T("patrol.offer_who", "#"+core.Itoa(v.Int("shift")))
	}
	return r.T("patrol.offer_who", a.shiftLabel(r.Lang, sh, r.Now))
}

// offerPeople are the members of the shift's team not on it.
func (a *Patrol) offerPeople(r *core.Req, v core.Values) ([]storage.Member, error) {
	sh, err := r.Tx.PatrolShift(v.Int("shift"))
	if core.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ms, err := r.Tx.TeamMembers(sh.TeamID)
	if err != nil {
		return nil, err
	}
	ds, err := r.Tx.ShiftDuty(sh.ID)
	if err != nil {
		return nil, err
	}
	var out []storage.Member
	for _, m := range ms {
		if m.ID != r.Me.ID && !onDuty(ds, m.ID) {
			out = append(out, m)
		}
	}
	return out, nil
}

// offerDone offers the shift to the member chosen, if the caller still
// holds it and it has not started.
func (a *Patrol) offerDone(r *core.Req, v core.Values) error {
	sh, err := r.Tx.PatrolShift(v.Int("shift"))
	if core.IsNotFound(err) {
		return r.Reply(r.T("patrol.shift_gone"), nil)
	}
	if err != nil {
		return err
	}
	if on, err := a.isOnShift(r, sh); err != nil || !on || !r.Now.Before(sh.Start) {
		if err != nil {
			return err
		}
		return r.Reply(r.T("patrol.not_on_shift"), nil)
	}
	m, err := r.Tx.Member(v.Int("who"))
	if err != nil {
		return err
	}
	if _, err := r.Tx.OfferSlot(sh.ID, r.Me.ID, m.ID, r.Now); err != nil {
		return err
	}
	if err := a.tellOffer(r, sh, m.ID, "patrol.offer_msg_one"); err != nil {
		return err
	}
	return r.Reply(r.T("patrol.offered_one", a.shiftLabel(r.Lang, sh, r.Now), core.Esc(m.Name)), nil)
}
