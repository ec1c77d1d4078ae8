package stars

import (
	"courtyard/commands/core"
	"courtyard/config"
	"courtyard/storage"
	"courtyard/telegram"
)

// starVoteButton: st:b:<round>:<cat> shows a category's ballot;
// st:v:<candidate> votes. Every press is checked again: a registered
// resident, the voting window open, the candidate on the ballot, not
// oneself nor one's own building.
func (a *Stars) starVoteButton(r *core.Req, parts []string) error {
	if !mayTakePart(r) {
		return r.Toast(r.T("stars.register_first"))
	}
	if parts[0] == "b" {
		if len(parts) < 3 {
			return r.Toast(r.T("error.stale_button"))
		}
		rd, c, ok, err := a.starRoundArg(r, parts[1], parts[2])
		if !ok || err != nil {
			return err
		}
		if refuse := a.starVotingOpen(r, rd); refuse != "" {
			return r.Toast(refuse)
		}
		text, kb, err := a.ballot(r, rd, c)
		if err != nil {
			return err
		}
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Reply(text, kb)
	}
	if len(parts) != 2 {
		return r.Toast(r.T("error.stale_button"))
	}
	cid, ok := core.IdArg(parts[1])
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	cand, err := r.Tx.StarCandidate(cid)
	if core.IsNotFound(err) {
		return r.Toast(r.T("stars.vote.not_on_ballot"))
	}
	if err != nil {
		return err
	}
	return a.vote(r, cand)
}

// starVotingOpen is "" while round rd takes votes, else why not.
func (a *Stars) starVotingOpen(r *core.Req, rd storage.StarRound) string {
	switch {
	case rd.State == storage.StarClosed || !r.Now.Before(rd.VoteUntil):
		return r.T("stars.vote.closed")
	case rd.State != storage.StarVoting || r.Now.Before(rd.VoteFrom):
		return r.T("stars.vote.not_yet", a.WhenIn(r.Lang, rd.VoteFrom))
	}
	return ""
}

// ownCandidate reports a candidate the presser may not vote for: themselves,
// or their own building's courtyard.
func ownCandidate(r *core.Req, c storage.StarCandidate) bool {
	return (c.MemberID != 0 && c.MemberID == r.Me.ID) || (c.MemberID == 0 && c.Building == r.Me.Building)
}

// ballot is a category's shortlist as buttons, the presser's vote marked.
func (a *Stars) ballot(r *core.Req, rd storage.StarRound, cat config.StarCategory) (string, telegram.Keyboard, error) {
	cands, err := r.Tx.StarCandidates(rd.ID, cat.Key)
	if err != nil {
		return "", telegram.Keyboard{}, err
	}
	mine, err := r.Tx.StarVoteOf(rd.ID, cat.Key, r.Me.ID)
	if err != nil {
		return "", telegram.Keyboard{}, err
	}
	var rows [][]telegram.Button
	for _, c := range cands {
		if !c.OnBallot() || ownCandidate(r, c) || len(rows) >= maxStarButtons {
			continue
		}
		mark := ""
		if c.ID == mine {
			mark = "✓ "
		}
		rows = append(rows, []telegram.Button{{Text: mark + core.LimitRunes(a.candName(r, c, r.Lang), 40), CallbackData: "st:v:" + core.Itoa(c.ID)}})
	}
	if len(rows) == 0 {
		return r.T("stars.vote.empty", core.Esc(starLabel(cat, r.Lang))), telegram.Keyboard{}, nil
	}
	text := r.T("stars.vote.ballot", core.Esc(starLabel(cat, r.Lang)), a.WhenIn(r.Lang, rd.VoteUntil))
	if cat.Candidates == config.StarBuilding {
		text += "\n" + r.T("stars.vote.not_own_building")
	}
	return text, telegram.Keyboard{InlineKeyboard: rows}, nil
}

// vote records the presser's vote for cand, replacing an earlier one in
// the category, and says which.
func (a *Stars) vote(r *core.Req, cand storage.StarCandidate) error {
	rd, err := r.Tx.StarRound(cand.RoundID)
	if err != nil {
		return err
	}
	if refuse := a.starVotingOpen(r, rd); refuse != "" {
		return r.Toast(refuse)
	}
	cat, ok := a.starCategory(cand.Category)
	if !ok || !cand.OnBallot() {
		return r.Toast(r.T("stars.vote.not_on_ballot"))
	}
	if ownCandidate(r, cand) {
		if cand.MemberID == 0 {
			return r.Toast(r.T("stars.vote.own_building"))
		}
		return r.Toast(r.T("stars.vote.not_self"))
	}
	name := a.candName(r, cand, r.Lang)
	prev, err := r.Tx.CastStarVote(rd.ID, cand.Category, r.Me.ID, cand.ID, r.Now)
	if err != nil {
		return err
	}
	var note string
	switch prev {
	case 0:
		note = r.T("stars.vote.done", name, starLabel(cat, r.Lang), a.WhenIn(r.Lang, rd.VoteUntil))
	case cand.ID:
		note = r.T("stars.vote.same", name)
	default:
		note = r.T("stars.vote.changed", a.starCandName(r, prev), name, starLabel(cat, r.Lang))
	}
	if err := r.Toast(note); err != nil {
		return err
	}
	text, kb, err := a.ballot(r, rd, cat)
	if err != nil {
		return err
	}
	return r.Edit(text+"\n\n"+core.Esc(note), kb)
}
