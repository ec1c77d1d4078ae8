package services

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/telegram"
	"courtyard/when"
)

// myServices: /myservices shows the person's bookings to come and where
// each of their applications stands, in plain words.
func (a *Services) myServices(r *core.Req) error {
	bs, err := r.Tx.BookingsOf(r.Me.ID, r.Now)
	if err != nil {
		return err
	}
	cs, err := r.Tx.CasesOf(r.Me.ID)
	if err != nil {
		return err
	}
	var b strings.Builder
	var rows [][]telegram.Button
	b.WriteString(r.T("services.my_title") + "\n")
	if len(bs) > 0 {
		b.WriteString("\n" + r.T("services.my_bookings") + "\n")
	}
	for _, bk := range bs {
		b.WriteString(r.T("services.my_booking", when.DescribeDate(bk.SlotAt, r.Lang, r.Now, a.Loc), a.clock(bk.SlotAt),
			core.Esc(a.place(r.Lang, bk.Place)), core.Esc(a.name(r.Lang, bk.Service))) + "\n")
		label := when.DescribeDate(bk.SlotAt, r.Lang, r.Now, a.Loc) + " " + a.clock(bk.SlotAt)
		rows = append(rows, []telegram.Button{
			{Text: r.T("services.btn_move_at", label), CallbackData: "sv:bm:" + core.Itoa(bk.ID)},
			{Text: r.T("services.btn_cancel_booking"), CallbackData: "sv:bx:" + core.Itoa(bk.ID)},
		})
	}
	if len(cs) > 0 {
		b.WriteString("\n" + r.T("services.my_cases") + "\n")
	}
	for _, c := range cs {
		s, _ := a.service(c.Service)
		line := r.T("services.my_case", c.ID, core.Esc(a.name(r.Lang, c.Service)), core.Esc(a.stepLabel(r.Lang, s, c)), when.DescribeDate(c.CreatedAt, r.Lang, r.Now, a.Loc))
		if c.Asked != "" {
			line += "\n" + r.T("services.my_asked", core.Esc(c.Asked))
			rows = append(rows, []telegram.Button{{Text: r.T("services.btn_send_photo_for", c.ID), CallbackData: "sv:doc:" + core.Itoa(c.ID)}})
		}
		if c.Reason != "" && c.Ended() {
			line += "\n" + r.T("services.my_reason", core.Esc(c.Reason))
		}
		b.WriteString(line + "\n")
	}
	if len(bs) == 0 && len(cs) == 0 {
		b.WriteString(r.T("services.my_none") + "\n")
	}
	rows = append(rows, []telegram.Button{{Text: r.T("services.btn_all"), CallbackData: "sv:l"}})
	return r.Reply(strings.TrimSpace(b.String()), telegram.Keyboard{InlineKeyboard: rows})
}
