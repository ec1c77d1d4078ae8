package storage

import (
	"testing"
	"time"
)

func TestPrivateChatsAndUnreachedAlerts(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		if err := tx.TouchMember(7, "Mei", "", "zh", t0); err != nil {
			return err
		}
		if ok, err := tx.HasOpenedPrivate(7); err != nil || ok {
			t.Errorf("opened before writing: %v %v", ok, err)
		}
		for range 2 {
			if err := tx.OpenedPrivate(7, t0); err != nil {
				return err
			}
		}
		if ok, err := tx.HasOpenedPrivate(7); err != nil || !ok {
			t.Errorf("not opened after writing: %v %v", ok, err)
		}
		for i, id := range []int64{3, 3, 5} {
			if err := tx.RecordUnreached(id, "ticket.new", t0.Add(time.Duration(i)*time.Minute)); err != nil {
				return err
			}
		}
		list, n, err := tx.UnreachedAlerts(t0, 2)
		if err != nil || n != 3 || len(list) != 2 || list[0].TicketID != 5 {
			t.Errorf("unreached: %d %+v %v", n, list, err)
		}
		// Told once, oldest first, in pages.
		first, err := tx.TakeUntoldUnreached(7, 2, t0)
		if err != nil || len(first) != 2 || first[0].TicketID != 3 {
			t.Errorf("first told: %+v %v", first, err)
		}
		rest, err := tx.TakeUntoldUnreached(7, 2, t0)
		if err != nil || len(rest) != 1 || rest[0].TicketID != 5 {
			t.Errorf("rest told: %+v %v", rest, err)
		}
		none, err := tx.TakeUntoldUnreached(7, 2, t0)
		if err != nil || len(none) != 0 {
			t.Errorf("told twice: %+v %v", none, err)
		}
		if _, n, _ := tx.UnreachedAlerts(t0, 10); n != 3 {
			t.Errorf("told alerts are still listed for /status: %d", n)
		}
		return nil
	})
}
