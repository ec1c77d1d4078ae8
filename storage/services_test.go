package storage

import (
	"context"
	"errors"
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
