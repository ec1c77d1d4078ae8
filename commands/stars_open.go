package commands

import (
	"fmt"
	"strconv"
	"strings"
	"time"

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
func (a *App) starOpenButton(r *req, parts []string) error {
	if !mayRunStars(r) {
		return r.toast(r.t("stars.staff_only"))
	}
	if parts[0] == "o" {
		if err := r.setFlow(flowStarsOpen, "nom", starOpenData{}); err != nil {
			return err
		}
		if err := r.toast(""); err != nil {
			return err
		}
		return r.reply(r.t("stars.open.ask_nom"), a.starDaysKeyboard(r, "st:od:"))
	}
	var d starOpenData
	_, ok, err := r.flowFor(flowStarsOpen, &d)
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
		if err != nil || !containsInt(a.cfg.Stars.Days, n) {
			return r.toast(r.t("error.stale_button"))
		}
		if parts[0] == "od" {
			d.Nom = n
			if err := r.setFlow(flowStarsOpen, "vote", d); err != nil {
				return err
			}
			return r.edit(r.t("stars.open.ask_vote", n), a.starDaysKeyboard(r, "st:ov:"))
		}
		d.Vote = n
		if err := r.setFlow(flowStarsOpen, "aud", d); err != nil {
			return err
		}
		var rows [][]telegram.Button
		for _, au := range starAudiences {
			rows = append(rows, []telegram.Button{{Text: r.t("ann.audience." + au), CallbackData: "st:oa:" + au}})
		}
		return r.edit(r.t("stars.open.ask_audience"), telegram.Keyboard{InlineKeyboard: rows})
	case "oa":
		if !containsStr(starAudiences, arg) || d.Nom == 0 || d.Vote == 0 {
			return r.toast(r.t("error.stale_button"))
		}
		d.Aud = arg
		if err := r.setFlow(flowStarsOpen, "confirm", d); err != nil {
			return err
		}
		rd := a.starPlan(r, d)
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: r.t("stars.button.open_confirm"), CallbackData: "st:oy"}, {Text: r.t("button.cancel"), CallbackData: "st:ox"}}}}
		return r.edit(r.t("stars.open.preview", a.roundTitle(rd)(r.lang), a.starCategoryList(r.lang), a.when(rd.NominateUntil),
			a.when(rd.VoteFrom), a.when(rd.VoteUntil), r.t("ann.audience."+d.Aud)), kb)
	case "ox":
		return r.endFlowSaying(r.t("stars.open.cancelled"))
	case "oy":
		if d.Aud == "" {
			return r.toast(r.t("error.stale_button"))
		}
		return a.openStarRound(r, d)
	}
	return r.toast(r.t("error.stale_button"))
}

// starPlan lays a round out from now: its title is the month it opens in.
func (a *App) starPlan(r *req, d starOpenData) storage.StarRound {
	local := r.now.In(a.loc)
	title := fmt.Sprintf("%d-%02d", local.Year(), int(local.Month()))
	nomEnd := r.now.Add(time.Duration(d.Nom) * 24 * time.Hour)
	voteFrom := nomEnd.Add(starShortlistHours * time.Hour)
	return storage.StarRound{Title: title, Audience: d.Aud, NominateUntil: nomEnd, VoteFrom: voteFrom,
		VoteUntil: voteFrom.Add(time.Duration(d.Vote) * 24 * time.Hour), OpenedBy: r.me.ID}
}

// openStarRound opens the round, lays out its three moments and tells the
// audience that nominations are open.
func (a *App) openStarRound(r *req, d starOpenData) error {
	if _, err := r.tx.ActiveStarRound(); err == nil {
		return r.endFlowSaying(r.t("stars.open.already"))
	} else if !isNotFound(err) {
		return err
	}
	rd := a.starPlan(r, d)
	id, err := r.tx.CreateStarRound(rd, r.now)
	if err != nil {
		return err
	}
	for kind, at := range map[string]time.Time{kindStarNomClose: rd.NominateUntil, kindStarVoteOpen: rd.VoteFrom, kindStarClose: rd.VoteUntil} {
		if _, err := r.tx.ScheduleDue(storage.DueItem{Kind: kind, Key: itoa(id), DueAt: at, Data: itoa(id)}, r.now); err != nil {
			return err
		}
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	rd.ID = id
	a.audit(r, "stars.open", "star:"+itoa(id), map[string]any{"audience": rd.Audience, "vote_until": rd.VoteUntil.In(a.loc).Format("2006-01-02")})
	n, err := a.starTell(r, rd, func(lang string) string {
		return a.cat.T(lang, "stars.opened_notice", a.roundTitle(rd)(lang), a.starCategoryList(lang), a.when(rd.NominateUntil), maxStarReason)
	})
	if err != nil {
		return err
	}
	return r.edit(r.n("stars.open.done", n, a.roundTitle(rd)(r.lang), a.when(rd.NominateUntil)), nil)
}

// roundTitle names a round's month in the reader's language.
func (a *App) roundTitle(rd storage.StarRound) inLang {
	return func(lang string) string {
		var y, m int
		if n, _ := fmt.Sscanf(rd.Title, "%d-%d", &y, &m); n == 2 {
			return a.cat.T(lang, "stars.round_title", y, m)
		}
		return esc(rd.Title)
	}
}

// starTell sends text (in each reader's language) to a round's audience,
// with a button to the private chat while the round is open, and returns
// how many chats it went to.
func (a *App) starTell(r *req, rd storage.StarRound, text func(lang string) string) (int, error) {
	recips, err := a.recipients(r, storage.Announcement{Audience: rd.Audience})
	if err != nil {
		return 0, err
	}
	for _, rc := range recips {
		var kb any
		if rd.State != storage.StarClosed {
			kb = telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.cat.T(rc.lang, "stars.button.go"), URL: a.deepLink("stars")}}}}
		}
		prio := storage.PriorityBulk
		if rc.chat < 0 {
			prio = storage.PriorityNotice
		}
		if err := a.send(r.tx, rc.chat, text(rc.lang), kb, prio, r.now); err != nil {
			return 0, err
		}
	}
	return len(recips), nil
}

func (a *App) starDaysKeyboard(r *req, prefix string) telegram.Keyboard {
	var row []telegram.Button
	for _, n := range a.cfg.Stars.Days {
		row = append(row, telegram.Button{Text: r.n("stars.days", n), CallbackData: prefix + strconv.Itoa(n)})
	}
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row, {{Text: r.t("button.cancel"), CallbackData: "st:ox"}}}}
}

// starCategoryList names the categories, in lang.
func (a *App) starCategoryList(lang string) string {
	var names []string
	for _, c := range a.cfg.Stars.Categories {
		names = append(names, starLabel(c, lang))
	}
	sep := "、"
	if lang == "en" {
		sep = ", "
	}
	return esc(strings.Join(names, sep))
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
