package jobs

import (
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// Limits of a job's fields.
const (
	MaxJobTitle    = 200 // characters
	maxJobPlace    = 100
	maxJobSlots    = 500
	maxJobDuration = 24 * time.Hour
	jobsPerPage    = 5
	buttonName     = 24 // characters of a job's title on a button
)

// jobDate is "Sat 5 Dec" or "12月5日（周六）" in lang, with the year when
// it is not this year's.
func (a *Jobs) jobDate(lang string, t time.Time) string {
	return when.DescribeDate(t, lang, a.Now(), a.Loc)
}

// jobSpan is "Sat 5 Dec 09:00-11:00" in lang; a job past midnight names
// both days.
func (a *Jobs) jobSpan(lang string, start, end time.Time) string {
	s, e := start.In(a.Loc), end.In(a.Loc)
	if s.YearDay() == e.YearDay() && s.Year() == e.Year() {
		return a.jobDate(lang, s) + " " + s.Format("15:04") + "-" + e.Format("15:04")
	}
	return a.jobDate(lang, s) + " " + s.Format("15:04") + " – " + a.jobDate(lang, e) + " " + e.Format("15:04")
}

// jobMoment is "Sat 5 Dec 09:00" in lang.
func (a *Jobs) jobMoment(lang string, t time.Time) string {
	return a.jobDate(lang, t) + " " + t.In(a.Loc).Format("15:04")
}

// jobCard is a job's message as members see it, in lang.
func (a *Jobs) jobCard(tx *storage.Tx, lang string, j storage.Job, c storage.JobCount) (string, error) {
	team := a.Cat.T(lang, "job.card.everyone")
	if j.TeamID != 0 {
		tm, err := tx.Team(j.TeamID)
		if err != nil && !core.IsNotFound(err) {
			return "", err
		}
		team = core.Esc(tm.Name)
	}
	org, err := tx.Member(j.OrganiserID)
	if err != nil && !core.IsNotFound(err) {
		return "", err
	}
	var b strings.Builder
	if j.State == storage.JobCancelled {
		b.WriteString(a.Cat.T(lang, "job.card.cancelled") + "\n")
	}
	b.WriteString("<b>" + core.Esc(j.Title) + "</b>\n")
	b.WriteString(a.Cat.T(lang, "job.card.when", a.jobSpan(lang, j.Start, j.End)) + "\n")
	if j.Place != "" {
		b.WriteString(a.Cat.T(lang, "job.card.place", core.Esc(j.Place)) + "\n")
	}
	b.WriteString(a.Cat.T(lang, "job.card.team", team) + "\n")
	count := a.Cat.T(lang, "job.card.count", c.Signed, j.Slots)
	if c.Waiting > 0 {
		count += " · " + a.Cat.T(lang, "job.card.waiting", c.Waiting)
	}
	b.WriteString(count + "\n")
	b.WriteString(a.Cat.T(lang, "job.card.organiser", core.Esc(org.Name), a.jobMoment(lang, j.WithdrawCloses())))
	if !j.ChangedAt.IsZero() && j.State == storage.JobOpen {
		b.WriteString("\n" + a.Cat.T(lang, "job.card.moved"))
	}
	return b.String(), nil
}

// jobButtons are Sign up and Withdraw, or nothing for a cancelled job.
func (a *Jobs) jobButtons(lang string, j storage.Job) any {
	if j.State != storage.JobOpen {
		return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{}}
	}
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.Cat.T(lang, "job.button.signup"), CallbackData: "jb:su:" + core.Itoa(j.ID)},
		{Text: a.Cat.T(lang, "job.button.withdraw"), CallbackData: "jb:wd:" + core.Itoa(j.ID)},
	}}}
}
