package storage

import (
	"reflect"
	"testing"
)

func TestTicketVoices(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1)
		id := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "water", Building: "3", ReporterID: 1,
			Voices: []Voice{{FileID: "AwAC1", Seconds: 12}}}, t0)
		if err := tx.AddTicketVoice(id, Voice{FileID: "CQAC2", Audio: true, Seconds: 40}, t0); err != nil {
			return err
		}
		tk, err := tx.Ticket(id)
		if err != nil {
			return err
		}
		want := []Voice{{FileID: "AwAC1", Seconds: 12}, {FileID: "CQAC2", Audio: true, Seconds: 40}}
		if tk.Text != "" || !reflect.DeepEqual(tk.Voices, want) {
			t.Errorf("ticket %+v, want voices %+v", tk, want)
		}
		plain := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "water", Building: "3", ReporterID: 1, Text: "x"}, t0)
		if tk, err := tx.Ticket(plain); err != nil || tk.Voices != nil {
			t.Errorf("a ticket without voices %+v %v", tk.Voices, err)
		}
		return nil
	})
}
