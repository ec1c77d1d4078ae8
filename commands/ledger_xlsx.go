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

// exportXLSX sends the tickets and the volunteer hours of [from, to) as one
// workbook: a sheet of tickets (the CSV's columns), a sheet of hours.
func (a *App) exportXLSX(r *req, from, to time.Time, name string) error {
	var tks []storage.Ticket
	if err := r.tx.ExportTickets(from, to, func(tk storage.Ticket) error {
		tks = append(tks, tk)
		return nil
	}); err != nil {
		return err
	}
	rows, err := a.ticketRows(r, tks)
	if err != nil {
		return err
	}
	hours, err := r.tx.HoursExport(from.In(a.loc), to)
	if err != nil {
		return err
	}
	sheets := []sheet{{name: "工单 Tickets", header: exportHeader}, {name: "志愿时长 Hours", header: hoursHeader}}
	for _, row := range rows {
		sheets[0].rows = append(sheets[0].rows, toAny(row))
	}
	for _, h := range hours {
		sheets[1].rows = append(sheets[1].rows, []any{cell(h.Name), cell(h.Building), cell(h.Team), h.Month, float64(h.Minutes) / 60})
	}
	data, err := xlsxFile(sheets)
	if err != nil {
		return err
	}
	if len(data) > maxExport {
		return r.reply(r.t("export.too_big", len(tks)), nil)
	}
	period := r.t("export.period", from.In(a.loc).Format("2006-01-02"), to.In(a.loc).AddDate(0, 0, -1).Format("2006-01-02"))
	p := telegram.SendDocument{ChatID: r.chat.ID, Caption: limitUTF16(r.t("export.xlsx_caption", period, len(tks), len(hours)), telegram.MaxCaption)}
	_, err = r.tx.Enqueue(storage.OutMsg{ChatID: r.chat.ID, Method: "sendDocument", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply, FileName: "courtyard-" + name + ".xlsx", FileData: data}, r.now)
	return err
}

// excelKeyboard is the "Excel" button under an export: it sends the same
// period as a workbook.
func (a *App) excelKeyboard(r *req, from, to time.Time) telegram.Keyboard {
	data := "xl:" + from.In(a.loc).Format("20060102") + ":" + to.In(a.loc).Format("20060102")
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.t("export.excel_button"), CallbackData: data}}}}
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
	if err1 != nil || err2 != nil || !to.After(from) || from.Year() < 2000 {
		return r.toast(r.t("error.stale_button"))
	}
	if err := r.toast(""); err != nil {
		return err
	}
	name := from.Format("2006-01-02") + "_" + to.Format("2006-01-02")
	return a.exportXLSX(r, from, to, name)
}
