package stars

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/config"
	"courtyard/storage"
	"courtyard/telegram"
)

// Monthly stars. A round runs: nominations (residents, in private, with a
// reason) → a shortlisting day (staff pick by buttons, a shortlisted person
// agrees to be shown) → voting (in private, by buttons, one vote per person
// per category, changeable until the close) → the close: votes are counted,
// the results go to the audience staff chose and stay in /stars history.
// Vote counts are read by nothing before the close, staff included.

const (
	starShortlistHours = 24 // between the nominations' end and the vote
	maxStarReason      = 300
	maxStarButtons     = 30
	starHistoryRounds  = 12
)

// mayRunStars: staff open rounds and shortlist. The one check for every
// staff button of stars, made again on each press.
func mayRunStars(r *core.Req) bool { return r.AtLeast(storage.RoleStaff) }

// mayTakePart: registered residents (any role) nominate and vote. The one
// check for every resident button of stars, made again on each press.
func mayTakePart(r *core.Req) bool { return r.Me.Registered() }

// starCategory is the configured category key.
func (a *Stars) starCategory(key string) (config.StarCategory, bool) {
	for _, c := range a.Cfg.Stars.Categories {
		if c.Key == key {
			return c, true
		}
	}
	return config.StarCategory{}, false
}

// starLabel is a category's name in lang.
func starLabel(c config.StarCategory, lang string) string {
	if lang == "en" {
		return c.En
	}
	return c.Zh
}

// Stars: /stars shows the round in hand; /stars history the past stars.
func (a *Stars) Stars(r *core.Req) error {
	if strings.EqualFold(strings.TrimSpace(r.Args), "history") || strings.TrimSpace(r.Args) == "历史" {
		return a.starHistory(r)
	}
	if !mayTakePart(r) && !mayRunStars(r) {
		return r.Reply(r.T("stars.register_first"), nil)
	}
	text, kb, err := a.starHome(r)
	if err != nil {
		return err
	}
	return r.Reply(text, kb)
}

// starHome is the round's page for the person asking: what they can do now.
func (a *Stars) starHome(r *core.Req) (string, telegram.Keyboard, error) {
	var rows [][]telegram.Button
	rd, err := r.Tx.ActiveStarRound()
	if core.IsNotFound(err) {
		if mayRunStars(r) {
			rows = append(rows, []telegram.Button{{Text: r.T("stars.button.open"), CallbackData: "st:o"}})
		}
		return r.T("stars.none"), telegram.Keyboard{InlineKeyboard: rows}, nil
	}
	if err != nil {
		return "", telegram.Keyboard{}, err
	}
	var b strings.Builder
	b.WriteString(r.T("stars.title", a.roundTitle(rd)(r.Lang)) + "\n")
	id := core.Itoa(rd.ID)
	switch rd.State {
	case storage.StarNominating:
		b.WriteString(r.T("stars.home.nominating", a.WhenIn(r.Lang, rd.NominateUntil), maxStarReason))
		for _, c := range a.Cfg.Stars.Categories {
			n, err := r.Tx.StarNominationBy(rd.ID, c.Key, r.Me.ID)
			switch {
			case err == nil:
				b.WriteString("\n" + r.T("stars.home.nominated", core.Esc(starLabel(c, r.Lang)), core.Esc(a.starCandName(r, n.CandidateID))))
			case core.IsNotFound(err):
				if mayTakePart(r) {
					rows = append(rows, []telegram.Button{{Text: r.T("stars.button.nominate", starLabel(c, r.Lang)), CallbackData: "st:n:" + id + ":" + c.Key}})
				}
			default:
				return "", telegram.Keyboard{}, err
			}
		}
	case storage.StarShortlisting:
		b.WriteString(r.T("stars.home.shortlisting", a.WhenIn(r.Lang, rd.VoteFrom)))
	case storage.StarVoting:
		b.WriteString(r.T("stars.home.voting", a.WhenIn(r.Lang, rd.VoteUntil)))
		if mayTakePart(r) {
			for _, c := range a.Cfg.Stars.Categories {
				rows = append(rows, []telegram.Button{{Text: r.T("stars.button.ballot", starLabel(c, r.Lang)), CallbackData: "st:b:" + id + ":" + c.Key}})
			}
		}
	}
	if mayRunStars(r) && (rd.State == storage.StarNominating || rd.State == storage.StarShortlisting) {
		b.WriteString("\n\n" + r.T("stars.home.staff"))
		for _, c := range a.Cfg.Stars.Categories {
			rows = append(rows, []telegram.Button{{Text: r.T("stars.button.shortlist", starLabel(c, r.Lang)), CallbackData: "st:s:" + id + ":" + c.Key}})
		}
	}
	if mayRunStars(r) {
		b.WriteString("\n" + r.T("stars.counts_hidden"))
	}
	return b.String(), telegram.Keyboard{InlineKeyboard: rows}, nil
}

// starCandName is a candidate's name: the person's, or the building's.
func (a *Stars) starCandName(r *core.Req, id int64) string {
	c, err := r.Tx.StarCandidate(id)
	if err != nil {
		return "#" + core.Itoa(id)
	}
	return a.candName(r, c, r.Lang)
}

func (a *Stars) candName(r *core.Req, c storage.StarCandidate, lang string) string {
	if c.MemberID == 0 {
		return a.Cat.T(lang, "stars.building", c.Building)
	}
	return a.NameOf(r, c.MemberID)
}

// starButton routes the st: buttons. The table's checks (mayRunStars,
// takePart) run on every press before it.
func (a *Stars) starButton(r *core.Req) error {
	parts := core.ButtonArgs(r.CB.Data, "st:")
	if !r.Private() {
		return r.Toast(r.T("menu.private_only"))
	}
	switch parts[0] {
	case "o":
		return a.starOpenButton(r)
	case "n":
		return a.starNominateButton(r, parts)
	case "s", "t":
		return a.starShortlistButton(r, parts)
	case "c":
		return a.starConsent(r, parts)
	case "b", "v":
		return a.starVoteButton(r, parts)
	}
	return r.Toast(r.T("error.stale_button"))
}

// starRoundArg reads a round id and category from a button, answering as
// stale when either is unknown.
func (a *Stars) starRoundArg(r *core.Req, id, cat string) (storage.StarRound, config.StarCategory, bool, error) {
	rid, ok := core.IdArg(id)
	c, okc := a.starCategory(cat)
	if !ok || !okc {
		return storage.StarRound{}, c, false, r.Toast(r.T("error.stale_button"))
	}
	rd, err := r.Tx.StarRound(rid)
	if core.IsNotFound(err) {
		return rd, c, false, r.Toast(r.T("error.stale_button"))
	}
	return rd, c, err == nil, err
}

// starHistory lists the stars of the latest closed rounds.
func (a *Stars) starHistory(r *core.Req) error {
	rounds, err := r.Tx.ClosedStarRounds(starHistoryRounds)
	if err != nil {
		return err
	}
	if len(rounds) == 0 {
		return r.Reply(r.T("stars.history.none"), nil)
	}
	var b strings.Builder
	b.WriteString(r.T("stars.history.title") + "\n")
	for _, rd := range rounds {
		text, err := a.starResults(r, rd, r.Lang, 0)
		if err != nil {
			return err
		}
		b.WriteString("\n" + text + "\n")
	}
	return r.Reply(core.Fit(strings.TrimSpace(b.String())), nil)
}
