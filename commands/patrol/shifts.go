package patrol

import (
	"sort"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// maxListed bounds each part of /shifts.
const maxListed = 8

// shiftsCmd is /shifts: the caller's own coming shifts, then the open ones
// of their teams, with buttons.
func (a *Patrol) shiftsCmd(r *core.Req) error {
	text, kb, err := a.shiftsView(r, "")
	if err != nil {
		return err
	}
	return r.Reply(text, kb)
}

// shiftsView is the /shifts list as it stands, under note when one is
// given (what a press on it just did).
func (a *Patrol) shiftsView(r *core.Req, note string) (string, any, error) {
	to := r.Now.AddDate(0, 0, a.Cfg.Patrol.HorizonDays)
	mine, err := r.Tx.MemberShifts(r.Me.ID, r.Now, to)
	if err != nil {
		return "", nil, err
	}
	teams, err := r.Tx.MemberTeams(r.Me.ID)
	if err != nil {
		return "", nil, err
	}
	var open []storage.PatrolShift
	for _, tm := range teams {
		shs, err := r.Tx.TeamShifts(tm.ID, r.Now, to)
		if err != nil {
			return "", nil, err
		}
		for _, sh := range shs {
			if sh.Taken < sh.Slots && !holds(mine, sh.ID) {
				open = append(open, sh)
			}
		}
	}
	sort.Slice(open, func(i, j int) bool { return open[i].Start.Before(open[j].Start) })
	var b strings.Builder
	if note != "" {
		b.WriteString(note + "\n\n")
	}
	if len(mine) == 0 && len(open) == 0 {
		return b.String() + r.T("patrol.shifts_none"), nil, nil
	}
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
		rows = append(rows, []telegram.Button{{Text: r.T("patrol.btn.cant") + " · " + short, CallbackData: "pt:cant:" + core.Itoa(sh.ID) + ":l"},
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
	return b.String(), telegram.Keyboard{InlineKeyboard: rows}, nil
}

// shortWhen is "Thu 3 Dec 20:00" for a button.
func (a *Patrol) shortWhen(lang string, sh storage.PatrolShift) string {
	return when.Describe(when.Span{Start: sh.Start}, lang, a.Now(), a.Loc)
}

func holds(shs []storage.PatrolShift, id int64) bool {
	for _, s := range shs {
		if s.ID == id {
			return true
		}
	}
	return false
}
