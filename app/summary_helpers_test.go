package app

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// sumFixture is a hand-built ledger: problems, wishes, volunteer hours,
// announcements and disputes from January to March 2026, each placed so
// that the figures of March and of the first quarter are known. reporter
// and helpers are members of the community.
func sumFixture(t *testing.T, h *harness, reporter, a, b int64) {
	t.Helper()
	claim := lgStep{act: storage.ActClaim, after: time.Hour}
	resolve := func(after time.Duration) lgStep { return lgStep{act: storage.ActResolve, after: after} }
	h.lgWrite(func(tx *storage.Tx) error {
		rep := func(cat, at string, steps ...lgStep) {
			lgTicket(t, tx, storage.Ticket{Category: cat, Building: "1", ReporterID: reporter, Text: cat + " " + at}, lgAt(t, at), a, steps...)
		}
		wish := func(at string, steps ...lgStep) {
			lgTicket(t, tx, storage.Ticket{Kind: storage.TicketKindWish, Category: "other", Building: "1", ReporterID: reporter, Text: "wish " + at}, lgAt(t, at), a, steps...)
		}
		rep("water", "2026-01-10 10:00", claim, resolve(2*time.Hour), lgStep{act: storage.ActConfirm, after: 3 * time.Hour})
		rep("lighting", "2026-02-03 10:00", claim, resolve(26*24*time.Hour)) // solved 2026-03-01
		rep("water", "2026-03-01 09:00", claim)
		rep("lighting", "2026-03-01 10:00", claim, resolve(5*time.Hour))
		rep("roads", "2026-03-02 08:00")
		rep("water", "2026-03-01 11:00", claim, resolve(2*time.Hour), lgStep{act: storage.ActReopen, after: 3 * time.Hour})
		wish("2026-02-20 10:00", claim, resolve(9*24*time.Hour+2*time.Hour)) // fulfilled 2026-03-01
		wish("2026-03-01 10:00")

		hours := []storage.HoursEntry{
			{MemberID: a, Source: storage.HoursJob, Ref: 1, Start: lgAt(t, "2026-03-01 09:00"), Minutes: 90},
			{MemberID: b, Source: storage.HoursJob, Ref: 1, Start: lgAt(t, "2026-03-01 09:00"), Minutes: 90},
			{MemberID: a, Source: storage.HoursJob, Ref: 2, Start: lgAt(t, "2026-03-01 14:00"), Minutes: 120},
			{MemberID: b, Source: storage.HoursPatrol, Ref: 7, Start: lgAt(t, "2026-03-01 20:00"), Minutes: 180},
			{MemberID: b, Source: storage.HoursJob, Ref: 3, Start: lgAt(t, "2026-02-10 09:00"), Minutes: 60},
		}
		for _, e := range hours {
			if _, err := tx.LogHours(e, e.Start); err != nil {
				return err
			}
		}
		for _, s := range []struct {
			at, state string
		}{{"2026-03-01 08:00", "sent"}, {"2026-03-01 18:00", "sent"}, {"2026-03-01 19:00", "cancelled"}, {"2026-02-01 08:00", "sent"}} {
			id, err := tx.CreateAnnouncement(storage.Announcement{SenderID: a, Audience: storage.AudienceGroups, Text: "notice"}, lgAt(t, s.at))
			if err != nil {
				return err
			}
			if _, err := tx.FinishAnnouncement(id, s.state, false, 3, lgAt(t, s.at)); err != nil {
				return err
			}
		}
		for _, s := range []struct{ at, outcome string }{
			{"2026-03-01 15:00", storage.DisputeSettled}, {"2026-02-15 15:00", storage.DisputeSettled}, {"2026-03-01 16:00", storage.DisputeUnsettled},
		} {
			id, err := tx.CreateDispute(storage.Dispute{Summary: "secret", MediatorID: a, CreatedBy: a}, lgAt(t, s.at).Add(-time.Hour))
			if err != nil {
				return err
			}
			if err := tx.SetDisputeOutcome(id, s.outcome, lgAt(t, s.at)); err != nil {
				return err
			}
		}
		return nil
	})
}

// sumLines checks that text holds every line.
func sumLines(t *testing.T, text string, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if !strings.Contains(text, l+"\n") && !strings.HasSuffix(text, l) {
			t.Errorf("summary lacks the line %q:\n%s", l, text)
		}
	}
}

// sumPNG waits for the chart named name in chat and decodes it.
func (h *harness) sumPNG(chat int64, name string) (w, ht int) {
	h.t.Helper()
	m := h.tg.WaitMessage(h.t, chat, func(x telegramtest.Message) bool { return x.Method == "sendPhoto" && x.PhotoName == name }, wait)
	img, err := png.Decode(bytes.NewReader(m.PhotoData))
	if err != nil {
		h.t.Fatalf("%s is not a PNG: %v", name, err)
	}
	return img.Bounds().Dx(), img.Bounds().Dy()
}

// sumXLSX waits for the workbook named name in chat and opens it.
func (h *harness) sumXLSX(chat int64, name string) *excelize.File {
	h.t.Helper()
	m := h.tg.WaitMessage(h.t, chat, func(x telegramtest.Message) bool { return x.Method == "sendDocument" && x.DocumentName == name }, wait)
	f, err := excelize.OpenReader(bytes.NewReader(m.DocumentData))
	if err != nil {
		h.t.Fatalf("%s does not open: %v", name, err)
	}
	h.t.Cleanup(func() { f.Close() })
	return f
}

// sumCells checks cells of a sheet: "A1" → value.
func sumCells(t *testing.T, f *excelize.File, sheet string, want map[string]string) {
	t.Helper()
	for ref, v := range want {
		got, err := f.GetCellValue(sheet, ref)
		if err != nil || got != v {
			t.Errorf("%s!%s = %q (%v), want %q", sheet, ref, got, err, v)
		}
	}
}

// sumFrozen checks that a sheet's header row is frozen.
func sumFrozen(t *testing.T, f *excelize.File, sheet string) {
	t.Helper()
	p, err := f.GetPanes(sheet)
	if err != nil || !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
		t.Errorf("%s panes: %+v (%v)", sheet, p, err)
	}
}
