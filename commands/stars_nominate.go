package commands

import (
	"encoding/json"
	"html"
	"strings"

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
func (a *App) starNominateButton(r *req, parts []string) error {
	if len(parts) < 3 {
		return r.toast(r.t("error.stale_button"))
	}
	rd, c, ok, err := a.starRoundArg(r, parts[1], parts[2])
	if !ok || err != nil {
		return err
	}
	if refuse := a.mayNominateNow(r, rd, c); refuse != "" {
		return a.starRefuse(r, refuse)
	}
	d := starNomData{Round: rd.ID, Cat: c.Key}
	if parts[0] == "w" {
		mid, ok := idArg(strings.Join(parts[3:], ""))
		if !ok {
			return r.toast(r.t("error.stale_button"))
		}
		return a.starPickPerson(r, d, c, mid)
	}
	if err := r.toast(""); err != nil {
		return err
	}
	if c.Candidates == config.StarBuilding {
		d.Building = r.me.Building
		return a.askStarReason(r, d, c)
	}
	if err := r.setFlow(flowStarNominate, "who", d); err != nil {
		return err
	}
	people, err := a.starChoices(r, c)
	if err != nil {
		return err
	}
	var rows [][]telegram.Button
	for _, m := range people {
		rows = append(rows, []telegram.Button{{Text: limitRunes(m.Name, 40), CallbackData: "st:w:" + itoa(rd.ID) + ":" + c.Key + ":" + itoa(m.ID)}})
	}
	return r.reply(r.t("stars.nominate.ask_who", esc(starLabel(c, r.lang))), telegram.Keyboard{InlineKeyboard: rows})
}

// mayNominateNow is "" when the presser may nominate in c now, else why not.
func (a *App) mayNominateNow(r *req, rd storage.StarRound, c config.StarCategory) string {
	if !mayTakePart(r) {
		return r.t("stars.register_first")
	}
	if rd.State != storage.StarNominating || !r.now.Before(rd.NominateUntil) {
		return r.t("stars.nominate.closed")
	}
	if n, err := r.tx.StarNominationBy(rd.ID, c.Key, r.me.ID); err == nil {
		return r.t("stars.nominate.once", esc(starLabel(c, r.lang)), a.starCandName(r, n.CandidateID))
	}
	return ""
}

// starChoices are the people offered as buttons: the leaders for a leader
// category, else the registered residents of the presser's building; not
// the presser. Anyone else is named with @username.
func (a *App) starChoices(r *req, c config.StarCategory) ([]storage.Member, error) {
	var ms []storage.Member
	var err error
	if c.Candidates == config.StarLeader {
		ms, err = r.tx.MembersWithRole(storage.RoleLeader)
	} else {
		ms, err = r.tx.Residents(r.me.Building)
	}
	var out []storage.Member
	for _, m := range ms {
		if m.ID != r.me.ID && len(out) < maxStarButtons {
			out = append(out, m)
		}
	}
	return out, err
}

// starPickPerson checks the person chosen (button or @username) and asks
// for the reason.
func (a *App) starPickPerson(r *req, d starNomData, c config.StarCategory, mid int64) error {
	m, err := r.tx.Member(mid)
	if isNotFound(err) || (err == nil && !m.Registered() && m.Role == "") {
		return a.starRefuse(r, r.t("grant.unknown_user"))
	}
	if err != nil {
		return err
	}
	switch {
	case m.ID == r.me.ID:
		return a.starRefuse(r, r.t("stars.nominate.not_self"))
	case c.Candidates == config.StarLeader && m.Role != storage.RoleLeader:
		return a.starRefuse(r, r.t("stars.nominate.not_leader", esc(m.Name)))
	}
	d.Member = m.ID
	if err := r.toast(""); err != nil {
		return err
	}
	return a.askStarReason(r, d, c)
}

// starRefuse answers a press with a toast, a message with a reply.
func (a *App) starRefuse(r *req, text string) error {
	if r.cb != nil {
		return r.toast(html.UnescapeString(stripTags(text)))
	}
	return r.reply(text, nil)
}

func (a *App) askStarReason(r *req, d starNomData, c config.StarCategory) error {
	if err := r.setFlow(flowStarNominate, "reason", d); err != nil {
		return err
	}
	who := a.cat.T(r.lang, "stars.building", d.Building)
	if d.Member != 0 {
		who = a.nameOf(r, d.Member)
	}
	return r.reply(r.t("stars.nominate.ask_reason", esc(who), esc(starLabel(c, r.lang)), maxStarReason), telegram.ForceReply{ForceReply: true})
}

// starNominateText takes what is typed in a nomination: the person
// (@username or id) or the reason.
func (a *App) starNominateText(r *req, f storage.Flow) error {
	var d starNomData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		return r.tx.EndFlow(r.me.ID)
	}
	rd, err := r.tx.StarRound(d.Round)
	c, ok := a.starCategory(d.Cat)
	if isNotFound(err) || !ok {
		return r.tx.EndFlow(r.me.ID)
	}
	if err != nil {
		return err
	}
	if refuse := a.mayNominateNow(r, rd, c); refuse != "" {
		if err := r.tx.EndFlow(r.me.ID); err != nil {
			return err
		}
		return r.reply(refuse, nil)
	}
	if f.Step == "who" {
		m, ok, err := a.findPerson(r, strings.TrimSpace(r.text), "stars.nominate.usage")
		if !ok || err != nil {
			return err
		}
		return a.starPickPerson(r, d, c, m.ID)
	}
	reason := cleanText(r.text)
	if reason == "" {
		return r.reply(r.t("stars.nominate.ask_reason_again", maxStarReason), telegram.ForceReply{ForceReply: true})
	}
	if n := runeLen(reason); n > maxStarReason {
		return r.reply(r.t("stars.nominate.too_long", n, maxStarReason), telegram.ForceReply{ForceReply: true})
	}
	if _, err := r.tx.Nominate(rd.ID, c.Key, r.me.ID, d.Member, d.Building, reason, r.now); err != nil {
		return err
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	who := a.cat.T(r.lang, "stars.building", d.Building)
	if d.Member != 0 {
		who = a.nameOf(r, d.Member)
	}
	return r.reply(r.t("stars.nominate.done", esc(who), esc(starLabel(c, r.lang)), a.when(rd.NominateUntil)), nil)
}
