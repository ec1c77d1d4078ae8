package stars

import (
	"courtyard/commands/core"
	"courtyard/config"
	"courtyard/storage"
)

// A nomination: the person (their buttons, or a typed name, unit,
// @username or id; none for the courtyard star, which is one's own
// building), the reason, and a confirm, since a nomination cannot be
// taken back. The dialog keeps the round and the category with the
// answers.
func (a *Stars) nominateDialog() *core.Dialog {
	return &core.Dialog{
		Name: "star_nom",
		Steps: []core.Step{
			core.OnlyIf(a.picksPerson, core.PersonStep{Name: "who", Label: "stars.nominate.who",
				Ask: a.askNominee, People: a.nominees, Show: a.showNominee}),
			core.TextStep{Name: "reason", Label: "stars.nominate.reason", Ask: a.askReason, Parse: parseReason},
			core.ConfirmStep{Name: "ok", Summary: a.nominateSummary},
		},
		Done: a.nominateDone,
	}
}

// starNominateButton: st:n:<round>:<cat> starts a nomination.
func (a *Stars) starNominateButton(r *core.Req, parts []string) error {
	if len(parts) < 3 {
		return r.Toast(r.T("error.stale_button"))
	}
	rd, c, ok, err := a.starRoundArg(r, parts[1], parts[2])
	if !ok || err != nil {
		return err
	}
	if refuse := a.mayNominateNow(r, rd, c); refuse != "" {
		return r.Refuse(refuse)
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	seed := core.Values{}
	if err := seed.Set("round", rd.ID); err != nil {
		return err
	}
	if err := seed.Set("cat", c.Key); err != nil {
		return err
	}
	if c.Candidates == config.StarBuilding {
		if err := seed.Set("building", r.Me.Building); err != nil {
			return err
		}
	}
	return a.nominate.Start(r, seed)
}

// mayNominateNow is "" when the presser may nominate in c now, else why not.
func (a *Stars) mayNominateNow(r *core.Req, rd storage.StarRound, c config.StarCategory) string {
	if !mayTakePart(r) {
		return r.T("stars.register_first")
	}
	if rd.State != storage.StarNominating || !r.Now.Before(rd.NominateUntil) {
		return r.T("stars.nominate.closed")
	}
	if n, err := r.Tx.StarNominationBy(rd.ID, c.Key, r.Me.ID); err == nil {
		return r.T("stars.nominate.once", core.Esc(starLabel(c, r.Lang)), a.starCandName(r, n.CandidateID))
	}
	return ""
}

// nominatedCat is the category the dialog is about.
func (a *Stars) nominatedCat(v core.Values) config.StarCategory {
	c, _ := a.starCategory(v.String("cat"))
	return c
}

// picksPerson: every category but the courtyard star names a person.
func (a *Stars) picksPerson(v core.Values) bool {
	return a.nominatedCat(v).Candidates != config.StarBuilding
}

func (a *Stars) askNominee(r *core.Req, v core.Values) string {
	return r.T("stars.nominate.ask_who", core.Esc(starLabel(a.nominatedCat(v), r.Lang)))
}

// nominees are who may be nominated in the dialog's category, never the
// nominator: the leaders for the leader star, else the registered
// residents, the nominator's own building first, then by building and unit.
func (a *Stars) nominees(r *core.Req, v core.Values) ([]storage.Member, error) {
	var ms []storage.Member
	var err error
	if a.nominatedCat(v).Candidates == config.StarLeader {
		ms, err = r.Tx.MembersWithRole(storage.RoleLeader)
	} else {
		ms, err = r.Tx.Residents()
	}
	if err != nil {
		return nil, err
	}
	out := make([]storage.Member, 0, len(ms))
	for _, m := range ms {
		if m.ID != r.Me.ID {
			out = append(out, m)
		}
	}
	a.SortByHome(out, r.Me.Building)
	return out, nil
}

// showNominee is a name with the building, to tell namesakes apart.
func (a *Stars) showNominee(r *core.Req, m storage.Member) string {
	name := m.Name
	if name == "" {
		name = "#" + core.Itoa(m.ID)
	}
	if m.Building == "" {
		return name
	}
	return name + " · " + r.T("stars.building", m.Building)
}

// nomineeName is who the nomination is for: the person or the building.
func (a *Stars) nomineeName(r *core.Req, v core.Values) string {
	if id := v.Int("who"); id != 0 {
		return a.NameOf(r, id)
	}
	return r.T("stars.building", v.String("building"))
}

func (a *Stars) askReason(r *core.Req, v core.Values) string {
	return r.T("stars.nominate.ask_reason", core.Esc(a.nomineeName(r, v)), core.Esc(starLabel(a.nominatedCat(v), r.Lang)), maxStarReason)
}

func parseReason(r *core.Req, _ core.Values, text string) (any, string) {
	switch n := core.RuneLen(text); {
	case n == 0:
		return nil, r.T("stars.nominate.ask_reason_again", maxStarReason)
	case n > maxStarReason:
		return nil, r.T("stars.nominate.too_long", n, maxStarReason)
	}
	return text, ""
}

func (a *Stars) nominateSummary(r *core.Req, v core.Values) string {
	return r.T("stars.nominate.confirm", core.Esc(a.nomineeName(r, v)), core.Esc(starLabel(a.nominatedCat(v), r.Lang)),
		core.Esc(v.String("reason")))
}

// nominateDone records the nomination once the round, the category and
// the person are checked again.
func (a *Stars) nominateDone(r *core.Req, v core.Values) error {
	var id int64
	v.Get("round", &id)
	rd, err := r.Tx.StarRound(id)
	c, ok := a.starCategory(v.String("cat"))
	if core.IsNotFound(err) || !ok {
		return r.Reply(r.T("stars.nominate.closed"), nil)
	}
	if err != nil {
		return err
	}
	if refuse := a.mayNominateNow(r, rd, c); refuse != "" {
		return r.Reply(refuse, nil)
	}
	who, building := v.Int("who"), v.String("building")
	if c.Candidates == config.StarBuilding {
		who = 0
	} else {
		building = ""
		ms, err := a.nominees(r, v)
		if err != nil {
			return err
		}
		if !memberAmong(ms, who) {
			return r.Reply(r.T("dialog.person_not_listed"), nil)
		}
	}
	if _, err := r.Tx.Nominate(rd.ID, c.Key, r.Me.ID, who, building, v.String("reason"), r.Now); err != nil {
		return err
	}
	return r.Reply(r.T("stars.nominate.done", core.Esc(a.nomineeName(r, v)), core.Esc(starLabel(c, r.Lang)), a.WhenIn(r.Lang, rd.NominateUntil)), nil)
}

func memberAmong(ms []storage.Member, id int64) bool {
	for _, m := range ms {
		if m.ID == id && id != 0 {
			return true
		}
	}
	return false
}
