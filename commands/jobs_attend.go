package commands

import (
	"context"
	"errors"
	"strings"
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

// jobAttendList sends the organiser, after the end, who signed up with
// came / did not come buttons.
func (a *App) jobAttendList(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	j, ok, err := dueJob(tx, it, now)
	if err != nil || !ok {
		return err
	}
	org, err := tx.Member(j.OrganiserID)
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if !canDM(org) {
		return nil
	}
	lang := a.langOf(org)
	text, kb, err := a.attendView(tx, lang, j)
	if err != nil {
		return err
	}
	return a.send(tx, org.ID, text, kb, storage.PriorityReply, now)
}

// attendView is the attendance list of j in lang, with its buttons.
func (a *App) attendView(tx *storage.Tx, lang string, j storage.Job) (string, any, error) {
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
	a.fillRemoved(names, lang)
	var b strings.Builder
	b.WriteString(a.cat.T(lang, "job.attend_title", esc(j.Title), a.jobSpan(lang, j.Start, j.End)) + "\n")
	if len(ids) == 0 {
		b.WriteString(a.cat.T(lang, "job.attend_nobody"))
		return b.String(), nil, nil
	}
	var rows [][]telegram.Button
	for _, id := range ids {
		mark := a.cat.T(lang, "job.attend_unmarked")
		if came, ok := marks[id]; ok && came {
			mark = a.cat.T(lang, "job.attend_came")
		} else if ok {
			mark = a.cat.T(lang, "job.attend_absent")
		}
		b.WriteString("• " + esc(names[id]) + " — " + mark + "\n")
		name := limitRunes(names[id], 20)
		rows = append(rows, []telegram.Button{
			{Text: "✓ " + name, CallbackData: "jb:at:" + itoa(j.ID) + ":" + itoa(id) + ":1"},
			{Text: "✗ " + name, CallbackData: "jb:at:" + itoa(j.ID) + ":" + itoa(id) + ":0"},
		})
	}
	b.WriteString(a.cat.T(lang, "job.attend_hint", j.Minutes()/60, j.Minutes()%60))
	return b.String(), telegram.Keyboard{InlineKeyboard: rows}, nil
}

// jobAttendButton marks one person: came logs the job's hours for them,
// did not come removes them; marking again replaces the mark.
func (a *App) jobAttendButton(r *req, j storage.Job, parts btnArgs) error {
	member, ok := parts.id(3)
	if !ok || len(parts) != 5 || (parts[4] != "0" && parts[4] != "1") {
		return r.toast(r.t("error.stale_button"))
	}
	switch {
	case !a.mayMarkAttendance(r, j):
		return r.toast(r.t("job.attend_not_yours"))
	case j.State != storage.JobOpen:
		return r.toast(r.t("job.is_cancelled"))
	case j.End.After(r.now):
		return r.toast(r.t("job.not_ended"))
	}
	list, err := r.tx.JobSeats(j.ID)
	if err != nil {
		return err
	}
	signed := false
	for _, s := range list {
		signed = signed || (s.MemberID == member && s.State == storage.SignedUp)
	}
	if !signed {
		return r.toast(r.t("error.stale_button"))
	}
	came := parts[4] == "1"
	if err := r.tx.MarkAttendance(j.ID, member, came, r.me.ID, r.now); err != nil {
		return err
	}
	if came {
		_, err = r.tx.LogHours(storage.HoursEntry{MemberID: member, Source: storage.HoursJob, Ref: j.ID, TeamID: j.TeamID,
			Start: j.Start, Minutes: j.Minutes(), LoggedBy: r.me.ID}, r.now)
	} else if err = r.tx.RemoveHours(storage.HoursJob, j.ID, member); errors.Is(err, storage.ErrNotFound) {
		err = nil
	}
	if err != nil {
		return err
	}
	text, kb, err := a.attendView(r.tx, r.lang, j)
	if err != nil {
		return err
	}
	if err := r.toast(r.t("job.attend_saved")); err != nil {
		return err
	}
	return r.edit(text, kb)
}
