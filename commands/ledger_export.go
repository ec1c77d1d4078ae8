package commands

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strconv"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
)

// exportHeader is the CSV's first row, in both languages so that either
// reader can use the file.
var exportHeader = []string{
	"编号 ID", "类型 kind", "类别 category", "楼栋 building", "状态 state", "内容 text",
	"报告人 reporter", "处理人 assignee", "队伍 team", "提交时间 created", "认领时间 claimed",
	"处理时间 resolved", "办结时间 closed", "处理结果 resolution", "重复于 duplicate_of",
	"照片数 photos", "位置 location (lat,lon)",
}

// exportRange reads /export's arguments: none is the current month, one is
// that day or month, two are [from, to). name labels the file. bad is the
// argument not understood; order is set when to is not after from.
func (a *App) exportRange(r *core.Req) (from, to time.Time, name, bad string, order bool) {
	args := strings.Fields(core.CleanLine(r.Args))
	switch len(args) {
	case 0:
		from = a.MonthOf(r.Now)
		return from, from.AddDate(0, 1, 0), from.Format("2006-01"), "", false
	case 1, 2:
	default:
		return from, to, "", args[2], false
	}
	from, to, ok := a.ParsePeriod(args[0])
	if !ok {
		return from, to, "", args[0], false
	}
	if len(args) == 1 {
		return from, to, args[0], "", false
	}
	if to, _, ok = a.ParsePeriod(args[1]); !ok {
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
func (a *App) export(r *core.Req) error {
	format := storage.ExportCSV
	if w, rest, _ := strings.Cut(strings.TrimSpace(r.Args), " "); strings.EqualFold(w, "xlsx") || strings.EqualFold(w, "excel") {
		format, r.Args = storage.ExportXLSX, rest
	}
	from, to, name, bad, order := a.exportRange(r)
	switch {
	case bad != "":
		return r.Reply(r.T("export.bad_date", core.Esc(core.LimitRunes(bad, 32))), nil)
	case order:
		return r.Reply(r.T("export.bad_order"), nil)
	case to.After(from.AddDate(0, maxExportMonths, 0)):
		return r.Reply(r.T("export.too_long", maxExportMonths), nil)
	}
	if _, err := r.Tx.RequestExport(storage.ExportRequest{ChatID: r.Chat.ID, MemberID: r.From.ID, Lang: r.Lang,
		From: from, To: to, Name: name, Format: format}, r.Now); err != nil {
		return err
	}
	a.Audit(r, "export", "", map[string]string{"from": from.In(a.Loc).Format("2006-01-02"), "to": to.In(a.Loc).Format("2006-01-02")})
	return a.care.LogVisitsExport(r, from, to)
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
	for _, build := range []func(*storage.Tx, storage.ExportRequest) (storage.OutMsg, bool, error){a.hoursExport, a.care.VisitsExport} {
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

// ticketsExport is the tickets CSV, or a line saying why there is none.
func (a *App) ticketsExport(tx *storage.Tx, q storage.ExportRequest) (storage.OutMsg, error) {
	n, err := tx.CountTicketsCreated(q.From, q.To)
	if err != nil {
		return storage.OutMsg{}, err
	}
	switch {
	case n == 0:
		return a.ExportText(q, a.Cat.T(q.Lang, "export.empty", a.ExportPeriod(q))), nil
	case n > maxExportRows:
		return a.ExportText(q, a.Cat.T(q.Lang, "export.too_big", n)), nil
	}
	data, err := a.ticketsCSV(tx, q.From, q.To)
	if err != nil {
		return storage.OutMsg{}, err
	}
	if len(data) > core.MaxExport {
		return a.ExportText(q, a.Cat.T(q.Lang, "export.too_big", n)), nil
	}
	return a.ExportDoc(q, a.Cat.T(q.Lang, "export.caption", a.ExportPeriod(q), n), "tickets-"+q.Name+".csv", data,
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
		if buf.Len() > core.MaxExport {
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
	lang := a.Cfg.Community.Language
	people, teamIDs, err := tx.ExportPeople(from, to)
	if err != nil {
		return err
	}
	names, err := tx.MemberNames(people)
	if err != nil {
		return err
	}
	a.FillRemoved(names, lang)
	teams := map[int64]string{}
	for _, id := range teamIDs {
		t, err := tx.Team(id)
		if err != nil && !core.IsNotFound(err) {
			return err
		}
		teams[id] = t.Name
	}
	return tx.ExportTickets(from, to, func(tk storage.Ticket) error {
		kind := a.Cat.T(lang, "export.kind_report")
		if tk.Kind == storage.TicketKindWish {
			kind = a.Cat.T(lang, "export.kind_wish")
		}
		dup := ""
		if tk.DuplicateOf != 0 {
			dup = strconv.FormatInt(tk.DuplicateOf, 10)
		}
		return fn([]string{
			strconv.FormatInt(tk.ID, 10), kind, a.CatLabel(lang, tk.Category), tk.Building, a.StateLabel(lang, tk.State),
			core.Cell(a.ticketText(lang, tk)), core.Cell(names[tk.ReporterID]), core.Cell(names[tk.AssigneeID]), core.Cell(teams[tk.TeamID]),
			a.CsvTime(tk.CreatedAt), a.CsvTime(tk.ClaimedAt), a.CsvTime(tk.ResolvedAt), a.CsvTime(tk.ClosedAt),
			core.Cell(tk.Resolution), dup,
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
