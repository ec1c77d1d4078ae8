package proposals

import (
	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// mergeAsk offers the proposals a duplicate may be merged into: the other
// ones gathering support for the same building or the whole community.
func (a *Proposals) mergeAsk(r *core.Req) error {
	dup, ok, err := pressed(r)
	if err != nil || !ok || !mergeable(dup) {
		if err == nil {
			err = r.Toast(r.T("error.stale_button"))
		}
		return err
	}
	all, err := r.Tx.OpenProposals()
	if err != nil {
		return err
	}
	var rows [][]telegram.Button
	for _, p := range all {
		if p.ID == dup.ID || p.Building != dup.Building || !gathering(p) {
			continue
		}
		rows = append(rows, []telegram.Button{{Text: core.LimitRunes("#"+core.Itoa(p.ID)+" "+p.Title, 40),
			CallbackData: "pp:mi:" + core.Itoa(dup.ID) + ":" + core.Itoa(p.ID)}})
	}
	if len(rows) == 0 {
		return r.Toast(r.T("pp.merge_none"))
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Reply(r.T("pp.merge_ask", dup.ID), telegram.Keyboard{InlineKeyboard: rows})
}

// mergeable reports whether a proposal may still be merged into another.
func mergeable(p storage.Proposal) bool {
	return p.State == storage.ProposalOpen || p.State == storage.ProposalPostponed
}

// mergeInto merges the duplicate into the one pressed: supports combined,
// each person once; the duplicate's proposer and supporters are told.
func (a *Proposals) mergeInto(r *core.Req) error {
	dup, ok, err := pressed(r)
	if err != nil || !ok {
		if err == nil {
			err = r.Toast(r.T("error.stale_button"))
		}
		return err
	}
	intoID, _ := core.IdArg(core.ButtonArgs(r.CB.Data, "pp:").Arg(2))
	into, err := r.Tx.Proposal(intoID)
	if core.IsNotFound(err) || (err == nil && (into.ID == dup.ID || into.Building != dup.Building || !gathering(into))) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	if !mayManage(r, into) {
		return r.Toast(r.T("pp.not_manager"))
	}
	done, err := r.Tx.MergeProposal(dup.ID, into.ID, r.Now)
	if err != nil {
		return err
	}
	if !done {
		return r.Toast(r.T("error.stale_button"))
	}
	for _, id := range []int64{dup.ID, into.ID} {
		if err := a.refresh(r, id); err != nil {
			return err
		}
	}
	if err := a.tellAll(r, dup, "pp.told_merged", dup.ID, core.Esc(dup.Title), into.ID, core.Esc(into.Title)); err != nil {
		return err
	}
	merged, err := r.Tx.Proposal(into.ID)
	if err != nil {
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Edit(r.T("pp.merged", dup.ID, into.ID, r.N("pp.count", merged.Supports)), nil)
}

// declineDialog asks why a proposal is declined, then declines it.
func (a *Proposals) declineDialog() *core.Dialog {
	return &core.Dialog{
		Name: "pp_decline",
		Min:  storage.RoleLeader,
		Steps: []core.Step{
			core.TextStep{Name: "reason", Label: "pp.step.reason", Ask: a.askReason, Parse: readReason},
		},
		Done: a.declined,
	}
}

func (a *Proposals) askReason(r *core.Req, v core.Values) string {
	return r.T("pp.ask_decline", v.Int("id"), maxReason)
}

const maxReason = 300

func readReason(r *core.Req, _ core.Values, text string) (any, string) {
	switch {
	case text == "":
		return nil, r.T("pp.reason_needed", maxReason)
	case core.RuneLen(text) > maxReason:
		return nil, r.T("pp.too_long", core.RuneLen(text), maxReason)
	}
	return text, ""
}

// declineAsk starts the decline's question.
func (a *Proposals) declineAsk(r *core.Req) error {
	p, ok, err := pressed(r)
	if err != nil || !ok || !mergeable(p) {
		if err == nil {
			err = r.Toast(r.T("error.stale_button"))
		}
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	seed := core.Values{}
	if err := seed.Set("id", p.ID); err != nil {
		return err
	}
	return a.decline.Start(r, seed)
}

// declined declines the proposal, asking the rule again, and tells its
// proposer and supporters why.
func (a *Proposals) declined(r *core.Req, v core.Values) error {
	p, err := r.Tx.Proposal(v.Int("id"))
	if core.IsNotFound(err) {
		return r.Reply(r.T("error.stale_button"), nil)
	}
	if err != nil {
		return err
	}
	if !mayManage(r, p) {
		return r.Reply(r.T("pp.not_manager"), nil)
	}
	reason := v.String("reason")
	done, err := r.Tx.SetProposalState(p.ID, []string{storage.ProposalOpen, storage.ProposalPostponed}, storage.ProposalDeclined, reason, r.Now)
	if err != nil {
		return err
	}
	if !done {
		return r.Reply(r.T("error.stale_button"), nil)
	}
	if err := a.refresh(r, p.ID); err != nil {
		return err
	}
	if err := a.tellAll(r, p, "pp.told_declined", p.ID, core.Esc(p.Title), core.Esc(reason)); err != nil {
		return err
	}
	return r.Reply(r.T("pp.declined", p.ID), nil)
}
