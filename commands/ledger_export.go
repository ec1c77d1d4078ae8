package commands

import (
	"bytes"
	"encoding/csv"
	"errors"
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

// maxExportMonths and maxExportRows bound one export: the file is built
// on a read connection, never in the writer's transaction, but a range of
// decades would still hold a reader and memory for long.
const (
	maxExportMonths = 24
	maxExportRows   = 200_000
)

// export: /export [xlsx] [from] [to], the tickets created in the period as
// a CSV document, oldest first, with an "Excel" button for the same as a
// workbook; with xlsx, the workbook at once. The request is stored here; the file is built on
// a read snapshot after this update commits (BuildExport) and sent through
// the outbox.
func (a *App) export(r *req) error {
	format := storage.ExportCSV
	if w, rest, _ := strings.Cut(strings.TrimSpace(r.args), " "); strings.EqualFold(w, "xlsx") || strings.EqualFold(w, "excel") {
		format, r.args = storage.ExportXLSX, rest
	}
	from, to, name, bad, order := a.exportRange(r)
	switch {
	case bad != "":
		return r.reply(r.t("export.bad_date", esc(limitRunes(bad, 32))), nil)
	case order:
		return r.reply(r.t("export.bad_order"), nil)
	case to.After(from.AddDate(0, maxExportMonths, 0)):
		return r.reply(r.t("export.too_long", maxExportMonths), nil)
	}
	if _, err := r.tx.RequestExport(storage.ExportRequest{ChatID: r.chat.ID, MemberID: r.from.ID, Lang: r.lang,
		From: from, To: to, Name: name, Format: format}, r.now); err != nil {
		return err
	}
	a.audit(r, "export", "", map[string]string{"from": from.In(a.loc).Format("2006-01-02"), "to": to.In(a.loc).Format("2006-01-02")})
	return a.logVisitsExport(r, from, to)
}

// BuildExport builds a requested export on tx, a read snapshot, and returns
// the messages that send it: the tickets (or a line saying there were
// none), then the volunteer hours and the visits when there are any.
func (a *App) BuildExport(tx *storage.Tx, q storage.ExportRequest) ([]storage.OutMsg, error) {
	if q.Format == storage.ExportXLSX {
		msg, err := a.xlsxExport(tx, q)
		return []storage.OutMsg{msg}, err
	}
	first, err := a.ticketsExport(tx, q)
	if err != nil {
		return nil, err
	}
	out := []storage.OutMsg{first}
	for _, build := range []func(*storage.Tx, storage.ExportRequest) (storage.OutMsg, bool, error){a.hoursExport, a.visitsExport} {
		msg, ok, err := build(tx, q)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, msg)
		}
	}
	return out, nil
}

// exportText is a plain answer to the person who asked for an export.
func (a *App) exportText(q storage.ExportRequest, text string) storage.OutMsg {
	p := telegram.SendMessage{ChatID: q.ChatID, Text: fit(text), ParseMode: "HTML"}
	return storage.OutMsg{ChatID: q.ChatID, Method: "sendMessage", Payload: telegram.Marshal(p), Priority: storage.PriorityReply}
}

// exportPeriod names q's period in q's language.
func (a *App) exportPeriod(q storage.ExportRequest) string {
	return a.cat.T(q.Lang, "export.period", q.From.In(a.loc).Format("2006-01-02"), q.To.In(a.loc).AddDate(0, 0, -1).Format("2006-01-02"))
}

// exportDoc is a CSV document for the person who asked.
func (a *App) exportDoc(q storage.ExportRequest, caption, file string, data []byte, markup any) storage.OutMsg {
	p := telegram.SendDocument{ChatID: q.ChatID, Caption: limitUTF16(caption, telegram.MaxCaption), ReplyMarkup: markup}
	return storage.OutMsg{ChatID: q.ChatID, Method: "sendDocument", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply, FileName: file, FileData: data}
}

// ticketsExport is the tickets CSV, or a line saying why there is none.
func (a *App) ticketsExport(tx *storage.Tx, q storage.ExportRequest) (storage.OutMsg, error) {
	n, err := tx.CountTicketsCreated(q.From, q.To)
	if err != nil {
		return storage.OutMsg{}, err
	}
	switch {
	case n == 0:
		return a.exportText(q, a.cat.T(q.Lang, "export.empty", a.exportPeriod(q))), nil
	case n > maxExportRows:
		return a.exportText(q, a.cat.T(q.Lang, "export.too_big", n)), nil
	}
	data, err := a.ticketsCSV(tx, q.From, q.To)
	if err != nil {
		return storage.OutMsg{}, err
	}
	if len(data) > maxExport {
		return a.exportText(q, a.cat.T(q.Lang, "export.too_big", n)), nil
	}
	return a.exportDoc(q, a.cat.T(q.Lang, "export.caption", a.exportPeriod(q), n), "tickets-"+q.Name+".csv", data,
		a.excelKeyboard(q.Lang, q.From, q.To)), nil
}

// ticketsCSV writes the tickets created in [from, to) as UTF-8 CSV with a
// byte order mark, so that Excel reads the Chinese text right, row by row
// as they are read. The reporter's name is there even when hidden from
// neighbours: the export is for staff only.
func (a *App) ticketsCSV(tx *storage.Tx, from, to time.Time) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(exportHeader); err != nil {
		return nil, err
	}
	err := a.eachTicketRow(tx, from, to, func(row []string) error {
		if buf.Len() > maxExport {
			return errExportTooBig
		}
		return w.Write(row)
	})
	if errors.Is(err, errExportTooBig) {
		return buf.Bytes(), nil // over maxExport: refused by the caller
	}
	if err != nil {
		return nil, err
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// eachTicketRow calls fn with each ticket created in [from, to) as a row of
// exportHeader's columns, labels in the community's language, for the CSV
// and the workbook.
func (a *App) eachTicketRow(tx *storage.Tx, from, to time.Time, fn func([]string) error) error {
	lang := a.cfg.Community.Language
	people, teamIDs, err := tx.ExportPeople(from, to)
	if err != nil {
		return err
	}
	names, err := tx.MemberNames(people)
	if err != nil {
		return err
	}
	a.fillRemoved(names, lang)
	teams := map[int64]string{}
	for _, id := range teamIDs {
		t, err := tx.Team(id)
		if err != nil && !isNotFound(err) {
			return err
		}
		teams[id] = t.Name
	}
	return tx.ExportTickets(from, to, func(tk storage.Ticket) error {
		kind := a.cat.T(lang, "export.kind_report")
		if tk.Kind == storage.TicketKindWish {
			kind = a.cat.T(lang, "export.kind_wish")
		}
		dup := ""
		if tk.DuplicateOf != 0 {
			dup = strconv.FormatInt(tk.DuplicateOf, 10)
		}
		return fn([]string{
			strconv.FormatInt(tk.ID, 10), kind, a.catLabel(lang, tk.Category), tk.Building, a.stateLabel(lang, tk.State),
			cell(a.ticketText(lang, tk)), cell(names[tk.ReporterID]), cell(names[tk.AssigneeID]), cell(teams[tk.TeamID]),
			a.csvTime(tk.CreatedAt), a.csvTime(tk.ClaimedAt), a.csvTime(tk.ResolvedAt), a.csvTime(tk.ClosedAt),
			cell(tk.Resolution), dup,
			strconv.Itoa(len(tk.Photos)), csvLocation(tk),
		})
	})
}

// errExportTooBig stops an export that outgrew maxExport.
var errExportTooBig = errors.New("export too big")

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
