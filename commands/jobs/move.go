package jobs

import (
	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// moveJobDialog asks a job's new time (and its end when not given), and
// confirms it before everyone on the job is told.
func (a *Jobs) moveJobDialog() *core.Dialog {
	return &core.Dialog{
		Name: FlowJobMove,
		Steps: []core.Step{
			core.DateStep{Name: "when", Label: "job.label.when", Ask: a.askMoveWhen, Parse: a.readWhen,
				Refuse: func(r *core.Req, err error) string { return a.whenError(r, err, false) }},
			core.OnlyIf(needsEnd, core.TextStep{Name: "until", Ask: a.askUntil, Parse: a.readUntil}),
			core.ConfirmStep{Name: "ok", Summary: func(r *core.Req, v core.Values) string {
				return r.T("job.move_confirm", core.Esc(v.String("title")), a.describe(r, spanOf(v)))
			}},
		},
		Done: a.moveDone,
	}
}

func (a *Jobs) askMoveWhen(r *core.Req, v core.Values) string {
	return r.T("job.move_for", core.Esc(v.String("title"))) + "\n" + r.T("job.ask_when", when.Example(r.Lang))
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
	return a.startMove(r, j.ID)
}

// startMove begins the change of job id's time.
func (a *Jobs) startMove(r *core.Req, id int64) error {
	j, err := r.Tx.Job(id)
	if err != nil {
		return err
	}
	seed, err := seedOf(map[string]any{"job": j.ID, "title": j.Title})
	if err != nil {
		return err
	}
	return a.moveJob.Start(r, seed)
}

// moveDone moves the job to its new time: everyone signed up or waiting
// is told, with a Withdraw that works past the deadline; its reminders
// are laid again and every posted copy shows the new time.
func (a *Jobs) moveDone(r *core.Req, v core.Values) error {
	sp := spanOf(v)
	j, err := r.Tx.Job(v.Int("job"))
	if core.IsNotFound(err) {
		return r.Reply(r.T("job.move_stale"), nil)
	}
	if err != nil {
		return err
	}
	if !a.mayManageJob(r, j) || j.State != storage.JobOpen || !j.Start.After(r.Now) {
		return r.Reply(r.T("job.move_stale"), nil)
	}
	if msg := a.jobTimeProblem(r, sp); msg != "" {
		if err := r.Reply(msg, nil); err != nil {
			return err
		}
		return a.startMove(r, j.ID)
	}
	if err := r.Tx.MoveJob(j.ID, sp.Start, sp.End, r.Now); err != nil {
		return err
	}
	a.Audit(r, "job.move", "job:"+core.Itoa(j.ID), map[string]string{"start": sp.Start.In(a.Loc).Format("2006-01-02 15:04"), "end": sp.End.In(a.Loc).Format("2006-01-02 15:04")})
	j.Start, j.End, j.ChangedAt = sp.Start, sp.End, r.Now
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
	if err := a.changed(r, j); err != nil {
		return err
	}
	return answer(r, r.T("job.move_done", core.Esc(j.Title), a.jobSpan(r.Lang, j.Start, j.End), r.N("count.people", told)), a.manageButtons(r.Lang, j))
}
