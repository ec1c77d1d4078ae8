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

// starAudiences are where a round's opening and results may go.
var starAudiences = []string{storage.AudienceGroups, storage.AudienceResidents}

// starOpenData is a round's lengths in days and its audience.
type starOpenData struct {
	Nom, Vote int
	Aud       string
}

// The opening, for staff: nomination days, voting days, the audience,
// then the preview to confirm.
func (a *Stars) openDialog() *core.Dialog {
	return &core.Dialog{
		Name: "star_open",
		Min:  storage.RoleStaff,
		Steps: []core.Step{
			core.ChoiceStep{Name: "nom", Label: "stars.open.nom", Ask: core.Say("stars.open.ask_nom"), Options: a.dayOptions},
			core.ChoiceStep{Name: "vote", Label: "stars.open.vote", Options: a.dayOptions,
				Ask: func(r *core.Req, v core.Values) string { return r.T("stars.open.ask_vote", openData(v).Nom) }},
			core.ChoiceStep{Name: "aud", Label: "stars.open.audience", Ask: core.Say("stars.open.ask_audience"), Options: a.audienceOptions},
			core.ConfirmStep{Name: "ok", Summary: func(r *core.Req, v core.Values) string {
				d := openData(v)
				rd := a.starPlan(r, d)
				return r.T("stars.open.preview", a.roundTitle(rd)(r.Lang), a.starCategoryList(r.Lang), a.WhenIn(r.Lang, rd.NominateUntil),
					a.WhenIn(r.Lang, rd.VoteFrom), a.WhenIn(r.Lang, rd.VoteUntil), r.T("ann.audience."+d.Aud))
			}},
		},
		Done: func(r *core.Req, v core.Values) error { return a.openStarRound(r, openData(v)) },
	}
}

// openData reads the opening's answers.
func openData(v core.Values) starOpenData {
	nom, _ := strconv.Atoi(v.String("nom"))
	vote, _ := strconv.Atoi(v.String("vote"))
	return starOpenData{Nom: nom, Vote: vote, Aud: v.String("aud")}
}

// dayOptions are the lengths staff may choose, in days: "5" or "5天" picks 5.
func (a *Stars) dayOptions(*core.Req, core.Values) []core.Option {
	var out []core.Option
	for _, n := range a.Cfg.Stars.Days {
		k := strconv.Itoa(n)
		out = append(out, core.Option{Key: k, Zh: a.Cat.N("zh", "stars.days", n), En: a.Cat.N("en", "stars.days", n), Words: []string{k, k + "天"}})
	}
	return out
}

func (a *Stars) audienceOptions(*core.Req, core.Values) []core.Option {
	var out []core.Option
	for _, au := range starAudiences {
		out = append(out, a.Option(au, "ann.audience."+au))
	}
	return out
}

// starOpenButton: st:o starts the opening.
func (a *Stars) starOpenButton(r *core.Req) error {
	if err := r.Toast(""); err != nil {
		return err
	}
	return a.open.Start(r, nil)
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
		return r.Reply(r.T("stars.open.already"), nil)
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
	rd.ID = id
	a.Audit(r, "stars.open", "star:"+core.Itoa(id), map[string]any{"audience": rd.Audience, "vote_until": rd.VoteUntil.In(a.Loc).Format("2006-01-02")})
	n, err := a.starTell(r, rd, func(lang string) string {
		return a.Cat.T(lang, "stars.opened_notice", a.roundTitle(rd)(lang), a.starCategoryList(lang), a.WhenIn(lang, rd.NominateUntil), maxStarReason)
	})
	if err != nil {
		return err
	}
	return r.Reply(r.N("stars.open.done", n, a.roundTitle(rd)(r.Lang), a.WhenIn(r.Lang, rd.NominateUntil)), nil)
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
