package storage

import (
	"context"
	"testing"
)

// Cancelling a timed item withdraws its messages still pending, and only
// its own; a person leaving withdraws only theirs; a message already sent
// stays as it was.
func TestCancelDueWithdrawsItsPendingMessages(t *testing.T) {
	s := newTestStorage(t)
	ctx := context.Background()
	msg := func(chat int64, ref string) OutMsg {
		return OutMsg{ChatID: chat, Method: "sendMessage", Payload: []byte(`{}`), Ref: ref}
	}
	rows := []OutMsg{
		msg(1, DueRef("job.remind", "12:60")),   // 0: pending, job 12
		msg(2, DueRef("job.remind", "12:60")),   // 1: pending, job 12, sent below
		msg(1, DueRef("job.remind", "120:60")),  // 2: another job
		msg(1, DueRef("patrol.soon", "7")),      // 3: shift 7, to 1
		msg(2, DueRef("patrol.soon", "7")),      // 4: shift 7, to 2
		msg(1, DueRef("job.remind", "13:1440")), // 5: job 13, to 1
		msg(2, DueRef("job.remind", "13:1440")), // 6: job 13, to 2
	}
	var ids []int64
	err := s.Update(ctx, func(tx *Tx) error {
		for _, m := range rows {
			id, err := tx.Enqueue(m, t0)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		if err := tx.MarkSent(ids[1], 5, t0); err != nil {
			return err
		}
		if err := tx.CancelDuePrefix("job.remind", "12:"); err != nil {
			return err
		}
		if err := tx.CancelDue("patrol.soon", "7"); err != nil {
			return err
		}
		return tx.WithdrawDueTo(2, DueRef("job.remind", "13:*"))
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{DroppedWithdrawn, "", "", DroppedWithdrawn, DroppedWithdrawn, "", DroppedWithdrawn}
	states := []string{OutFailed, OutSent, OutPending, OutFailed, OutFailed, OutPending, OutFailed}
	err = s.View(ctx, func(tx *Tx) error {
		for i, id := range ids {
			m, err := tx.OutByID(id)
			if err != nil {
				return err
			}
			if m.Dropped != want[i] || m.State != states[i] {
				t.Errorf("row %d (%s to %d): %s, dropped %q; want %s, %q", i, m.Ref, m.ChatID, m.State, m.Dropped, states[i], want[i])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
