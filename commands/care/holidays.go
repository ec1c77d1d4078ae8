package care

import (
	"errors"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/holiday"
	"courtyard/when"
)

// holidays: /holidays [year], the year's holidays with their dates (this
// year by default; the year as when reads it: 2027, 2027年, 明年, next
// year), those that bring visits marked.
func (a *Care) holidays(r *core.Req) error {
	year := r.Now.In(a.Loc).Year()
	if arg := core.CleanLine(r.Args); arg != "" {
		y, err := when.ParseYear(arg, r.Now, a.Loc)
		if err != nil || y < holiday.MinYear || y > holiday.MaxYear {
			return r.Reply(r.T("holiday.bad_year", core.Esc(core.LimitRunes(arg, 16)), holiday.MinYear, holiday.MaxYear, when.ExampleYear(r.Lang)), nil)
		}
		year = y
	}
	days, err := holiday.Year(year)
	if errors.Is(err, holiday.ErrYear) {
		return r.Reply(r.T("holiday.bad_year", year, holiday.MinYear, holiday.MaxYear, when.ExampleYear(r.Lang)), nil)
	}
	if err != nil {
		return err
	}
	visits := map[string]bool{}
	for _, k := range a.Cfg.Visits.Holidays {
		visits[k] = true
	}
	var b strings.Builder
	b.WriteString(r.T("holiday.title", year) + "\n")
	for _, d := range days {
		// The title names the year: each day is written without it.
		line := r.T("holiday.line", a.day(r.Lang, d.Date, d.Date), a.HolidayName(r.Lang, d.Key))
		if visits[d.Key] {
			line += " " + r.T("holiday.visits_mark")
		}
		b.WriteString(line + "\n")
	}
	if len(visits) > 0 {
		b.WriteString("\n" + r.T("holiday.visits_note", a.Cfg.Visits.DaysBefore))
	}
	return r.Reply(strings.TrimSpace(b.String()), nil)
}

// holidayByName reads a holiday's key, or its name in either language,
// with or without what follows it in brackets, and in Chinese with or
// without the closing 节 (中秋, 中秋节).
func (a *Care) holidayByName(s string) (string, bool) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	for _, k := range holiday.Keys() {
		if s == k {
			return k, true
		}
		for _, lang := range []string{"zh", "en"} {
			name := strings.ToLower(a.Cat.T(lang, "holiday."+k))
			if i := strings.IndexAny(name, "（("); i > 0 {
				name = strings.TrimSpace(name[:i])
			}
			if s == name || s+"节" == name || s == strings.TrimSuffix(name, " festival") {
				return k, true
			}
		}
	}
	return "", false
}

// holidayDay is holiday key's day in year in the community's zone.
func (a *Care) holidayDay(key string, year int) (time.Time, error) {
	return holiday.In(key, year, a.Loc)
}
