package pledge

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// kindPledgeRated closes a period's rating window (key: the period's id).
const kindPledgeRated = "pledge.rated"

// maxPledgeList bounds the pledges listed with buttons in one message.
const maxPledgeList = 30

// Pledges: /pledges lists the current period's pledges (or a named one's)
// with progress and ratings; a button opens each.
func (a *Pledge) Pledges(r *core.Req) error {
	name := core.CleanLine(r.Args)
	var per storage.PledgePeriod
	var err error
	if name != "" {
		per, err = r.Tx.PledgePeriodByName(name)
	} else {
		per, err = r.Tx.CurrentPledgePeriod()
	}
	if core.IsNotFound(err) {
		return r.Reply(r.T("pledge.no_period"), nil)
	}
	if err != nil {
		return err
	}
	ps, err := r.Tx.Pledges(per.ID)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(r.N("pledge.list.title", len(ps), core.Esc(per.Name), r.T("pledge.state."+per.State)))
	if per.State == storage.PledgeReview {
		b.WriteString("\n" + r.T("pledge.list.rate_until", a.WhenIn(r.Lang, per.ReviewUntil)))
	}
	var rows [][]telegram.Button
	for i, p := range ps {
		name := a.NameOf(r, p.MemberID)
		line := r.T("pledge.list.line", i+1, core.Esc(name), p.Done(), len(p.Items))
		if p.Ratings > 0 {
			line += " · " + r.N("pledge.detail.ratings", p.Ratings, fmt.Sprintf("%.1f", p.Average))
		}
		b.WriteString("\n" + line)
		if i < maxPledgeList {
			rows = append(rows, []telegram.Button{{Text: strconv.Itoa(i+1) + ". " + core.LimitRunes(name, 40), CallbackData: "pl:v:" + core.Itoa(p.ID)}})
		}
	}
	if len(ps) == 0 {
		b.WriteString("\n" + r.T("pledge.list.none"))
	}
	return r.Reply(core.Fit(b.String()), telegram.Keyboard{InlineKeyboard: rows})
}

// showPledge opens one pledge, with Rate for residents and Comment for
// staff while the review window is open.
func (a *Pledge) showPledge(r *core.Req, per storage.PledgePeriod, p storage.Pledge) error {
	words, err := r.Tx.PledgeWords(p.ID)
	if err != nil {
		return err
	}
	var rows [][]telegram.Button
	if per.State == storage.PledgeReview {
		if refuse, err := a.mayRatePledge(r, p, per); err != nil {
			return err
		} else if refuse == "" {
			rows = append(rows, []telegram.Button{{Text: r.T("pledge.button.rate"), CallbackData: "pl:r:" + core.Itoa(p.ID)}})
		}
		if mayManagePledges(r) {
			rows = append(rows, []telegram.Button{{Text: r.T("pledge.button.comment"), CallbackData: "pl:c:" + core.Itoa(p.ID)}})
		}
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Reply(a.pledgeDetail(r, per, p, words), telegram.Keyboard{InlineKeyboard: rows})
}

// ratePledgeButton: pl:r:<id> offers 1-5; pl:rv:<id>:<n> takes the number
// and asks for an optional word.
func (a *Pledge) ratePledgeButton(r *core.Req, per storage.PledgePeriod, p storage.Pledge, verb, arg string) error {
	refuse, err := a.mayRatePledge(r, p, per)
	if err != nil {
		return err
	}
	if refuse != "" {
		return r.Toast(refuse)
	}
	if verb == "r" {
		var row []telegram.Button
		for n := 1; n <= 5; n++ {
			row = append(row, telegram.Button{Text: strings.Repeat("★", n), CallbackData: fmt.Sprintf("pl:rv:%d:%d", p.ID, n)})
		}
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Reply(r.T("pledge.rate.ask", core.Esc(a.NameOf(r, p.MemberID))), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row[:3], row[3:]}})
	}
	n, err := strconv.Atoi(arg)
	if err != nil || n < 1 || n > 5 {
		return r.Toast(r.T("error.stale_button"))
	}
	if err := r.SetFlow(flowPledge, "word", pledgeData{Pledge: p.ID, Stars: n}); err != nil {
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.T("pledge.button.skip"), CallbackData: "pl:rk"}}}}
	return r.Edit(r.T("pledge.rate.ask_word", n, maxPledgeWord), kb)
}

// pledgeWord stores the rating with its word ("" none), checked again.
func (a *Pledge) pledgeWord(r *core.Req, d pledgeData, word string) error {
	p, err := r.Tx.Pledge(d.Pledge)
	if err != nil || d.Stars < 1 || d.Stars > 5 {
		return r.Tx.EndFlow(r.Me.ID)
	}
	per, err := r.Tx.PledgePeriod(p.PeriodID)
	if err != nil {
		return err
	}
	if n := core.RuneLen(word); n > maxPledgeWord {
		return r.Reply(r.T("pledge.rate.word_too_long", n, maxPledgeWord), nil)
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	refuse, err := a.mayRatePledge(r, p, per)
	if err != nil {
		return err
	}
	if refuse != "" {
		return r.Refuse(refuse)
	}
	if _, err := r.Tx.RatePledge(p.ID, r.Me.ID, d.Stars, word, r.Now); err != nil {
		return err
	}
	done := r.T("pledge.rate.done", d.Stars, core.Esc(a.NameOf(r, p.MemberID)))
	if r.CB != nil {
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Edit(done, nil)
	}
	return r.Reply(done, nil)
}

// pledgeRatingClose ends a period's rating window: the period closes and
// each pledger hears how their pledge was rated.
func (a *Pledge) pledgeRatingClose(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	id, ok := core.IdArg(it.Data)
	if !ok {
		return nil
	}
	per, err := tx.PledgePeriod(id)
	if core.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if moved, err := tx.MovePledgePeriod(per.ID, storage.PledgeReview, storage.PledgeClosed, time.Time{}, now); err != nil || !moved {
		return err
	}
	r := a.SystemReq(ctx, tx, now)
	ps, err := tx.Pledges(per.ID)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if p.Ratings == 0 { // an average of nothing is not 0★
			if err := a.TellMember(r, p.MemberID, nil, "pledge.rating_closed_none", core.Esc(per.Name), p.Done(), len(p.Items)); err != nil {
				return err
			}
			continue
		}
		if err := a.TellMember(r, p.MemberID, nil, "pledge.rating_closed", core.Esc(per.Name), p.Done(), len(p.Items),
			core.InLang(func(lang string) string { return a.Cat.N(lang, "count.ratings", p.Ratings) }),
			fmt.Sprintf("%.1f", p.Average)); err != nil {
			return err
		}
	}
	return nil
}
