package commands

import (
	"context"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// forgetMe: /forgetme asks, in private, whether to remove everything
// personal the bot keeps about the caller.
func (a *App) forgetMe(r *core.Req) error {
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: r.T("forget.yes"), CallbackData: "pv:forget"},
		{Text: r.T("forget.no"), CallbackData: "pv:keep"},
	}}}
	return r.Reply(r.T("forget.ask"), kb)
}

// privacyButton: pv:forget and pv:keep. It acts only on the presser, and
// only in their private chat.
func (a *App) privacyButton(r *core.Req) error {
	if !r.Private() || r.Chat.ID != r.Me.ID {
		return r.Toast(r.T("forget.private_only"))
	}
	if r.Msg == nil { // a question too old to be shown (or none at all)
		return r.Toast(r.T("forget.stale"))
	}
	switch r.CB.Data {
	case "pv:keep":
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Edit(r.T("forget.kept"), nil)
	case "pv:forget":
		return a.forget(r)
	}
	return r.Toast(r.T("error.stale_button"))
}

// forget gives up the caller's future sign-ups and shifts (the waiting
// move up and teams are told, as when they withdraw themselves), then
// removes their personal data: the ledger keeps its records under a
// tombstone that shows as "removed".
func (a *App) forget(r *core.Req) error {
	id := r.Me.ID
	jobs, _, err := r.Tx.MemberJobs(id, r.Now)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		if !j.Start.After(r.Now) {
			continue
		}
		ch, err := r.Tx.JobWithdraw(j, id, r.Now)
		if err != nil {
			return err
		}
		for _, p := range ch.Promoted {
			if err := a.TellMember(r, p, a.jobs.WithdrawKeyboard(r.Tx, p, j), "job.promoted", core.Esc(j.Title), a.jobs.JobSpanFor(r.Tx, p, j)); err != nil {
				return err
			}
		}
		if err := a.jobs.RefreshJobPosts(r.Tx, j, r.Now); err != nil {
			return err
		}
	}
	shifts, err := r.Tx.MemberShifts(id, r.Now, r.Now.AddDate(10, 0, 0))
	if err != nil {
		return err
	}
	for _, sh := range shifts {
		if !sh.Start.After(r.Now) {
			continue
		}
		if _, err := r.Tx.LeaveSlot(sh.ID, id, storage.DutyDropped, r.Now); err != nil {
			return err
		}
		sh.Taken--
		if err := a.patrol.TellTeamNeed(r.Tx, sh, id, r.Now); err != nil {
			return err
		}
	}
	if err := a.handBackAll(r); err != nil {
		return err
	}
	tomb, err := r.Tx.Forget(id, r.Now)
	if err != nil {
		return err
	}
	if err := r.Tx.AddAudit(storage.AuditEntry{At: r.Now, ActorID: tomb, Action: "privacy.forget", Target: core.MemberTarget(tomb)}); err != nil {
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	r.Me = storage.Member{ID: id}          // what is left: nothing
	return r.Edit(r.T("forget.done"), nil) // the question's buttons go with it
}

// StripClosed is the daily retention job: tickets ended longer ago than
// privacy.retain_closed_days lose their reporter link, photos and location.
func (a *App) StripClosed(ctx context.Context, tx *storage.Tx, now time.Time) error {
	keep := a.Cfg.Privacy.RetainClosed()
	if keep <= 0 {
		return nil
	}
	n, err := tx.StripClosedTickets(now.Add(-keep), now)
	if err != nil {
		return err
	}
	if n > 0 {
		a.Log.Info("retention", "tickets_stripped", n)
	}
	return nil
}

// handBackAll gives back the tickets the caller is working on, as a
// handback would: their building's leaders are asked to arrange them again.
func (a *App) handBackAll(r *core.Req) error {
	tks, err := r.Tx.AssignedTickets(r.Me.ID, 1000)
	if err != nil {
		return err
	}
	for _, tk := range tks {
		next, _, err := r.Tx.Transition(tk.ID, storage.ActHandback, r.Me.ID, storage.TransitionOpts{}, r.Now)
		if err != nil {
			return err
		}
		if _, err := a.alertLeaders(r, next, r.Me.ID, "ticket.again", "—"); err != nil {
			return err
		}
		if err := a.refreshGroupLine(r, next); err != nil {
			return err
		}
	}
	return nil
}
