package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"courtyard/storage"
)

// An export is built on a read snapshot, not in the writer's transaction:
// while the export's transaction is open, a write by another connection
// commits (were the build holding the single writer, the write would wait
// out the busy timeout and fail), and the snapshot does not see it. How
// long writes wait during a build is measured in bench/ (BenchmarkExport).
func TestExportIsBuiltOffTheWriter(t *testing.T) {
	const (
		rows   = 2000
		writer = int64(900001) // the member the other connection writes
	)
	type seen struct {
		wrote error // the other connection's write
		read  error // the export's snapshot reading what it wrote
	}
	var other *storage.Storage
	during := make(chan seen, 2)
	h := startHarness(t, nil, Options{duringExport: func(tx *storage.Tx) {
		var s seen
		s.wrote = other.Update(context.Background(), func(w *storage.Tx) error {
			return w.TouchMember(writer, "W", "", "en", time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
		})
		_, s.read = tx.Member(writer)
		during <- s
	}})
	adm := h.user(adminID, "Boss", "en")
	ann := h.user(2001, "Ann", "en")
	h.register(ann, "3", "502")
	h.lgWrite(func(tx *storage.Tx) error {
		at := lgAt(t, "2026-03-01 08:00")
		for i := range rows {
			tk := storage.Ticket{Kind: storage.TicketKindReport, Category: "water", Building: "3", ReporterID: ann.ID,
				Text: fmt.Sprintf("the tap on floor %d drips, again and again and again", i%30)}
			if _, err := tx.CreateTicket(tk, at.Add(time.Duration(i)*time.Minute)); err != nil {
				return err
			}
		}
		return nil
	})
	var err error
	if other, err = storage.OpenNoMigrate(h.cfg.Database.Path); err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	h.say(adm, "/export 2026-01 2026-12")
	// Well beyond the busy timeout (10 s) a write held up by the build
	// would wait out before it fails.
	var s seen
	select {
	case s = <-during:
	case <-time.After(time.Minute):
		t.Fatal("no export built within a minute")
	}
	if s.wrote != nil {
		t.Fatalf("a write by another connection failed while the export's transaction was open: %v", s.wrote)
	}
	if !errors.Is(s.read, storage.ErrNotFound) {
		t.Errorf("the export's snapshot saw a row committed after it began (err %v)", s.read)
	}
	got := h.lgDocument(adm.ID, "tickets-2026-01_2026-12.csv", "Rows: "+strconv.Itoa(rows))
	if len(got) != rows {
		t.Errorf("%d rows exported, want %d", len(got), rows)
	}
	if len(during) != 0 {
		t.Errorf("%d more builds for one export", len(during))
	}
	err = other.View(context.Background(), func(tx *storage.Tx) error {
		_, err := tx.Member(writer)
		return err
	})
	if err != nil {
		t.Errorf("the write made during the build is not in the database: %v", err)
	}
}

// One export covers at most two years.
func TestExportRangeIsBounded(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "en")
	h.say(adm, "/export 2000-01 2099-12")
	h.expect(adm.ID, "at most 24 months")
	h.settle()
	if n := len(h.tg.Calls("sendDocument")); n != 0 {
		t.Errorf("%d documents sent for a refused range", n)
	}
}
