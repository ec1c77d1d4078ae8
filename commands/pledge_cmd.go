package commands

import (
	"strings"
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

// Public pledges (双诺三评). Staff open a period; a member (leaders, team
// members, anyone staff allow) pledges 1-10 concrete items, which are
// posted in the community's group once they confirm; they check items off
// with a note (and a photo); when staff end the period the member writes a
// self-review, staff comment, and residents rate each pledge once, 1-5,
// within pledges.rating_days.

const (
	maxPledgeItems   = 10
	maxPledgeItem    = 200
	maxPledgeNote    = 300
	maxPledgeReview  = 1000
	maxPledgeComment = 500
	maxPledgeWord    = 100
	maxPeriodName    = 32
)

// mayManagePledges: staff open and end periods, allow members, comment.
// The one check for those, made again on every press.
func mayManagePledges(r *req) bool { return r.atLeast(storage.RoleStaff) }

// mayPledge: leaders and staff, members of a volunteer team, and anyone
// staff allowed. The one check for making a pledge and checking it off.
func (a *App) mayPledge(r *req) (bool, error) {
	if r.atLeast(storage.RoleLeader) {
		return true, nil
	}
	if !r.me.Registered() {
		return false, nil
	}
	if in, err := r.tx.InAnyTeam(r.me.ID); err != nil || in {
		return in, err
	}
	return r.tx.PledgeAllowed(r.me.ID)
}

// mayRatePledge is "" when the presser may rate p now, else why not: a
// registered resident, not its author, once, within the rating window.
func (a *App) mayRatePledge(r *req, p storage.Pledge, per storage.PledgePeriod) (string, error) {
	switch {
	case !r.me.Registered():
		return r.t("stars.register_first"), nil
	case per.State != storage.PledgeReview || !r.now.Before(per.ReviewUntil):
		return r.t("pledge.rate.closed"), nil
	case p.MemberID == r.me.ID:
		return r.t("pledge.rate.own"), nil
	}
	rated, err := r.tx.HasRatedPledge(p.ID, r.me.ID)
	if err != nil || !rated {
		return "", err
	}
	return r.t("pledge.rate.twice"), nil
}

// pledge: /pledge shows the caller's pledge or starts one; staff add
// "period <name>", "end" and "allow @user".
func (a *App) pledge(r *req) error {
	words := strings.Fields(cleanLine(r.args))
	if len(words) > 0 {
		switch strings.ToLower(words[0]) {
		case "period", "end", "allow":
			if !mayManagePledges(r) {
				return r.reply(r.t("pledge.staff_only"), nil)
			}
			return a.pledgeStaff(r, strings.ToLower(words[0]), strings.Join(words[1:], " "))
		}
		return r.reply(r.t("pledge.usage", maxPeriodName), nil)
	}
	per, err := r.tx.CurrentPledgePeriod()
	if isNotFound(err) {
		return r.reply(r.t("pledge.no_period"), nil)
	}
	if err != nil {
		return err
	}
	p, err := r.tx.PledgeOf(per.ID, r.me.ID)
	if err == nil {
		text, kb := a.myPledgePage(r, per, p)
		return r.reply(text, kb)
	}
	if !isNotFound(err) {
		return err
	}
	if ok, err := a.mayPledge(r); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.reply(r.t("pledge.not_allowed"), nil)
	}
	if per.State != storage.PledgeOpen {
		return r.reply(r.t("pledge.period_ended", esc(per.Name)), nil)
	}
	if err := r.setFlow(flowPledge, "items", pledgeData{Period: per.ID}); err != nil {
		return err
	}
	return r.reply(r.t("pledge.ask_items", esc(per.Name), maxPledgeItems, maxPledgeItem), telegram.ForceReply{ForceReply: true})
}

// pledgeStaff: /pledge period <name>, /pledge end, /pledge allow @user.
func (a *App) pledgeStaff(r *req, verb, arg string) error {
	switch verb {
	case "period":
		if arg == "" || runeLen(arg) > maxPeriodName {
			return r.reply(r.t("pledge.usage", maxPeriodName), nil)
		}
		if cur, err := r.tx.CurrentPledgePeriod(); err == nil && cur.State != storage.PledgeClosed {
			return r.reply(r.t("pledge.period_running", esc(cur.Name)), nil)
		} else if err != nil && !isNotFound(err) {
			return err
		}
		if _, err := r.tx.PledgePeriodByName(arg); err == nil {
			return r.reply(r.t("pledge.period_exists", esc(arg)), nil)
		}
		if _, err := r.tx.CreatePledgePeriod(arg, r.me.ID, r.now); err != nil {
			return err
		}
		return r.reply(r.t("pledge.period_opened", esc(arg)), nil)
	case "allow":
		m, ok, err := a.findPerson(r, arg, "pledge.usage", maxPeriodName)
		if !ok || err != nil {
			return err
		}
		if err := r.tx.AllowPledge(m.ID, r.me.ID, r.now); err != nil {
			return err
		}
		if err := a.tellMember(r, m.ID, nil, "pledge.told_allowed"); err != nil {
			return err
		}
		return r.reply(r.t("pledge.allowed", esc(m.Name)), nil)
	}
	return a.endPledgePeriod(r)
}

// endPledgePeriod ends the open period: the review window opens for
// pledges.rating_days, pledgers are asked for their self-review.
func (a *App) endPledgePeriod(r *req) error {
	per, err := r.tx.CurrentPledgePeriod()
	if isNotFound(err) || (err == nil && per.State != storage.PledgeOpen) {
		return r.reply(r.t("pledge.no_open_period"), nil)
	}
	if err != nil {
		return err
	}
	until := r.now.Add(time.Duration(a.cfg.Pledges.RatingDays) * 24 * time.Hour)
	if moved, err := r.tx.MovePledgePeriod(per.ID, storage.PledgeOpen, storage.PledgeReview, until, r.now); err != nil || !moved {
		return err
	}
	if _, err := r.tx.ScheduleDue(storage.DueItem{Kind: kindPledgeRated, Key: itoa(per.ID), DueAt: until, Data: itoa(per.ID)}, r.now); err != nil {
		return err
	}
	ps, err := r.tx.Pledges(per.ID)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if err := a.tellMember(r, p.MemberID, nil, "pledge.ask_review", esc(per.Name), a.when(until)); err != nil {
			return err
		}
	}
	if err := a.pledgeGroupNotice(r, "pledge.group_rating_open", esc(per.Name), a.when(until)); err != nil {
		return err
	}
	return r.reply(r.n("pledge.period_ended_staff", len(ps), esc(per.Name), a.when(until)), nil)
}

// pledgeGroupNotice posts a line in the community-wide groups, in the
// community's language, with a button to the pledges.
func (a *App) pledgeGroupNotice(r *req, key string, args ...any) error {
	chats, err := r.tx.LinkedChats()
	if err != nil {
		return err
	}
	lang := a.cfg.Community.Language
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.cat.T(lang, "pledge.button.see"), URL: a.deepLink("pledges")}}}}
	for _, c := range chats {
		if !c.Community {
			continue
		}
		if err := a.send(r.tx, c.ID, a.cat.T(lang, key, args...), kb, storage.PriorityNotice, r.now); err != nil {
			return err
		}
	}
	return nil
}
