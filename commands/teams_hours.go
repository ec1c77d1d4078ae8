package commands

import (
	"math"
	"strconv"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
)

// hoursMonths is how many months /hours lists.
const hoursMonths = 12

// maySeeHours: a person's hours are theirs to see, and staff's, and those
// of the leads of a team the person is in.
func (a *App) maySeeHours(r *core.Req, m storage.Member) (bool, error) {
	if m.ID == r.Me.ID || mayEditTeams(r) {
		return true, nil
	}
	led, err := r.Tx.TeamsLedBy(r.Me.ID)
	if err != nil {
		return false, err
	}
	for _, tm := range led {
		if in, err := r.Tx.InTeam(tm.ID, m.ID); err != nil || in {
			return in, err
		}
	}
	return false, nil
}

// hours: /hours (one's own), /hours @user|id, /hours team <name> [YYYY-MM].
func (a *App) hours(r *core.Req) error {
	words := strings.Fields(core.CleanLine(r.Args))
	switch {
	case len(words) == 0:
		return a.personHours(r, r.Me)
	case strings.EqualFold(words[0], "team") && len(words) > 1:
		return a.teamHours(r, words[1:])
	case len(words) > 1:
		return r.Reply(r.T("hours.usage"), nil)
	}
	m, ok, err := a.FindPerson(r, words[0], "hours.usage")
	if !ok || err != nil {
		return err
	}
	if ok, err := a.maySeeHours(r, m); !ok || err != nil {
		if err != nil {
			return err
		}
		return r.Reply(r.T("hours.forbidden"), nil)
	}
	return a.personHours(r, m)
}

// personHours lists m's hours of the last months and in total.
func (a *App) personHours(r *core.Req, m storage.Member) error {
	to := a.MonthOf(r.Now).AddDate(0, 1, 0)
	from := to.AddDate(0, -hoursMonths, 0)
	months, err := r.Tx.HoursByMonth(m.ID, from, to)
	if err != nil {
		return err
	}
	all, err := r.Tx.HoursByMonth(m.ID, time.Unix(0, 0).In(a.Loc), to.AddDate(100, 0, 0))
	if err != nil {
		return err
	}
	total := 0
	for _, mh := range all {
		total += mh.Minutes
	}
	var b strings.Builder
	if m.ID == r.Me.ID {
		b.WriteString(r.T("hours.title_mine") + "\n")
	} else {
		b.WriteString(r.T("hours.title_of", core.Esc(m.Name)) + "\n")
	}
	if total == 0 {
		return r.Reply(b.String()+r.T("hours.none"), nil)
	}
	for _, mh := range months {
		b.WriteString(r.T("hours.month_line", mh.Month, fmtHours(mh.Minutes)) + "\n")
	}
	if len(months) == 0 {
		b.WriteString(r.T("hours.none_recent", hoursMonths) + "\n")
	}
	b.WriteString(r.T("hours.total", fmtHours(total)))
	return r.Reply(b.String(), nil)
}

// teamHours: /hours team <name> [YYYY-MM], for staff and the team's leads.
func (a *App) teamHours(r *core.Req, words []string) error {
	month := a.MonthOf(r.Now)
	if m, ok := a.ParseMonth(words[len(words)-1]); ok {
		month, words = m, words[:len(words)-1]
	}
	if len(words) == 0 {
		return r.Reply(r.T("hours.usage"), nil)
	}
	tm, ok, err := a.FindTeam(r, strings.Join(words, " "))
	if !ok || err != nil {
		return err
	}
	if ok, err := a.mayManageTeam(r, tm); !ok || err != nil {
		if err != nil {
			return err
		}
		return r.Reply(r.T("team.not_lead", core.Esc(tm.Name)), nil)
	}
	people, err := r.Tx.TeamHours(tm.ID, month, month.AddDate(0, 1, 0))
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(r.T("hours.team_title", core.Esc(tm.Name), month.Format("2006-01")) + "\n")
	if len(people) == 0 {
		return r.Reply(b.String()+r.T("hours.team_none"), nil)
	}
	total := 0
	for _, p := range people {
		total += p.Minutes
		b.WriteString(r.T("hours.person_line", core.Esc(a.ShownName(r.Lang, p.MemberID, p.Name)), fmtHours(p.Minutes)) + "\n")
	}
	b.WriteString(r.T("hours.team_total", len(people), fmtHours(total)))
	return r.Reply(b.String(), nil)
}

// fmtHours writes minutes as hours with at most one decimal: "2", "1.5".
func fmtHours(minutes int) string {
	return strconv.FormatFloat(math.Round(float64(minutes)/6)/10, 'f', -1, 64)
}
