package commands

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

// hoursHeader is the hours CSV's first row, in both languages like the
// tickets CSV.
var hoursHeader = []string{"姓名 name", "楼栋 building", "队伍 team", "月份 month", "小时 hours"}

// exportHours sends the volunteer hours of [from, to) by person, team and
// month as a second CSV document; nothing when no hours were logged.
func (a *App) exportHours(r *req, from, to time.Time, name string) error {
	rows, err := r.tx.HoursExport(from.In(a.loc), to)
	if err != nil || len(rows) == 0 {
		return err
	}
	data, err := hoursCSV(rows)
	if err != nil {
		return err
	}
	if len(data) > maxExport {
		return r.reply(r.t("export.too_big", len(rows)), nil)
	}
	period := r.t("export.period", from.In(a.loc).Format("2006-01-02"), to.In(a.loc).AddDate(0, 0, -1).Format("2006-01-02"))
	p := telegram.SendDocument{ChatID: r.chat.ID, Caption: limitRunes(r.t("hours.export_caption", period, len(rows)), telegram.MaxCaption)}
	_, err = r.tx.Enqueue(storage.OutMsg{ChatID: r.chat.ID, Method: "sendDocument", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply, FileName: "hours-" + name + ".csv", FileData: data}, r.now)
	return err
}

// hoursCSV writes UTF-8 CSV with a byte order mark for Excel; names and
// team names are kept from being read as formulas.
func hoursCSV(rows []storage.PersonMonthHours) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(hoursHeader); err != nil {
		return nil, err
	}
	for _, p := range rows {
		hours := strconv.FormatFloat(float64(p.Minutes)/60, 'f', 2, 64)
		if err := w.Write([]string{cell(p.Name), cell(p.Building), cell(p.Team), p.Month, hours}); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// volunteerStats is /stats's volunteering paragraph for [from, to): jobs
// held, people and hours; empty when no hours were logged.
func (a *App) volunteerStats(r *req, from, to time.Time) (string, error) {
	jobs, err := r.tx.JobsHeld(from, to)
	if err != nil {
		return "", err
	}
	tot, err := r.tx.HoursTotals(from, to)
	if err != nil {
		return "", err
	}
	if jobs == 0 && tot.Minutes == 0 {
		return "", nil
	}
	return "\n\n" + r.t("stats.volunteer", jobs, tot.People, fmtHours(tot.Minutes)), nil
}
