package core

import (
	"bytes"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"
)

// MaxExport keeps a file well under the 50 MB a bot may upload.
const MaxExport = 45 << 20

var DayRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// ParsePeriod reads "2026-03-05" as that day and "2026-03" as that month,
// in the community's zone: [start, end).
func (a *Core) ParsePeriod(s string) (start, end time.Time, ok bool) {
	if m, ok := a.ParseMonth(s); ok {
		return m, m.AddDate(0, 1, 0), true
	}
	if !DayRE.MatchString(s) {
		return time.Time{}, time.Time{}, false
	}
	d, err := time.ParseInLocation("2006-01-02", s, a.Loc)
	if err != nil || d.Year() < 2000 {
		return time.Time{}, time.Time{}, false
	}
	return d, d.AddDate(0, 0, 1), true
}

// ExportText is a plain answer to the person who asked for an export.
func (a *Core) ExportText(q storage.ExportRequest, text string) storage.OutMsg {
	p := telegram.SendMessage{ChatID: q.ChatID, Text: Fit(text), ParseMode: "HTML"}
	return storage.OutMsg{ChatID: q.ChatID, Method: "sendMessage", Payload: telegram.Marshal(p), Priority: storage.PriorityReply}
}

// ExportPeriod names q's period in q's language by its first and last
// day, as the when package writes them: 3月1日（周日）至3月31日（周二）.
func (a *Core) ExportPeriod(q storage.ExportRequest) string {
	r := when.DateRange{First: q.From.In(a.Loc), Last: q.To.In(a.Loc).AddDate(0, 0, -1)}
	return when.DescribeDateRange(r, q.Lang, a.Now(), a.Loc)
}

// ExportDoc is a CSV document for the person who asked.
func (a *Core) ExportDoc(q storage.ExportRequest, caption, file string, data []byte, markup any) storage.OutMsg {
	p := telegram.SendDocument{ChatID: q.ChatID, Caption: LimitUTF16(caption, telegram.MaxCaption), ReplyMarkup: markup}
	return storage.OutMsg{ChatID: q.ChatID, Method: "sendDocument", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply, FileName: file, FileData: data}
}

// CsvTime is a time in the community's zone, or "" when it never happened.
func (a *Core) CsvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(a.Loc).Format("2006-01-02 15:04")
}

// Cell keeps text a person typed from being read as a formula by a
// spreadsheet: a leading = + - @ gets an apostrophe in front.
func Cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// ParseMonth reads "2026-03" as the first instant of that month in the
// community's zone.
func (a *Core) ParseMonth(s string) (time.Time, bool) {
	if !monthRE.MatchString(s) {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation("2006-01", s, a.Loc)
	if err != nil || t.Year() < 2000 {
		return time.Time{}, false
	}
	return t, true
}

// MonthOf is the first instant of the month t falls in, in the community's zone.
func (a *Core) MonthOf(t time.Time) time.Time {
	t = t.In(a.Loc)
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, a.Loc)
}

// Sheet is one table of a spreadsheet: a header row and rows of values
// (strings, ints or floats).
type Sheet struct {
	Name   string
	Header []string
	Rows   [][]any
}

// XlsxFile writes sheets as an .xlsx workbook: a sheet per table, the
// header row bold and frozen, each column as wide as its widest cell
// (Chinese characters counting double).
func XlsxFile(sheets []Sheet) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
				return nil, fmt.Errorf("xlsx: %w", err)
			}
		} else if _, err := f.NewSheet(sh.Name); err != nil {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
		widths := make([]int, len(sh.Header))
		if err := writeRow(f, sh.Name, 1, ToAny(sh.Header), widths); err != nil {
			return nil, err
		}
		for j, row := range sh.Rows {
			if err := writeRow(f, sh.Name, j+2, row, widths); err != nil {
				return nil, err
			}
		}
		last, _ := excelize.ColumnNumberToName(max(1, len(sh.Header)))
		if err := f.SetCellStyle(sh.Name, "A1", last+"1", bold); err != nil {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
		for c, w := range widths {
			col, _ := excelize.ColumnNumberToName(c + 1)
			if err := f.SetColWidth(sh.Name, col, col, float64(min(max(w+2, 8), 60))); err != nil {
				return nil, fmt.Errorf("xlsx: %w", err)
			}
		}
		if err := f.SetPanes(sh.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

var monthRE = regexp.MustCompile(`^\d{4}-\d{2}$`)

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

// ToAny is ss as a spreadsheet row.
func ToAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
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
