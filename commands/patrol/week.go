package patrol

import (
	"context"
	"strconv"
	"strings"
	"time"

	"courtyard/storage"
)

// kindPatrolWeek is a rotation member's weekly message: the shifts the
// rotation put them on since they were last told, with the rest they
// hold. Its Key is the member's id.
const kindPatrolWeek = "patrol.week"

// weekAt is when the weekly rotation message goes: the next Monday at
// 09:00 in the community's zone.
func (a *Patrol) weekAt(now time.Time) time.Time {
	n := now.In(a.Loc)
	days := (8 - int(n.Weekday())) % 7
	at := time.Date(n.Year(), n.Month(), n.Day()+days, 9, 0, 0, 0, a.Loc)
	if !at.After(now) {
		at = at.AddDate(0, 0, 7)
	}
	return at
}

// tellWeekly tells rotation members of the shifts laid out for them as the
// horizon moves on: in the weekly message, not once a day. A shift that
// comes before that message (and a day to spare) is told at once.
func (a *Patrol) tellWeekly(tx *storage.Tx, told map[int64][]int64, now time.Time) error {
	at := a.weekAt(now)
	now2 := map[int64][]int64{}
	for id, shifts := range told {
		soon := false
		for _, s := range shifts {
			if sh, err := tx.PatrolShift(s); err == nil && sh.Start.Before(at.Add(24*time.Hour)) {
				soon = true
			}
		}
		if soon {
			now2[id] = shifts
			continue
		}
		key := strconv.FormatInt(id, 10)
		pending, err := tx.PendingDue(kindPatrolWeek, key)
		if err != nil {
			return err
		}
		if hasKey(pending, key) {
			continue // the message already waiting lists them too
		}
		if _, err := tx.ScheduleDue(storage.DueItem{Kind: kindPatrolWeek, Key: key, DueAt: at, Data: "{}"}, now); err != nil {
			return err
		}
	}
	return a.tellAssigned(tx, now2, now)
}

// remindWeek sends a member their coming shifts in one message.
func (a *Patrol) remindWeek(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	id, err := strconv.ParseInt(it.Key, 10, 64)
	if err != nil {
		return nil
	}
	shifts, err := tx.MemberShifts(id, now, now.AddDate(0, 0, a.Cfg.Patrol.HorizonDays))
	if err != nil || len(shifts) == 0 {
		return err
	}
	return a.personMsg(tx, id, now, func(lang string) (string, any) {
		var b strings.Builder
		b.WriteString(a.Cat.T(lang, "patrol.week", len(shifts)))
		for _, sh := range shifts {
			b.WriteString("\n• " + a.shiftLabel(lang, sh, now))
		}
		return b.String(), nil
	})
}

func hasKey(items []storage.DueItem, key string) bool {
	for _, it := range items {
		if it.Key == key {
			return true
		}
	}
	return false
}
