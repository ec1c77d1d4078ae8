package commands

import (
	"context"
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

// forgetMe: /forgetme asks, in private, whether to remove everything
// personal the bot keeps about the caller.
func (a *App) forgetMe(r *req) error {
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: r.t("forget.yes"), CallbackData: "pv:forget"},
		{Text: r.t("forget.no"), CallbackData: "pv:keep"},
	}}}
	return r.reply(r.t("forget.ask"), kb)
}

// privacyButton: pv:forget and pv:keep. It acts only on the presser, and
// only in their private chat.
func (a *App) privacyButton(r *req) error {
	if !r.private() || r.chat.ID != r.me.ID {
		return r.toast(r.t("forget.private_only"))
	}
	if r.msg == nil { // a question too old to be shown (or none at all)
		return r.toast(r.t("forget.stale"))
	}
	switch r.cb.Data {
	case "pv:keep":
		if err := r.toast(""); err != nil {
			return err
		}
		return r.edit(r.t("forget.kept"), nil)
	case "pv:forget":
		return a.forget(r)
	}
	return r.toast(r.t("error.stale_button"))
}

// forget gives up the caller's future sign-ups and shifts (the waiting
// move up and teams are told, as when they withdraw themselves), then
// removes their personal data: the ledger keeps its records under a
// tombstone that shows as "removed".
func (a *App) forget(r *req) error {
	id := r.me.ID
	jobs, _, err := r.tx.MemberJobs(id, r.now)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		if !j.Start.After(r.now) {
			continue
		}
		ch, err := r.tx.JobWithdraw(j, id, r.now)
		if err != nil {
			return err
		}
		for _, p := range ch.Promoted {
			if err := a.tellMember(r, p, a.withdrawKeyboard(r.tx, p, j), "job.promoted", esc(j.Title), a.jobSpanFor(r.tx, p, j)); err != nil {
				return err
			}
		}
		if err := a.refreshJobPosts(r.tx, j, r.now); err != nil {
			return err
		}
	}
	shifts, err := r.tx.MemberShifts(id, r.now, r.now.AddDate(10, 0, 0))
	if err != nil {
		return err
	}
	for _, sh := range shifts {
		if !sh.Start.After(r.now) {
			continue
		}
		if _, err := r.tx.LeaveSlot(sh.ID, id, storage.DutyDropped, r.now); err != nil {
			return err
		}
		sh.Taken--
		if err := a.tellTeamNeed(r.tx, sh, id, r.now); err != nil {
			return err
		}
	}
	if err := a.handBackAll(r); err != nil {
		return err
	}
	tomb, err := r.tx.Forget(id, r.now)
	if err != nil {
		return err
	}
	if err := r.tx.AddAudit(storage.AuditEntry{At: r.now, ActorID: tomb, Action: "privacy.forget", Target: memberTarget(tomb)}); err != nil {
		return err
	}
	if err := r.toast(""); err != nil {
		return err
	}
	r.me = storage.Member{ID: id}          // what is left: nothing
	return r.edit(r.t("forget.done"), nil) // the question's buttons go with it
}

// StripClosed is the daily retention job: tickets ended longer ago than
// privacy.retain_closed_days lose their reporter link, photos and location.
func (a *App) StripClosed(ctx context.Context, tx *storage.Tx, now time.Time) error {
	keep := a.cfg.Privacy.RetainClosed()
	if keep <= 0 {
		return nil
	}
	n, err := tx.StripClosedTickets(now.Add(-keep), now)
	if err != nil {
		return err
	}
	if n > 0 {
		a.log.Info("retention", "tickets_stripped", n)
	}
	return nil
}

// removedName is how a forgotten member's name shows to a reader.
func (a *App) removedName(lang string) string { return a.cat.T(lang, "privacy.removed") }

// fillRemoved names forgotten members (their rows keep no name) in names.
func (a *App) fillRemoved(names map[int64]string, lang string) {
	for id, n := range names {
		if n == "" && id < 0 {
			names[id] = a.removedName(lang)
		}
	}
}

// removedBoth names a forgotten member in files read in either language.
const removedBoth = "已删除 removed"

// shownName is name, or "removed" for a forgotten member's tombstone.
func (a *App) shownName(lang string, id int64, name string) string {
	if name == "" && id < 0 {
		return a.removedName(lang)
	}
	return name
}

// handBackAll gives back the tickets the caller is working on, as a
// handback would: their building's leaders are asked to arrange them again.
func (a *App) handBackAll(r *req) error {
	tks, err := r.tx.AssignedTickets(r.me.ID, 1000)
	if err != nil {
		return err
	}
	for _, tk := range tks {
		next, _, err := r.tx.Transition(tk.ID, storage.ActHandback, r.me.ID, storage.TransitionOpts{}, r.now)
		if err != nil {
			return err
		}
		if _, err := a.alertLeaders(r, next, r.me.ID, "ticket.again", "—"); err != nil {
			return err
		}
		if err := a.refreshGroupLine(r, next); err != nil {
			return err
		}
	}
	return nil
}
