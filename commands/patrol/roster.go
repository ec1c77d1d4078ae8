package patrol

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// rosterCmd is /roster [team] [YYYY-MM-DD | YYYY-Www]: the week (Monday
// to Sunday) holding that day, or that ISO week, as a compact table per team; /roster export YYYY-MM
// sends staff a month as CSV.
func (a *Patrol) rosterCmd(r *core.Req) error {
	args := a.rosterArgs(r)
	if args.export {
		return a.rosterExport(r, args.words[1:])
	}
	d := args.day.In(a.Loc)
	from := time.Date(d.Year(), d.Month(), d.Day()-(int(d.Weekday())+6)%7, 0, 0, 0, 0, a.Loc)
	to := from.AddDate(0, 0, 7)
	var teams []storage.Team
	if args.team != "" {
		tm, ok, err := a.teams.FindTeam(r, args.team)
		if !ok || err != nil {
			return err
		}
		if may, err := a.mayViewRoster(r, tm.ID); err != nil || !may {
			if err != nil {
				return err
			}
			return r.Reply(r.T("patrol.roster_not_member", core.Esc(tm.Name)), nil)
		}
		teams = []storage.Team{tm}
	} else {
		var err error
		if r.AtLeast(storage.RoleStaff) {
			var all []storage.TeamCount
			if all, err = r.Tx.ActiveTeams(); err == nil {
				for _, tc := range all {
					teams = append(teams, tc.Team)
				}
			}
		} else {
			teams, err = r.Tx.MemberTeams(r.Me.ID)
		}
		if err != nil {
			return err
		}
	}
	var b strings.Builder
	b.WriteString(r.T("patrol.roster_title", when.DescribeDateRange(when.DateRange{First: from, Last: to.AddDate(0, 0, -1)}, r.Lang, r.Now, a.Loc)))
	n := 0
	for _, tm := range teams {
		part, err := a.rosterTable(r, tm, from, to)
		if err != nil {
			return err
		}
		if part != "" {
			n++
			b.WriteString("\n\n<b>" + core.Esc(tm.Name) + "</b>\n<pre>" + part + "</pre>")
		}
	}
	if n == 0 {
		return r.Reply(r.T("patrol.roster_none", when.DescribeDate(from, r.Lang, r.Now, a.Loc)), nil)
	}
	b.WriteString("\n" + r.T("patrol.roster_legend"))
	return r.Reply(b.String(), nil)
}

var isoWeekRE = regexp.MustCompile(`^(\d{4})-[Ww](\d{2})$`)

// rosterCall is what /roster's arguments ask for: an export, or the
// week of day for the team named ("" for the caller's teams).
type rosterCall struct {
	words  []string
	export bool
	day    time.Time
	team   string
}

func (a *Patrol) rosterArgs(r *core.Req) rosterCall {
	c := rosterCall{words: strings.Fields(core.CleanLine(r.Args)), day: r.Now}
	if len(c.words) > 0 && strings.EqualFold(c.words[0], "export") {
		c.export = true
		return c
	}
	var name []string
	for _, w := range c.words {
		if d, _, ok := a.ParsePeriod(w); ok && core.DayRE.MatchString(w) {
			c.day = d
			continue
		}
		if d, ok := a.isoWeek(w); ok {
			c.day = d
			continue
		}
		name = append(name, w)
	}
	c.team = strings.Join(name, " ")
	return c
}

// isoWeek reads "2026-W10" as the Monday of that ISO week.
func (a *Patrol) isoWeek(s string) (time.Time, bool) {
	m := isoWeekRE.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	w, _ := strconv.Atoi(m[2])
	if y < 2000 || w < 1 || w > 53 {
		return time.Time{}, false
	}
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, a.Loc)
	mon := jan4.AddDate(0, 0, -(int(jan4.Weekday())+6)%7+7*(w-1))
	if _, week := mon.ISOWeek(); week != w {
		return time.Time{}, false
	}
	return mon, true
}

// rosterTable is one team's week, a line per shift; "" when it has none.
func (a *Patrol) rosterTable(r *core.Req, tm storage.Team, from, to time.Time) (string, error) {
	shs, err := r.Tx.TeamShifts(tm.ID, from, to)
	if err != nil || len(shs) == 0 {
		return "", err
	}
	ds, err := r.Tx.ShiftsDuty(tm.ID, from, to)
	if err != nil {
		return "", err
	}
	by := map[int64][]storage.PatrolDuty{}
	for _, d := range ds {
		by[d.ShiftID] = append(by[d.ShiftID], d)
	}
	var b strings.Builder
	for _, sh := range shs {
		s, e := sh.Start.In(a.Loc), sh.End.In(a.Loc)
		fmt.Fprintf(&b, "%s %s-%s %s\n ", when.DescribeDate(s, r.Lang, r.Now, a.Loc), s.Format("15:04"), e.Format("15:04"),
			core.Esc(core.LimitRunes(sh.Area, 24)))
		for _, d := range by[sh.ID] {
			b.WriteString(" " + rosterMark(d, sh, r.Now) + core.Esc(core.LimitRunes(d.Name, 12)))
		}
		if open := sh.Slots - sh.Taken; open > 0 {
			b.WriteString(" " + r.T("patrol.roster_open", open))
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n"), nil
}

// rosterMark: ✓ walked, ✗ did not, ○ to come, ⇄ gave it away, ↩ could not.
func rosterMark(d storage.PatrolDuty, sh storage.PatrolShift, now time.Time) string {
	switch {
	case d.State == storage.DutyGave:
		return "⇄"
	case d.State == storage.DutyDropped:
		return "↩"
	case !d.CheckIn.IsZero():
		return "✓"
	case now.Before(sh.Start):
		return "○"
	}
	return "✗"
}

// rosterExport sends staff a month's roster as CSV (UTF-8 with BOM).
func (a *Patrol) rosterExport(r *core.Req, args []string) error {
	if !r.AtLeast(storage.RoleStaff) {
		return r.Reply(r.T("team.staff_only"), nil)
	}
	from := a.MonthOf(r.Now)
	if len(args) > 0 {
		m, ok := a.ParseMonth(args[0])
		if !ok {
			return r.Reply(r.T("patrol.roster_bad_month", core.Esc(core.LimitRunes(args[0], 32))), nil)
		}
		from = m
	}
	to := from.AddDate(0, 1, 0)
	shs, err := r.Tx.TeamShifts(0, from, to)
	if err != nil {
		return err
	}
	ds, err := r.Tx.ShiftsDuty(0, from, to)
	if err != nil {
		return err
	}
	data, err := a.rosterCSV(shs, ds, r.Now)
	if err != nil {
		return err
	}
	name := from.Format("2006-01")
	a.Audit(r, "export.roster", "", map[string]string{"month": name})
	p := telegram.SendDocument{ChatID: r.Chat.ID, Caption: r.T("patrol.roster_caption", name, r.N("count.shifts", len(shs)))}
	_, err = r.Tx.Enqueue(storage.OutMsg{ChatID: r.Chat.ID, Method: "sendDocument", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply, FileName: "roster-" + name + ".csv", FileData: data}, r.Now)
	return err
}

var rosterHeader = []string{"班次 shift", "队伍 team", "开始 start", "结束 end", "地点 area", "队员 member",
	"状态 status", "方式 via", "签到 check_in", "签退 check_out"}

func (a *Patrol) rosterCSV(shs []storage.PatrolShift, ds []storage.PatrolDuty, now time.Time) ([]byte, error) {
	lang := a.Cfg.Community.Language
	by := map[int64][]storage.PatrolDuty{}
	for _, d := range ds {
		by[d.ShiftID] = append(by[d.ShiftID], d)
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	if err := w.Write(rosterHeader); err != nil {
		return nil, err
	}
	for _, sh := range shs {
		base := []string{core.Itoa(sh.ID), core.Cell(sh.Team), a.CsvTime(sh.Start), a.CsvTime(sh.End), core.Cell(sh.Area)}
		for _, d := range by[sh.ID] {
			row := append(append([]string{}, base...), core.Cell(d.Name), a.Cat.T(lang, "patrol.status."+markKey(rosterMark(d, sh, now))),
				d.Via, a.CsvTime(d.CheckIn), a.CsvTime(d.CheckOut))
			if err := w.Write(row); err != nil {
				return nil, err
			}
		}
		for range sh.Slots - sh.Taken {
			if err := w.Write(append(append([]string{}, base...), "", a.Cat.T(lang, "patrol.status.open"), "", "", "")); err != nil {
				return nil, err
			}
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func markKey(mark string) string {
	return map[string]string{"⇄": "gave", "↩": "dropped", "✓": "walked", "○": "coming", "✗": "missed"}[mark]
}
