package storage

import (
	"errors"
	"testing"
	"time"
)

func TestDisputeRecords(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2, 9)
		tk := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "neighbours", Building: "3", ReporterID: 1, Text: "x"}, t0)
		id, err := tx.CreateDispute(Dispute{Building: "3", Summary: "s", MediatorID: 9, CreatedBy: 9, TicketID: tk,
			Parties: []DisputeParty{{MemberID: 1, Name: "A"}, {Name: "B"}}}, t0)
		if err != nil {
			return err
		}
		if _, err := tx.CreateDispute(Dispute{MediatorID: 9, CreatedBy: 9, TicketID: tk}, t0); err == nil {
			t.Error("a ticket moved to mediation twice")
		}
		d, err := tx.DisputeByTicket(tk)
		if err != nil || d.ID != id || len(d.Parties) != 2 || d.Parties[0].MemberID != 1 || d.Parties[1].Name != "B" || d.Outcome != "" {
			t.Errorf("by ticket: %+v %v", d, err)
		}
		if _, err := tx.DisputeByTicket(tk + 1); !errors.Is(err, ErrNotFound) {
			t.Errorf("no dispute: %v", err)
		}
		for i, day := range []int{3, 1} {
			if _, err := tx.AddDisputeSession(DisputeSession{DisputeID: id, HeldOn: t0.AddDate(0, 0, -day), Notes: string(rune('a' + i)), RecordedBy: 9}, t0); err != nil {
				return err
			}
		}
		ss, err := tx.DisputeSessions(id)
		if err != nil || len(ss) != 2 || ss[0].Notes != "a" || ss[1].Notes != "b" {
			t.Errorf("sessions: %+v %v", ss, err)
		}
		if err := tx.SetDisputeOutcome(id, "bogus", t0); err == nil {
			t.Error("an unknown outcome was stored")
		}
		if err := tx.SetDisputeOutcome(id, DisputeSettled, t0.Add(time.Hour)); err != nil {
			return err
		}
		if err := tx.SetDisputeFollowUp(id, t0.AddDate(0, 0, 7), t0); err != nil {
			return err
		}
		if err := tx.SetDisputeMediator(id+5, 2, t0); !errors.Is(err, ErrNotFound) {
			t.Errorf("mediator of a missing dispute: %v", err)
		}
		for _, c := range []struct {
			from, to time.Time
			want     int
		}{{t0, t0.Add(2 * time.Hour), 1}, {t0.Add(time.Hour), t0.Add(2 * time.Hour), 1}, {t0, t0.Add(time.Hour), 0}} {
			if n, err := tx.DisputesSettled(c.from, c.to); err != nil || n != c.want {
				t.Errorf("settled in [%v, %v): %d %v, want %d", c.from, c.to, n, err, c.want)
			}
		}
		if ds, err := tx.Disputes(2, 10); err != nil || len(ds) != 0 {
			t.Errorf("another mediator's list: %+v %v", ds, err)
		}
		if ds, err := tx.Disputes(0, 10); err != nil || len(ds) != 1 || !ds[0].FollowUp.Equal(t0.AddDate(0, 0, 7)) {
			t.Errorf("all: %+v %v", ds, err)
		}
		for _, on := range []bool{true, true, false} {
			if err := tx.SetMediator(2, on, 9, t0); err != nil {
				return err
			}
			if is, err := tx.IsMediator(2); err != nil || is != on {
				t.Errorf("mediator %v: %v %v", on, is, err)
			}
		}
		return nil
	})
}
