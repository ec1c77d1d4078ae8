package teams

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
)

// hoursHeader is the hours CSV's first row, in both languages like the
// tickets CSV.
var hoursHeader = []string{"姓名 name", "楼栋 building", "队伍 team", "月份 month", "小时 hours"}

// HoursHeader is the hours CSV's first row, for the hours sheet of the
// workbook export.
func (a *Teams) HoursHeader() []string { return hoursHeader }

// HoursExport is the volunteer hours of q's period by person, team and
// month as a second CSV document; ok is false when no hours were logged.
func (a *Teams) HoursExport(tx *storage.Tx, q storage.ExportRequest) (storage.OutMsg, bool, error) {
	rows, err := tx.HoursExport(q.From.In(a.Loc), q.To)
	if err != nil || len(rows) == 0 {
		return storage.OutMsg{}, false, err
	}
	data, err := hoursCSV(rows)
	if err != nil {
		return storage.OutMsg{}, false, err
	}
	if len(data) > core.MaxExport {
		return a.ExportText(q, a.Cat.T(q.Lang, "export.too_big", len(rows))), true, nil
	}
	caption := a.Cat.T(q.Lang, "hours.export_caption", a.ExportPeriod(q), len(rows))
	return a.ExportDoc(q, caption, "hours-"+q.Name+".csv", data, nil), true, nil
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
		if p.Name == "" && p.MemberID < 0 {
			p.Name = core.RemovedBoth
		}
		if err := w.Write([]string{core.Cell(p.Name), core.Cell(p.Building), core.Cell(p.Team), p.Month, hours}); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// VolunteerStats is /stats's volunteering paragraph for [from, to): jobs
// held, people and hours; empty when no hours were logged.
func (a *Teams) VolunteerStats(r *core.Req, from, to time.Time) (string, error) {
	jobs, err := r.Tx.JobsHeld(from, to)
	if err != nil {
		return "", err
	}
	tot, err := r.Tx.HoursTotals(from, to)
	if err != nil {
		return "", err
	}
	if jobs == 0 && tot.Minutes == 0 {
		return "", nil
	}
	return "\n\n" + r.T("stats.volunteer", jobs, tot.People, fmtHours(tot.Minutes)), nil
}
