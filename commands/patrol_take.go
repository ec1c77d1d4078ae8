package commands

import (
	"courtyard/storage"
	"courtyard/telegram"
)

// takeShift puts the caller on sh: an open slot, or (from != 0) the place
// from offers. Holding an overlapping shift asks to confirm first.
func (a *App) takeShift(r *req, sh storage.PatrolShift, from int64, confirmed bool) error {
	if why, err := a.mayTakeShift(r, sh); err != nil || why != "" {
		if err != nil {
			return err
		}
		return r.toast(r.t(why))
	}
	if !confirmed {
		held, err := r.tx.MemberShifts(r.me.ID, sh.Start, sh.End)
		if err != nil {
			return err
		}
		if len(held) > 0 {
			data := "pt:takec:" + itoa(sh.ID)
			if from != 0 {
				data = "pt:swapc:" + itoa(sh.ID) + ":" + itoa(from)
			}
			if err := r.toast(""); err != nil {
				return err
			}
			return r.reply(r.t("patrol.overlap", a.shiftLabel(r.lang, held[0], r.now), a.shiftLabel(r.lang, sh, r.now)),
				telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.t("patrol.btn.take_anyway"), CallbackData: data}}}})
		}
	}
	var ok bool
	var err error
	if from != 0 {
		ok, err = r.tx.SwapSlot(sh.ID, from, r.me.ID, r.now)
	} else {
		ok, err = r.tx.TakeSlot(sh.ID, r.me.ID, "take", r.now)
	}
	if err != nil {
		return err
	}
	if !ok {
		if from != 0 {
			return r.toast(r.t("patrol.offer_gone"))
		}
		return r.toast(r.t("patrol.full"))
	}
	if err := r.toast(r.t("patrol.taken_toast")); err != nil {
		return err
	}
	if r.msg != nil && buttonCount(r) == 1 {
		// The ask was for this shift alone: its button goes (a list keeps its others).
		if err := r.edit(esc(r.msg.Text), nil); err != nil {
			return err
		}
	}
	kb := a.heldKeyboard(r.lang, sh.ID)
	if !r.now.Before(sh.Start.Add(-a.cfg.Patrol.RemindBefore)) {
		kb = a.soonKeyboard(r.lang, sh.ID) // its reminder is past: the buttons come now
	}
	if err := r.reply(r.t("patrol.you_took", a.shiftLabel(r.lang, sh, r.now)), kb); err != nil {
		return err
	}
	if from != 0 {
		return a.tellPerson(r.tx, from, r.now, nil, "patrol.swapped_away", esc(r.me.Name), a.shiftLabelFor(r, from, sh))
	}
	return nil
}

// shiftLabelFor is sh's label in person id's language.
func (a *App) shiftLabelFor(r *req, id int64, sh storage.PatrolShift) string {
	lang := a.cfg.Community.Language
	if m, err := r.tx.Member(id); err == nil {
		lang = a.langOf(m)
	}
	return a.shiftLabel(lang, sh, r.now)
}

// cantMakeIt frees the caller's slot before the start and tells the team
// at once.
func (a *App) cantMakeIt(r *req, sh storage.PatrolShift) error {
	if off, err := a.refuseOff(r, sh); off || err != nil {
		return err
	}
	if !r.now.Before(sh.Start) {
		return r.toast(r.t("patrol.started_cant"))
	}
	if _, err := r.tx.LeaveSlot(sh.ID, r.me.ID, storage.DutyDropped, r.now); err != nil {
		return err
	}
	if err := r.edit(r.t("patrol.dropped", a.shiftLabel(r.lang, sh, r.now)), nil); err != nil {
		return err
	}
	sh.Taken--
	return a.tellTeamNeed(r.tx, sh, r.me.ID, r.now)
}

// onMyWay records that the caller is coming.
func (a *App) onMyWay(r *req, sh storage.PatrolShift) error {
	if off, err := a.refuseOff(r, sh); off || err != nil {
		return err
	}
	if !r.now.Before(sh.End) {
		return r.toast(r.t("patrol.shift_over"))
	}
	if _, err := r.tx.MarkDuty(sh.ID, r.me.ID, "on_way_at", r.now); err != nil {
		return err
	}
	return r.toast(r.t("patrol.way_toast"))
}

// buttonCount is how many buttons the pressed message has.
func buttonCount(r *req) int {
	if r.msg == nil || r.msg.ReplyMarkup == nil {
		return 0
	}
	n := 0
	for _, row := range r.msg.ReplyMarkup.InlineKeyboard {
		n += len(row)
	}
	return n
}
