package jobs

import (
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
			r.AnswerButton(core.AnswerYes, "jb:cxy:"+core.Itoa(j.ID)), r.AnswerButton(core.AnswerNo, "jb:keep:"+core.Itoa(j.ID))}}}
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
	if err := a.changed(r, j); err != nil {
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
