package services

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/when"
)

// remindBooking reminds a resident of a booking still held, the day
// before or two hours before.
func (a *Services) remindBooking(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	var d reminderData
	if err := json.Unmarshal([]byte(it.Data), &d); err != nil {
		return fmt.Errorf("booking reminder %s: %w", it.Key, err)
	}
	b, err := tx.Booking(d.Booking)
	if core.IsNotFound(err) {
		return nil
	}
	if err != nil || b.State != storage.BookingBooked {
		return err
	}
	r := a.SystemReq(ctx, tx, now)
	s, _ := a.service(b.Service)
	key := "services.remind_day"
	if d.Hours < 24 {
		key = "services.remind_soon"
	}
	m, err := tx.Member(b.MemberID)
	if err != nil {
		return err
	}
	lang := a.LangOf(m)
	docs := ""
	if len(s.Documents) > 0 {
		docs = "\n\n" + a.Cat.T(lang, "services.view_docs") + "\n" + checklist(lang, s)
	}
	_, err = a.TellTo(r, b.MemberID, bookingKeyboard(a.PersonReq(ctx, tx, now, m), b.ID), key,
		core.InLang(func(lang string) string { return when.DescribeDate(b.SlotAt, lang, now, a.Loc) }), a.clock(b.SlotAt),
		core.InLang(func(lang string) string { return core.Esc(a.place(lang, b.Place)) }), a.serviceName(b.Service), docs)
	return err
}

// caseOverdue alerts of a case still open past its usual days: round 1
// its staff member (all staff when it has none), round 2 a week later all
// staff.
func (a *Services) caseOverdue(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	var d overdueData
	if err := json.Unmarshal([]byte(it.Data), &d); err != nil {
		return fmt.Errorf("case overdue %s: %w", it.Key, err)
	}
	c, err := tx.Case(d.Case)
	if core.IsNotFound(err) {
		return nil
	}
	if err != nil || c.Ended() {
		return err
	}
	s, _ := a.service(c.Service)
	r := a.SystemReq(ctx, tx, now)
	only := c.AssigneeID
	if d.Round > 1 {
		only = 0
	}
	days := int(now.Sub(c.CreatedAt).Hours() / 24)
	if err := a.tellStaff(r, only, caseKeyboard, "services.overdue", c.ID, a.serviceName(c.Service), days, s.Days); err != nil {
		return err
	}
	if d.Round == 1 {
		return a.scheduleOverdue(tx, c, s, 2, now.AddDate(0, 0, 7), now)
	}
	return nil
}

// remindReview tells the household and staff that an approval's review
// is coming.
func (a *Services) remindReview(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	var d overdueData
	if err := json.Unmarshal([]byte(it.Data), &d); err != nil {
		return fmt.Errorf("case review %s: %w", it.Key, err)
	}
	c, err := tx.Case(d.Case)
	if core.IsNotFound(err) {
		return nil
	}
	if err != nil || c.State != storage.CaseApproved {
		return err
	}
	r := a.SystemReq(ctx, tx, now)
	day := core.InLang(func(lang string) string { return when.DescribeDate(it.Until, lang, now, a.Loc) })
	if _, err := a.TellTo(r, c.MemberID, nil, "services.review_due", c.ID, a.serviceName(c.Service), day); err != nil {
		return err
	}
	return a.tellStaff(r, c.AssigneeID, caseKeyboard, "services.staff_review_due", c.ID, a.serviceName(c.Service), day)
}
