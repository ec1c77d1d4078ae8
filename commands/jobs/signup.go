package jobs

import (
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// noShowWindow is how far back no-shows count.
const noShowWindow = 90 * 24 * time.Hour

// jobButton routes the "jb:" buttons.
func (a *Jobs) jobButton(r *core.Req) error {
	parts := core.BtnArgs(strings.Split(r.CB.Data, ":"))
	if len(parts) < 2 {
		return r.Toast(r.T("error.stale_button"))
	}
	if parts[1] == "pg" {
		return a.jobsPage(r, parts)
	}
	if parts[1] == "clr" {
		return a.jobClearButton(r, parts)
	}
	id, ok := parts.Id(2)
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	j, err := r.Tx.Job(id)
	if core.IsNotFound(err) {
		return r.Toast(r.T("error.stale_button"))
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
		return a.jobComing(r, j)
	case "no":
		return r.Edit(r.T("job.not_signed_up", core.Esc(j.Title)), nil)
	case "keep":
		return r.Edit(r.T("job.kept", core.Esc(j.Title)), nil)
	case "cx", "cxy":
		return a.jobCancelButton(r, j, parts[1] == "cxy")
	case "mv":
		return a.jobMoveStart(r, j)
	case "at":
		return a.jobAttendButton(r, j, parts)
	}
	return r.Toast(r.T("error.stale_button"))
}

// jobSignUp signs the presser up, or puts them on the waitlist.
func (a *Jobs) jobSignUp(r *core.Req, j storage.Job, confirmed bool) error {
	if !r.Me.Registered() {
		return r.Toast(r.T("job.register_first"))
	}
	if ok, err := a.maySeeJob(r, j); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.Toast(r.T("job.not_for_you"))
	}
	switch {
	case j.State == storage.JobCancelled:
		return r.Toast(r.T("job.is_cancelled"))
	case !j.Start.After(r.Now):
		return r.Toast(r.T("job.started"))
	}
	list, err := r.Tx.JobSeats(j.ID)
	if err != nil {
		return err
	}
	for _, s := range list {
		if s.MemberID == r.Me.ID && s.State != storage.Withdrawn {
			return r.Toast(r.T("job.already." + s.State))
		}
	}
	if refused, err := a.tooManyNoShows(r, j); err != nil || refused {
		return err
	}
	if !confirmed {
		over, err := r.Tx.OverlappingJobs(r.Me.ID, j.ID, j.Start, j.End)
		if err != nil {
			return err
		}
		if len(over) > 0 {
			kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
				{Text: r.T("job.button.signup_anyway"), CallbackData: "jb:suc:" + core.Itoa(j.ID)},
				r.AnswerButton(core.AnswerNo, "jb:no:"+core.Itoa(j.ID))}}}
			if err := r.Toast(r.T("job.overlap_toast")); err != nil {
				return err
			}
			return r.Tell(r.Me.ID, r.T("job.overlap", core.Esc(over[0].Title), a.jobSpan(r.Lang, over[0].Start, over[0].End), core.Esc(j.Title)), kb)
		}
		if asked, err := a.askOverlap(r, j); err != nil || asked {
			return err
		}
	}
	ch, err := r.Tx.JobSignUp(j, r.Me.ID, r.Now)
	if err != nil {
		return err
	}
	if err := a.RefreshJobPosts(r.Tx, j, r.Now); err != nil {
		return err
	}
	if confirmed && r.Msg != nil && r.Private() {
		if err := r.Edit(r.T("job.signed_after_overlap", core.Esc(j.Title)), nil); err != nil {
			return err
		}
	}
	if ch.State == storage.Waiting {
		return r.Toast(r.T("job.waiting"))
	}
	return r.Toast(r.T("job.signed", j.Title))
}

// askOverlap asks, when the job's time intersects something else the
// caller has committed to (a patrol shift, a meeting), whether to sign up
// anyway; true when it asked.
func (a *Jobs) askOverlap(r *core.Req, j storage.Job) (bool, error) {
	if a.agenda == nil {
		return false, nil
	}
	other, err := a.agenda.Overlaps(r.Tx, r.Lang, r.Me.ID, j.Start, j.End, r.Now)
	if err != nil || len(other) == 0 {
		return false, err
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		r.AnswerButton(core.AnswerYes, "jb:suc:"+core.Itoa(j.ID)),
		r.AnswerButton(core.AnswerNo, "jb:no:"+core.Itoa(j.ID))}}}
	if err := r.Toast(r.T("job.overlap_other_toast")); err != nil {
		return true, err
	}
	return true, r.Tell(r.Me.ID, r.T("job.overlap_other", other[0], core.Esc(j.Title), a.jobSpan(r.Lang, j.Start, j.End)), kb)
}

// tooManyNoShows refuses a sign-up by someone with too many no-shows and
// asks the team's leads (or staff) whether to let them.
func (a *Jobs) tooManyNoShows(r *core.Req, j storage.Job) (bool, error) {
	n, err := r.Tx.NoShows(r.Me.ID, r.Now.Add(-noShowWindow))
	if err != nil || n < a.Cfg.Jobs.MaxNoShows {
		return false, err
	}
	if err := r.Toast(r.T("job.noshow_refused", r.N("count.jobs", n))); err != nil {
		return true, err
	}
	leads, err := a.jobLeads(r.Tx, j)
	if err != nil {
		return true, err
	}
	for _, m := range leads {
		if !core.CanDM(m) || m.ID == r.Me.ID {
			continue
		}
		lang := a.LangOf(m)
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.Cat.T(lang, "job.button.clear"),
			CallbackData: "jb:clr:" + core.Itoa(r.Me.ID) + ":" + core.Itoa(j.TeamID)}}}}
		if err := a.Send(r.Tx, m.ID, a.Cat.T(lang, "job.noshow_lead", core.Esc(r.Me.Name), a.Cat.N(lang, "count.jobs", n), core.Esc(j.Title)), kb, storage.PriorityReply, r.Now); err != nil {
			return true, err
		}
	}
	return true, nil
}

// jobLeads are who hears about a job's trouble besides its organiser: the
// team's leads, or staff when the job is for everyone or the team has none.
func (a *Jobs) jobLeads(tx *storage.Tx, j storage.Job) ([]storage.Member, error) {
	if j.TeamID != 0 {
		leads, err := tx.TeamLeads(j.TeamID)
		if err != nil || len(leads) > 0 {
			return leads, err
		}
	}
	return a.Staff(tx)
}

// jobWithdraw takes the presser off a job; the first waiting moves up and
// is told. After the deadline only the waiting may leave, unless the job's
// time was changed (anyDeadline is true on that notice's button).
// jobComing answers a reminder's "I'm coming": thanks for one signed up,
// the truth for anyone else.
func (a *Jobs) jobComing(r *core.Req, j storage.Job) error {
	state, err := a.seatOf(r, j)
	switch {
	case err != nil:
		return err
	case j.State == storage.JobCancelled:
		return r.Toast(r.T("job.is_cancelled"))
	case state == storage.SignedUp:
		return r.Toast(r.T("job.see_you"))
	case state == storage.Waiting:
		return r.Toast(r.T("job.already.waiting"))
	}
	return r.Toast(r.T("job.not_on_it"))
}

// seatOf is the person's state on j's list, "" when not on it.
func (a *Jobs) seatOf(r *core.Req, j storage.Job) (string, error) {
	list, err := r.Tx.JobSeats(j.ID)
	if err != nil {
		return "", err
	}
	for _, s := range list {
		if s.MemberID == r.Me.ID {
			return s.State, nil
		}
	}
	return "", nil
}

func (a *Jobs) jobWithdraw(r *core.Req, j storage.Job, anyDeadline bool) error {
	switch {
	case j.State == storage.JobCancelled:
		return r.Toast(r.T("job.is_cancelled"))
	case !j.Start.After(r.Now):
		return r.Toast(r.T("job.started"))
	}
	state, err := a.seatOf(r, j)
	if err != nil {
		return err
	}
	if state == "" || state == storage.Withdrawn {
		return r.Toast(r.T("job.not_on_it"))
	}
	moved := anyDeadline && !j.ChangedAt.IsZero()
	if state == storage.SignedUp && !r.Now.Before(j.WithdrawCloses()) && !moved {
		org, err := r.Tx.Member(j.OrganiserID)
		if err != nil && !core.IsNotFound(err) {
			return err
		}
		return r.Toast(r.T("job.withdraw_closed", a.jobMoment(r.Lang, j.WithdrawCloses()), org.Name))
	}
	ch, err := r.Tx.JobWithdraw(j, r.Me.ID, r.Now)
	if err != nil {
		return err
	}
	for _, id := range ch.Promoted {
		if err := a.TellMember(r, id, a.WithdrawKeyboard(r.Tx, id, j), "job.promoted", core.Esc(j.Title), a.JobSpanFor(r.Tx, id, j)); err != nil {
			return err
		}
	}
	if err := a.RefreshJobPosts(r.Tx, j, r.Now); err != nil {
		return err
	}
	return r.Toast(r.T("job.withdrawn", j.Title))
}

// JobSpanFor is j's time in person id's language.
func (a *Jobs) JobSpanFor(tx *storage.Tx, id int64, j storage.Job) string {
	return a.jobSpan(a.langOfID(tx, id), j.Start, j.End)
}

func (a *Jobs) langOfID(tx *storage.Tx, id int64) string {
	if m, err := tx.Member(id); err == nil {
		return a.LangOf(m)
	}
	return a.Cfg.Community.Language
}

// WithdrawKeyboard is one Withdraw button in person id's language.
func (a *Jobs) WithdrawKeyboard(tx *storage.Tx, id int64, j storage.Job) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.Cat.T(a.langOfID(tx, id), "job.button.withdraw"), CallbackData: "jb:wd:" + core.Itoa(j.ID)}}}}
}
