package commands

import (
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

// starShortlistButton: st:s:<round>:<cat> shows a category's nominees to
// staff; st:t:<candidate> puts one on the shortlist or takes it off. Staff
// see how many nominated each and why, never a vote count.
func (a *App) starShortlistButton(r *req, parts []string) error {
	if !mayRunStars(r) {
		return r.toast(r.t("stars.staff_only"))
	}
	if parts[0] == "t" && len(parts) == 2 {
		cid, ok := idArg(parts[1])
		if !ok {
			return r.toast(r.t("error.stale_button"))
		}
		c, err := r.tx.StarCandidate(cid)
		if isNotFound(err) {
			return r.toast(r.t("error.stale_button"))
		}
		if err != nil {
			return err
		}
		return a.toggleShortlist(r, c)
	}
	if len(parts) < 3 {
		return r.toast(r.t("error.stale_button"))
	}
	rd, cat, ok, err := a.starRoundArg(r, parts[1], parts[2])
	if !ok || err != nil {
		return err
	}
	if err := r.toast(""); err != nil {
		return err
	}
	text, kb, err := a.shortlistPage(r, rd, cat.Key)
	if err != nil {
		return err
	}
	return r.reply(text, kb)
}

// shortlistPage lists a category's candidates with their reasons and a
// toggle for each.
func (a *App) shortlistPage(r *req, rd storage.StarRound, catKey string) (string, telegram.Keyboard, error) {
	cat, _ := a.starCategory(catKey)
	cands, err := r.tx.StarCandidates(rd.ID, catKey)
	if err != nil {
		return "", telegram.Keyboard{}, err
	}
	var b strings.Builder
	b.WriteString(r.t("stars.shortlist.title", esc(starLabel(cat, r.lang)), a.roundTitle(rd)(r.lang)) + "\n")
	if len(cands) == 0 {
		b.WriteString(r.t("stars.shortlist.none"))
	}
	var rows [][]telegram.Button
	for i, c := range cands {
		if i >= maxStarButtons {
			break
		}
		name := a.candName(r, c, r.lang)
		reasons, err := r.tx.StarReasons(c.ID)
		if err != nil {
			return "", telegram.Keyboard{}, err
		}
		var qs []string
		for _, s := range reasons[:min(len(reasons), 3)] {
			qs = append(qs, "“"+quote(s, 80)+"”")
		}
		b.WriteString("\n" + r.n("stars.shortlist.line", c.Nominations, esc(name), strings.Join(qs, " ")))
		if c.MemberID != 0 && c.Shortlisted {
			b.WriteString(" " + r.t("stars.consent."+consentKey(c.Consent)))
		}
		mark := "☆ "
		if c.Shortlisted {
			mark = "★ "
		}
		rows = append(rows, []telegram.Button{{Text: mark + limitRunes(name, 40), CallbackData: "st:t:" + itoa(c.ID)}})
	}
	b.WriteString("\n\n" + r.t("stars.shortlist.hint", a.when(rd.VoteFrom)) + "\n" + r.t("stars.counts_hidden"))
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
func (a *App) toggleShortlist(r *req, c storage.StarCandidate) error {
	rd, err := r.tx.StarRound(c.RoundID)
	if err != nil {
		return err
	}
	if rd.State != storage.StarNominating && rd.State != storage.StarShortlisting {
		return r.toast(r.t("stars.shortlist.closed"))
	}
	if err := r.tx.SetStarShortlisted(c.ID, !c.Shortlisted); err != nil {
		return err
	}
	if !c.Shortlisted && c.MemberID != 0 && c.Consent == "" {
		if err := r.tx.SetStarConsent(c.ID, "asked"); err != nil {
			return err
		}
		cat, _ := a.starCategory(c.Category)
		m, err := r.tx.Member(c.MemberID)
		if err != nil {
			return err
		}
		lang := a.langOf(m)
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: a.cat.T(lang, "stars.button.consent_yes"), CallbackData: "st:c:" + itoa(c.ID) + ":y"},
			{Text: a.cat.T(lang, "stars.button.consent_no"), CallbackData: "st:c:" + itoa(c.ID) + ":n"}}}}
		if err := a.tellMember(r, m.ID, kb, "stars.consent.ask", esc(starLabel(cat, lang)), a.roundTitle(rd)); err != nil {
			return err
		}
	}
	text, kb, err := a.shortlistPage(r, rd, c.Category)
	if err != nil {
		return err
	}
	if err := r.toast(r.t("team.saved")); err != nil {
		return err
	}
	return r.edit(text, kb)
}

// starConsent: st:c:<candidate>:y|n, pressed by the shortlisted person only.
func (a *App) starConsent(r *req, parts []string) error {
	if len(parts) != 3 {
		return r.toast(r.t("error.stale_button"))
	}
	cid, ok := idArg(parts[1])
	if !ok {
		return r.toast(r.t("error.stale_button"))
	}
	c, err := r.tx.StarCandidate(cid)
	if isNotFound(err) || (err == nil && c.MemberID != r.me.ID) {
		return r.toast(r.t("error.stale_button"))
	}
	if err != nil {
		return err
	}
	rd, err := r.tx.StarRound(c.RoundID)
	if err != nil {
		return err
	}
	if rd.State == storage.StarClosed {
		return r.toast(r.t("stars.round_closed"))
	}
	yes := parts[2] == "y"
	consent := "no"
	if yes {
		consent = "yes"
	}
	if err := r.tx.SetStarConsent(c.ID, consent); err != nil {
		return err
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return r.edit(r.t("stars.consent.done_"+consent), nil)
}
