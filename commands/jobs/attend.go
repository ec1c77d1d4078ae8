package jobs

import (
	"context"
	"errors"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// jobAttendList sends the organiser, after the end, who signed up with
// came / did not come buttons; the job counts as held.
func (a *Jobs) jobAttendList(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	j, ok, err := dueJob(tx, it, now)
	if err != nil || !ok {
		return err
	}
	if err := a.held(a.SystemReq(ctx, tx, now), j); err != nil {
		return err
	}
	org, err := tx.Member(j.OrganiserID)
	if core.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if !core.CanDM(org) {
		return nil
	}
	lang := a.LangOf(org)
	text, kb, err := a.attendView(tx, lang, j)
	if err != nil {
		return err
	}
	return a.Send(tx, org.ID, text, kb, storage.PriorityReply, now)
}

// attendView is the attendance list of j in lang, with its buttons.
func (a *Jobs) attendView(tx *storage.Tx, lang string, j storage.Job) (string, any, error) {
	list, err := tx.JobSeats(j.ID)
	if err != nil {
		return "", nil, err
	}
	marks, err := tx.Attendance(j.ID)
	if err != nil {
		return "", nil, err
	}
	var ids []int64
	for _, s := range list {
		if s.State == storage.SignedUp {
			ids = append(ids, s.MemberID)
		}
	}
	names, err := tx.MemberNames(ids)
	if err != nil {
		return "", nil, err
	}
	a.FillRemoved(names, lang)
	var b strings.Builder
	b.WriteString(a.Cat.T(lang, "job.attend_title", core.Esc(j.Title), a.jobSpan(lang, j.Start, j.End)) + "\n")
	if len(ids) == 0 {
		b.WriteString(a.Cat.T(lang, "job.attend_nobody"))
		return b.String(), nil, nil
	}
	var rows [][]telegram.Button
	for _, id := range ids {
		mark := a.Cat.T(lang, "job.attend_unmarked")
		if came, ok := marks[id]; ok && came {
			mark = a.Cat.T(lang, "job.attend_came")
		} else if ok {
			mark = a.Cat.T(lang, "job.attend_absent")
		}
		b.WriteString("• " + core.Esc(names[id]) + " — " + mark + "\n")
		name := core.LimitRunes(names[id], 20)
		rows = append(rows, []telegram.Button{
			{Text: "✓ " + name, CallbackData: "jb:at:" + core.Itoa(j.ID) + ":" + core.Itoa(id) + ":1"},
			{Text: "✗ " + name, CallbackData: "jb:at:" + core.Itoa(j.ID) + ":" + core.Itoa(id) + ":0"},
		})
	}
	b.WriteString(a.Cat.T(lang, "job.attend_hint", when.DescribeLength(j.Minutes(), lang)))
	return b.String(), telegram.Keyboard{InlineKeyboard: rows}, nil
}

// jobAttendButton marks one person: came logs the job's hours for them,
// did not come removes them; marking again replaces the mark.
func (a *Jobs) jobAttendButton(r *core.Req, j storage.Job, parts core.BtnArgs) error {
	member, ok := parts.Id(3)
	if !ok || len(parts) != 5 || (parts[4] != "0" && parts[4] != "1") {
		return r.Toast(r.T("error.stale_button"))
	}
	switch {
	case !a.mayMarkAttendance(r, j):
		return r.Toast(r.T("job.attend_not_yours"))
	case j.State != storage.JobOpen:
		return r.Toast(r.T("job.is_cancelled"))
	case j.End.After(r.Now):
		return r.Toast(r.T("job.not_ended"))
	}
	list, err := r.Tx.JobSeats(j.ID)
	if err != nil {
		return err
	}
	signed := false
	for _, s := range list {
		signed = signed || (s.MemberID == member && s.State == storage.SignedUp)
	}
	if !signed {
		return r.Toast(r.T("error.stale_button"))
	}
	came := parts[4] == "1"
	if err := r.Tx.MarkAttendance(j.ID, member, came, r.Me.ID, r.Now); err != nil {
		return err
	}
	if came {
		_, err = r.Tx.LogHours(storage.HoursEntry{MemberID: member, Source: storage.HoursJob, Ref: j.ID, TeamID: j.TeamID,
			Start: j.Start, Minutes: j.Minutes(), LoggedBy: r.Me.ID}, r.Now)
	} else if err = r.Tx.RemoveHours(storage.HoursJob, j.ID, member); errors.Is(err, storage.ErrNotFound) {
		err = nil
	}
	if err != nil {
		return err
	}
	if err := a.held(r, j); err != nil {
		return err
	}
	text, kb, err := a.attendView(r.Tx, r.Lang, j)
	if err != nil {
		return err
	}
	if err := r.Toast(r.T("job.attend_saved")); err != nil {
		return err
	}
	return r.Edit(text, kb)
}
