package commands

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"courtyard/holiday"
)

// holidays: /holidays [year], the year's holidays with their dates (this
// year by default), those that bring visits marked.
func (a *App) holidays(r *req) error {
	year := r.now.In(a.loc).Year()
	if arg := cleanLine(r.args); arg != "" {
		y, err := strconv.Atoi(arg)
		if err != nil || y < holiday.MinYear || y > holiday.MaxYear {
			return r.reply(r.t("holiday.bad_year", esc(limitRunes(arg, 16)), holiday.MinYear, holiday.MaxYear), nil)
		}
		year = y
	}
	days, err := holiday.Year(year)
	if errors.Is(err, holiday.ErrYear) {
		return r.reply(r.t("holiday.bad_year", year, holiday.MinYear, holiday.MaxYear), nil)
	}
	if err != nil {
		return err
	}
	visits := map[string]bool{}
	for _, k := range a.cfg.Visits.Holidays {
		visits[k] = true
	}
	var b strings.Builder
	b.WriteString(r.t("holiday.title", year) + "\n")
	for _, d := range days {
		line := r.t("holiday.line", d.Date.Format("01-02"), r.t("holiday.wd."+strconv.Itoa(int(d.Date.Weekday()))), a.holidayName(r.lang, d.Key))
		if visits[d.Key] {
			line += " " + r.t("holiday.visits_mark")
		}
		b.WriteString(line + "\n")
	}
	if len(visits) > 0 {
		b.WriteString("\n" + r.t("holiday.visits_note", a.cfg.Visits.DaysBefore))
	}
	return r.reply(strings.TrimSpace(b.String()), nil)
}

// holidayName is a holiday's name in lang.
func (a *App) holidayName(lang, key string) string { return a.cat.T(lang, "holiday."+key) }

// holidayByName reads a holiday's key, or its name in either language,
// with or without what follows it in brackets, and in Chinese with or
// without the closing 节 (中秋, 中秋节).
func (a *App) holidayByName(s string) (string, bool) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	for _, k := range holiday.Keys() {
		if s == k {
			return k, true
		}
		for _, lang := range []string{"zh", "en"} {
			name := strings.ToLower(a.cat.T(lang, "holiday."+k))
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
func (a *App) holidayDay(key string, year int) (time.Time, error) {
	return holiday.In(key, year, a.loc)
}
