package patrol

import (
	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// takeShift puts the caller on sh: an open slot, or (from != 0) the place
// from offers. Holding an overlapping shift asks to confirm first.
func (a *Patrol) takeShift(r *core.Req, sh storage.PatrolShift, from int64, confirmed bool) error {
	if why, err := a.mayTakeShift(r, sh); err != nil || why != "" {
		if err != nil {
			return err
		}
		return r.Toast(r.T(why))
	}
	if !confirmed {
		held, err := r.Tx.MemberShifts(r.Me.ID, sh.Start, sh.End)
		if err != nil {
			return err
		}
		if len(held) > 0 {
			data := "pt:takec:" + core.Itoa(sh.ID)
			if from != 0 {
				data = "pt:swapc:" + core.Itoa(sh.ID) + ":" + core.Itoa(from)
			}
			if err := r.Toast(""); err != nil {
				return err
			}
			return r.Reply(r.T("patrol.overlap", a.shiftLabel(r.Lang, held[0], r.Now), a.shiftLabel(r.Lang, sh, r.Now)),
				telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.T("patrol.btn.take_anyway"), CallbackData: data}}}})
		}
		if asked, err := a.askOverlap(r, sh, from); err != nil || asked {
			return err
		}
	}
	var ok bool
	var err error
	if from != 0 {
		ok, err = r.Tx.SwapSlot(sh.ID, from, r.Me.ID, r.Now)
	} else {
		ok, err = r.Tx.TakeSlot(sh.ID, r.Me.ID, "take", r.Now)
	}
	if err != nil {
		return err
	}
	if !ok {
		if from != 0 {
			return r.Toast(r.T("patrol.offer_gone"))
		}
		return r.Toast(r.T("patrol.full"))
	}
	if err := r.Toast(r.T("patrol.taken_toast")); err != nil {
		return err
	}
	if r.Msg != nil && (confirmed || buttonCount(r) == 1) {
		// The ask was for this shift alone: its buttons go (a list keeps its others).
		if err := r.Edit(core.Esc(r.Msg.Text), nil); err != nil {
			return err
		}
	}
	kb := a.heldKeyboard(r.Lang, sh.ID)
	if !r.Now.Before(sh.Start.Add(-a.Cfg.Patrol.RemindBefore)) {
		kb = a.soonKeyboard(r.Lang, sh.ID) // its reminder is past: the buttons come now
	}
	if err := r.Reply(r.T("patrol.you_took", a.shiftLabel(r.Lang, sh, r.Now)), kb); err != nil {
		return err
	}
	if from != 0 {
		return a.tellPerson(r.Tx, from, r.Now, nil, "patrol.swapped_away", core.Esc(r.Me.Name), a.shiftLabelFor(r, from, sh))
	}
	return nil
}

// askOverlap asks, when sh's time intersects something else the caller
// has committed to (a volunteer job, a meeting), whether to take it
// anyway; true when it asked.
func (a *Patrol) askOverlap(r *core.Req, sh storage.PatrolShift, from int64) (bool, error) {
	if a.agenda == nil {
		return false, nil
	}
	other, err := a.agenda.Overlaps(r.Tx, r.Lang, r.Me.ID, sh.Start, sh.End, r.Now)
	if err != nil || len(other) == 0 {
		return false, err
	}
	data := "pt:takec:" + core.Itoa(sh.ID)
	if from != 0 {
		data = "pt:swapc:" + core.Itoa(sh.ID) + ":" + core.Itoa(from)
	}
	if err := r.Toast(""); err != nil {
		return true, err
	}
	return true, r.Reply(r.T("patrol.overlap_other", other[0], a.shiftLabel(r.Lang, sh, r.Now)),
		telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			r.AnswerButton(core.AnswerYes, data), r.AnswerButton(core.AnswerNo, "pt:tkn:"+core.Itoa(sh.ID))}}})
}

// shiftLabelFor is sh's label in person id's language.
func (a *Patrol) shiftLabelFor(r *core.Req, id int64, sh storage.PatrolShift) string {
	lang := a.Cfg.Community.Language
	if m, err := r.Tx.Member(id); err == nil {
		lang = a.LangOf(m)
	}
	return a.shiftLabel(lang, sh, r.Now)
}

// cantMakeIt frees the caller's slot before the start and tells the team
// at once. Pressed on the /shifts list, the list stays, brought up to
// date under what was done.
func (a *Patrol) cantMakeIt(r *core.Req, sh storage.PatrolShift, fromList bool) error {
	if off, err := a.refuseOff(r, sh); off || err != nil {
		return err
	}
	if !r.Now.Before(sh.Start) {
		return r.Toast(r.T("patrol.started_cant"))
	}
	if _, err := r.Tx.LeaveSlot(sh.ID, r.Me.ID, storage.DutyDropped, r.Now); err != nil {
		return err
	}
	said := r.T("patrol.dropped", a.shiftLabel(r.Lang, sh, r.Now))
	var kb any
	if fromList {
		text, k, err := a.shiftsView(r, said)
		if err != nil {
			return err
		}
		said, kb = text, k
	}
	if err := r.Edit(said, kb); err != nil {
		return err
	}
	sh.Taken--
	return a.TellTeamNeed(r.Tx, sh, r.Me.ID, r.Now)
}

// onMyWay records that the caller is coming.
func (a *Patrol) onMyWay(r *core.Req, sh storage.PatrolShift) error {
	if off, err := a.refuseOff(r, sh); off || err != nil {
		return err
	}
	if !r.Now.Before(sh.End) {
		return r.Toast(r.T("patrol.shift_over"))
	}
	if _, err := r.Tx.MarkDuty(sh.ID, r.Me.ID, "on_way_at", r.Now); err != nil {
		return err
	}
	return r.Toast(r.T("patrol.way_toast"))
}

// buttonCount is how many buttons the pressed message has.
func buttonCount(r *core.Req) int {
	if r.Msg == nil || r.Msg.ReplyMarkup == nil {
		return 0
	}
	n := 0
	for _, row := range r.Msg.ReplyMarkup.InlineKeyboard {
		n += len(row)
	}
	return n
}
