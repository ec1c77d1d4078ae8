package stars

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

const flowStarsOpen = "stars_open"

// starOpenData is the opening conversation: days chosen so far.
type starOpenData struct {
	Nom  int    `json:"nom,omitempty"`
	Vote int    `json:"vote,omitempty"`
	Aud  string `json:"aud,omitempty"`
}

// starAudiences are where a round's opening and results may go.
var starAudiences = []string{storage.AudienceGroups, storage.AudienceResidents}

// starOpenButton walks staff through opening a round: nomination days,
// voting days, audience, then a preview with Open / Cancel.
func (a *Stars) starOpenButton(r *core.Req, parts []string) error {
	if !mayRunStars(r) {
		return r.Toast(r.T("stars.staff_only"))
	}
	if parts[0] == "o" {
		if err := r.SetFlow(flowStarsOpen, "nom", starOpenData{}); err != nil {
			return err
		}
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Reply(r.T("stars.open.ask_nom"), a.starDaysKeyboard(r, "st:od:"))
	}
	var d starOpenData
	_, ok, err := r.FlowFor(flowStarsOpen, &d)
	if !ok || err != nil {
		return err
	}
	arg := ""
	if len(parts) > 1 {
		arg = parts[1]
	}
	switch parts[0] {
	case "od", "ov":
		n, err := strconv.Atoi(arg)
		if err != nil || !containsInt(a.Cfg.Stars.Days, n) {
			return r.Toast(r.T("error.stale_button"))
		}
		if parts[0] == "od" {
			d.Nom = n
			if err := r.SetFlow(flowStarsOpen, "vote", d); err != nil {
				return err
			}
			return r.Edit(r.T("stars.open.ask_vote", n), a.starDaysKeyboard(r, "st:ov:"))
		}
		d.Vote = n
		if err := r.SetFlow(flowStarsOpen, "aud", d); err != nil {
			return err
		}
		var rows [][]telegram.Button
		for _, au := range starAudiences {
			rows = append(rows, []telegram.Button{{Text: r.T("ann.audience." + au), CallbackData: "st:oa:" + au}})
		}
		return r.Edit(r.T("stars.open.ask_audience"), telegram.Keyboard{InlineKeyboard: rows})
	case "oa":
		if !core.ContainsStr(starAudiences, arg) || d.Nom == 0 || d.Vote == 0 {
			return r.Toast(r.T("error.stale_button"))
		}
		d.Aud = arg
		if err := r.SetFlow(flowStarsOpen, "confirm", d); err != nil {
			return err
		}
		rd := a.starPlan(r, d)
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: r.T("stars.button.open_confirm"), CallbackData: "st:oy"}, {Text: r.T("button.cancel"), CallbackData: "st:ox"}}}}
		return r.Edit(r.T("stars.open.preview", a.roundTitle(rd)(r.Lang), a.starCategoryList(r.Lang), a.When(rd.NominateUntil),
			a.When(rd.VoteFrom), a.When(rd.VoteUntil), r.T("ann.audience."+d.Aud)), kb)
	case "ox":
		return r.EndFlowSaying(r.T("stars.open.cancelled"))
	case "oy":
		if d.Aud == "" {
			return r.Toast(r.T("error.stale_button"))
		}
		return a.openStarRound(r, d)
	}
	return r.Toast(r.T("error.stale_button"))
}

// starPlan lays a round out from now: its title is the month it opens in.
func (a *Stars) starPlan(r *core.Req, d starOpenData) storage.StarRound {
	local := r.Now.In(a.Loc)
	title := fmt.Sprintf("%d-%02d", local.Year(), int(local.Month()))
	nomEnd := r.Now.Add(time.Duration(d.Nom) * 24 * time.Hour)
	voteFrom := nomEnd.Add(starShortlistHours * time.Hour)
	return storage.StarRound{Title: title, Audience: d.Aud, NominateUntil: nomEnd, VoteFrom: voteFrom,
		VoteUntil: voteFrom.Add(time.Duration(d.Vote) * 24 * time.Hour), OpenedBy: r.Me.ID}
}

// openStarRound opens the round, lays out its three moments and tells the
// audience that nominations are open.
func (a *Stars) openStarRound(r *core.Req, d starOpenData) error {
	if _, err := r.Tx.ActiveStarRound(); err == nil {
		return r.EndFlowSaying(r.T("stars.open.already"))
	} else if !core.IsNotFound(err) {
		return err
	}
	rd := a.starPlan(r, d)
	id, err := r.Tx.CreateStarRound(rd, r.Now)
	if err != nil {
		return err
	}
	for kind, at := range map[string]time.Time{kindStarNomClose: rd.NominateUntil, kindStarVoteOpen: rd.VoteFrom, kindStarClose: rd.VoteUntil} {
		if _, err := r.Tx.ScheduleDue(storage.DueItem{Kind: kind, Key: core.Itoa(id), DueAt: at, Data: core.Itoa(id)}, r.Now); err != nil {
			return err
		}
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	rd.ID = id
	a.Audit(r, "stars.open", "star:"+core.Itoa(id), map[string]any{"audience": rd.Audience, "vote_until": rd.VoteUntil.In(a.Loc).Format("2006-01-02")})
	n, err := a.starTell(r, rd, func(lang string) string {
		return a.Cat.T(lang, "stars.opened_notice", a.roundTitle(rd)(lang), a.starCategoryList(lang), a.When(rd.NominateUntil), maxStarReason)
	})
	if err != nil {
		return err
	}
	return r.Edit(r.N("stars.open.done", n, a.roundTitle(rd)(r.Lang), a.When(rd.NominateUntil)), nil)
}

// roundTitle names a round's month in the reader's language.
func (a *Stars) roundTitle(rd storage.StarRound) core.InLang {
	return func(lang string) string {
		var y, m int
		if n, _ := fmt.Sscanf(rd.Title, "%d-%d", &y, &m); n == 2 {
			return a.Cat.T(lang, "stars.round_title", y, m)
		}
		return core.Esc(rd.Title)
	}
}

// starTell sends text (in each reader's language) to a round's audience,
// with a button to the private chat while the round is open, and returns
// how many chats it went to.
func (a *Stars) starTell(r *core.Req, rd storage.StarRound, text func(lang string) string) (int, error) {
	recips, err := a.audience.Recipients(r, storage.Announcement{Audience: rd.Audience})
	if err != nil {
		return 0, err
	}
	for _, rc := range recips {
		var kb any
		if rd.State != storage.StarClosed {
			kb = telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.Cat.T(rc.Lang, "stars.button.go"), URL: a.DeepLink("stars")}}}}
		}
		prio := storage.PriorityBulk
		if rc.Chat < 0 {
			prio = storage.PriorityNotice
		}
		if err := a.Send(r.Tx, rc.Chat, text(rc.Lang), kb, prio, r.Now); err != nil {
			return 0, err
		}
	}
	return len(recips), nil
}

func (a *Stars) starDaysKeyboard(r *core.Req, prefix string) telegram.Keyboard {
	var row []telegram.Button
	for _, n := range a.Cfg.Stars.Days {
		row = append(row, telegram.Button{Text: r.N("stars.days", n), CallbackData: prefix + strconv.Itoa(n)})
	}
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row, {{Text: r.T("button.cancel"), CallbackData: "st:ox"}}}}
}

// starCategoryList names the categories, in lang.
func (a *Stars) starCategoryList(lang string) string {
	var names []string
	for _, c := range a.Cfg.Stars.Categories {
		names = append(names, starLabel(c, lang))
	}
	sep := "、"
	if lang == "en" {
		sep = ", "
	}
	return core.Esc(strings.Join(names, sep))
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
