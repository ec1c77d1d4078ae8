package jobs

import (
	"strconv"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// jobCancelButton cancels a job after a confirmation: everyone signed up
// or waiting is told, its reminders are dropped and every posted copy says
// it is cancelled.
func (a *Jobs) jobCancelButton(r *core.Req, j storage.Job, confirmed bool) error {
	switch {
	case !a.mayManageJob(r, j):
		return r.Toast(r.T("job.not_yours"))
	case j.State == storage.JobCancelled:
		return r.Toast(r.T("job.is_cancelled"))
	case !j.Start.After(r.Now):
		return r.Toast(r.T("job.started"))
	case !confirmed:
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: r.T("job.button.cancel_yes"), CallbackData: "jb:cxy:" + core.Itoa(j.ID)},
			{Text: r.T("button.no"), CallbackData: "jb:keep:" + core.Itoa(j.ID)}}}}
		return r.Tell(r.Me.ID, r.T("job.cancel_ask", core.Esc(j.Title)), kb)
	}
	if err := r.Tx.CancelJob(j.ID, r.Now); err != nil {
		return err
	}
	a.Audit(r, "job.cancel", "job:"+core.Itoa(j.ID), map[string]string{"title": j.Title})
	j.State = storage.JobCancelled
	if err := a.dropJobTimers(r.Tx, j.ID); err != nil {
		return err
	}
	told, err := a.tellJobPeople(r, j, nil, "job.cancelled_notice")
	if err != nil {
		return err
	}
	if err := a.RefreshJobPosts(r.Tx, j, r.Now); err != nil {
		return err
	}
	return r.Edit(r.T("job.cancel_done", core.Esc(j.Title), r.N("count.people", told)), nil)
}

// tellJobPeople sends key (title, time, organiser) to everyone signed up or
// waiting on j, each in their language, with markup made for them.
func (a *Jobs) tellJobPeople(r *core.Req, j storage.Job, markup func(id int64) any, key string) (int, error) {
	list, err := r.Tx.JobSeats(j.ID)
	if err != nil {
		return 0, err
	}
	org, err := r.Tx.Member(j.OrganiserID)
	if err != nil && !core.IsNotFound(err) {
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
		if err := a.TellMember(r, s.MemberID, kb, key, core.Esc(j.Title), a.JobSpanFor(r.Tx, s.MemberID, j), core.Esc(org.Name)); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// jobMoveStart asks the organiser for the job's new time.
func (a *Jobs) jobMoveStart(r *core.Req, j storage.Job) error {
	switch {
	case !a.mayManageJob(r, j):
		return r.Toast(r.T("job.not_yours"))
	case j.State == storage.JobCancelled:
		return r.Toast(r.T("job.is_cancelled"))
	case !j.Start.After(r.Now):
		return r.Toast(r.T("job.started"))
	case !r.Private():
		return r.Toast(r.T("error.stale_button"))
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return a.AskJobWhen(r, FlowJobMove, JobDraft{JobID: j.ID, Title: j.Title}, r.T("job.move_for", core.Esc(j.Title)))
}

// jobMoveButton confirms (or redoes) the new time of a job being moved.
func (a *Jobs) jobMoveButton(r *core.Req, f storage.Flow, d JobDraft, what string) error {
	if f.Step != "confirm" {
		return r.Toast(r.T("error.stale_button"))
	}
	if what == "chg" {
		if err := r.Edit(r.T("job.time_again"), nil); err != nil {
			return err
		}
		return a.AskJobWhen(r, f.Name, d, "")
	}
	if what != "ok" {
		return r.Toast(r.T("error.stale_button"))
	}
	j, err := r.Tx.Job(d.JobID)
	if err != nil {
		if core.IsNotFound(err) {
			return r.Toast(r.T("error.stale_button"))
		}
		return err
	}
	if !a.mayManageJob(r, j) || j.State != storage.JobOpen || !j.Start.After(r.Now) {
		return r.EndFlowSaying(r.T("job.move_stale"))
	}
	if msg := a.jobTimeProblem(r, d.Start, d.End); msg != "" {
		return a.AskJobWhen(r, f.Name, d, msg)
	}
	if err := r.Tx.MoveJob(j.ID, d.Start, d.End, r.Now); err != nil {
		return err
	}
	a.Audit(r, "job.move", "job:"+core.Itoa(j.ID), map[string]string{"start": d.Start.In(a.Loc).Format("2006-01-02 15:04"), "end": d.End.In(a.Loc).Format("2006-01-02 15:04")})
	j.Start, j.End, j.ChangedAt = d.Start, d.End, r.Now
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	if err := a.dropJobTimers(r.Tx, j.ID); err != nil {
		return err
	}
	if err := a.layJobTimers(r.Tx, j, r.Now); err != nil {
		return err
	}
	wd := func(id int64) any {
		return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: a.Cat.T(a.langOfID(r.Tx, id), "job.button.withdraw"), CallbackData: "jb:wdx:" + core.Itoa(j.ID)}}}}
	}
	told, err := a.tellJobPeople(r, j, wd, "job.moved_notice")
	if err != nil {
		return err
	}
	if err := a.RefreshJobPosts(r.Tx, j, r.Now); err != nil {
		return err
	}
	return r.Edit(r.T("job.move_done", core.Esc(j.Title), a.jobSpan(r.Lang, j.Start, j.End), r.N("count.people", told)), a.manageButtons(r.Lang, j))
}

// jobClearCmd: /job clear @user lets a member with too many no-shows sign
// up again.
func (a *Jobs) jobClearCmd(r *core.Req) error {
	words := strings.Fields(core.CleanLine(r.Args))[1:]
	if len(words) == 0 && (r.Msg == nil || r.Msg.ReplyToMessage == nil) {
		return r.Reply(r.T("job.clear_usage"), nil)
	}
	m, _, err := a.Target(r, words)
	if err != nil || m == nil {
		return err
	}
	return a.clearNoShows(r, m.ID, 0)
}

// jobClearButton is the Let them sign up again button sent to the leads.
func (a *Jobs) jobClearButton(r *core.Req, parts []string) error {
	if len(parts) != 4 {
		return r.Toast(r.T("error.stale_button"))
	}
	member, ok := core.IdArg(parts[2])
	team, err := strconv.ParseInt(parts[3], 10, 64)
	if !ok || err != nil {
		return r.Toast(r.T("error.stale_button"))
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return a.clearNoShows(r, member, team)
}

func (a *Jobs) clearNoShows(r *core.Req, member, team int64) error {
	ok, err := a.mayClearNoShows(r, member, team)
	if err != nil {
		return err
	}
	if !ok {
		return r.Reply(r.T("job.clear_forbidden"), nil)
	}
	m, err := r.Tx.Member(member)
	if core.IsNotFound(err) {
		return r.Reply(r.T("grant.unknown_user"), nil)
	}
	if err != nil {
		return err
	}
	n, err := r.Tx.ClearNoShows(member)
	if err != nil {
		return err
	}
	if n == 0 {
		return r.Reply(r.T("job.clear_nothing", core.Esc(m.Name)), nil)
	}
	if err := a.TellMember(r, member, nil, "job.cleared_you"); err != nil {
		return err
	}
	return r.Reply(r.T("job.cleared", core.Esc(m.Name)), nil)
}
