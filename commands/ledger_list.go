package commands

import (
	"fmt"
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

// ledgerPage is how many tickets one page of /ledger shows.
const ledgerPage = 10

// ledger: /ledger [state] [building] [category] [YYYY-MM], the ticket
// ledger newest first, a page at a time. Staff see every building, a
// leader only the buildings they lead.
func (a *App) ledger(r *req) error {
	f, bad, twice := a.parseLedgerWords(r.args)
	if bad != "" {
		key := "ledger.unknown_word"
		if twice {
			key = "ledger.twice"
		}
		return r.reply(r.t(key, esc(limitRunes(bad, 32)))+"\n"+a.filterHelp(r, a.ledgerBuildings(r)), nil)
	}
	if !a.mayLedger(r, f) {
		return r.reply(r.t("ledger.not_your_building", esc(f.building), esc(strings.Join(r.me.Leads, ", "))), nil)
	}
	text, kb, err := a.ledgerView(r, f, 0)
	if err != nil {
		return err
	}
	return r.reply(text, kb)
}

// ledgerButton turns a page. The press is authorised again here: the
// data may be forged, and the presser's role or buildings may have changed
// since the page was sent.
func (a *App) ledgerButton(r *req) error {
	if !r.atLeast(storage.RoleLeader) || !r.private() {
		return r.toast(r.t("error.forbidden", "/ledger"))
	}
	f, page, ok := a.decodeLedger(r.cb.Data)
	if !ok {
		return r.toast(r.t("error.stale_button"))
	}
	if !a.mayLedger(r, f) {
		return r.toast(stripTags(r.t("ledger.not_your_building", esc(f.building), esc(strings.Join(r.me.Leads, ", ")))))
	}
	text, kb, err := a.ledgerView(r, f, page)
	if err != nil {
		return err
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return r.edit(text, kb)
}

// ledgerBuildings are the buildings the caller may list.
func (a *App) ledgerBuildings(r *req) []string {
	if r.atLeast(storage.RoleStaff) {
		return a.cfg.Community.Buildings
	}
	return r.me.Leads
}

// mayLedger: staff may list any building; a leader only one they lead.
func (a *App) mayLedger(r *req, f ledgerFilter) bool {
	if r.atLeast(storage.RoleStaff) {
		return true
	}
	return r.role == storage.RoleLeader && (f.building == "" || r.me.LeadsBuilding(f.building))
}

// ledgerView renders one page of the filter, with Prev / Next buttons. A
// page past the end shows the last page.
func (a *App) ledgerView(r *req, f ledgerFilter, page int) (string, any, error) {
	lf := storage.LedgerFilter{State: f.state, Building: f.building, Category: f.category}
	if !f.month.IsZero() {
		lf.From, lf.To = f.month, f.month.AddDate(0, 1, 0)
	}
	if !r.atLeast(storage.RoleStaff) {
		lf.Buildings = append([]string{}, r.me.Leads...)
	}
	tks, total, err := r.tx.Ledger(lf, ledgerPage, page*ledgerPage)
	if err != nil {
		return "", nil, err
	}
	pages := max(1, (total+ledgerPage-1)/ledgerPage)
	if page >= pages {
		page = pages - 1
		if tks, total, err = r.tx.Ledger(lf, ledgerPage, page*ledgerPage); err != nil {
			return "", nil, err
		}
	}
	var b strings.Builder
	b.WriteString(r.t("ledger.title", a.describeFilter(r, f)) + "\n")
	if lf.Buildings != nil {
		b.WriteString(r.t("ledger.scope", esc(strings.Join(r.me.Leads, ", "))) + "\n")
	}
	if total == 0 {
		b.WriteString(r.t("ledger.empty"))
		return b.String(), nil, nil
	}
	b.WriteString(r.t("ledger.count", total, page+1, pages) + "\n")
	for _, tk := range tks {
		line := fmt.Sprintf("%s · %s · %s", a.headline(r.lang, tk), a.stateLabel(r.lang, tk.State), a.when(tk.CreatedAt))
		if tk.Kind == storage.TicketKindWish {
			line = a.kindLabel(r.lang, tk.Kind) + " " + line
		}
		fmt.Fprintf(&b, "%s\n  “%s”\n", line, quote(a.ticketText(r.lang, tk), 60))
	}
	b.WriteString(r.t("ticket.list_hint"))
	var row []telegram.Button
	if page > 0 {
		row = append(row, telegram.Button{Text: r.t("ledger.prev"), CallbackData: a.ledgerData(f, page-1)})
	}
	if page < pages-1 {
		row = append(row, telegram.Button{Text: r.t("ledger.next"), CallbackData: a.ledgerData(f, page+1)})
	}
	if len(row) == 0 {
		return b.String(), nil, nil
	}
	return b.String(), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row}}, nil
}
