package storage

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// Deleting the newest outbox row does not give its id to the next call.
func TestOutboxIDNotReusedAfterDeletingTheNewest(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		last, err := tx.Enqueue(OutMsg{ChatID: 1, Method: "sendMessage", Payload: []byte(`{"chat_id":1,"text":"a"}`)}, t0)
		if err != nil {
			return err
		}
		if _, err := tx.q.ExecContext(tx.ctx, `DELETE FROM outbox WHERE id = ?`, last); err != nil {
			return err
		}
		id, err := tx.Enqueue(OutMsg{ChatID: 1, Method: "sendMessage", Payload: []byte(`{"chat_id":1,"text":"b"}`)}, t0)
		if err == nil && id <= last {
			t.Errorf("new call got id %d after %d was deleted; want a higher one", id, last)
		}
		return err
	})
}

// The rebuild of the outbox keeps every row as it was, pending ones with
// their ids, and the indexes; ids go on from the highest.
func TestOutboxRebuildKeepsRows(t *testing.T) {
	ctx := context.Background()
	s, err := OpenNoMigrate(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	step := slices.Index(migrations, schemaOutboxIDs)
	if err := s.MigrateTo(ctx, step); err != nil {
		t.Fatal(err)
	}
	var before []OutMsg
	update(t, s, func(tx *Tx) error {
		for i, m := range []OutMsg{
			{ChatID: 1, Method: "sendMessage", Payload: []byte(`{"chat_id":1,"text":"sent"}`), Ref: "ann:1"},
			{ChatID: -5, Method: "sendMessage", Payload: []byte(`{"chat_id":-5,"text":"pending"}`), Priority: PriorityNotice, NotBefore: t0.Add(3e9)},
			{ChatID: 2, Method: "sendDocument", Payload: []byte(`{"chat_id":2}`), FileName: "a.csv", FileData: []byte("x,y"), After: "pin"},
			{ChatID: 3, Method: "sendMessage", Payload: []byte(`{"chat_id":3,"text":"last"}`)},
		} {
			id, err := tx.Enqueue(m, t0)
			if err != nil {
				return err
			}
			if i == 0 {
				if err := tx.MarkSent(id, 77, t0); err != nil {
					return err
				}
			}
		}
		var err error
		before, err = queryAll(tx, "all", scanOut, `SELECT `+outCols+` FROM outbox ORDER BY id`)
		return err
	})
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	update(t, s, func(tx *Tx) error {
		after, err := queryAll(tx, "all", scanOut, `SELECT `+outCols+` FROM outbox ORDER BY id`)
		if err != nil {
			return err
		}
		if len(after) != len(before) {
			t.Fatalf("%d rows after the rebuild, want %d", len(after), len(before))
		}
		for i := range before {
			b, a := before[i], after[i]
			if b.ID != a.ID || b.ChatID != a.ChatID || b.State != a.State || string(b.Payload) != string(a.Payload) ||
				b.Priority != a.Priority || !b.NotBefore.Equal(a.NotBefore) || b.MessageID != a.MessageID || b.Ref != a.Ref ||
				b.After != a.After || b.FileName != a.FileName || string(b.FileData) != string(a.FileData) || b.Attempts != a.Attempts {
				t.Errorf("row %d: %+v, was %+v", i, a, b)
			}
		}
		pending, err := tx.PendingOutAfter(0, false, 10)
		if err != nil || len(pending) != 1 || pending[0].ID != before[1].ID {
			t.Errorf("pending urgent rows after the rebuild: %+v %v", pending, err)
		}
		idx, err := queryAll(tx, "indexes", scanOne[string], `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND sql IS NOT NULL ORDER BY name`)
		if err != nil {
			return err
		}
		if want := []string{"outbox_group_recent", "outbox_pending", "outbox_ref"}; !slices.Equal(idx, want) {
			t.Errorf("indexes %v, want %v", idx, want)
		}
		last := before[len(before)-1].ID
		if _, err := tx.q.ExecContext(tx.ctx, `DELETE FROM outbox WHERE id = ?`, last); err != nil {
			return err
		}
		id, err := tx.Enqueue(OutMsg{ChatID: 1, Method: "sendMessage", Payload: []byte(`{}`)}, t0)
		if err == nil && id <= last {
			t.Errorf("new call got id %d, not above %d", id, last)
		}
		return err
	})
}
