package pledge

import (
	"strconv"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// pledgeButton routes the pl: buttons. Each is authorised again on the
// press: mayPledge and authorship for one's own pledge, mayManagePledges
// for staff, mayRatePledge for ratings.
func (a *Pledge) pledgeButton(r *core.Req) error {
	parts := core.ButtonArgs(r.CB.Data, "pl:")
	if !r.Private() {
		return r.Toast(r.T("menu.private_only"))
	}
	switch parts[0] {
	case "pub":
		return a.publishPledge(r)
	case "x":
		return r.EndFlowSaying(r.T("pledge.cancelled"))
	case "rk":
		var d pledgeData
		f, ok, err := r.FlowFor(flowPledge, &d)
		if !ok || err != nil {
			return err
		}
		if f.Step != "word" {
			return r.Toast(r.T("error.stale_button"))
		}
		return a.pledgeWord(r, d, "")
	}
	id, ok := parts.Id(1)
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	p, err := r.Tx.Pledge(id)
	if core.IsNotFound(err) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	per, err := r.Tx.PledgePeriod(p.PeriodID)
	if err != nil {
		return err
	}
	arg := ""
	if len(parts) > 2 {
		arg = parts[2]
	}
	switch parts[0] {
	case "d", "sr":
		return a.pledgeOwnButton(r, per, p, parts[0], arg)
	case "v":
		return a.showPledge(r, per, p)
	case "c":
		return a.askPledgeComment(r, per, p)
	case "r", "rv":
		return a.ratePledgeButton(r, per, p, parts[0], arg)
	}
	return r.Toast(r.T("error.stale_button"))
}

// pledgeOwnButton: the author checks an item off (pl:d:<id>:<pos>) or
// writes the self-review (pl:sr:<id>).
func (a *Pledge) pledgeOwnButton(r *core.Req, per storage.PledgePeriod, p storage.Pledge, verb, arg string) error {
	ok, err := a.mayPledge(r)
	if err != nil {
		return err
	}
	if !ok || p.MemberID != r.Me.ID {
		return r.Toast(r.T("pledge.not_yours"))
	}
	if per.State == storage.PledgeClosed {
		return r.Toast(r.T("pledge.period_closed"))
	}
	force := telegram.ForceReply{ForceReply: true}
	if verb == "sr" {
		if per.State != storage.PledgeReview {
			return r.Toast(r.T("error.stale_button"))
		}
		if err := r.SetFlow(flowPledge, "review", pledgeData{Pledge: p.ID}); err != nil {
			return err
		}
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Reply(r.T("pledge.ask_review_text", maxPledgeReview), force)
	}
	pos, err := strconv.Atoi(arg)
	if err != nil || pos < 1 || pos > len(p.Items) {
		return r.Toast(r.T("error.stale_button"))
	}
	if !p.Items[pos-1].DoneAt.IsZero() {
		return r.Toast(r.T("pledge.item_done_already", pos))
	}
	if err := r.SetFlow(flowPledge, "note", pledgeData{Pledge: p.ID, Pos: pos}); err != nil {
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Reply(r.T("pledge.ask_note", pos, core.Esc(p.Items[pos-1].Text), maxPledgeNote), force)
}

// pledgeNote takes the note (text, or a photo with a caption) that checks
// an item off.
func (a *Pledge) pledgeNote(r *core.Req, d pledgeData) error {
	p, err := r.Tx.Pledge(d.Pledge)
	if err != nil {
		return r.Tx.EndFlow(r.Me.ID)
	}
	if ok, err := a.mayPledge(r); err != nil || !ok || p.MemberID != r.Me.ID {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("pledge.not_yours"), nil)
	}
	note := core.CleanText(r.Text)
	photo := core.LargestPhoto(r)
	if note == "" {
		return r.Reply(r.T("pledge.ask_note_again", maxPledgeNote), telegram.ForceReply{ForceReply: true})
	}
	if n := core.RuneLen(note); n > maxPledgeNote {
		return r.Reply(r.T("pledge.note_too_long", n, maxPledgeNote), telegram.ForceReply{ForceReply: true})
	}
	done, err := r.Tx.CheckPledgeItem(p.ID, d.Pos, note, photo, r.Now)
	if err != nil {
		return err
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	if !done {
		return r.Reply(r.T("pledge.item_done_already", d.Pos), nil)
	}
	p.Items[d.Pos-1].DoneAt = r.Now
	return r.Reply(r.T("pledge.item_checked", d.Pos, p.Done(), len(p.Items)), nil)
}

// askPledgeComment: staff comment on a pledge once its period ended.
func (a *Pledge) askPledgeComment(r *core.Req, per storage.PledgePeriod, p storage.Pledge) error {
	if !mayManagePledges(r) {
		return r.Toast(r.T("pledge.staff_only"))
	}
	if per.State != storage.PledgeReview {
		return r.Toast(r.T("pledge.comment_when"))
	}
	if err := r.SetFlow(flowPledge, "comment", pledgeData{Pledge: p.ID}); err != nil {
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Reply(r.T("pledge.ask_comment", core.Esc(a.NameOf(r, p.MemberID)), maxPledgeComment), telegram.ForceReply{ForceReply: true})
}

// pledgeReviewText takes the self-review (the author) or the comment (staff).
func (a *Pledge) pledgeReviewText(r *core.Req, step string, d pledgeData) error {
	p, err := r.Tx.Pledge(d.Pledge)
	if err != nil {
		return r.Tx.EndFlow(r.Me.ID)
	}
	per, err := r.Tx.PledgePeriod(p.PeriodID)
	if err != nil {
		return err
	}
	allowed := mayManagePledges(r)
	limit := maxPledgeComment
	if step == "review" {
		ok, err := a.mayPledge(r)
		if err != nil {
			return err
		}
		allowed, limit = ok && p.MemberID == r.Me.ID, maxPledgeReview
	}
	if !allowed || per.State != storage.PledgeReview {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("pledge.comment_when"), nil)
	}
	text := core.CleanText(r.Text)
	if text == "" || core.RuneLen(text) > limit {
		return r.Reply(r.T("pledge.text_length", core.RuneLen(text), limit), telegram.ForceReply{ForceReply: true})
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	if step == "review" {
		if err := r.Tx.SetPledgeReview(p.ID, text, r.Now); err != nil {
			return err
		}
		return r.Reply(r.T("pledge.review_saved", a.When(per.ReviewUntil)), nil)
	}
	if err := r.Tx.SetPledgeComment(p.ID, text, r.Me.ID, r.Now); err != nil {
		return err
	}
	a.Audit(r, "pledge.comment", core.MemberTarget(p.MemberID), map[string]int64{"pledge": p.ID})
	if err := a.TellMember(r, p.MemberID, nil, "pledge.told_comment", core.Esc(per.Name), core.Esc(text)); err != nil {
		return err
	}
	return r.Reply(r.T("pledge.comment_saved", core.Esc(a.NameOf(r, p.MemberID))), nil)
}
