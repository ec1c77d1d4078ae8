package pledge

import (
	"strconv"

	"courtyard/commands/core"
	"courtyard/storage"
)

// pledgeButton routes the pl: buttons. The table's checks run before it
// (authorship, mayManagePledges, mayRatePledge); each handler checks the
// period's state again.
func (a *Pledge) pledgeButton(r *core.Req) error {
	parts := core.ButtonArgs(r.CB.Data, "pl:")
	if !r.Private() {
		return r.Toast(r.T("menu.private_only"))
	}
	if parts[0] == "rk" {
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
	p, per, ok, err := pledgeArg(r, parts)
	if !ok || err != nil {
		if err == nil {
			return r.Toast(r.T("error.stale_button"))
		}
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

// pledgeArg reads the pledge a button names, and its period; ok is false
// when there is none.
func pledgeArg(r *core.Req, parts core.BtnArgs) (storage.Pledge, storage.PledgePeriod, bool, error) {
	id, ok := parts.Id(1)
	if !ok {
		return storage.Pledge{}, storage.PledgePeriod{}, false, nil
	}
	p, err := r.Tx.Pledge(id)
	if core.IsNotFound(err) {
		return p, storage.PledgePeriod{}, false, nil
	}
	if err != nil {
		return p, storage.PledgePeriod{}, false, err
	}
	per, err := r.Tx.PledgePeriod(p.PeriodID)
	return p, per, err == nil, err
}

// pledgeOwnButton: the author checks an item off (pl:d:<id>:<pos>) or
// writes the self-review (pl:sr:<id>).
func (a *Pledge) pledgeOwnButton(r *core.Req, per storage.PledgePeriod, p storage.Pledge, verb, arg string) error {
	if per.State == storage.PledgeClosed {
		return r.Toast(r.T("pledge.period_closed"))
	}
	if verb == "sr" {
		if per.State != storage.PledgeReview {
			return r.Toast(r.T("error.stale_button"))
		}
		return a.startText(r, p, "review")
	}
	pos, err := strconv.Atoi(arg)
	if err != nil || pos < 1 || pos > len(p.Items) {
		return r.Toast(r.T("error.stale_button"))
	}
	if !p.Items[pos-1].DoneAt.IsZero() {
		return r.Toast(r.T("pledge.item_done_already", pos))
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	seed := core.Values{}
	if err := seed.Set("pledge", p.ID); err != nil {
		return err
	}
	if err := seed.Set("pos", pos); err != nil {
		return err
	}
	return a.note.Start(r, seed)
}

// askPledgeComment: staff comment on a pledge once its period ended.
func (a *Pledge) askPledgeComment(r *core.Req, per storage.PledgePeriod, p storage.Pledge) error {
	if per.State != storage.PledgeReview {
		return r.Toast(r.T("pledge.comment_when"))
	}
	return a.startText(r, p, "comment")
}

// startText starts the self-review or the comment on p.
func (a *Pledge) startText(r *core.Req, p storage.Pledge, kind string) error {
	if err := r.Toast(""); err != nil {
		return err
	}
	seed := core.Values{}
	if err := seed.Set("pledge", p.ID); err != nil {
		return err
	}
	if err := seed.Set("kind", kind); err != nil {
		return err
	}
	return a.text.Start(r, seed)
}
