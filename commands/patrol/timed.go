package patrol

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"courtyard/commands/core"
	"courtyard/schedule"
	"courtyard/storage"
)

// Kinds is what runs each kind of patrol timed work.
func (a *Patrol) Kinds() map[string]schedule.Kind {
	return map[string]schedule.Kind{
		kindPatrolEve:     {Do: a.shiftHandler(a.remindEvening)},
		kindPatrolSoon:    {Do: a.shiftHandler(a.remindSoon)},
		kindPatrolShort:   {Do: a.shiftHandler(a.alertShort)},
		kindPatrolNoCheck: {Do: a.shiftHandler(a.alertNoCheckIn)},
		kindPatrolEnd:     {Do: a.shiftHandler(a.closeShift)},
		kindPatrolWeek:    {Do: a.remindWeek},
	}
}

// shiftHandler reads the item's shift; a shift gone since (its template
// changed or was removed) leaves nothing to do.
func (a *Patrol) shiftHandler(do func(tx *storage.Tx, sh storage.PatrolShift, ds []storage.PatrolDuty, now time.Time) error) schedule.Handler {
	return func(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
		var d struct {
			Shift int64 `json:"shift"`
		}
		if err := json.Unmarshal([]byte(it.Data), &d); err != nil {
			return fmt.Errorf("patrol: %s %s: %w", it.Kind, it.Key, err)
		}
		sh, err := tx.PatrolShift(d.Shift)
		if core.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		ds, err := tx.ShiftDuty(sh.ID)
		if err != nil {
			return err
		}
		return do(tx, sh, ds, now)
	}
}

// remindEvening tells everyone on the shift the day before (or that morning).
func (a *Patrol) remindEvening(tx *storage.Tx, sh storage.PatrolShift, ds []storage.PatrolDuty, now time.Time) error {
	for _, d := range onShift(ds) {
		err := a.personMsg(tx, d.MemberID, now, func(lang string) (string, any) {
			return a.Cat.T(lang, "patrol.remind_eve", a.shiftLabel(lang, sh, now), a.withWhom(lang, ds, d.MemberID)),
				a.heldKeyboard(lang, sh.ID)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// remindSoon tells everyone on the shift shortly before, with On my way,
// Can't make it and Check in.
func (a *Patrol) remindSoon(tx *storage.Tx, sh storage.PatrolShift, ds []storage.PatrolDuty, now time.Time) error {
	for _, d := range onShift(ds) {
		err := a.personMsg(tx, d.MemberID, now, func(lang string) (string, any) {
			return a.Cat.T(lang, "patrol.remind_soon", a.shiftLabel(lang, sh, now), a.withWhom(lang, ds, d.MemberID)),
				a.soonKeyboard(lang, sh.ID)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (a *Patrol) withWhom(lang string, ds []storage.PatrolDuty, me int64) string {
	if others := othersOn(lang, ds, me); others != "" {
		return "\n" + a.Cat.T(lang, "patrol.with", others)
	}
	return ""
}

// alertShort tells the team's leads and staff, once, that the shift is
// still short of people.
func (a *Patrol) alertShort(tx *storage.Tx, sh storage.PatrolShift, ds []storage.PatrolDuty, now time.Time) error {
	have := len(onShift(ds))
	if have >= sh.Slots {
		return nil
	}
	people, err := a.leadsAndStaff(tx, sh.TeamID)
	if err != nil {
		return err
	}
	for _, m := range people {
		in, err := tx.InTeam(sh.TeamID, m.ID)
		if err != nil {
			return err
		}
		err = a.personMsg(tx, m.ID, now, func(lang string) (string, any) {
			var kb any
			if in && !onDuty(ds, m.ID) {
				kb = a.takeKeyboard(lang, sh.ID)
			}
			return a.Cat.T(lang, "patrol.short", a.shiftLabel(lang, sh, now), have, sh.Slots, sh.Slots-have), kb
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// alertNoCheckIn tells the team's leads, once, who on the shift has not
// checked in 15 minutes after its start.
func (a *Patrol) alertNoCheckIn(tx *storage.Tx, sh storage.PatrolShift, ds []storage.PatrolDuty, now time.Time) error {
	var missing []string
	for _, d := range onShift(ds) {
		if d.CheckIn.IsZero() {
			missing = append(missing, core.Esc(d.Name))
		}
	}
	if len(missing) == 0 {
		return nil
	}
	leads, err := tx.TeamLeads(sh.TeamID)
	if err != nil {
		return err
	}
	if len(leads) == 0 {
		if leads, err = a.Staff(tx); err != nil {
			return err
		}
	}
	for _, m := range leads {
		err := a.personMsg(tx, m.ID, now, func(lang string) (string, any) {
			return a.Cat.T(lang, "patrol.no_checkin", a.shiftLabel(lang, sh, now), a.ListJoin(lang, missing)), nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// closeShift checks out, at the shift's end, whoever checked in and forgot
// to check out, and logs their hours.
func (a *Patrol) closeShift(tx *storage.Tx, sh storage.PatrolShift, ds []storage.PatrolDuty, now time.Time) error {
	for _, d := range onShift(ds) {
		if d.CheckIn.IsZero() || !d.CheckOut.IsZero() {
			continue
		}
		if _, err := tx.MarkDuty(sh.ID, d.MemberID, "check_out", sh.End); err != nil {
			return err
		}
		min, err := a.logShiftHours(tx, sh, d.MemberID, d.CheckIn, sh.End, now)
		if err != nil {
			return err
		}
		err = a.personMsg(tx, d.MemberID, now, func(lang string) (string, any) {
			return a.Cat.T(lang, "patrol.auto_out", a.shiftLabel(lang, sh, now), fmtLength(lang, min)), nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// logShiftHours logs the time between check-in and check-out that falls
// within the shift (at least a minute); it returns the minutes, 0 when
// none fell within it.
func (a *Patrol) logShiftHours(tx *storage.Tx, sh storage.PatrolShift, member int64, in, out time.Time, now time.Time) (int, error) {
	from, to := later(in, sh.Start), out
	if to.After(sh.End) {
		to = sh.End
	}
	min := int(to.Sub(from) / time.Minute)
	if min <= 0 {
		return 0, nil
	}
	_, err := tx.LogHours(storage.HoursEntry{MemberID: member, Source: storage.HoursPatrol, Ref: sh.ID, TeamID: sh.TeamID,
		Start: sh.Start, Minutes: min}, now)
	return min, err
}

func onDuty(ds []storage.PatrolDuty, id int64) bool {
	for _, d := range onShift(ds) {
		if d.MemberID == id {
			return true
		}
	}
	return false
}

// leadsAndStaff are the team's leads, then staff, each once.
func (a *Patrol) leadsAndStaff(tx *storage.Tx, team int64) ([]storage.Member, error) {
	leads, err := tx.TeamLeads(team)
	if err != nil {
		return nil, err
	}
	staff, err := a.Staff(tx)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	var out []storage.Member
	for _, m := range append(leads, staff...) {
		if !seen[m.ID] {
			seen[m.ID] = true
			out = append(out, m)
		}
	}
	return out, nil
}
