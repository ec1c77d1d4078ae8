package commands

import (
	"strings"
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

// noShowWindow is how far back no-shows count.
const noShowWindow = 90 * 24 * time.Hour

// jobButton routes the "jb:" buttons.
func (a *App) jobButton(r *req) error {
	parts := btnArgs(strings.Split(r.cb.Data, ":"))
	if len(parts) < 2 {
		return r.toast(r.t("error.stale_button"))
	}
	if parts[1] == "n" {
		return a.jobNewButton(r, parts)
	}
	if parts[1] == "pg" {
		return a.jobsPage(r, parts)
	}
	if parts[1] == "clr" {
		return a.jobClearButton(r, parts)
	}
	id, ok := parts.id(2)
	if !ok {
		return r.toast(r.t("error.stale_button"))
	}
	j, err := r.tx.Job(id)
	if isNotFound(err) {
		return r.toast(r.t("error.stale_button"))
	}
	if err != nil {
		return err
	}
	switch parts[1] {
	case "su", "suc":
		return a.jobSignUp(r, j, parts[1] == "suc")
	case "wd", "wdx":
		return a.jobWithdraw(r, j, parts[1] == "wdx")
	case "ok":
		return r.toast(r.t("job.see_you"))
	case "no":
		return r.edit(r.t("job.not_signed_up", esc(j.Title)), nil)
	case "keep":
		return r.edit(r.t("job.kept", esc(j.Title)), nil)
	case "cx", "cxy":
		return a.jobCancelButton(r, j, parts[1] == "cxy")
	case "mv":
		return a.jobMoveStart(r, j)
	case "at":
		return a.jobAttendButton(r, j, parts)
	}
	return r.toast(r.t("error.stale_button"))
}

// jobSignUp signs the presser up, or puts them on the waitlist.
func (a *App) jobSignUp(r *req, j storage.Job, confirmed bool) error {
	if !r.me.Registered() {
		return r.toast(r.t("job.register_first"))
	}
	if ok, err := a.maySeeJob(r, j); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.toast(r.t("job.not_for_you"))
	}
	switch {
	case j.State == storage.JobCancelled:
		return r.toast(r.t("job.is_cancelled"))
	case !j.Start.After(r.now):
		return r.toast(r.t("job.started"))
	}
	list, err := r.tx.JobSeats(j.ID)
	if err != nil {
		return err
	}
	for _, s := range list {
		if s.MemberID == r.me.ID && s.State != storage.Withdrawn {
			return r.toast(r.t("job.already." + s.State))
		}
	}
	if refused, err := a.tooManyNoShows(r, j); err != nil || refused {
		return err
	}
	if !confirmed {
		over, err := r.tx.OverlappingJobs(r.me.ID, j.ID, j.Start, j.End)
		if err != nil {
			return err
		}
		if len(over) > 0 {
			kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
				{Text: r.t("job.button.signup_anyway"), CallbackData: "jb:suc:" + itoa(j.ID)},
				{Text: r.t("button.no"), CallbackData: "jb:no:" + itoa(j.ID)}}}}
			if err := r.toast(r.t("job.overlap_toast")); err != nil {
				return err
			}
			return r.tell(r.me.ID, r.t("job.overlap", esc(over[0].Title), a.jobSpan(r.lang, over[0].Start, over[0].End), esc(j.Title)), kb)
		}
	}
	ch, err := r.tx.JobSignUp(j, r.me.ID, r.now)
	if err != nil {
		return err
	}
	if err := a.refreshJobPosts(r.tx, j, r.now); err != nil {
		return err
	}
	if confirmed && r.msg != nil && r.private() {
		if err := r.edit(r.t("job.signed_after_overlap", esc(j.Title)), nil); err != nil {
			return err
		}
	}
	if ch.State == storage.Waiting {
		return r.toast(r.t("job.waiting"))
	}
	return r.toast(r.t("job.signed", j.Title))
}

// tooManyNoShows refuses a sign-up by someone with too many no-shows and
// asks the team's leads (or staff) whether to let them.
func (a *App) tooManyNoShows(r *req, j storage.Job) (bool, error) {
	n, err := r.tx.NoShows(r.me.ID, r.now.Add(-noShowWindow))
	if err != nil || n < a.cfg.Jobs.MaxNoShows {
		return false, err
	}
	if err := r.toast(r.t("job.noshow_refused", r.n("count.jobs", n))); err != nil {
		return true, err
	}
	leads, err := a.jobLeads(r.tx, j)
	if err != nil {
		return true, err
	}
	for _, m := range leads {
		if !canDM(m) || m.ID == r.me.ID {
			continue
		}
		lang := a.langOf(m)
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.cat.T(lang, "job.button.clear"),
			CallbackData: "jb:clr:" + itoa(r.me.ID) + ":" + itoa(j.TeamID)}}}}
		if err := a.send(r.tx, m.ID, a.cat.T(lang, "job.noshow_lead", esc(r.me.Name), a.cat.N(lang, "count.jobs", n), esc(j.Title)), kb, storage.PriorityReply, r.now); err != nil {
			return true, err
		}
	}
	return true, nil
}

// jobLeads are who hears about a job's trouble besides its organiser: the
// team's leads, or staff when the job is for everyone or the team has none.
func (a *App) jobLeads(tx *storage.Tx, j storage.Job) ([]storage.Member, error) {
	if j.TeamID != 0 {
		leads, err := tx.TeamLeads(j.TeamID)
		if err != nil || len(leads) > 0 {
			return leads, err
		}
	}
	return a.staff(tx)
}

// jobWithdraw takes the presser off a job; the first waiting moves up and
// is told. After the deadline only the waiting may leave, unless the job's
// time was changed (anyDeadline is true on that notice's button).
func (a *App) jobWithdraw(r *req, j storage.Job, anyDeadline bool) error {
	switch {
	case j.State == storage.JobCancelled:
		return r.toast(r.t("job.is_cancelled"))
	case !j.Start.After(r.now):
		return r.toast(r.t("job.started"))
	}
	list, err := r.tx.JobSeats(j.ID)
	if err != nil {
		return err
	}
	state := ""
	for _, s := range list {
		if s.MemberID == r.me.ID {
			state = s.State
		}
	}
	if state == "" || state == storage.Withdrawn {
		return r.toast(r.t("job.not_on_it"))
	}
	moved := anyDeadline && !j.ChangedAt.IsZero()
	if state == storage.SignedUp && !r.now.Before(j.WithdrawCloses()) && !moved {
		org, err := r.tx.Member(j.OrganiserID)
		if err != nil && !isNotFound(err) {
			return err
		}
		return r.toast(r.t("job.withdraw_closed", a.jobMoment(r.lang, j.WithdrawCloses()), org.Name))
	}
	ch, err := r.tx.JobWithdraw(j, r.me.ID, r.now)
	if err != nil {
		return err
	}
	for _, id := range ch.Promoted {
		if err := a.tellMember(r, id, a.withdrawKeyboard(r.tx, id, j), "job.promoted", esc(j.Title), a.jobSpanFor(r.tx, id, j)); err != nil {
			return err
		}
	}
	if err := a.refreshJobPosts(r.tx, j, r.now); err != nil {
		return err
	}
	return r.toast(r.t("job.withdrawn", j.Title))
}

// jobSpanFor is j's time in person id's language.
func (a *App) jobSpanFor(tx *storage.Tx, id int64, j storage.Job) string {
	return a.jobSpan(a.langOfID(tx, id), j.Start, j.End)
}

func (a *App) langOfID(tx *storage.Tx, id int64) string {
	if m, err := tx.Member(id); err == nil {
		return a.langOf(m)
	}
	return a.cfg.Community.Language
}

// withdrawKeyboard is one Withdraw button in person id's language.
func (a *App) withdrawKeyboard(tx *storage.Tx, id int64, j storage.Job) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.cat.T(a.langOfID(tx, id), "job.button.withdraw"), CallbackData: "jb:wd:" + itoa(j.ID)}}}}
}
