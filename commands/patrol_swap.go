package commands

import (
	"encoding/json"
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

const flowPatrolOffer = "patrol_offer"

// offerButton: a member on a shift offers it to the team ("offt") or to
// one named member ("offm", who is asked for next). They stay on it until
// someone takes it; whoever takes it first gets it.
func (a *App) offerButton(r *req, sh storage.PatrolShift, op string) error {
	if off, err := a.refuseOff(r, sh); off || err != nil {
		return err
	}
	if !r.now.Before(sh.Start) {
		return r.toast(r.t("patrol.started_cant"))
	}
	switch op {
	case "offer":
		if err := r.toast(""); err != nil {
			return err
		}
		return r.reply(r.t("patrol.offer_to", a.shiftLabel(r.lang, sh, r.now)), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: r.t("patrol.btn.offer_team"), CallbackData: "pt:offt:" + itoa(sh.ID)},
			{Text: r.t("patrol.btn.offer_one"), CallbackData: "pt:offm:" + itoa(sh.ID)}}}})
	case "offm":
		if err := r.setFlow(flowPatrolOffer, "who", map[string]int64{"shift": sh.ID}); err != nil {
			return err
		}
		if err := r.toast(""); err != nil {
			return err
		}
		return r.reply(r.t("patrol.offer_who"), telegram.ForceReply{ForceReply: true, InputFieldPlaceholder: "@username"})
	}
	if _, err := r.tx.OfferSlot(sh.ID, r.me.ID, 0, r.now); err != nil {
		return err
	}
	ids, err := r.tx.TeamMemberIDs(sh.TeamID)
	if err != nil {
		return err
	}
	ds, err := r.tx.ShiftDuty(sh.ID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if id == r.me.ID || onDuty(ds, id) {
			continue
		}
		if err := a.tellOffer(r, sh, id); err != nil {
			return err
		}
	}
	return r.edit(r.t("patrol.offered_team", a.shiftLabel(r.lang, sh, r.now)), nil)
}

// tellOffer sends person id the caller's offer of sh with a Take button.
func (a *App) tellOffer(r *req, sh storage.PatrolShift, id int64) error {
	return a.personMsg(r.tx, id, r.now, func(lang string) (string, any) {
		return a.cat.T(lang, "patrol.offer_msg", esc(r.me.Name), a.shiftLabel(lang, sh, r.now)),
			telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.cat.T(lang, "patrol.btn.take"),
				CallbackData: "pt:swap:" + itoa(sh.ID) + ":" + itoa(r.me.ID)}}}}
	})
}

// offerText takes the member a shift is offered to.
func (a *App) offerText(r *req, f storage.Flow) error {
	var d struct {
		Shift int64 `json:"shift"`
	}
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		return r.tx.EndFlow(r.me.ID)
	}
	sh, err := r.tx.PatrolShift(d.Shift)
	if isNotFound(err) {
		return r.tx.EndFlow(r.me.ID)
	}
	if err != nil {
		return err
	}
	if on, err := a.isOnShift(r, sh); err != nil || !on || !r.now.Before(sh.Start) {
		if err == nil {
			err = r.tx.EndFlow(r.me.ID)
		}
		if err != nil {
			return err
		}
		return r.reply(r.t("patrol.not_on_shift"), nil)
	}
	m, ok, err := a.findPerson(r, strings.TrimSpace(r.text), "patrol.offer_who")
	if !ok || err != nil {
		return err
	}
	in, err := r.tx.InTeam(sh.TeamID, m.ID)
	if err != nil {
		return err
	}
	if !in || m.ID == r.me.ID {
		return r.reply(r.t("patrol.offer_not_team", esc(m.Name), esc(sh.Team)), telegram.ForceReply{ForceReply: true})
	}
	if _, err := r.tx.OfferSlot(sh.ID, r.me.ID, m.ID, r.now); err != nil {
		return err
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	if err := a.tellOffer(r, sh, m.ID); err != nil {
		return err
	}
	return r.reply(r.t("patrol.offered_one", a.shiftLabel(r.lang, sh, r.now), esc(m.Name)), nil)
}
