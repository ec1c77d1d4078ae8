package storage

import "testing"

func TestPrivMigratedGroupKeepsItsTickets(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1)
		if err := tx.TouchChat(-100, "group", "g", t0); err != nil {
			return err
		}
		id := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "water", Building: "3", ReporterID: 1, Text: "x", SourceChatID: -100}, t0)
		if err := tx.MigrateChat(-100, -1009); err != nil {
			return err
		}
		tk, err := tx.Ticket(id)
		if err != nil {
			return err
		}
		if tk.SourceChatID != -1009 {
			t.Errorf("source chat %d after migration", tk.SourceChatID)
		}
		return nil
	})
}

func TestPrivTicketNoteKeepsState(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1)
		id := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "water", Building: "3", ReporterID: 1, Text: "x"}, t0)
		if err := tx.AddTicketNote(id, 1, "more", t0); err != nil {
			return err
		}
		evs, err := tx.TicketEvents(id)
		if err != nil {
			return err
		}
		last := evs[len(evs)-1]
		if last.Action != ActNote || last.Note != "more" || last.From != TicketOpen || last.To != TicketOpen {
			t.Errorf("note event %+v", last)
		}
		return nil
	})
}
