package patrol

import (
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// TellTeamNeed tells the team's members who are not on the shift that it
// needs people, with a Take button.
func (a *Patrol) TellTeamNeed(tx *storage.Tx, sh storage.PatrolShift, except int64, now time.Time) error {
	return a.tellTeamNeeds(tx, []storage.PatrolShift{sh}, except, now)
}

// tellTeamNeeds tells, for shifts freed by one cause, each member of their
// teams who could take one: one message per person listing every shift
// they could take, with a Take button each.
func (a *Patrol) tellTeamNeeds(tx *storage.Tx, shifts []storage.PatrolShift, except int64, now time.Time) error {
	type need struct {
		sh storage.PatrolShift
		n  int
	}
	asks := map[int64][]need{}
	var order []int64
	for _, sh := range shifts {
		ids, err := tx.TeamMemberIDs(sh.TeamID)
		if err != nil {
			return err
		}
		ds, err := tx.ShiftDuty(sh.ID)
		if err != nil {
			return err
		}
		busy := map[int64]bool{except: true}
		for _, d := range onShift(ds) {
			busy[d.MemberID] = true
		}
		n := sh.Slots - len(onShift(ds))
		if n <= 0 {
			continue
		}
		for _, id := range ids {
			if busy[id] {
				continue
			}
			if _, seen := asks[id]; !seen {
				order = append(order, id)
			}
			asks[id] = append(asks[id], need{sh, n})
		}
	}
	for _, id := range order {
		list := asks[id]
		err := a.personMsg(tx, id, now, func(lang string) (string, any) {
			if len(list) == 1 {
				return a.Cat.T(lang, "patrol.needs", a.shiftLabel(lang, list[0].sh, now), list[0].n), a.takeKeyboard(lang, list[0].sh.ID)
			}
			var b strings.Builder
			b.WriteString(a.Cat.T(lang, "patrol.needs_many", len(list)))
			var rows [][]telegram.Button
			for _, x := range list {
				b.WriteString("\n• " + a.Cat.T(lang, "patrol.needs_line", a.shiftLabel(lang, x.sh, now), x.n))
				rows = append(rows, []telegram.Button{{Text: a.Cat.T(lang, "patrol.btn.take") + " · " + a.shortWhen(lang, x.sh),
					CallbackData: "pt:take:" + core.Itoa(x.sh.ID)}})
			}
			return b.String(), telegram.Keyboard{InlineKeyboard: rows}
		})
		if err != nil {
			return err
		}
	}
	return nil
}
