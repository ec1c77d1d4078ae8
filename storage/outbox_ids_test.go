package storage

import (
	"context"
	"fmt"
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
	// The rows are written and read with the columns the table had at
	// that step; later steps may add columns of their own.
	const oldCols = `id, chat_id, method, payload, priority, state, attempts, not_before, created_at,
		coalesce(sent_at, 0), coalesce(message_id, 0), error, ref, after, file_name, coalesce(file_data, x'')`
	rowsNow := func(tx *Tx) []string {
		t.Helper()
		rows, err := tx.q.QueryContext(tx.ctx, `SELECT `+oldCols+` FROM outbox ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			v := make([]any, 16)
			p := make([]any, len(v))
			for i := range v {
				p[i] = &v[i]
			}
			if err := rows.Scan(p...); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%v", v))
		}
		return out
	}
	var before []string
	var ids []int64
	update(t, s, func(tx *Tx) error {
		for _, q := range []string{
			`INSERT INTO outbox (chat_id, method, payload, priority, state, not_before, created_at, sent_at, message_id, ref) VALUES (1, 'sendMessage', '{"chat_id":1,"text":"sent"}', 10, 'sent', 0, 1, 2, 77, 'ann:1')`,
			`INSERT INTO outbox (chat_id, method, payload, priority, not_before, created_at) VALUES (-5, 'sendMessage', '{"chat_id":-5,"text":"pending"}', 20, 3000, 1)`,
			`INSERT INTO outbox (chat_id, method, payload, created_at, after, file_name, file_data) VALUES (2, 'sendDocument', '{"chat_id":2}', 1, 'pin', 'a.csv', 'x,y')`,
			`INSERT INTO outbox (chat_id, method, payload, created_at) VALUES (3, 'sendMessage', '{"chat_id":3,"text":"last"}', 1)`,
		} {
			res, err := tx.q.ExecContext(tx.ctx, q)
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			ids = append(ids, id)
		}
		before = rowsNow(tx)
		return nil
	})
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	update(t, s, func(tx *Tx) error {
		if after := rowsNow(tx); !slices.Equal(after, before) {
			t.Errorf("rows after the rebuild:\n%v\nwere:\n%v", after, before)
		}
		pending, err := tx.PendingOutAfter(0, false, 10)
		if err != nil || len(pending) != 1 || pending[0].ID != ids[1] {
			t.Errorf("pending urgent rows after the rebuild: %+v %v", pending, err)
		}
		idx, err := queryAll(tx, "indexes", scanOne[string], `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND sql IS NOT NULL ORDER BY name`)
		if err != nil {
			return err
		}
		for _, want := range []string{"outbox_group_recent", "outbox_pending", "outbox_ref"} {
			if !slices.Contains(idx, want) {
				t.Errorf("indexes %v lack %s", idx, want)
			}
		}
		last := ids[len(ids)-1]
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
