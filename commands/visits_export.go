package commands

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

// visitsHeader is the visits CSV's first row, in both languages like the
// tickets CSV. Contacts and staff notes are not in it.
var visitsHeader = []string{"节日 holiday", "年份 year", "楼栋 building", "单元 unit", "住户 household", "原因 reason",
	"走访人 visitor", "走访时间 visited", "备注 note", "工单 ticket"}

// exportVisits sends the visits planned or made in [from, to) as a third
// CSV document; nothing when there were none. Each household exported is
// recorded in its record.
func (a *App) exportVisits(r *req, from, to time.Time, name string) error {
	visits, err := r.tx.VisitsBetween(from, to)
	if err != nil || len(visits) == 0 {
		return err
	}
	data, n, err := a.visitsCSV(r, visits)
	if err != nil || n == 0 {
		return err
	}
	if len(data) > maxExport {
		return r.reply(r.t("export.too_big", n), nil)
	}
	period := r.t("export.period", from.In(a.loc).Format("2006-01-02"), to.In(a.loc).AddDate(0, 0, -1).Format("2006-01-02"))
	p := telegram.SendDocument{ChatID: r.chat.ID, Caption: limitRunes(r.t("visits.export_caption", period, n), telegram.MaxCaption)}
	_, err = r.tx.Enqueue(storage.OutMsg{ChatID: r.chat.ID, Method: "sendDocument", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply, FileName: "visits-" + name + ".csv", FileData: data}, r.now)
	return err
}

// visitsCSV writes UTF-8 CSV with a byte order mark for Excel, text kept
// from being read as formulas; labels in the community's language. Only
// households the reader may read in full are in it.
func (a *App) visitsCSV(r *req, visits []storage.Visit) ([]byte, int, error) {
	lang := a.cfg.Community.Language
	var ids []int64
	for _, v := range visits {
		ids = append(ids, v.VisitedBy)
	}
	names, err := r.tx.MemberNames(ids)
	if err != nil {
		return nil, 0, err
	}
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(visitsHeader); err != nil {
		return nil, 0, err
	}
	logged := map[int64]bool{}
	n := 0
	for _, v := range visits {
		h, err := r.tx.Household(v.HouseholdID)
		if err != nil {
			return nil, 0, err
		}
		if acc, err := a.mayReadHousehold(r, h); err != nil || acc != careFull {
			if err != nil {
				return nil, 0, err
			}
			continue
		}
		if !logged[h.ID] {
			logged[h.ID] = true
			if err := a.logCare(r, h.ID, "export", ""); err != nil {
				return nil, 0, err
			}
		}
		reason := a.cat.T(lang, "care.reason."+h.Reason)
		if h.Reason == "other" && h.ReasonText != "" {
			reason = h.ReasonText
		}
		ticket := ""
		if v.TicketID != 0 {
			ticket = strconv.FormatInt(v.TicketID, 10)
		}
		n++
		row := []string{a.holidayName(lang, v.Holiday), strconv.Itoa(v.Year), cell(h.Building), cell(h.Unit), cell(h.Name),
			cell(reason), cell(names[v.VisitedBy]), a.csvTime(v.VisitedAt), cell(v.Note), ticket}
		if err := w.Write(row); err != nil {
			return nil, 0, err
		}
	}
	w.Flush()
	return buf.Bytes(), n, w.Error()
}

// visitStats is /stats's visits paragraph for [from, to), in private only
// (the care list never reaches a group, not even as a count); empty when
// no visit was made.
func (a *App) visitStats(r *req, from, to time.Time) (string, error) {
	if !r.private() {
		return "", nil
	}
	st, err := r.tx.VisitStats(from, to)
	if err != nil || st.Visited == 0 {
		return "", err
	}
	return "\n\n" + r.t("stats.visits", st.Visited, st.Households, st.Tickets), nil
}
