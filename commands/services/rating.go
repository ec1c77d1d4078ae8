package services

import (
	"sort"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// offerRating asks the applicant of ended case c to rate the service on
// the five-level scale.
func (a *Services) offerRating(r *core.Req, c storage.Case) error {
	m, err := r.Tx.Member(c.MemberID)
	if core.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = a.TellTo(r, c.MemberID, a.RatingKeyboard(a.LangOf(m), "sv:rate:"+core.Itoa(c.ID)), "services.rate_ask", c.ID, a.serviceName(c.Service))
	return err
}

// rate records the applicant's rating of ended case c; one below
// satisfied reaches the admins, with the service but not the case's
// contents.
func (a *Services) rate(r *core.Req, c storage.Case, arg string) error {
	v, ok := core.ReadRating(arg)
	if !ok || !c.Ended() {
		return r.Toast(r.T("error.stale_button"))
	}
	if err := r.Tx.SaveRating(storage.Rating{Kind: storage.RatingCase, Ref: c.ID, MemberID: r.Me.ID, Building: c.Building, Level: int(v), At: r.Now}); err != nil {
		return err
	}
	a.Audit(r, "services.rate", caseTarget(c.ID), map[string]int{"level": int(v)})
	told := ""
	if !v.Satisfied() {
		n, err := a.tellAdminsRating(r, c, v, "")
		if err != nil {
			return err
		}
		if n > 0 {
			told = "\n" + r.T("services.rate_told")
		}
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.T("button.rate_word"), CallbackData: "sv:rword:" + core.Itoa(c.ID)}}}}
	return r.Edit(r.T("services.rated", c.ID, a.RatingLabel(r.Lang, v))+told, kb)
}

// rateWordDialog takes the optional word on a rating (case seeded).
func (a *Services) rateWordDialog() *core.Dialog {
	return &core.Dialog{Name: "sv_rword", Steps: []core.Step{
		core.TextStep{Name: "word", Ask: func(r *core.Req, v core.Values) string { return r.T("services.ask_rate_word", v.Int("case")) }, Parse: a.readText(300)},
	}, Done: a.rateWordDone}
}

func (a *Services) rateWordDone(r *core.Req, v core.Values) error {
	c, ok, err := a.loadOwnCase(r, v.Int("case"))
	if err != nil || !ok {
		return err
	}
	rt, err := r.Tx.RatingBy(storage.RatingCase, c.ID, r.Me.ID)
	if core.IsNotFound(err) {
		return r.Reply(r.T("error.stale_button"), nil)
	}
	if err != nil {
		return err
	}
	rt.Note, rt.At = v.String("word"), r.Now
	if err := r.Tx.SaveRating(rt); err != nil {
		return err
	}
	if lv := core.Rating(rt.Level); !lv.Satisfied() {
		if _, err := a.tellAdminsRating(r, c, lv, rt.Note); err != nil {
			return err
		}
	}
	return r.Reply(r.T("services.rate_word_kept"), nil)
}

// tellAdminsRating tells each reachable admin of a low rating of case c
// (with its word, when there is one); it returns how many were told.
func (a *Services) tellAdminsRating(r *core.Req, c storage.Case, v core.Rating, word string) (int, error) {
	ids := make([]int64, 0, len(a.Admins))
	for id := range a.Admins {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	rating := core.InLang(func(lang string) string { return a.RatingLabel(lang, v) })
	told := 0
	for _, id := range ids {
		var ok bool
		var err error
		if word == "" {
			ok, err = a.TellTo(r, id, nil, "services.rated_low", c.ID, a.serviceName(c.Service), rating)
		} else {
			ok, err = a.TellTo(r, id, nil, "services.rated_low_word", c.ID, a.serviceName(c.Service), rating, core.Quote(word, 300))
		}
		if err != nil {
			return told, err
		}
		if ok {
			told++
		}
	}
	return told, nil
}
