package services

import (
	"fmt"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// desk: /desk shows staff today's bookings and the open applications,
// with a button each; "/desk 12" opens case 12.
func (a *Services) desk(r *core.Req) error {
	if id, ok := core.IdArg(r.Args); ok {
		c, ok, err := a.loadCase(r, id)
		if err != nil || !ok {
			return err
		}
		return a.showCase(r, c, false)
	}
	return a.showDesk(r, false)
}

func (a *Services) showDesk(r *core.Req, edit bool) error {
	day := a.dayStart(r.Now)
	bs, err := r.Tx.BookingsBetween(day, day.AddDate(0, 0, 1))
	if err != nil {
		return err
	}
	cs, err := r.Tx.OpenCases()
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(r.T("services.desk_title") + "\n\n")
	b.WriteString(r.T("services.desk_today", when.DescribeDate(day, r.Lang, r.Now, a.Loc), len(bs)) + "\n")
	for _, bk := range bs {
		b.WriteString(a.bookingLine(r, bk) + "\n")
	}
	if len(bs) == 0 {
		b.WriteString(r.T("services.desk_none_today") + "\n")
	}
	var rows [][]telegram.Button
	shown := 0
	for _, c := range cs {
		if !a.mayReadCase(r, c) {
			continue
		}
		shown++
		s, _ := a.service(c.Service)
		late := ""
		if r.Now.After(c.CreatedAt.AddDate(0, 0, s.Days)) {
			late = " ⏰"
		}
		text := fmt.Sprintf("#%d %s · %s%s", c.ID, a.name(r.Lang, c.Service), a.stepLabel(r.Lang, s, c), late)
		rows = append(rows, []telegram.Button{{Text: text, CallbackData: "sv:c:" + core.Itoa(c.ID)}})
	}
	b.WriteString("\n" + r.T("services.desk_cases", shown))
	a.Audit(r, "services.desk", "", map[string]int{"cases": shown, "bookings": len(bs)})
	rows = append(rows, []telegram.Button{
		{Text: r.T("services.btn_day"), CallbackData: "sv:day:" + day.Format("20060102")},
		{Text: r.T("services.btn_new_notice"), CallbackData: "sv:np"},
	})
	kb := telegram.Keyboard{InlineKeyboard: rows}
	if edit {
		return r.Edit(strings.TrimSpace(b.String()), kb)
	}
	return r.Reply(strings.TrimSpace(b.String()), kb)
}

// bookingLine is a booking as staff read it.
func (a *Services) bookingLine(r *core.Req, bk storage.Booking) string {
	line := fmt.Sprintf("%s · %s · %s · %s", a.clock(bk.SlotAt), core.Esc(a.place(r.Lang, bk.Place)), core.Esc(a.NameOf(r, bk.MemberID)), core.Esc(a.name(r.Lang, bk.Service)))
	if bk.State != storage.BookingBooked {
		line += " · " + r.T("services.booking_"+bk.State)
	}
	return line
}

// deskButton handles the desk's own buttons: a day's bookings, marking a
// booking kept or missed, a new notice.
func (a *Services) deskButton(r *core.Req, p core.BtnArgs) error {
	switch p[0] {
	case "desk":
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.showDesk(r, true)
	case "np":
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.startNotice(r, storage.Case{})
	case "day":
		day, err := time.ParseInLocation("20060102", p.Arg(1), a.Loc)
		if err != nil {
			return r.Toast(r.T("error.stale_button"))
		}
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.showDay(r, day)
	}
	id, ok := p.Id(1)
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	bk, err := r.Tx.Booking(id)
	if core.IsNotFound(err) {
		return r.Toast(r.T("services.booking_gone"))
	}
	if err != nil {
		return err
	}
	state := storage.BookingKept
	if p[0] == "miss" {
		state = storage.BookingMissed
	}
	if err := r.Tx.SetBookingState(bk.ID, state, r.Now); core.IsNotFound(err) {
		return r.Toast(r.T("services.booking_gone"))
	} else if err != nil {
		return err
	}
	if err := r.Tx.CancelDuePrefix(kindBookingReminder, "b:"+core.Itoa(bk.ID)+":"); err != nil {
		return err
	}
	a.Audit(r, "services.booking_"+state, "sb:"+core.Itoa(bk.ID), nil)
	if err := r.Toast(r.T("services.booking_marked")); err != nil {
		return err
	}
	return a.showDay(r, a.dayStart(bk.SlotAt))
}

// showDay lists day's bookings with a kept and a missed button each.
func (a *Services) showDay(r *core.Req, day time.Time) error {
	bs, err := r.Tx.BookingsBetween(day, day.AddDate(0, 0, 1))
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(r.T("services.day_title", when.DescribeDate(day, r.Lang, r.Now, a.Loc), len(bs)) + "\n")
	var rows [][]telegram.Button
	for _, bk := range bs {
		b.WriteString(a.bookingLine(r, bk) + "\n")
		if bk.State == storage.BookingBooked {
			who := a.clock(bk.SlotAt) + " " + a.NameOf(r, bk.MemberID)
			rows = append(rows, []telegram.Button{
				{Text: r.T("services.btn_kept", who), CallbackData: "sv:kept:" + core.Itoa(bk.ID)},
				{Text: r.T("services.btn_missed"), CallbackData: "sv:miss:" + core.Itoa(bk.ID)},
			})
		}
	}
	rows = append(rows, []telegram.Button{
		{Text: r.T("services.btn_prev_day"), CallbackData: "sv:day:" + day.AddDate(0, 0, -1).Format("20060102")},
		{Text: r.T("services.btn_next_day"), CallbackData: "sv:day:" + day.AddDate(0, 0, 1).Format("20060102")},
	}, []telegram.Button{{Text: r.T("services.btn_desk"), CallbackData: "sv:desk"}})
	return r.Edit(strings.TrimSpace(b.String()), telegram.Keyboard{InlineKeyboard: rows})
}
