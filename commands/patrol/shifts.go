package patrol

import (
	"sort"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// maxListed bounds each part of /shifts.
const maxListed = 8

// shiftsCmd is /shifts: the caller's own coming shifts, then the open ones
// of their teams, with buttons.
func (a *Patrol) shiftsCmd(r *core.Req) error {
	to := r.Now.AddDate(0, 0, a.Cfg.Patrol.HorizonDays)
	mine, err := r.Tx.MemberShifts(r.Me.ID, r.Now, to)
	if err != nil {
		return err
	}
	teams, err := r.Tx.MemberTeams(r.Me.ID)
	if err != nil {
		return err
	}
	var open []storage.PatrolShift
	for _, tm := range teams {
		shs, err := r.Tx.TeamShifts(tm.ID, r.Now, to)
		if err != nil {
			return err
		}
		for _, sh := range shs {
			if sh.Taken < sh.Slots && !holds(mine, sh.ID) {
				open = append(open, sh)
			}
		}
	}
	sort.Slice(open, func(i, j int) bool { return open[i].Start.Before(open[j].Start) })
	if len(mine) == 0 && len(open) == 0 {
		return r.Reply(r.T("patrol.shifts_none"), nil)
	}
	var b strings.Builder
	var rows [][]telegram.Button
	if len(mine) > 0 {
		b.WriteString(r.T("patrol.shifts_mine"))
	}
	for i, sh := range mine {
		if i == maxListed {
			b.WriteString("\n…")
			break
		}
		b.WriteString("\n• " + a.shiftLabel(r.Lang, sh, r.Now))
		short := a.shortWhen(r.Lang, sh)
		if !r.Now.Before(sh.Start.Add(-checkInOpens)) {
			rows = append(rows, []telegram.Button{{Text: r.T("patrol.btn.in") + " · " + short, CallbackData: "pt:in:" + core.Itoa(sh.ID)},
				{Text: r.T("patrol.btn.out") + " · " + short, CallbackData: "pt:out:" + core.Itoa(sh.ID)}})
			continue
		}
		rows = append(rows, []telegram.Button{{Text: r.T("patrol.btn.cant") + " · " + short, CallbackData: "pt:cant:" + core.Itoa(sh.ID)},
			{Text: r.T("patrol.btn.offer") + " · " + short, CallbackData: "pt:offer:" + core.Itoa(sh.ID)}})
	}
	if len(open) > 0 {
		if len(mine) > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(r.T("patrol.shifts_open"))
	}
	for i, sh := range open {
		if i == maxListed {
			b.WriteString("\n…")
			break
		}
		b.WriteString("\n• " + a.shiftLabel(r.Lang, sh, r.Now) + " · " + r.T("patrol.open_of", sh.Slots-sh.Taken, sh.Slots))
		rows = append(rows, []telegram.Button{{Text: r.T("patrol.btn.take") + " · " + a.shortWhen(r.Lang, sh),
			CallbackData: "pt:take:" + core.Itoa(sh.ID)}})
	}
	return r.Reply(b.String(), telegram.Keyboard{InlineKeyboard: rows})
}

// shortWhen is "Thu 12-03 20:00" for a button.
func (a *Patrol) shortWhen(lang string, sh storage.PatrolShift) string {
	s := sh.Start.In(a.Loc)
	return weekday(lang, s) + " " + s.Format("01-02 15:04")
}

func holds(shs []storage.PatrolShift, id int64) bool {
	for _, s := range shs {
		if s.ID == id {
			return true
		}
	}
	return false
}
