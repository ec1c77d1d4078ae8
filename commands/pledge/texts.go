package pledge

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// The check-off: a note (text, or a photo with a caption) on item "pos"
// of pledge "pledge".
func (a *Pledge) noteDialog() *core.Dialog {
	return &core.Dialog{
		Name: "pl_note",
		Steps: []core.Step{
			core.TextStep{Name: "note", Label: "pledge.note", Ask: a.askNote, Parse: func(r *core.Req, _ core.Values, text string) (any, string) {
				switch n := core.RuneLen(text); {
				case n == 0:
					return nil, r.T("pledge.ask_note_again", maxPledgeNote)
				case n > maxPledgeNote:
					return nil, r.T("pledge.note_too_long", n, maxPledgeNote)
				}
				return text, ""
			}},
		},
		Done: a.pledgeNote,
	}
}

// The self-review (kind "review", by the author) or staff's comment
// ("comment") on pledge "pledge".
func (a *Pledge) textDialog() *core.Dialog {
	return &core.Dialog{
		Name: "pl_text",
		Steps: []core.Step{
			core.TextStep{Name: "text", Label: "pledge.text", Ask: a.askText, Parse: func(r *core.Req, v core.Values, text string) (any, string) {
				limit := textLimit(v)
				if n := core.RuneLen(text); n == 0 || n > limit {
					return nil, r.T("pledge.text_length", n, limit)
				}
				return text, ""
			}},
		},
		Done: a.pledgeReviewText,
	}
}

func textLimit(v core.Values) int {
	if v.String("kind") == "review" {
		return maxPledgeReview
	}
	return maxPledgeComment
}

// dialogPledge is the pledge a dialog is about; ok false when it is gone.
func dialogPledge(r *core.Req, v core.Values) (storage.Pledge, bool) {
	var id int64
	v.Get("pledge", &id)
	p, err := r.Tx.Pledge(id)
	return p, err == nil
}

func (a *Pledge) askNote(r *core.Req, v core.Values) string {
	p, _ := dialogPledge(r, v)
	var pos int
	v.Get("pos", &pos)
	item := ""
	if pos >= 1 && pos <= len(p.Items) {
		item = p.Items[pos-1].Text
	}
	return r.T("pledge.ask_note", pos, core.Esc(item), maxPledgeNote)
}

func (a *Pledge) askText(r *core.Req, v core.Values) string {
	if v.String("kind") == "review" {
		return r.T("pledge.ask_review_text", maxPledgeReview)
	}
	p, _ := dialogPledge(r, v)
	return r.T("pledge.ask_comment", core.Esc(a.NameOf(r, p.MemberID)), maxPledgeComment)
}

// pledgeNote checks the item off with the note (and the photo it came
// with), once authorship is checked again.
func (a *Pledge) pledgeNote(r *core.Req, v core.Values) error {
	p, ok := dialogPledge(r, v)
	if !ok {
		return r.Reply(r.T("error.stale_button"), nil)
	}
	if ok, err := a.mayPledge(r); err != nil || !ok || p.MemberID != r.Me.ID {
		if err != nil {
			return err
		}
		return r.Reply(r.T("pledge.not_yours"), nil)
	}
	var pos int
	v.Get("pos", &pos)
	if pos < 1 || pos > len(p.Items) {
		return r.Reply(r.T("error.stale_button"), nil)
	}
	done, err := r.Tx.CheckPledgeItem(p.ID, pos, v.String("note"), core.LargestPhoto(r), r.Now)
	if err != nil {
		return err
	}
	if !done {
		return r.Reply(r.T("pledge.item_done_already", pos), nil)
	}
	p.Items[pos-1].DoneAt = r.Now
	return r.Reply(r.T("pledge.item_checked", pos, p.Done(), len(p.Items)), nil)
}

// pledgeReviewText stores the self-review (the author) or the comment
// (staff), once who may write it and the period are checked again.
func (a *Pledge) pledgeReviewText(r *core.Req, v core.Values) error {
	p, ok := dialogPledge(r, v)
	if !ok {
		return r.Reply(r.T("error.stale_button"), nil)
	}
	per, err := r.Tx.PledgePeriod(p.PeriodID)
	if err != nil {
		return err
	}
	review := v.String("kind") == "review"
	allowed := mayManagePledges(r)
	if review {
		ok, err := a.mayPledge(r)
		if err != nil {
			return err
		}
		allowed = ok && p.MemberID == r.Me.ID
	}
	if !allowed || per.State != storage.PledgeReview {
		return r.Reply(r.T("pledge.comment_when"), nil)
	}
	text := v.String("text")
	if review {
		if err := r.Tx.SetPledgeReview(p.ID, text, r.Now); err != nil {
			return err
		}
		return r.Reply(r.T("pledge.review_saved", a.WhenIn(r.Lang, per.ReviewUntil)), nil)
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
