package commands

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

// kindPledgeRated closes a period's rating window (key: the period's id).
const kindPledgeRated = "pledge.rated"

// maxPledgeList bounds the pledges listed with buttons in one message.
const maxPledgeList = 30

// pledges: /pledges lists the current period's pledges (or a named one's)
// with progress and ratings; a button opens each.
func (a *App) pledges(r *req) error {
	name := cleanLine(r.args)
	var per storage.PledgePeriod
	var err error
	if name != "" {
		per, err = r.tx.PledgePeriodByName(name)
	} else {
		per, err = r.tx.CurrentPledgePeriod()
	}
	if isNotFound(err) {
		return r.reply(r.t("pledge.no_period"), nil)
	}
	if err != nil {
		return err
	}
	ps, err := r.tx.Pledges(per.ID)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(r.n("pledge.list.title", len(ps), esc(per.Name), r.t("pledge.state."+per.State)))
	if per.State == storage.PledgeReview {
		b.WriteString("\n" + r.t("pledge.list.rate_until", a.when(per.ReviewUntil)))
	}
	var rows [][]telegram.Button
	for i, p := range ps {
		name := a.nameOf(r, p.MemberID)
		line := r.t("pledge.list.line", i+1, esc(name), p.Done(), len(p.Items))
		if p.Ratings > 0 {
			line += " · " + r.n("pledge.detail.ratings", p.Ratings, fmt.Sprintf("%.1f", p.Average))
		}
		b.WriteString("\n" + line)
		if i < maxPledgeList {
			rows = append(rows, []telegram.Button{{Text: strconv.Itoa(i+1) + ". " + limitRunes(name, 40), CallbackData: "pl:v:" + itoa(p.ID)}})
		}
	}
	if len(ps) == 0 {
		b.WriteString("\n" + r.t("pledge.list.none"))
	}
	return r.reply(fit(b.String()), telegram.Keyboard{InlineKeyboard: rows})
}

// showPledge opens one pledge, with Rate for residents and Comment for
// staff while the review window is open.
func (a *App) showPledge(r *req, per storage.PledgePeriod, p storage.Pledge) error {
	words, err := r.tx.PledgeWords(p.ID)
	if err != nil {
		return err
	}
	var rows [][]telegram.Button
	if per.State == storage.PledgeReview {
		if refuse, err := a.mayRatePledge(r, p, per); err != nil {
			return err
		} else if refuse == "" {
			rows = append(rows, []telegram.Button{{Text: r.t("pledge.button.rate"), CallbackData: "pl:r:" + itoa(p.ID)}})
		}
		if mayManagePledges(r) {
			rows = append(rows, []telegram.Button{{Text: r.t("pledge.button.comment"), CallbackData: "pl:c:" + itoa(p.ID)}})
		}
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return r.reply(a.pledgeDetail(r, per, p, words), telegram.Keyboard{InlineKeyboard: rows})
}

// ratePledgeButton: pl:r:<id> offers 1-5; pl:rv:<id>:<n> takes the number
// and asks for an optional word.
func (a *App) ratePledgeButton(r *req, per storage.PledgePeriod, p storage.Pledge, verb, arg string) error {
	refuse, err := a.mayRatePledge(r, p, per)
	if err != nil {
		return err
	}
	if refuse != "" {
		return r.toast(refuse)
	}
	if verb == "r" {
		var row []telegram.Button
		for n := 1; n <= 5; n++ {
			row = append(row, telegram.Button{Text: strings.Repeat("★", n), CallbackData: fmt.Sprintf("pl:rv:%d:%d", p.ID, n)})
		}
		if err := r.toast(""); err != nil {
			return err
		}
		return r.reply(r.t("pledge.rate.ask", esc(a.nameOf(r, p.MemberID))), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row[:3], row[3:]}})
	}
	n, err := strconv.Atoi(arg)
	if err != nil || n < 1 || n > 5 {
		return r.toast(r.t("error.stale_button"))
	}
	if err := r.setFlow(flowPledge, "word", pledgeData{Pledge: p.ID, Stars: n}); err != nil {
		return err
	}
	if err := r.toast(""); err != nil {
		return err
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.t("pledge.button.skip"), CallbackData: "pl:rk"}}}}
	return r.edit(r.t("pledge.rate.ask_word", n, maxPledgeWord), kb)
}

// pledgeWord stores the rating with its word ("" none), checked again.
func (a *App) pledgeWord(r *req, d pledgeData, word string) error {
	p, err := r.tx.Pledge(d.Pledge)
	if err != nil || d.Stars < 1 || d.Stars > 5 {
		return r.tx.EndFlow(r.me.ID)
	}
	per, err := r.tx.PledgePeriod(p.PeriodID)
	if err != nil {
		return err
	}
	if n := runeLen(word); n > maxPledgeWord {
		return r.reply(r.t("pledge.rate.word_too_long", n, maxPledgeWord), nil)
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	refuse, err := a.mayRatePledge(r, p, per)
	if err != nil {
		return err
	}
	if refuse != "" {
		return a.starRefuse(r, refuse)
	}
	if _, err := r.tx.RatePledge(p.ID, r.me.ID, d.Stars, word, r.now); err != nil {
		return err
	}
	done := r.t("pledge.rate.done", d.Stars, esc(a.nameOf(r, p.MemberID)))
	if r.cb != nil {
		if err := r.toast(""); err != nil {
			return err
		}
		return r.edit(done, nil)
	}
	return r.reply(done, nil)
}

// pledgeRatingClose ends a period's rating window: the period closes and
// each pledger hears how their pledge was rated.
func (a *App) pledgeRatingClose(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	id, ok := idArg(it.Data)
	if !ok {
		return nil
	}
	per, err := tx.PledgePeriod(id)
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if moved, err := tx.MovePledgePeriod(per.ID, storage.PledgeReview, storage.PledgeClosed, time.Time{}, now); err != nil || !moved {
		return err
	}
	r := a.systemReq(ctx, tx, now)
	ps, err := tx.Pledges(per.ID)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if err := a.tellMember(r, p.MemberID, nil, "pledge.rating_closed", esc(per.Name), p.Done(), len(p.Items), p.Ratings,
			fmt.Sprintf("%.1f", p.Average)); err != nil {
			return err
		}
	}
	return nil
}
