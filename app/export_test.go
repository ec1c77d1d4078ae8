package app

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"courtyard/storage"
)

// An export of many rows is built on a read snapshot: while it is built,
// writes by others go through at once (the single writer is not held).
func TestExportIsBuiltOffTheWriter(t *testing.T) {
	const rows = 20000
	h := newHarness(t, nil)
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

	// Another process writes small rows in a loop and records how long each
	// write waited, until the file arrives.
	other, err := storage.OpenNoMigrate(h.cfg.Database.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	stop := make(chan struct{})
	var worst time.Duration
	var writes int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for k := int64(0); ; k++ {
			select {
			case <-stop:
				return
			default:
			}
			start := time.Now()
			err := other.Update(context.Background(), func(tx *storage.Tx) error {
				return tx.TouchMember(900000+k%50, "W", "", "en", h.clock.Now())
			})
			if err != nil {
				t.Error(err)
				return
			}
			worst = max(worst, time.Since(start))
			writes++
		}
	}()
	start := time.Now()
	h.say(adm, "/export 2026-01 2026-12")
	got := h.lgDocument(adm.ID, "tickets-2026-01_2026-12.csv", "Rows: "+strconv.Itoa(rows))
	took := time.Since(start)
	close(stop)
	wg.Wait()
	if len(got) != rows {
		t.Fatalf("%d rows exported, want %d", len(got), rows)
	}
	built := regexp.MustCompile(`msg="export built".* built_in=(\S+)`).FindStringSubmatch(h.logs.String())
	t.Logf("export of %d rows: built in %s, in the chat %v after the command; meanwhile %d writes by another connection, the slowest waited %v",
		rows, built[1], took, writes, worst)
	// Built in the writer's transaction, a write would wait out the whole
	// build; off it, writes wait for others' short commits only.
	if d, err := time.ParseDuration(built[1]); err != nil || worst >= d {
		t.Errorf("a write waited %v while the export was built in %s", worst, built[1])
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
