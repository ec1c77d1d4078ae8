package commands

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strconv"
	"strings"
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

// exportHeader is the CSV's first row, in both languages so that either
// reader can use the file.
var exportHeader = []string{
	"编号 ID", "类型 kind", "类别 category", "楼栋 building", "状态 state", "内容 text",
	"报告人 reporter", "处理人 assignee", "队伍 team", "提交时间 created", "认领时间 claimed",
	"处理时间 resolved", "办结时间 closed", "处理结果 resolution", "重复于 duplicate_of",
	"照片数 photos", "位置 location (lat,lon)",
}

// maxExport keeps a file well under the 50 MB a bot may upload.
const maxExport = 45 << 20

var dayRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// parsePeriod reads "2026-03-05" as that day and "2026-03" as that month,
// in the community's zone: [start, end).
func (a *App) parsePeriod(s string) (start, end time.Time, ok bool) {
	if m, ok := a.parseMonth(s); ok {
		return m, m.AddDate(0, 1, 0), true
	}
	if !dayRE.MatchString(s) {
		return time.Time{}, time.Time{}, false
	}
	d, err := time.ParseInLocation("2006-01-02", s, a.loc)
	if err != nil || d.Year() < 2000 {
		return time.Time{}, time.Time{}, false
	}
	return d, d.AddDate(0, 0, 1), true
}

// exportRange reads /export's arguments: none is the current month, one is
// that day or month, two are [from, to). name labels the file. bad is the
// argument not understood; order is set when to is not after from.
func (a *App) exportRange(r *req) (from, to time.Time, name, bad string, order bool) {
	args := strings.Fields(cleanLine(r.args))
	switch len(args) {
	case 0:
		from = a.monthOf(r.now)
		return from, from.AddDate(0, 1, 0), from.Format("2006-01"), "", false
	case 1, 2:
	default:
		return from, to, "", args[2], false
	}
	from, to, ok := a.parsePeriod(args[0])
	if !ok {
		return from, to, "", args[0], false
	}
	if len(args) == 1 {
		return from, to, args[0], "", false
	}
	if to, _, ok = a.parsePeriod(args[1]); !ok {
		return from, to, "", args[1], false
	}
	if !to.After(from) {
		return from, to, "", "", true
	}
	return from, to, args[0] + "_" + args[1], "", false
}

// export: /export [from] [to], the tickets created in the period as a CSV
// document, oldest first.
func (a *App) export(r *req) error {
	from, to, name, bad, order := a.exportRange(r)
	switch {
	case bad != "":
		return r.reply(r.t("export.bad_date", esc(limitRunes(bad, 32))), nil)
	case order:
		return r.reply(r.t("export.bad_order"), nil)
	}
	var tks []storage.Ticket
	if err := r.tx.ExportTickets(from, to, func(tk storage.Ticket) error {
		tks = append(tks, tk)
		return nil
	}); err != nil {
		return err
	}
	if len(tks) == 0 {
		period := r.t("export.period", from.In(a.loc).Format("2006-01-02"), to.In(a.loc).AddDate(0, 0, -1).Format("2006-01-02"))
		if err := r.reply(r.t("export.empty", period), nil); err != nil {
			return err
		}
		return a.exportHours(r, from, to, name)
	}
	data, err := a.ticketsCSV(r, tks)
	if err != nil {
		return err
	}
	if len(data) > maxExport {
		return r.reply(r.t("export.too_big", len(tks)), nil)
	}
	period := r.t("export.period", from.In(a.loc).Format("2006-01-02"), to.In(a.loc).AddDate(0, 0, -1).Format("2006-01-02"))
	p := telegram.SendDocument{ChatID: r.chat.ID, Caption: limitUTF16(r.t("export.caption", period, len(tks)), telegram.MaxCaption)}
	if _, err = r.tx.Enqueue(storage.OutMsg{ChatID: r.chat.ID, Method: "sendDocument", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply, FileName: "tickets-" + name + ".csv", FileData: data}, r.now); err != nil {
		return err
	}
	return a.exportHours(r, from, to, name)
}

// ticketsCSV writes the tickets as UTF-8 CSV with a byte order mark, so
// that Excel reads the Chinese text right. Labels are in the community's
// language. The reporter's name is there for those who may know it
// (mayKnowReporter), even when hidden from neighbours.
func (a *App) ticketsCSV(r *req, tks []storage.Ticket) ([]byte, error) {
	lang := a.cfg.Community.Language
	var ids []int64
	seen := map[int64]bool{0: true}
	for _, tk := range tks {
		for _, id := range []int64{tk.ReporterID, tk.AssigneeID} {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	names, err := r.tx.MemberNames(ids)
	if err != nil {
		return nil, err
	}
	teams := map[int64]string{}
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(exportHeader); err != nil {
		return nil, err
	}
	for _, tk := range tks {
		reporter, assignee := names[tk.ReporterID], names[tk.AssigneeID]
		if knows, err := a.mayKnowReporter(r, tk); err != nil || !knows {
			if err != nil {
				return nil, err
			}
			reporter = ""
		}
		team, ok := teams[tk.TeamID]
		if !ok && tk.TeamID != 0 {
			t, err := r.tx.Team(tk.TeamID)
			if err != nil && !isNotFound(err) {
				return nil, err
			}
			team, teams[tk.TeamID] = t.Name, t.Name
		}
		kind := a.cat.T(lang, "export.kind_report")
		if tk.Kind == storage.TicketKindWish {
			kind = a.cat.T(lang, "export.kind_wish")
		}
		dup := ""
		if tk.DuplicateOf != 0 {
			dup = strconv.FormatInt(tk.DuplicateOf, 10)
		}
		row := []string{
			strconv.FormatInt(tk.ID, 10), kind, a.catLabel(lang, tk.Category), tk.Building, a.stateLabel(lang, tk.State),
			cell(tk.Text), cell(reporter), cell(assignee), cell(team),
			a.csvTime(tk.CreatedAt), a.csvTime(tk.ClaimedAt), a.csvTime(tk.ResolvedAt), a.csvTime(tk.ClosedAt),
			cell(tk.Resolution), dup,
			strconv.Itoa(len(tk.Photos)), csvLocation(tk),
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// csvLocation is "lat,lon", or "" without a location.
func csvLocation(tk storage.Ticket) string {
	if tk.Lat == nil || tk.Lon == nil {
		return ""
	}
	return strconv.FormatFloat(*tk.Lat, 'f', 6, 64) + "," + strconv.FormatFloat(*tk.Lon, 'f', 6, 64)
}

// csvTime is a time in the community's zone, or "" when it never happened.
func (a *App) csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(a.loc).Format("2006-01-02 15:04")
}

// cell keeps text a person typed from being read as a formula by a
// spreadsheet: a leading = + - @ gets an apostrophe in front.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
