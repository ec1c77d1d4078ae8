package commands

import (
	"courtyard/config"
	"courtyard/storage"
	"courtyard/telegram"
)

// starVoteButton: st:b:<round>:<cat> shows a category's ballot;
// st:v:<candidate> votes. Every press is checked again: a registered
// resident, the voting window open, the candidate on the ballot, not
// oneself nor one's own building.
func (a *App) starVoteButton(r *req, parts []string) error {
	if !mayTakePart(r) {
		return r.toast(r.t("stars.register_first"))
	}
	if parts[0] == "b" {
		if len(parts) < 3 {
			return r.toast(r.t("error.stale_button"))
		}
		rd, c, ok, err := a.starRoundArg(r, parts[1], parts[2])
		if !ok || err != nil {
			return err
		}
		if refuse := a.starVotingOpen(r, rd); refuse != "" {
			return r.toast(refuse)
		}
		text, kb, err := a.ballot(r, rd, c)
		if err != nil {
			return err
		}
		if err := r.toast(""); err != nil {
			return err
		}
		return r.reply(text, kb)
	}
	if len(parts) != 2 {
		return r.toast(r.t("error.stale_button"))
	}
	cid, ok := idArg(parts[1])
	if !ok {
		return r.toast(r.t("error.stale_button"))
	}
	cand, err := r.tx.StarCandidate(cid)
	if isNotFound(err) {
		return r.toast(r.t("stars.vote.not_on_ballot"))
	}
	if err != nil {
		return err
	}
	return a.vote(r, cand)
}

// starVotingOpen is "" while round rd takes votes, else why not.
func (a *App) starVotingOpen(r *req, rd storage.StarRound) string {
	switch {
	case rd.State == storage.StarClosed || !r.now.Before(rd.VoteUntil):
		return r.t("stars.vote.closed")
	case rd.State != storage.StarVoting || r.now.Before(rd.VoteFrom):
		return r.t("stars.vote.not_yet", a.when(rd.VoteFrom))
	}
	return ""
}

// ownCandidate reports a candidate the presser may not vote for: themselves,
// or their own building's courtyard.
func ownCandidate(r *req, c storage.StarCandidate) bool {
	return (c.MemberID != 0 && c.MemberID == r.me.ID) || (c.MemberID == 0 && c.Building == r.me.Building)
}

// ballot is a category's shortlist as buttons, the presser's vote marked.
func (a *App) ballot(r *req, rd storage.StarRound, cat config.StarCategory) (string, telegram.Keyboard, error) {
	cands, err := r.tx.StarCandidates(rd.ID, cat.Key)
	if err != nil {
		return "", telegram.Keyboard{}, err
	}
	mine, err := r.tx.StarVoteOf(rd.ID, cat.Key, r.me.ID)
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
		rows = append(rows, []telegram.Button{{Text: mark + limitRunes(a.candName(r, c, r.lang), 40), CallbackData: "st:v:" + itoa(c.ID)}})
	}
	if len(rows) == 0 {
		return r.t("stars.vote.empty", esc(starLabel(cat, r.lang))), telegram.Keyboard{}, nil
	}
	text := r.t("stars.vote.ballot", esc(starLabel(cat, r.lang)), a.when(rd.VoteUntil))
	if cat.Candidates == config.StarBuilding {
		text += "\n" + r.t("stars.vote.not_own_building")
	}
	return text, telegram.Keyboard{InlineKeyboard: rows}, nil
}

// vote records the presser's vote for cand, replacing an earlier one in
// the category, and says which.
func (a *App) vote(r *req, cand storage.StarCandidate) error {
	rd, err := r.tx.StarRound(cand.RoundID)
	if err != nil {
		return err
	}
	if refuse := a.starVotingOpen(r, rd); refuse != "" {
		return r.toast(refuse)
	}
	cat, ok := a.starCategory(cand.Category)
	if !ok || !cand.OnBallot() {
		return r.toast(r.t("stars.vote.not_on_ballot"))
	}
	if ownCandidate(r, cand) {
		if cand.MemberID == 0 {
			return r.toast(r.t("stars.vote.own_building"))
		}
		return r.toast(r.t("stars.vote.not_self"))
	}
	name := a.candName(r, cand, r.lang)
	prev, err := r.tx.CastStarVote(rd.ID, cand.Category, r.me.ID, cand.ID, r.now)
	if err != nil {
		return err
	}
	var note string
	switch prev {
	case 0:
		note = r.t("stars.vote.done", name, starLabel(cat, r.lang), a.when(rd.VoteUntil))
	case cand.ID:
		note = r.t("stars.vote.same", name)
	default:
		note = r.t("stars.vote.changed", a.starCandName(r, prev), name, starLabel(cat, r.lang))
	}
	if err := r.toast(note); err != nil {
		return err
	}
	text, kb, err := a.ballot(r, rd, cat)
	if err != nil {
		return err
	}
	return r.edit(text+"\n\n"+esc(note), kb)
}
