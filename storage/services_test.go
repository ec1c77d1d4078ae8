package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// A slot takes as many bookings as it has seats; a cancelled booking
// frees its seat.
func TestBookSlotSeats(t *testing.T) {
	s := newTestStorage(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	slot := now.Add(24 * time.Hour)
	err := s.Update(context.Background(), func(tx *Tx) error {
		for _, id := range []int64{1, 2} {
			if _, err := tx.q.ExecContext(tx.ctx, `INSERT INTO members (id, name, created_at) VALUES (?, 'x', 1)`, id); err != nil {
				return err
			}
		}
		a, err := tx.BookSlot(1, "dibao", slot, 0, 2, now)
		if err != nil {
			return err
		}
		if _, err := tx.BookSlot(2, "dibao", slot, 0, 2, now); err != nil {
			return err
		}
		if _, err := tx.BookSlot(2, "dibao", slot, 0, 2, now); !errors.Is(err, ErrSlotFull) {
			t.Errorf("third booking of a two-seat slot: %v", err)
		}
		if err := tx.SetBookingState(a, BookingCancelled, now); err != nil {
			return err
		}
		if _, err := tx.BookSlot(2, "dibao", slot, 0, 2, now); err != nil {
			t.Errorf("a cancelled seat is free again: %v", err)
		}
		taken, err := tx.SlotTaken(0, now, slot.Add(time.Hour))
		if err != nil {
			return err
		}
		if taken[ms(slot)] != 2 {
			t.Errorf("taken %v", taken)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A person's own data holds their bookings, what their applications said
// and where they stand, and their objections.
func TestServicesInMyData(t *testing.T) {
	s := newTestStorage(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	err := s.Update(context.Background(), func(tx *Tx) error {
		if _, err := tx.q.ExecContext(tx.ctx, `INSERT INTO members (id, name, created_at) VALUES (7, 'x', 1)`); err != nil {
			return err
		}
		if _, err := tx.BookSlot(7, "dibao", now.Add(24*time.Hour), 0, 1, now); err != nil {
			return err
		}
		if _, err := tx.CreateCase(Case{Service: "dibao", MemberID: 7, Phone: "138", Situation: "ill"}, []string{"doc"}, now); err != nil {
			return err
		}
		n, err := tx.CreateNotice(Notice{Text: "fund", Until: now.Add(time.Hour), CreatedBy: 1}, now)
		if err != nil {
			return err
		}
		if _, err := tx.AddObjection(n, 7, "too much", now); err != nil {
			return err
		}
		for section, want := range map[string]string{"service_bookings": "dibao", "service_applications": "ill", "service_objections": "too much"} {
			rows, err := tx.MemberRecords(section, 7, time.UTC)
			if err != nil {
				return err
			}
			if len(rows) != 1 || fmt.Sprint(rows[0]) == "" || !strings.Contains(fmt.Sprint(rows[0]), want) {
				t.Errorf("%s: %v", section, rows)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
