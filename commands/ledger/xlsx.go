package ledger

import (
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// xlsxExport is the tickets and the volunteer hours of q's period as one
// workbook: a sheet of tickets (the CSV's columns), a sheet of hours. It is
// built on a read snapshot, like the CSV.
func (a *Ledger) xlsxExport(tx *storage.Tx, q storage.ExportRequest) (storage.OutMsg, error) {
	n, err := tx.CountTicketsCreated(q.From, q.To)
	if err != nil {
		return storage.OutMsg{}, err
	}
	if n > maxExportRows {
		return a.ExportText(q, a.Cat.T(q.Lang, "export.too_big", n)), nil
	}
	sheets := []core.Sheet{{Name: "工单 Tickets", Header: exportHeader}, {Name: "志愿时长 Hours", Header: a.hours.HoursHeader()}}
	if err := a.eachTicketRow(tx, q.From, q.To, func(row []string) error {
		sheets[0].Rows = append(sheets[0].Rows, core.ToAny(row))
		return nil
	}); err != nil {
		return storage.OutMsg{}, err
	}
	hours, err := tx.HoursExport(q.From.In(a.Loc), q.To)
	if err != nil {
		return storage.OutMsg{}, err
	}
	for _, h := range hours {
		sheets[1].Rows = append(sheets[1].Rows, []any{core.Cell(h.Name), core.Cell(h.Building), core.Cell(h.Team), h.Month, float64(h.Minutes) / 60})
	}
	data, err := core.XlsxFile(sheets)
	if err != nil {
		return storage.OutMsg{}, err
	}
	if len(data) > core.MaxExport {
		return a.ExportText(q, a.Cat.T(q.Lang, "export.too_big", n)), nil
	}
	caption := a.Cat.T(q.Lang, "export.xlsx_caption", a.ExportPeriod(q), n, len(hours))
	return a.ExportDoc(q, caption, "courtyard-"+q.Name+".xlsx", data, nil), nil
}

// excelKeyboard is the "Excel" button under an export, in lang: it asks
// for the same period as a workbook.
func (a *Ledger) excelKeyboard(lang string, from, to time.Time) telegram.Keyboard {
	data := "xl:" + from.In(a.Loc).Format("20060102") + ":" + to.In(a.Loc).Format("20060102")
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.Cat.T(lang, "export.excel_button"), CallbackData: data}}}}
}

// excelButton takes the "Excel" button: staff only, checked on the press.
func (a *Ledger) excelButton(r *core.Req) error {
	if !r.AtLeast(storage.RoleStaff) || !r.Private() {
		return r.Toast(r.T("error.forbidden", "/export"))
	}
	parts := strings.Split(strings.TrimPrefix(r.CB.Data, "xl:"), ":")
	if len(parts) != 2 {
		return r.Toast(r.T("error.stale_button"))
	}
	from, err1 := time.ParseInLocation("20060102", parts[0], a.Loc)
	to, err2 := time.ParseInLocation("20060102", parts[1], a.Loc)
	if err1 != nil || err2 != nil || !to.After(from) || from.Year() < 2000 || to.After(from.AddDate(0, maxExportMonths, 0)) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	name := from.Format("2006-01-02") + "_" + to.Format("2006-01-02")
	_, err := r.Tx.RequestExport(storage.ExportRequest{ChatID: r.Chat.ID, MemberID: r.From.ID, Lang: r.Lang,
		From: from, To: to, Name: name, Format: storage.ExportXLSX}, r.Now)
	return err
}
