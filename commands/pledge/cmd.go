package pledge

import (
	"strings"
	"time"

	"courtyard/commands/core"
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
func mayManagePledges(r *core.Req) bool { return r.AtLeast(storage.RoleStaff) }

// mayPledge: leaders and staff, members of a volunteer team, and anyone
// staff allowed. The one check for making a pledge and checking it off.
func (a *Pledge) mayPledge(r *core.Req) (bool, error) {
	if r.AtLeast(storage.RoleLeader) {
		return true, nil
	}
	if !r.Me.Registered() {
		return false, nil
	}
	if in, err := r.Tx.InAnyTeam(r.Me.ID); err != nil || in {
		return in, err
	}
	return r.Tx.PledgeAllowed(r.Me.ID)
}

// mayRatePledge is "" when the presser may rate p now, else why not: a
// registered resident, not its author, once, within the rating window.
func (a *Pledge) mayRatePledge(r *core.Req, p storage.Pledge, per storage.PledgePeriod) (string, error) {
	switch {
	case !r.Me.Registered():
		return r.T("stars.register_first"), nil
	case per.State != storage.PledgeReview || !r.Now.Before(per.ReviewUntil):
		return r.T("pledge.rate.closed"), nil
	case p.MemberID == r.Me.ID:
		return r.T("pledge.rate.own"), nil
	}
	rated, err := r.Tx.HasRatedPledge(p.ID, r.Me.ID)
	if err != nil || !rated {
		return "", err
	}
	return r.T("pledge.rate.twice"), nil
}

// Pledge: /pledge shows the caller's pledge or starts one; staff add
// "period <name>", "end" and "allow @user".
func (a *Pledge) Pledge(r *core.Req) error {
	words := strings.Fields(core.CleanLine(r.Args))
	if len(words) > 0 {
		switch strings.ToLower(words[0]) {
		case "period", "end", "allow":
			if !mayManagePledges(r) {
				return r.Reply(r.T("pledge.staff_only"), nil)
			}
			return a.pledgeStaff(r, strings.ToLower(words[0]), strings.Join(words[1:], " "))
		}
		return r.Reply(r.T("pledge.usage", maxPeriodName), nil)
	}
	per, err := r.Tx.CurrentPledgePeriod()
	if core.IsNotFound(err) {
		return r.Reply(r.T("pledge.no_period"), nil)
	}
	if err != nil {
		return err
	}
	p, err := r.Tx.PledgeOf(per.ID, r.Me.ID)
	if err == nil {
		text, kb := a.myPledgePage(r, per, p)
		return r.Reply(text, kb)
	}
	if !core.IsNotFound(err) {
		return err
	}
	if ok, err := a.mayPledge(r); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.Reply(r.T("pledge.not_allowed"), nil)
	}
	if per.State != storage.PledgeOpen {
		return r.Reply(r.T("pledge.period_ended", core.Esc(per.Name)), nil)
	}
	seed := core.Values{}
	if err := seed.Set("period", per.ID); err != nil {
		return err
	}
	return a.items.Start(r, seed)
}

// pledgeStaff: /pledge period <name>, /pledge end, /pledge allow @user.
func (a *Pledge) pledgeStaff(r *core.Req, verb, arg string) error {
	switch verb {
	case "period":
		if arg == "" || core.RuneLen(arg) > maxPeriodName {
			return r.Reply(r.T("pledge.usage", maxPeriodName), nil)
		}
		if cur, err := r.Tx.CurrentPledgePeriod(); err == nil && cur.State != storage.PledgeClosed {
			return r.Reply(r.T("pledge.period_running", core.Esc(cur.Name)), nil)
		} else if err != nil && !core.IsNotFound(err) {
			return err
		}
		if _, err := r.Tx.PledgePeriodByName(arg); err == nil {
			return r.Reply(r.T("pledge.period_exists", core.Esc(arg)), nil)
		}
		if _, err := r.Tx.CreatePledgePeriod(arg, r.Me.ID, r.Now); err != nil {
			return err
		}
		return r.Reply(r.T("pledge.period_opened", core.Esc(arg)), nil)
	case "allow":
		m, ok, err := a.FindPerson(r, arg, "pledge.usage", maxPeriodName)
		if !ok || err != nil {
			return err
		}
		if err := r.Tx.AllowPledge(m.ID, r.Me.ID, r.Now); err != nil {
			return err
		}
		if err := a.TellMember(r, m.ID, nil, "pledge.told_allowed"); err != nil {
			return err
		}
		return r.Reply(r.T("pledge.allowed", core.Esc(m.Name)), nil)
	}
	return a.endPledgePeriod(r)
}

// endPledgePeriod ends the open period: the review window opens for
// pledges.rating_days, pledgers are asked for their self-review.
func (a *Pledge) endPledgePeriod(r *core.Req) error {
	per, err := r.Tx.CurrentPledgePeriod()
	if core.IsNotFound(err) || (err == nil && per.State != storage.PledgeOpen) {
		return r.Reply(r.T("pledge.no_open_period"), nil)
	}
	if err != nil {
		return err
	}
	until := r.Now.Add(time.Duration(a.Cfg.Pledges.RatingDays) * 24 * time.Hour)
	if moved, err := r.Tx.MovePledgePeriod(per.ID, storage.PledgeOpen, storage.PledgeReview, until, r.Now); err != nil || !moved {
		return err
	}
	if _, err := r.Tx.ScheduleDue(storage.DueItem{Kind: kindPledgeRated, Key: core.Itoa(per.ID), DueAt: until, Data: core.Itoa(per.ID)}, r.Now); err != nil {
		return err
	}
	ps, err := r.Tx.Pledges(per.ID)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if err := a.TellMember(r, p.MemberID, nil, "pledge.ask_review", core.Esc(per.Name), a.WhenEach(until)); err != nil {
			return err
		}
	}
	if err := a.pledgeGroupNotice(r, "pledge.group_rating_open", core.Esc(per.Name), a.WhenEach(until)); err != nil {
		return err
	}
	return r.Reply(r.N("pledge.period_ended_staff", len(ps), core.Esc(per.Name), a.WhenIn(r.Lang, until)), nil)
}

// pledgeGroupNotice posts a line in the community-wide groups, in the
// community's language, with a button to the pledges.
func (a *Pledge) pledgeGroupNotice(r *core.Req, key string, args ...any) error {
	chats, err := r.Tx.LinkedChats()
	if err != nil {
		return err
	}
	lang := a.Cfg.Community.Language
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.Cat.T(lang, "pledge.button.see"), URL: a.DeepLink("pledges")}}}}
	for _, c := range chats {
		if !c.Community {
			continue
		}
		if err := a.Send(r.Tx, c.ID, a.Cat.T(lang, key, core.Localize(lang, args)...), kb, storage.PriorityNotice, r.Now); err != nil {
			return err
		}
	}
	return nil
}
