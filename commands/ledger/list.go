package ledger

import (
	"fmt"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// ledgerPage is how many tickets one page of /ledger shows.
const ledgerPage = 10

// ledger: /ledger [state] [building] [category] [YYYY-MM], the ticket
// ledger newest first, a page at a time. Staff see every building, a
// leader only the buildings they lead.
func (a *Ledger) ledger(r *core.Req) error {
	f, bad, twice := a.parseLedgerWords(r.Args)
	if bad != "" {
		key := "ledger.unknown_word"
		if twice {
			key = "ledger.twice"
		}
		return r.Reply(r.T(key, core.Esc(core.LimitRunes(bad, 32)))+"\n"+a.filterHelp(r, a.ledgerBuildings(r)), nil)
	}
	if !a.mayLedger(r, f) {
		return r.Reply(r.T("ledger.not_your_building", core.Esc(f.building), core.Esc(strings.Join(r.Me.Leads, ", "))), nil)
	}
	text, kb, err := a.ledgerView(r, f, 0)
	if err != nil {
		return err
	}
	return r.Reply(text, kb)
}

// ledgerButton turns a page. The press is authorised again here: the
// data may be forged, and the presser's role or buildings may have changed
// since the page was sent.
func (a *Ledger) ledgerButton(r *core.Req) error {
	if !r.AtLeast(storage.RoleLeader) || !r.Private() {
		return r.Toast(r.T("error.forbidden", "/ledger"))
	}
	f, page, ok := a.decodeLedger(r.CB.Data)
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	if !a.mayLedger(r, f) {
		return r.Toast(core.StripTags(r.T("ledger.not_your_building", core.Esc(f.building), core.Esc(strings.Join(r.Me.Leads, ", ")))))
	}
	text, kb, err := a.ledgerView(r, f, page)
	if err != nil {
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Edit(text, kb)
}

// ledgerBuildings are the buildings the caller may list.
func (a *Ledger) ledgerBuildings(r *core.Req) []string {
	if r.AtLeast(storage.RoleStaff) {
		return a.Cfg.Community.Buildings
	}
	return r.Me.Leads
}

// mayLedger: staff may list any building; a leader only one they lead.
func (a *Ledger) mayLedger(r *core.Req, f ledgerFilter) bool {
	if r.AtLeast(storage.RoleStaff) {
		return true
	}
	return r.Role == storage.RoleLeader && (f.building == "" || r.Me.LeadsBuilding(f.building))
}

// ledgerView renders one page of the filter, with Prev / Next buttons. A
// page past the end shows the last page.
func (a *Ledger) ledgerView(r *core.Req, f ledgerFilter, page int) (string, any, error) {
	lf := storage.LedgerFilter{State: f.state, Building: f.building, Category: f.category}
	if !f.month.IsZero() {
		lf.From, lf.To = f.month, f.month.AddDate(0, 1, 0)
	}
	if !r.AtLeast(storage.RoleStaff) {
		lf.Buildings = append([]string{}, r.Me.Leads...)
	}
	tks, total, err := r.Tx.Ledger(lf, ledgerPage, page*ledgerPage)
	if err != nil {
		return "", nil, err
	}
	pages := max(1, (total+ledgerPage-1)/ledgerPage)
	if page >= pages {
		page = pages - 1
		if tks, total, err = r.Tx.Ledger(lf, ledgerPage, page*ledgerPage); err != nil {
			return "", nil, err
		}
	}
	var b strings.Builder
	b.WriteString(r.T("ledger.title", a.describeFilter(r, f)) + "\n")
	if lf.Buildings != nil {
		b.WriteString(r.T("ledger.scope", core.Esc(strings.Join(r.Me.Leads, ", "))) + "\n")
	}
	if total == 0 {
		b.WriteString(r.T("ledger.empty"))
		return b.String(), nil, nil
	}
	b.WriteString(r.T("ledger.count", total, page+1, pages) + "\n")
	for _, tk := range tks {
		line := fmt.Sprintf("%s · %s · %s", a.Headline(r.Lang, tk), a.StateLabel(r.Lang, tk.State), a.WhenIn(r.Lang, tk.CreatedAt))
		if tk.Kind == storage.TicketKindWish {
			line = a.KindLabel(r.Lang, tk.Kind) + " " + line
		}
		fmt.Fprintf(&b, "%s\n  “%s”\n", line, core.Quote(a.tickets.TicketText(r.Lang, tk), 60))
	}
	b.WriteString(r.T("ticket.list_hint"))
	var row []telegram.Button
	if page > 0 {
		row = append(row, telegram.Button{Text: r.T("ledger.prev"), CallbackData: a.ledgerData(f, page-1)})
	}
	if page < pages-1 {
		row = append(row, telegram.Button{Text: r.T("ledger.next"), CallbackData: a.ledgerData(f, page+1)})
	}
	if len(row) == 0 {
		return b.String(), nil, nil
	}
	return b.String(), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row}}, nil
}
