package stars

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// starShortlistButton: st:s:<round>:<cat> shows a category's nominees to
// staff; st:t:<candidate> puts one on the shortlist or takes it off. Staff
// see how many nominated each and why, never a vote count.
func (a *Stars) starShortlistButton(r *core.Req, parts []string) error {
	if !mayRunStars(r) {
		return r.Toast(r.T("stars.staff_only"))
	}
	if parts[0] == "t" && len(parts) == 2 {
		cid, ok := core.IdArg(parts[1])
		if !ok {
			return r.Toast(r.T("error.stale_button"))
		}
		c, err := r.Tx.StarCandidate(cid)
		if core.IsNotFound(err) {
			return r.Toast(r.T("error.stale_button"))
		}
		if err != nil {
			return err
		}
		return a.toggleShortlist(r, c)
	}
	if len(parts) < 3 {
		return r.Toast(r.T("error.stale_button"))
	}
	rd, cat, ok, err := a.starRoundArg(r, parts[1], parts[2])
	if !ok || err != nil {
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	text, kb, err := a.shortlistPage(r, rd, cat.Key)
	if err != nil {
		return err
	}
	return r.Reply(text, kb)
}

// shortlistPage lists a category's candidates with their reasons and a
// toggle for each.
func (a *Stars) shortlistPage(r *core.Req, rd storage.StarRound, catKey string) (string, telegram.Keyboard, error) {
	cat, _ := a.starCategory(catKey)
	cands, err := r.Tx.StarCandidates(rd.ID, catKey)
	if err != nil {
		return "", telegram.Keyboard{}, err
	}
	var b strings.Builder
	b.WriteString(r.T("stars.shortlist.title", core.Esc(starLabel(cat, r.Lang)), a.roundTitle(rd)(r.Lang)) + "\n")
	if len(cands) == 0 {
		b.WriteString(r.T("stars.shortlist.none"))
	}
	var rows [][]telegram.Button
	for i, c := range cands {
		if i >= maxStarButtons {
			break
		}
		name := a.candName(r, c, r.Lang)
		reasons, err := r.Tx.StarReasons(c.ID)
		if err != nil {
			return "", telegram.Keyboard{}, err
		}
		var qs []string
		for _, s := range reasons[:min(len(reasons), 3)] {
			qs = append(qs, "“"+core.Quote(s, 80)+"”")
		}
		b.WriteString("\n" + r.N("stars.shortlist.line", c.Nominations, core.Esc(name), strings.Join(qs, " ")))
		if c.MemberID != 0 && c.Shortlisted {
			b.WriteString(" " + r.T("stars.consent."+consentKey(c.Consent)))
		}
		mark := "☆ "
		if c.Shortlisted {
			mark = "★ "
		}
		rows = append(rows, []telegram.Button{{Text: mark + core.LimitRunes(name, 40), CallbackData: "st:t:" + core.Itoa(c.ID)}})
	}
	b.WriteString("\n\n" + r.T("stars.shortlist.hint", a.WhenIn(r.Lang, rd.VoteFrom)) + "\n" + r.T("stars.counts_hidden"))
	return b.String(), telegram.Keyboard{InlineKeyboard: rows}, nil
}

func consentKey(c string) string {
	if c == "" {
		return "asked"
	}
	return c
}

// toggleShortlist puts a candidate on the shortlist or takes it off, until
// voting opens. A person put on it is asked whether their name may be shown.
func (a *Stars) toggleShortlist(r *core.Req, c storage.StarCandidate) error {
	rd, err := r.Tx.StarRound(c.RoundID)
	if err != nil {
		return err
	}
	if rd.State != storage.StarNominating && rd.State != storage.StarShortlisting {
		return r.Toast(r.T("stars.shortlist.closed"))
	}
	if err := r.Tx.SetStarShortlisted(c.ID, !c.Shortlisted); err != nil {
		return err
	}
	if !c.Shortlisted && c.MemberID != 0 && c.Consent == "" {
		if err := r.Tx.SetStarConsent(c.ID, "asked"); err != nil {
			return err
		}
		cat, _ := a.starCategory(c.Category)
		m, err := r.Tx.Member(c.MemberID)
		if err != nil {
			return err
		}
		lang := a.LangOf(m)
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: a.Cat.T(lang, "stars.button.consent_yes"), CallbackData: "st:c:" + core.Itoa(c.ID) + ":y"},
			{Text: a.Cat.T(lang, "stars.button.consent_no"), CallbackData: "st:c:" + core.Itoa(c.ID) + ":n"}}}}
		if err := a.TellMember(r, m.ID, kb, "stars.consent.ask", core.Esc(starLabel(cat, lang)), a.roundTitle(rd)); err != nil {
			return err
		}
	}
	text, kb, err := a.shortlistPage(r, rd, c.Category)
	if err != nil {
		return err
	}
	if err := r.Toast(r.T("team.saved")); err != nil {
		return err
	}
	return r.Edit(text, kb)
}

// starConsent: st:c:<candidate>:y|n, pressed by the shortlisted person only.
func (a *Stars) starConsent(r *core.Req, parts []string) error {
	if len(parts) != 3 {
		return r.Toast(r.T("error.stale_button"))
	}
	cid, ok := core.IdArg(parts[1])
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	c, err := r.Tx.StarCandidate(cid)
	if core.IsNotFound(err) || (err == nil && c.MemberID != r.Me.ID) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	rd, err := r.Tx.StarRound(c.RoundID)
	if err != nil {
		return err
	}
	if rd.State == storage.StarClosed {
		return r.Toast(r.T("stars.round_closed"))
	}
	yes := parts[2] == "y"
	consent := "no"
	if yes {
		consent = "yes"
	}
	if err := r.Tx.SetStarConsent(c.ID, consent); err != nil {
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Edit(r.T("stars.consent.done_"+consent), nil)
}
