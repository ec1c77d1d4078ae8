package stars

import (
	"encoding/json"
	"strings"

	"courtyard/commands/core"
	"courtyard/config"
	"courtyard/storage"
	"courtyard/telegram"
)

const flowStarNominate = "star_nominate"

// starNomData is a nomination in the making.
type starNomData struct {
	Round    int64  `json:"round"`
	Cat      string `json:"cat"`
	Member   int64  `json:"member,omitempty"`
	Building string `json:"building,omitempty"`
}

// starNominateButton: st:n:<round>:<cat> starts a nomination; st:w:<round>:<cat>:<member>
// picks the person.
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
	d := starNomData{Round: rd.ID, Cat: c.Key}
	if parts[0] == "w" {
		mid, ok := core.IdArg(strings.Join(parts[3:], ""))
		if !ok {
			return r.Toast(r.T("error.stale_button"))
		}
		return a.starPickPerson(r, d, c, mid)
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	if c.Candidates == config.StarBuilding {
		d.Building = r.Me.Building
		return a.askStarReason(r, d, c)
	}
	if err := r.SetFlow(flowStarNominate, "who", d); err != nil {
		return err
	}
	people, err := a.starChoices(r, c)
	if err != nil {
		return err
	}
	var rows [][]telegram.Button
	for _, m := range people {
		rows = append(rows, []telegram.Button{{Text: core.LimitRunes(m.Name, 40), CallbackData: "st:w:" + core.Itoa(rd.ID) + ":" + c.Key + ":" + core.Itoa(m.ID)}})
	}
	return r.Reply(r.T("stars.nominate.ask_who", core.Esc(starLabel(c, r.Lang))), telegram.Keyboard{InlineKeyboard: rows})
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

// starChoices are the people offered as buttons: the leaders for a leader
// category, else the registered residents of the presser's building; not
// the presser. Anyone else is named with @username.
func (a *Stars) starChoices(r *core.Req, c config.StarCategory) ([]storage.Member, error) {
	var ms []storage.Member
	var err error
	if c.Candidates == config.StarLeader {
		ms, err = r.Tx.MembersWithRole(storage.RoleLeader)
	} else {
		ms, err = r.Tx.Residents(r.Me.Building)
	}
	var out []storage.Member
	for _, m := range ms {
		if m.ID != r.Me.ID && len(out) < maxStarButtons {
			out = append(out, m)
		}
	}
	return out, err
}

// starPickPerson checks the person chosen (button or @username) and asks
// for the reason.
func (a *Stars) starPickPerson(r *core.Req, d starNomData, c config.StarCategory, mid int64) error {
	m, err := r.Tx.Member(mid)
	if core.IsNotFound(err) || (err == nil && !m.Registered() && m.Role == "") {
		return r.Refuse(r.T("grant.unknown_user"))
	}
	if err != nil {
		return err
	}
	switch {
	case m.ID == r.Me.ID:
		return r.Refuse(r.T("stars.nominate.not_self"))
	case c.Candidates == config.StarLeader && m.Role != storage.RoleLeader:
		return r.Refuse(r.T("stars.nominate.not_leader", core.Esc(m.Name)))
	}
	d.Member = m.ID
	if err := r.Toast(""); err != nil {
		return err
	}
	return a.askStarReason(r, d, c)
}

func (a *Stars) askStarReason(r *core.Req, d starNomData, c config.StarCategory) error {
	if err := r.SetFlow(flowStarNominate, "reason", d); err != nil {
		return err
	}
	who := a.Cat.T(r.Lang, "stars.building", d.Building)
	if d.Member != 0 {
		who = a.NameOf(r, d.Member)
	}
	return r.Reply(r.T("stars.nominate.ask_reason", core.Esc(who), core.Esc(starLabel(c, r.Lang)), maxStarReason), telegram.ForceReply{ForceReply: true})
}

// starNominateText takes what is typed in a nomination: the person
// (@username or id) or the reason.
func (a *Stars) starNominateText(r *core.Req, f storage.Flow) error {
	var d starNomData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		return r.Tx.EndFlow(r.Me.ID)
	}
	rd, err := r.Tx.StarRound(d.Round)
	c, ok := a.starCategory(d.Cat)
	if core.IsNotFound(err) || !ok {
		return r.Tx.EndFlow(r.Me.ID)
	}
	if err != nil {
		return err
	}
	if refuse := a.mayNominateNow(r, rd, c); refuse != "" {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(refuse, nil)
	}
	if f.Step == "who" {
		m, ok, err := a.FindPerson(r, strings.TrimSpace(r.Text), "stars.nominate.usage")
		if !ok || err != nil {
			return err
		}
		return a.starPickPerson(r, d, c, m.ID)
	}
	reason := core.CleanText(r.Text)
	if reason == "" {
		return r.Reply(r.T("stars.nominate.ask_reason_again", maxStarReason), telegram.ForceReply{ForceReply: true})
	}
	if n := core.RuneLen(reason); n > maxStarReason {
		return r.Reply(r.T("stars.nominate.too_long", n, maxStarReason), telegram.ForceReply{ForceReply: true})
	}
	if _, err := r.Tx.Nominate(rd.ID, c.Key, r.Me.ID, d.Member, d.Building, reason, r.Now); err != nil {
		return err
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	who := a.Cat.T(r.Lang, "stars.building", d.Building)
	if d.Member != 0 {
		who = a.NameOf(r, d.Member)
	}
	return r.Reply(r.T("stars.nominate.done", core.Esc(who), core.Esc(starLabel(c, r.Lang)), a.When(rd.NominateUntil)), nil)
}
