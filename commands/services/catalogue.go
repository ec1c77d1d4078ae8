package services

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/config"
	"courtyard/telegram"
)

// services: /services lists the catalogue; "/services obj 3" (a notice's
// link) raises an objection to notice 3.
func (a *Services) services(r *core.Req) error {
	if f := strings.Fields(r.Args); len(f) == 2 && f[0] == "obj" {
		if id, ok := core.IdArg(f[1]); ok {
			return a.startObjection(r, id)
		}
	}
	return a.list(r, false)
}

// list shows the catalogue, a button a service.
func (a *Services) list(r *core.Req, edit bool) error {
	var rows [][]telegram.Button
	for _, s := range a.Cfg.Services.Catalogue {
		rows = append(rows, []telegram.Button{{Text: inLang(r.Lang, s.Zh, s.En), CallbackData: "sv:o:" + s.Key}})
	}
	rows = append(rows, []telegram.Button{{Text: r.T("services.btn_question"), CallbackData: "sv:q"}, {Text: r.T("services.btn_my"), CallbackData: "sv:my"}})
	kb := telegram.Keyboard{InlineKeyboard: rows}
	if edit {
		return r.Edit(r.T("services.list"), kb)
	}
	return r.Reply(r.T("services.list"), kb)
}

// checklist is a service's documents, one a line.
func checklist(lang string, s config.Service) string {
	var b strings.Builder
	for _, d := range s.Documents {
		b.WriteString("☐ " + core.Esc(inLang(lang, d.Zh, d.En)) + "\n")
	}
	return strings.TrimSpace(b.String())
}

// showService explains a service with its checklist and its three doors.
func (a *Services) showService(r *core.Req, s config.Service) error {
	var b strings.Builder
	b.WriteString(r.T("services.view_title", core.Esc(inLang(r.Lang, s.Zh, s.En))) + "\n")
	if who := inLang(r.Lang, s.ForZh, s.ForEn); who != "" {
		b.WriteString(r.T("services.view_for", core.Esc(who)) + "\n")
	}
	if len(s.Documents) > 0 {
		b.WriteString("\n" + r.T("services.view_docs") + "\n" + checklist(r.Lang, s) + "\n")
	}
	b.WriteString("\n" + r.N("services.view_days", s.Days))
	if s.Publicity {
		b.WriteString("\n" + r.T("services.view_publicity"))
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.T("services.btn_ask"), CallbackData: "sv:q:" + s.Key}, {Text: r.T("services.btn_book"), CallbackData: "sv:bk:" + s.Key}},
		{{Text: r.T("services.btn_apply"), CallbackData: "sv:ap:" + s.Key}, {Text: r.T("services.btn_all"), CallbackData: "sv:l"}},
	}}
	return r.Edit(b.String(), kb)
}

// serviceButton routes the "sv:" buttons; each asks its rule again.
func (a *Services) serviceButton(r *core.Req) error {
	parts := core.ButtonArgs(r.CB.Data, "sv:")
	switch parts[0] {
	case "l":
		return a.list(r, true)
	case "o", "q", "ap", "bk":
		key := parts.Arg(1)
		s, ok := a.service(key)
		if !ok && !(parts[0] == "q" && key == "") {
			return r.Toast(r.T("error.stale_button"))
		}
		if err := r.Toast(""); err != nil {
			return err
		}
		switch parts[0] {
		case "o":
			return a.showService(r, s)
		case "q":
			return a.startAsk(r, key)
		case "ap":
			return a.startApply(r, s)
		}
		move, _ := parts.Id(2)
		return a.showDays(r, s, move)
	case "bd", "bt", "bx", "bm":
		return a.bookingButton(r, parts)
	case "my":
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.myServices(r)
	case "doc", "care", "rate", "rword":
		return a.applicantButton(r, parts)
	case "desk", "day", "kept", "miss", "np":
		return a.deskButton(r, parts)
	}
	return a.caseButton(r, parts)
}
