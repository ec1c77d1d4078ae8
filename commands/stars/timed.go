package stars

import (
	"context"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
)

// The three moments of a round, laid out when it opens (key: the round's id).
const (
	kindStarNomClose = "stars.nomclose"
	kindStarVoteOpen = "stars.voteopen"
	kindStarClose    = "stars.close"
)

// starRoundDue reads the round a due item names and a request made by the
// clock to act on it.
func (a *Stars) starRoundDue(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) (*core.Req, storage.StarRound, bool, error) {
	id, ok := core.IdArg(it.Data)
	if !ok {
		return nil, storage.StarRound{}, false, nil
	}
	rd, err := tx.StarRound(id)
	if core.IsNotFound(err) {
		return nil, rd, false, nil
	}
	return a.SystemReq(ctx, tx, now), rd, err == nil, err
}

// starNomClose ends the nominations: staff are asked to shortlist; a round
// nobody nominated in closes at once, and its audience is told so.
func (a *Stars) starNomClose(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	r, rd, ok, err := a.starRoundDue(ctx, tx, it, now)
	if !ok || err != nil {
		return err
	}
	cands, err := tx.StarCandidates(rd.ID, "")
	if err != nil {
		return err
	}
	if len(cands) == 0 {
		return a.closeEmptyRound(r, rd, storage.StarNominating, "stars.closed_no_nominations")
	}
	if moved, err := tx.MoveStarRound(rd.ID, storage.StarNominating, storage.StarShortlisting, now); err != nil || !moved {
		return err
	}
	staff, err := a.Staff(tx)
	if err != nil {
		return err
	}
	for _, m := range staff {
		if err := a.TellMember(r, m.ID, nil, "stars.shortlist_now", a.roundTitle(rd),
			core.InLang(func(lang string) string { return a.Cat.N(lang, "count.nominees", len(cands)) }), a.WhenEach(rd.VoteFrom)); err != nil {
			return err
		}
	}
	return nil
}

// closeEmptyRound closes a round with nothing to vote on and tells its
// audience plainly.
func (a *Stars) closeEmptyRound(r *core.Req, rd storage.StarRound, from, key string) error {
	if moved, err := r.Tx.MoveStarRound(rd.ID, from, storage.StarClosed, r.Now); err != nil || !moved {
		return err
	}
	rd.State = storage.StarClosed
	if err := r.Tx.CancelDue(kindStarVoteOpen, core.Itoa(rd.ID)); err != nil {
		return err
	}
	if err := r.Tx.CancelDue(kindStarClose, core.Itoa(rd.ID)); err != nil {
		return err
	}
	if err := a.AuditSystem(r.Tx, r.Now, "stars.close", "star:"+core.Itoa(rd.ID), map[string]string{"empty": key}); err != nil {
		return err
	}
	_, err := a.starTell(r, rd, func(lang string) string { return a.Cat.T(lang, key, a.roundTitle(rd)(lang)) })
	return err
}

// starVoteOpen opens the vote and tells the audience; with nobody on any
// ballot the round closes instead.
func (a *Stars) starVoteOpen(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	r, rd, ok, err := a.starRoundDue(ctx, tx, it, now)
	if !ok || err != nil {
		return err
	}
	cands, err := tx.StarCandidates(rd.ID, "")
	if err != nil {
		return err
	}
	onBallot := 0
	for _, c := range cands {
		if c.OnBallot() {
			onBallot++
		}
	}
	if onBallot == 0 {
		return a.closeEmptyRound(r, rd, storage.StarShortlisting, "stars.closed_no_shortlist")
	}
	if moved, err := tx.MoveStarRound(rd.ID, storage.StarShortlisting, storage.StarVoting, now); err != nil || !moved {
		return err
	}
	_, err = a.starTell(r, rd, func(lang string) string {
		return a.Cat.T(lang, "stars.voting_notice", a.roundTitle(rd)(lang), a.WhenIn(lang, rd.VoteUntil))
	})
	return err
}

// starClose counts the votes, closes the round and announces the stars,
// with the reasons given for them, to the round's audience. The winners
// are told in private.
func (a *Stars) starClose(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	r, rd, ok, err := a.starRoundDue(ctx, tx, it, now)
	if !ok || err != nil || rd.State != storage.StarVoting {
		return err
	}
	if err := tx.CountStarVotes(rd.ID); err != nil {
		return err
	}
	if moved, err := tx.MoveStarRound(rd.ID, storage.StarVoting, storage.StarClosed, now); err != nil || !moved {
		return err
	}
	rd.State = storage.StarClosed
	if err := a.AuditSystem(tx, now, "stars.close", "star:"+core.Itoa(rd.ID), nil); err != nil {
		return err
	}
	var failed error
	if _, err := a.starTell(r, rd, func(lang string) string {
		text, err := a.starResults(r, rd, lang, 2)
		if err != nil {
			failed = err
		}
		return text
	}); err != nil {
		return err
	}
	if failed != nil {
		return failed
	}
	cands, err := tx.StarCandidates(rd.ID, "")
	if err != nil {
		return err
	}
	for _, c := range cands {
		if c.Winner && c.MemberID != 0 {
			cat, _ := a.starCategory(c.Category)
			m, err := tx.Member(c.MemberID)
			if err != nil {
				return err
			}
			if err := a.TellMember(r, m.ID, nil, "stars.you_won", core.Esc(starLabel(cat, a.LangOf(m))), a.roundTitle(rd),
				core.InLang(func(lang string) string { return a.Cat.N(lang, "count.votes", c.Votes) })); err != nil {
				return err
			}
		}
	}
	return nil
}

// starResults is a closed round's stars in lang: per category the winners
// (joint when tied) with their votes and up to reasons of the reasons given.
func (a *Stars) starResults(r *core.Req, rd storage.StarRound, lang string, reasons int) (string, error) {
	var b strings.Builder
	b.WriteString(a.Cat.T(lang, "stars.results.title", a.roundTitle(rd)(lang)))
	for _, cat := range a.Cfg.Stars.Categories {
		cands, err := r.Tx.StarCandidates(rd.ID, cat.Key)
		if err != nil {
			return "", err
		}
		var winners []string
		var why []string
		for _, c := range cands {
			if !c.Winner {
				continue
			}
			winners = append(winners, a.Cat.N(lang, "stars.results.winner", c.Votes, core.Esc(a.candName(r, c, lang))))
			if reasons > 0 {
				rs, err := r.Tx.StarReasons(c.ID)
				if err != nil {
					return "", err
				}
				for _, s := range rs[:min(len(rs), reasons)] {
					why = append(why, "“"+core.Quote(s, 150)+"”")
				}
			}
		}
		label := core.Esc(starLabel(cat, lang))
		switch {
		case len(winners) == 0 && len(cands) == 0:
			b.WriteString("\n" + a.Cat.T(lang, "stars.results.no_nominations", label))
		case len(winners) == 0:
			b.WriteString("\n" + a.Cat.T(lang, "stars.results.no_votes", label))
		case len(winners) > 1:
			b.WriteString("\n" + a.Cat.T(lang, "stars.results.joint", label, strings.Join(winners, a.Cat.T(lang, "stars.results.and"))))
		default:
			b.WriteString("\n" + a.Cat.T(lang, "stars.results.one", label, winners[0]))
		}
		if len(why) > 0 {
			b.WriteString("\n  " + strings.Join(why, " "))
		}
	}
	return core.Fit(b.String()), nil
}
