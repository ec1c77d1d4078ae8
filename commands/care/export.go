package care

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
)

// visitsHeader is the visits CSV's first row, in both languages like the
// tickets CSV. Contacts and staff notes are not in it.
var visitsHeader = []string{"节日 holiday", "年份 year", "楼栋 building", "单元 unit", "住户 household", "原因 reason",
	"走访人 visitor", "走访时间 visited", "备注 note", "工单 ticket"}

// VisitsExport is the visits of q's period as a third CSV document; ok is
// false when there were none. /export is for staff only, who may read the
// whole care list; the handler recorded the read in each household's
// record when the export was asked for (LogVisitsExport).
func (a *Care) VisitsExport(tx *storage.Tx, q storage.ExportRequest) (storage.OutMsg, bool, error) {
	visits, err := tx.VisitsBetween(q.From, q.To)
	if err != nil || len(visits) == 0 {
		return storage.OutMsg{}, false, err
	}
	data, err := a.visitsCSV(tx, visits)
	if err != nil {
		return storage.OutMsg{}, false, err
	}
	if len(data) > core.MaxExport {
		return a.ExportText(q, a.Cat.T(q.Lang, "export.too_big", len(visits))), true, nil
	}
	caption := a.Cat.T(q.Lang, "visits.export_caption", a.ExportPeriod(q), len(visits))
	return a.ExportDoc(q, caption, "visits-"+q.Name+".csv", data, nil), true, nil
}

// LogVisitsExport records, in the update's transaction, that the export
// asked for reads the households visited in [from, to).
func (a *Care) LogVisitsExport(r *core.Req, from, to time.Time) error {
	visits, err := r.Tx.VisitsBetween(from, to)
	if err != nil {
		return err
	}
	logged := map[int64]bool{}
	for _, v := range visits {
		if logged[v.HouseholdID] {
			continue
		}
		logged[v.HouseholdID] = true
		if err := a.logCare(r, v.HouseholdID, "export", ""); err != nil {
			return err
		}
	}
	return nil
}

// visitsCSV writes UTF-8 CSV with a byte order mark for Excel, text kept
// from being read as formulas; labels in the community's language.
func (a *Care) visitsCSV(tx *storage.Tx, visits []storage.Visit) ([]byte, error) {
	lang := a.Cfg.Community.Language
	var ids []int64
	for _, v := range visits {
		ids = append(ids, v.VisitedBy)
	}
	names, err := tx.MemberNames(ids)
	if err != nil {
		return nil, err
	}
	a.FillRemoved(names, lang)
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(visitsHeader); err != nil {
		return nil, err
	}
	for _, v := range visits {
		h, err := tx.Household(v.HouseholdID)
		if err != nil {
			return nil, err
		}
		reason := a.Cat.T(lang, "care.reason."+h.Reason)
		if h.Reason == "other" && h.ReasonText != "" {
			reason = h.ReasonText
		}
		ticket := ""
		if v.TicketID != 0 {
			ticket = strconv.FormatInt(v.TicketID, 10)
		}
		row := []string{a.HolidayName(lang, v.Holiday), strconv.Itoa(v.Year), core.Cell(h.Building), core.Cell(h.Unit), core.Cell(h.Name),
			core.Cell(reason), core.Cell(names[v.VisitedBy]), a.CsvTime(v.VisitedAt), core.Cell(v.Note), ticket}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// VisitStats is /stats's visits paragraph for [from, to), in private only
// (the care list never reaches a group, not even as a count); empty when
// no visit was made.
func (a *Care) VisitStats(r *core.Req, from, to time.Time) (string, error) {
	if !r.Private() {
		return "", nil
	}
	st, err := r.Tx.VisitStats(from, to)
	if err != nil || st.Visited == 0 {
		return "", err
	}
	return "\n\n" + r.T("stats.visits", st.Visited, r.N("count.households", st.Households), st.Tickets), nil
}
