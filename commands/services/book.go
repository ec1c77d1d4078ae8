package services

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"courtyard/commands/core"
	"courtyard/config"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// kindBookingReminder reminds a resident of their booking.
const kindBookingReminder = "services.booking"

// daysShown is how many days with free slots Book offers.
const daysShown = 6

// showDays offers the next days with a free slot; move is the booking
// being moved, 0 for a new one.
func (a *Services) showDays(r *core.Req, s config.Service, move int64) error {
	days, err := a.freeDays(r.Tx, r.Now, daysShown)
	if err != nil {
		return err
	}
	if len(days) == 0 {
		return r.Edit(r.T("services.no_slots"), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.T("services.btn_back"), CallbackData: "sv:o:" + s.Key}}}})
	}
	var rows [][]telegram.Button
	var row []telegram.Button
	for _, d := range days {
		row = append(row, telegram.Button{Text: when.DescribeDate(d, r.Lang, r.Now, a.Loc), CallbackData: "sv:bd:" + s.Key + ":" + d.Format("20060102") + moveArg(move)})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, []telegram.Button{{Text: r.T("services.btn_back"), CallbackData: "sv:o:" + s.Key}})
	return r.Edit(r.T("services.pick_day", core.Esc(inLang(r.Lang, s.Zh, s.En))), telegram.Keyboard{InlineKeyboard: rows})
}

func moveArg(move int64) string {
	if move == 0 {
		return ""
	}
	return ":" + core.Itoa(move)
}

// showTimes offers the free slots of day.
func (a *Services) showTimes(r *core.Req, s config.Service, day time.Time, move int64, note string) error {
	ss, err := a.slotsOn(r.Tx, day, r.Now, false)
	if err != nil {
		return err
	}
	var rows [][]telegram.Button
	for _, sl := range ss {
		text := r.T("services.slot_button", a.clock(sl.At), core.Esc(a.place(r.Lang, sl.Place)), sl.Free)
		rows = append(rows, []telegram.Button{{Text: core.StripTags(text),
			CallbackData: "sv:bt:" + s.Key + ":" + strconv.Itoa(sl.Place) + ":" + core.Itoa(sl.At.Unix()/60) + moveArg(move)}})
	}
	rows = append(rows, []telegram.Button{{Text: r.T("services.btn_other_day"), CallbackData: "sv:bk:" + s.Key + moveArg(move)}})
	text := r.T("services.pick_time", when.DescribeDate(day, r.Lang, r.Now, a.Loc))
	if len(ss) == 0 {
		text = r.T("services.day_full", when.DescribeDate(day, r.Lang, r.Now, a.Loc))
	}
	if note != "" {
		text = note + "\n" + text
	}
	return r.Edit(text, telegram.Keyboard{InlineKeyboard: rows})
}

// bookingButton handles the booking buttons: a day, a time, move, cancel.
func (a *Services) bookingButton(r *core.Req, p core.BtnArgs) error {
	switch p[0] {
	case "bx", "bm":
		id, ok := p.Id(1)
		if !ok {
			return r.Toast(r.T("error.stale_button"))
		}
		b, err := r.Tx.Booking(id)
		if core.IsNotFound(err) || (err == nil && (b.MemberID != r.Me.ID || b.State != storage.BookingBooked)) {
			return r.Toast(r.T("services.booking_gone"))
		}
		if err != nil {
			return err
		}
		if p[0] == "bx" {
			return a.cancelBooking(r, b)
		}
		s, _ := a.service(b.Service)
		s.Key = b.Service
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.showDays(r, s, b.ID)
	}
	s, ok := a.service(p.Arg(1))
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	if p[0] == "bd" {
		day, err := time.ParseInLocation("20060102", p.Arg(2), a.Loc)
		if err != nil {
			return r.Toast(r.T("error.stale_button"))
		}
		move, _ := p.Id(3)
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.showTimes(r, s, day, move, "")
	}
	place, err1 := strconv.Atoi(p.Arg(2))
	mins, err2 := strconv.ParseInt(p.Arg(3), 10, 64)
	at := time.Unix(mins*60, 0).In(a.Loc)
	if err1 != nil || err2 != nil || !a.validSlot(at, place, r.Now) {
		return r.Toast(r.T("services.slot_gone"))
	}
	move, _ := p.Id(4)
	return a.book(r, s, at, place, move)
}

// book takes a seat of the slot for the presser; a slot gone full since
// the buttons were shown says so and shows the day again.
func (a *Services) book(r *core.Req, s config.Service, at time.Time, place int, move int64) error {
	var old storage.Booking
	if move != 0 {
		b, err := r.Tx.Booking(move)
		if core.IsNotFound(err) || (err == nil && (b.MemberID != r.Me.ID || b.State != storage.BookingBooked)) {
			return r.Toast(r.T("services.booking_gone"))
		}
		if err != nil {
			return err
		}
		old = b
	}
	id, err := r.Tx.BookSlot(r.Me.ID, s.Key, at, place, a.Cfg.Services.OfficeHours.PerSlot, r.Now)
	if errors.Is(err, storage.ErrSlotFull) {
		if err := r.Toast(r.T("services.slot_taken")); err != nil {
			return err
		}
		return a.showTimes(r, s, a.dayStart(at), move, r.T("services.slot_taken"))
	}
	if err != nil {
		return err
	}
	if old.ID != 0 {
		if err := a.dropBooking(r, old); err != nil {
			return err
		}
	}
	if err := a.scheduleReminders(r.Tx, id, at, r.Now); err != nil {
		return err
	}
	a.Audit(r, "services.book", "sb:"+core.Itoa(id), map[string]any{"service": s.Key, "moved": old.ID})
	if err := r.Toast(r.T("services.booked_toast")); err != nil {
		return err
	}
	key := "services.booked"
	if old.ID != 0 {
		key = "services.moved"
	}
	text := r.T(key, core.Esc(inLang(r.Lang, s.Zh, s.En)), when.DescribeDate(at, r.Lang, r.Now, a.Loc), a.clock(at), core.Esc(a.place(r.Lang, place)))
	if len(s.Documents) > 0 {
		text += "\n\n" + r.T("services.view_docs") + "\n" + checklist(r.Lang, s)
	}
	text += "\n\n" + r.T("services.booked_reminders")
	return r.Edit(text, bookingKeyboard(r, id))
}

func bookingKeyboard(r *core.Req, id int64) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: r.T("services.btn_move"), CallbackData: "sv:bm:" + core.Itoa(id)},
		{Text: r.T("services.btn_cancel_booking"), CallbackData: "sv:bx:" + core.Itoa(id)},
	}}}
}

// dropBooking cancels booking b and its reminders.
func (a *Services) dropBooking(r *core.Req, b storage.Booking) error {
	if err := r.Tx.SetBookingState(b.ID, storage.BookingCancelled, r.Now); err != nil {
		return err
	}
	return r.Tx.CancelDuePrefix(kindBookingReminder, "b:"+core.Itoa(b.ID)+":")
}

func (a *Services) cancelBooking(r *core.Req, b storage.Booking) error {
	if err := a.dropBooking(r, b); err != nil {
		return err
	}
	a.Audit(r, "services.cancel_booking", "sb:"+core.Itoa(b.ID), nil)
	if err := r.Toast(r.T("services.cancelled_toast")); err != nil {
		return err
	}
	return r.Edit(r.T("services.cancelled", when.DescribeDate(b.SlotAt, r.Lang, r.Now, a.Loc), a.clock(b.SlotAt)),
		telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.T("services.btn_book_again"), CallbackData: "sv:bk:" + b.Service}}}})
}

type reminderData struct {
	Booking int64 `json:"booking"`
	Hours   int   `json:"hours"`
}

// scheduleReminders lays out the reminders the day before and two hours
// before the booking, those still ahead.
func (a *Services) scheduleReminders(tx *storage.Tx, id int64, at, now time.Time) error {
	for _, h := range []int{24, 2} {
		due := at.Add(-time.Duration(h) * time.Hour)
		if !due.After(now) {
			continue
		}
		raw, err := json.Marshal(reminderData{Booking: id, Hours: h})
		if err != nil {
			return fmt.Errorf("booking %d reminder: %w", id, err)
		}
		key := "b:" + core.Itoa(id) + ":" + strconv.Itoa(h)
		if _, err := tx.ScheduleDue(storage.DueItem{Kind: kindBookingReminder, Key: key, DueAt: due, Until: at, Data: string(raw)}, now); err != nil {
			return err
		}
	}
	return nil
}

// PlanBooking books a seat of the slot at session place for member, with
// its reminders, as the Book buttons do; it returns the booking's id.
func (a *Services) PlanBooking(tx *storage.Tx, member int64, service string, at time.Time, place int, now time.Time) (int64, error) {
	id, err := tx.BookSlot(member, service, at, place, a.Cfg.Services.OfficeHours.PerSlot, now)
	if err != nil {
		return 0, err
	}
	return id, a.scheduleReminders(tx, id, at, now)
}
