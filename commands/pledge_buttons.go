package commands

import (
	"strconv"

	"courtyard/storage"
	"courtyard/telegram"
)

// pledgeButton routes the pl: buttons. Each is authorised again on the
// press: mayPledge and authorship for one's own pledge, mayManagePledges
// for staff, mayRatePledge for ratings.
func (a *App) pledgeButton(r *req) error {
	parts := buttonArgs(r.cb.Data, "pl:")
	if !r.private() {
		return r.toast(r.t("menu.private_only"))
	}
	switch parts[0] {
	case "pub":
		return a.publishPledge(r)
	case "x":
		return r.endFlowSaying(r.t("pledge.cancelled"))
	case "rk":
		var d pledgeData
		f, ok, err := r.flowFor(flowPledge, &d)
		if !ok || err != nil {
			return err
		}
		if f.Step != "word" {
			return r.toast(r.t("error.stale_button"))
		}
		return a.pledgeWord(r, d, "")
	}
	id, ok := parts.id(1)
	if !ok {
		return r.toast(r.t("error.stale_button"))
	}
	p, err := r.tx.Pledge(id)
	if isNotFound(err) {
		return r.toast(r.t("error.stale_button"))
	}
	if err != nil {
		return err
	}
	per, err := r.tx.PledgePeriod(p.PeriodID)
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
	return r.toast(r.t("error.stale_button"))
}

// pledgeOwnButton: the author checks an item off (pl:d:<id>:<pos>) or
// writes the self-review (pl:sr:<id>).
func (a *App) pledgeOwnButton(r *req, per storage.PledgePeriod, p storage.Pledge, verb, arg string) error {
	ok, err := a.mayPledge(r)
	if err != nil {
		return err
	}
	if !ok || p.MemberID != r.me.ID {
		return r.toast(r.t("pledge.not_yours"))
	}
	if per.State == storage.PledgeClosed {
		return r.toast(r.t("pledge.period_closed"))
	}
	force := telegram.ForceReply{ForceReply: true}
	if verb == "sr" {
		if per.State != storage.PledgeReview {
			return r.toast(r.t("error.stale_button"))
		}
		if err := r.setFlow(flowPledge, "review", pledgeData{Pledge: p.ID}); err != nil {
			return err
		}
		if err := r.toast(""); err != nil {
			return err
		}
		return r.reply(r.t("pledge.ask_review_text", maxPledgeReview), force)
	}
	pos, err := strconv.Atoi(arg)
	if err != nil || pos < 1 || pos > len(p.Items) {
		return r.toast(r.t("error.stale_button"))
	}
	if !p.Items[pos-1].DoneAt.IsZero() {
		return r.toast(r.t("pledge.item_done_already", pos))
	}
	if err := r.setFlow(flowPledge, "note", pledgeData{Pledge: p.ID, Pos: pos}); err != nil {
		return err
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return r.reply(r.t("pledge.ask_note", pos, esc(p.Items[pos-1].Text), maxPledgeNote), force)
}

// pledgeNote takes the note (text, or a photo with a caption) that checks
// an item off.
func (a *App) pledgeNote(r *req, d pledgeData) error {
	p, err := r.tx.Pledge(d.Pledge)
	if err != nil {
		return r.tx.EndFlow(r.me.ID)
	}
	if ok, err := a.mayPledge(r); err != nil || !ok || p.MemberID != r.me.ID {
		if err := r.tx.EndFlow(r.me.ID); err != nil {
			return err
		}
		return r.reply(r.t("pledge.not_yours"), nil)
	}
	note := cleanText(r.text)
	photo := largestPhoto(r)
	if note == "" {
		return r.reply(r.t("pledge.ask_note_again", maxPledgeNote), telegram.ForceReply{ForceReply: true})
	}
	if n := runeLen(note); n > maxPledgeNote {
		return r.reply(r.t("pledge.note_too_long", n, maxPledgeNote), telegram.ForceReply{ForceReply: true})
	}
	done, err := r.tx.CheckPledgeItem(p.ID, d.Pos, note, photo, r.now)
	if err != nil {
		return err
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	if !done {
		return r.reply(r.t("pledge.item_done_already", d.Pos), nil)
	}
	p.Items[d.Pos-1].DoneAt = r.now
	return r.reply(r.t("pledge.item_checked", d.Pos, p.Done(), len(p.Items)), nil)
}

// askPledgeComment: staff comment on a pledge once its period ended.
func (a *App) askPledgeComment(r *req, per storage.PledgePeriod, p storage.Pledge) error {
	if !mayManagePledges(r) {
		return r.toast(r.t("pledge.staff_only"))
	}
	if per.State != storage.PledgeReview {
		return r.toast(r.t("pledge.comment_when"))
	}
	if err := r.setFlow(flowPledge, "comment", pledgeData{Pledge: p.ID}); err != nil {
		return err
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return r.reply(r.t("pledge.ask_comment", esc(a.nameOf(r, p.MemberID)), maxPledgeComment), telegram.ForceReply{ForceReply: true})
}

// pledgeReviewText takes the self-review (the author) or the comment (staff).
func (a *App) pledgeReviewText(r *req, step string, d pledgeData) error {
	p, err := r.tx.Pledge(d.Pledge)
	if err != nil {
		return r.tx.EndFlow(r.me.ID)
	}
	per, err := r.tx.PledgePeriod(p.PeriodID)
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
		allowed, limit = ok && p.MemberID == r.me.ID, maxPledgeReview
	}
	if !allowed || per.State != storage.PledgeReview {
		if err := r.tx.EndFlow(r.me.ID); err != nil {
			return err
		}
		return r.reply(r.t("pledge.comment_when"), nil)
	}
	text := cleanText(r.text)
	if text == "" || runeLen(text) > limit {
		return r.reply(r.t("pledge.text_length", runeLen(text), limit), telegram.ForceReply{ForceReply: true})
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	if step == "review" {
		if err := r.tx.SetPledgeReview(p.ID, text, r.now); err != nil {
			return err
		}
		return r.reply(r.t("pledge.review_saved", a.when(per.ReviewUntil)), nil)
	}
	if err := r.tx.SetPledgeComment(p.ID, text, r.me.ID, r.now); err != nil {
		return err
	}
	a.audit(r, "pledge.comment", memberTarget(p.MemberID), map[string]int64{"pledge": p.ID})
	if err := a.tellMember(r, p.MemberID, nil, "pledge.told_comment", esc(per.Name), esc(text)); err != nil {
		return err
	}
	return r.reply(r.t("pledge.comment_saved", esc(a.nameOf(r, p.MemberID))), nil)
}
