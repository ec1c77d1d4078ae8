package commands

import (
	"strconv"
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

// jobCancelButton cancels a job after a confirmation: everyone signed up
// or waiting is told, its reminders are dropped and every posted copy says
// it is cancelled.
func (a *App) jobCancelButton(r *req, j storage.Job, confirmed bool) error {
	switch {
	case !a.mayManageJob(r, j):
		return r.toast(r.t("job.not_yours"))
	case j.State == storage.JobCancelled:
		return r.toast(r.t("job.is_cancelled"))
	case !j.Start.After(r.now):
		return r.toast(r.t("job.started"))
	case !confirmed:
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: r.t("job.button.cancel_yes"), CallbackData: "jb:cxy:" + itoa(j.ID)},
			{Text: r.t("button.no"), CallbackData: "jb:keep:" + itoa(j.ID)}}}}
		return r.tell(r.me.ID, r.t("job.cancel_ask", esc(j.Title)), kb)
	}
	if err := r.tx.CancelJob(j.ID, r.now); err != nil {
		return err
	}
	a.audit(r, "job.cancel", "job:"+itoa(j.ID), map[string]string{"title": j.Title})
	j.State = storage.JobCancelled
	if err := a.dropJobTimers(r.tx, j.ID); err != nil {
		return err
	}
	told, err := a.tellJobPeople(r, j, nil, "job.cancelled_notice")
	if err != nil {
		return err
	}
	if err := a.refreshJobPosts(r.tx, j, r.now); err != nil {
		return err
	}
	return r.edit(r.t("job.cancel_done", esc(j.Title), r.n("count.people", told)), nil)
}

// tellJobPeople sends key (title, time, organiser) to everyone signed up or
// waiting on j, each in their language, with markup made for them.
func (a *App) tellJobPeople(r *req, j storage.Job, markup func(id int64) any, key string) (int, error) {
	list, err := r.tx.JobSeats(j.ID)
	if err != nil {
		return 0, err
	}
	org, err := r.tx.Member(j.OrganiserID)
	if err != nil && !isNotFound(err) {
		return 0, err
	}
	n := 0
	for _, s := range list {
		if s.State == storage.Withdrawn {
			continue
		}
		var kb any
		if markup != nil {
			kb = markup(s.MemberID)
		}
		if err := a.tellMember(r, s.MemberID, kb, key, esc(j.Title), a.jobSpanFor(r.tx, s.MemberID, j), esc(org.Name)); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// jobMoveStart asks the organiser for the job's new time.
func (a *App) jobMoveStart(r *req, j storage.Job) error {
	switch {
	case !a.mayManageJob(r, j):
		return r.toast(r.t("job.not_yours"))
	case j.State == storage.JobCancelled:
		return r.toast(r.t("job.is_cancelled"))
	case !j.Start.After(r.now):
		return r.toast(r.t("job.started"))
	case !r.private():
		return r.toast(r.t("error.stale_button"))
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return a.askJobWhen(r, flowJobMove, jobDraft{JobID: j.ID, Title: j.Title}, r.t("job.move_for", esc(j.Title)))
}

// jobMoveButton confirms (or redoes) the new time of a job being moved.
func (a *App) jobMoveButton(r *req, f storage.Flow, d jobDraft, what string) error {
	if f.Step != "confirm" {
		return r.toast(r.t("error.stale_button"))
	}
	if what == "chg" {
		if err := r.edit(r.t("job.time_again"), nil); err != nil {
			return err
		}
		return a.askJobWhen(r, f.Name, d, "")
	}
	if what != "ok" {
		return r.toast(r.t("error.stale_button"))
	}
	j, err := r.tx.Job(d.JobID)
	if err != nil {
		if isNotFound(err) {
			return r.toast(r.t("error.stale_button"))
		}
		return err
	}
	if !a.mayManageJob(r, j) || j.State != storage.JobOpen || !j.Start.After(r.now) {
		return r.endFlowSaying(r.t("job.move_stale"))
	}
	if msg := a.jobTimeProblem(r, d.Start, d.End); msg != "" {
		return a.askJobWhen(r, f.Name, d, msg)
	}
	if err := r.tx.MoveJob(j.ID, d.Start, d.End, r.now); err != nil {
		return err
	}
	a.audit(r, "job.move", "job:"+itoa(j.ID), map[string]string{"start": d.Start.In(a.loc).Format("2006-01-02 15:04"), "end": d.End.In(a.loc).Format("2006-01-02 15:04")})
	j.Start, j.End, j.ChangedAt = d.Start, d.End, r.now
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	if err := a.dropJobTimers(r.tx, j.ID); err != nil {
		return err
	}
	if err := a.layJobTimers(r.tx, j, r.now); err != nil {
		return err
	}
	wd := func(id int64) any {
		return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: a.cat.T(a.langOfID(r.tx, id), "job.button.withdraw"), CallbackData: "jb:wdx:" + itoa(j.ID)}}}}
	}
	told, err := a.tellJobPeople(r, j, wd, "job.moved_notice")
	if err != nil {
		return err
	}
	if err := a.refreshJobPosts(r.tx, j, r.now); err != nil {
		return err
	}
	return r.edit(r.t("job.move_done", esc(j.Title), a.jobSpan(r.lang, j.Start, j.End), r.n("count.people", told)), a.manageButtons(r.lang, j))
}

// jobClearCmd: /job clear @user lets a member with too many no-shows sign
// up again.
func (a *App) jobClearCmd(r *req) error {
	words := strings.Fields(cleanLine(r.args))[1:]
	if len(words) == 0 && (r.msg == nil || r.msg.ReplyToMessage == nil) {
		return r.reply(r.t("job.clear_usage"), nil)
	}
	m, _, err := a.target(r, words)
	if err != nil || m == nil {
		return err
	}
	return a.clearNoShows(r, m.ID, 0)
}

// jobClearButton is the Let them sign up again button sent to the leads.
func (a *App) jobClearButton(r *req, parts []string) error {
	if len(parts) != 4 {
		return r.toast(r.t("error.stale_button"))
	}
	member, ok := idArg(parts[2])
	team, err := strconv.ParseInt(parts[3], 10, 64)
	if !ok || err != nil {
		return r.toast(r.t("error.stale_button"))
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return a.clearNoShows(r, member, team)
}

func (a *App) clearNoShows(r *req, member, team int64) error {
	ok, err := a.mayClearNoShows(r, member, team)
	if err != nil {
		return err
	}
	if !ok {
		return r.reply(r.t("job.clear_forbidden"), nil)
	}
	m, err := r.tx.Member(member)
	if isNotFound(err) {
		return r.reply(r.t("grant.unknown_user"), nil)
	}
	if err != nil {
		return err
	}
	n, err := r.tx.ClearNoShows(member)
	if err != nil {
		return err
	}
	if n == 0 {
		return r.reply(r.t("job.clear_nothing", esc(m.Name)), nil)
	}
	if err := a.tellMember(r, member, nil, "job.cleared_you"); err != nil {
		return err
	}
	return r.reply(r.t("job.cleared", esc(m.Name)), nil)
}
