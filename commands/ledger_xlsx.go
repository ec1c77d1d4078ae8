package commands

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"courtyard/storage"
	"courtyard/telegram"
)

// sheet is one table of a spreadsheet: a header row and rows of values
// (strings, ints or floats).
type sheet struct {
	name   string
	header []string
	rows   [][]any
}

// xlsxFile writes sheets as an .xlsx workbook: a sheet per table, the
// header row bold and frozen, each column as wide as its widest cell
// (Chinese characters counting double).
func xlsxFile(sheets []sheet) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				return nil, fmt.Errorf("xlsx: %w", err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
		widths := make([]int, len(sh.header))
		if err := writeRow(f, sh.name, 1, toAny(sh.header), widths); err != nil {
			return nil, err
		}
		for j, row := range sh.rows {
			if err := writeRow(f, sh.name, j+2, row, widths); err != nil {
				return nil, err
			}
		}
		last, _ := excelize.ColumnNumberToName(max(1, len(sh.header)))
		if err := f.SetCellStyle(sh.name, "A1", last+"1", bold); err != nil {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
		for c, w := range widths {
			col, _ := excelize.ColumnNumberToName(c + 1)
			if err := f.SetColWidth(sh.name, col, col, float64(min(max(w+2, 8), 60))); err != nil {
				return nil, fmt.Errorf("xlsx: %w", err)
			}
		}
		if err := f.SetPanes(sh.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

func writeRow(f *excelize.File, name string, n int, row []any, widths []int) error {
	for c, v := range row {
		ref, err := excelize.CoordinatesToCellName(c+1, n)
		if err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
		if err := f.SetCellValue(name, ref, v); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
		if c < len(widths) {
			widths[c] = max(widths[c], displayWidth(fmt.Sprint(v)))
		}
	}
	return nil
}

// displayWidth counts the columns text takes: wide (CJK) characters two.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x30ff) || (r >= 0xff00 && r <= 0xffef) || unicode.Is(unicode.Hangul, r) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// xlsxExport is the tickets and the volunteer hours of q's period as one
// workbook: a sheet of tickets (the CSV's columns), a sheet of hours. It is
// built on a read snapshot, like the CSV.
func (a *App) xlsxExport(tx *storage.Tx, q storage.ExportRequest) (storage.OutMsg, error) {
	n, err := tx.CountTicketsCreated(q.From, q.To)
	if err != nil {
		return storage.OutMsg{}, err
	}
	if n > maxExportRows {
		return a.exportText(q, a.cat.T(q.Lang, "export.too_big", n)), nil
	}
	sheets := []sheet{{name: "工单 Tickets", header: exportHeader}, {name: "志愿时长 Hours", header: hoursHeader}}
	if err := a.eachTicketRow(tx, q.From, q.To, func(row []string) error {
		sheets[0].rows = append(sheets[0].rows, toAny(row))
		return nil
	}); err != nil {
		return storage.OutMsg{}, err
	}
	hours, err := tx.HoursExport(q.From.In(a.loc), q.To)
	if err != nil {
		return storage.OutMsg{}, err
	}
	for _, h := range hours {
		sheets[1].rows = append(sheets[1].rows, []any{cell(h.Name), cell(h.Building), cell(h.Team), h.Month, float64(h.Minutes) / 60})
	}
	data, err := xlsxFile(sheets)
	if err != nil {
		return storage.OutMsg{}, err
	}
	if len(data) > maxExport {
		return a.exportText(q, a.cat.T(q.Lang, "export.too_big", n)), nil
	}
	caption := a.cat.T(q.Lang, "export.xlsx_caption", a.exportPeriod(q), n, len(hours))
	return a.exportDoc(q, caption, "courtyard-"+q.Name+".xlsx", data, nil), nil
}

// excelKeyboard is the "Excel" button under an export, in lang: it asks
// for the same period as a workbook.
func (a *App) excelKeyboard(lang string, from, to time.Time) telegram.Keyboard {
	data := "xl:" + from.In(a.loc).Format("20060102") + ":" + to.In(a.loc).Format("20060102")
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.cat.T(lang, "export.excel_button"), CallbackData: data}}}}
}

// excelButton takes the "Excel" button: staff only, checked on the press.
func (a *App) excelButton(r *req) error {
	if !r.atLeast(storage.RoleStaff) || !r.private() {
		return r.toast(r.t("error.forbidden", "/export"))
	}
	parts := strings.Split(strings.TrimPrefix(r.cb.Data, "xl:"), ":")
	if len(parts) != 2 {
		return r.toast(r.t("error.stale_button"))
	}
	from, err1 := time.ParseInLocation("20060102", parts[0], a.loc)
	to, err2 := time.ParseInLocation("20060102", parts[1], a.loc)
	if err1 != nil || err2 != nil || !to.After(from) || from.Year() < 2000 || to.After(from.AddDate(0, maxExportMonths, 0)) {
		return r.toast(r.t("error.stale_button"))
	}
	if err := r.toast(""); err != nil {
		return err
	}
	name := from.Format("2006-01-02") + "_" + to.Format("2006-01-02")
	_, err := r.tx.RequestExport(storage.ExportRequest{ChatID: r.chat.ID, MemberID: r.from.ID, Lang: r.lang,
		From: from, To: to, Name: name, Format: storage.ExportXLSX}, r.now)
	return err
}
