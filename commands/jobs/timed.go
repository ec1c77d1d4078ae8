package jobs

import (
	"context"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/schedule"
	"courtyard/storage"
	"courtyard/telegram"
)

// Kinds are the timed work of jobs, for TimedKinds.
func (a *Jobs) Kinds() map[string]schedule.Kind {
	return map[string]schedule.Kind{
		dueJobRemind: {Do: a.jobRemind},
		dueJobShort:  {Do: a.jobShort},
		dueJobAttend: {Do: a.jobAttendList},
	}
}

// dueJob reads the job an item's key names ("<job>" or "<job>:..."); ok is
// false when there is nothing left to do for it.
func dueJob(tx *storage.Tx, it storage.DueItem, now time.Time) (storage.Job, bool, error) {
	idText, _, _ := strings.Cut(it.Key, ":")
	id, ok := core.IdArg(idText)
	if !ok {
		return storage.Job{}, false, nil
	}
	j, err := tx.Job(id)
	if core.IsNotFound(err) {
		return j, false, nil
	}
	if err != nil {
		return j, false, err
	}
	return j, j.State == storage.JobOpen, nil
}

// jobRemind sends each person signed up for a job its reminder, in
// private, with I'll be there and Can't come.
func (a *Jobs) jobRemind(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	j, ok, err := dueJob(tx, it, now)
	if err != nil || !ok || !j.Start.After(now) {
		return err
	}
	r := a.SystemReq(ctx, tx, now)
	list, err := tx.JobSeats(j.ID)
	if err != nil {
		return err
	}
	for _, s := range list {
		if s.State != storage.SignedUp {
			continue
		}
		lang := a.langOfID(tx, s.MemberID)
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: a.Cat.T(lang, "job.button.coming"), CallbackData: "jb:ok:" + core.Itoa(j.ID)},
			{Text: a.Cat.T(lang, "job.button.cant"), CallbackData: "jb:wd:" + core.Itoa(j.ID)}}}}
		place := j.Place
		if place == "" {
			place = "—"
		}
		if err := a.TellMember(r, s.MemberID, kb, "job.reminder", core.Esc(j.Title), a.jobSpan(lang, j.Start, j.End), core.Esc(place)); err != nil {
			return err
		}
	}
	return nil
}

// jobShort alerts a job's organiser and its team's leads, once, when it is
// still short of people.
func (a *Jobs) jobShort(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	j, ok, err := dueJob(tx, it, now)
	if err != nil || !ok || !j.Start.After(now) {
		return err
	}
	list, err := tx.JobSeats(j.ID)
	if err != nil {
		return err
	}
	c := storage.CountSeats(list)
	if c.Signed >= j.Slots {
		return nil
	}
	ids := []int64{j.OrganiserID}
	if j.TeamID != 0 {
		leads, err := tx.TeamLeads(j.TeamID)
		if err != nil {
			return err
		}
		for _, m := range leads {
			if !core.ContainsID(ids, m.ID) {
				ids = append(ids, m.ID)
			}
		}
	}
	r := a.SystemReq(ctx, tx, now)
	for _, id := range ids {
		if err := a.TellMember(r, id, nil, "job.short_alert", core.Esc(j.Title), a.JobSpanFor(tx, id, j), c.Signed, j.Slots, j.Slots-c.Signed); err != nil {
			return err
		}
	}
	return nil
}
