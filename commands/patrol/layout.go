package patrol

import (
	"context"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/schedule"
	"courtyard/storage"
)

// Kinds of patrol timed work; each item's Key is the shift id.
const (
	kindPatrolEve     = "patrol.eve"     // the reminder the evening before (or that morning)
	kindPatrolSoon    = "patrol.soon"    // patrol.remind_before the start, with buttons
	kindPatrolShort   = "patrol.short"   // patrol.alert_short_before the start: still short?
	kindPatrolNoCheck = "patrol.nocheck" // 15 minutes after the start: anyone not checked in?
	kindPatrolEnd     = "patrol.end"     // an hour after the end: check out who forgot, log hours
)

var patrolKinds = []string{kindPatrolEve, kindPatrolSoon, kindPatrolShort, kindPatrolNoCheck, kindPatrolEnd}

// noCheckInAfter is how long after the start a missing check-in tells the leads.
const noCheckInAfter = 15 * time.Minute

// LayoutPatrols lays out every active template's shifts up to
// patrol.horizon_days ahead. It is a schedule job (hourly, see app.go) and
// runs again in the transaction that saves a template. A shift is laid out
// once per template and start (storage.AddPatrolShift), only for starts
// after now: after days of downtime the missed shifts are not created, and
// their reminders never sent. Who the rotation put on the new shifts hears
// of them in the weekly message (tellWeekly); saving a template tells at
// once.
func (a *Patrol) LayoutPatrols(ctx context.Context, tx *storage.Tx, now time.Time) error {
	tpls, err := tx.PatrolTemplates(0)
	if err != nil {
		return err
	}
	told := map[int64][]int64{}
	for _, p := range tpls {
		if err := a.layoutTemplate(tx, p, now, told); err != nil {
			return err
		}
	}
	return a.tellWeekly(tx, told, now)
}

// layoutTemplate lays out p's missing shifts; who a rotation put on them
// is added to told (member → shift ids).
func (a *Patrol) layoutTemplate(tx *storage.Tx, p storage.PatrolTemplate, now time.Time, told map[int64][]int64) error {
	if p.State != storage.PatrolActive {
		return nil
	}
	sched, err := schedule.ParseSpec(p.Spec)
	if err != nil {
		a.Log.Error("patrol: a template's schedule no longer parses; skipped", "template", p.ID, "err", err)
		return nil
	}
	to := now.AddDate(0, 0, a.Cfg.Patrol.HorizonDays)
	have, err := tx.TemplateShiftsFrom(p.ID, now)
	if err != nil {
		return err
	}
	laid := map[int64]bool{}
	for _, s := range have {
		laid[s.Start.UnixMilli()] = true
	}
	team, err := tx.Team(p.TeamID)
	if err != nil {
		return err
	}
	rotNext := p.RotNext
	for t := schedule.Next(sched, a.Loc, now); !t.IsZero() && t.Before(to); t = schedule.Next(sched, a.Loc, t) {
		if laid[t.UnixMilli()] {
			continue
		}
		sh := storage.PatrolShift{TemplateID: p.ID, TeamID: p.TeamID, Team: team.Name, Start: t,
			End: t.Add(time.Duration(p.Minutes) * time.Minute), Slots: p.Slots, Area: p.Area}
		id, created, err := tx.AddPatrolShift(sh)
		if err != nil {
			return err
		}
		if !created {
			continue
		}
		sh.ID = id
		if err := a.scheduleShift(tx, sh, now); err != nil {
			return err
		}
		if rotNext, err = a.rotate(tx, p, sh, rotNext, now, told); err != nil {
			return err
		}
	}
	if rotNext != p.RotNext {
		return tx.SetPatrolRotNext(p.ID, rotNext)
	}
	return nil
}

// rotate fills sh's slots from p's rotation, round-robin from next, skipping
// people no longer in the team or on an overlapping shift. It returns who
// comes next.
func (a *Patrol) rotate(tx *storage.Tx, p storage.PatrolTemplate, sh storage.PatrolShift, next int, now time.Time, told map[int64][]int64) (int, error) {
	n := len(p.Rotation)
	filled := 0
	for tries := 0; tries < n && filled < sh.Slots; tries++ {
		id := p.Rotation[next%n]
		next = (next + 1) % n
		if in, err := tx.InTeam(p.TeamID, id); err != nil || !in {
			if err != nil {
				return next, err
			}
			continue
		}
		if busy, err := tx.MemberShifts(id, sh.Start, sh.End); err != nil || len(busy) > 0 {
			if err != nil {
				return next, err
			}
			continue
		}
		ok, err := tx.TakeSlot(sh.ID, id, "rotation", now)
		if err != nil {
			return next, err
		}
		if ok {
			filled++
			told[id] = append(told[id], sh.ID)
		}
	}
	return next, nil
}

// tellAssigned sends each person a rotation put on shifts one message
// listing them.
func (a *Patrol) tellAssigned(tx *storage.Tx, told map[int64][]int64, now time.Time) error {
	for id, shifts := range told {
		err := a.personMsg(tx, id, now, func(lang string) (string, any) {
			var b strings.Builder
			for _, s := range shifts {
				if sh, err := tx.PatrolShift(s); err == nil {
					b.WriteString("\n• " + a.shiftLabel(lang, sh, now))
				}
			}
			return a.Cat.T(lang, "patrol.assigned", len(shifts)) + b.String(), nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// eveningFor is when the reminder before a shift starting at start goes:
// patrol.evening_reminder on the day before, unless that is more than 18 h
// before the start (a shift starting after 14:00 with the default 20:00):
// then 09:00 on the day of the shift.
func (a *Patrol) eveningFor(start time.Time) time.Time {
	h, m := a.Cfg.Patrol.EveningAt()
	s := start.In(a.Loc)
	eve := time.Date(s.Year(), s.Month(), s.Day()-1, h, m, 0, 0, a.Loc)
	if start.Sub(eve) > 18*time.Hour {
		eve = time.Date(s.Year(), s.Month(), s.Day(), 9, 0, 0, 0, a.Loc)
	}
	return eve
}

// scheduleShift lays out sh's timed work. Nothing is laid out for a moment
// already past (a shift laid out inside its short-of-people window, by a
// lead saving a template, gets no alert: they are looking at it). The
// evening reminder is worth sending only until the second
// reminder is due, and is left out when it would come after it.
func (a *Patrol) scheduleShift(tx *storage.Tx, sh storage.PatrolShift, now time.Time) error {
	key, data := core.Itoa(sh.ID), `{"shift":`+core.Itoa(sh.ID)+`}`
	soon := sh.Start.Add(-a.Cfg.Patrol.RemindBefore)
	items := []storage.DueItem{}
	if eve := a.eveningFor(sh.Start); eve.After(now) && eve.Before(soon) {
		items = append(items, storage.DueItem{Kind: kindPatrolEve, DueAt: eve, Until: soon})
	}
	if soon.After(now) {
		items = append(items, storage.DueItem{Kind: kindPatrolSoon, DueAt: soon, Until: sh.Start})
	}
	if short := sh.Start.Add(-a.Cfg.Patrol.AlertShortBefore); short.After(now) {
		items = append(items, storage.DueItem{Kind: kindPatrolShort, DueAt: short, Until: sh.Start})
	}
	if nc := sh.Start.Add(noCheckInAfter); nc.Before(sh.End) {
		items = append(items, storage.DueItem{Kind: kindPatrolNoCheck, DueAt: later(nc, now), Until: sh.End})
	}
	items = append(items, storage.DueItem{Kind: kindPatrolEnd, DueAt: later(sh.End.Add(time.Hour), now)})
	for _, it := range items {
		it.Key, it.Data = key, data
		if _, err := tx.ScheduleDue(it, now); err != nil {
			return err
		}
	}
	return nil
}

// cancelShiftWork drops the pending timed work of a shift.
func cancelShiftWork(tx *storage.Tx, shift int64) error {
	for _, k := range patrolKinds {
		if err := tx.CancelDue(k, core.Itoa(shift)); err != nil {
			return err
		}
	}
	return nil
}

func later(t, u time.Time) time.Time {
	if t.After(u) {
		return t
	}
	return u
}
