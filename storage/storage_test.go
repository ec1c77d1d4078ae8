package storage

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// newTestStorage opens a fresh database in a temp dir.
func newTestStorage(t testing.TB) *Storage {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func update(t *testing.T, s *Storage, fn func(*Tx) error) {
	t.Helper()
	if err := s.Update(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

func TestPragmasOnEveryConnection(t *testing.T) {
	s := newTestStorage(t)
	ctx := context.Background()
	// Hold several connections at once so the pool opens more than one.
	var conns []interface{ Close() error }
	for i := 0; i < 3; i++ {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var fk, sync int
		var mode string
		if err := c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
			t.Fatal(err)
		}
		if fk != 1 || mode != "wal" || sync != 2 {
			t.Errorf("connection %d: foreign_keys=%d journal_mode=%s synchronous=%d", i, fk, mode, sync)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

func TestMigrationsFromEachVersion(t *testing.T) {
	ctx := context.Background()
	for from := 0; from < Latest(); from++ {
		path := filepath.Join(t.TempDir(), "m.db")
		s, err := OpenNoMigrate(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.MigrateTo(ctx, from); err != nil {
			t.Fatalf("to %d: %v", from, err)
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("from %d: %v", from, err)
		}
		if v, _ := s.Version(ctx); v != Latest() {
			t.Fatalf("from %d: version %d, want %d", from, v, Latest())
		}
		// Migrating again is a no-op.
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	s := newTestStorage(t)
	if _, err := s.db.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	err := s.Migrate(context.Background())
	if err == nil {
		t.Fatal("a database newer than the program must be refused")
	}
	if !strings.Contains(err.Error(), "schema version 999, newer than this program") || !strings.Contains(err.Error(), "restore a backup") {
		t.Errorf("the refusal does not say what to do: %v", err)
	}
}

func TestMembersAndRoles(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		if _, err := tx.Member(1); !errors.Is(err, ErrNotFound) {
			t.Fatalf("want ErrNotFound, got %v", err)
		}
		if err := tx.TouchMember(1, "林", "lin", "zh-hans", t0); err != nil {
			return err
		}
		if err := tx.TouchMember(1, "林 二", "lin", "zh-hans", t0.Add(time.Hour)); err != nil {
			return err
		}
		if err := tx.Register(1, "3", "502", t0); err != nil {
			return err
		}
		if err := tx.SetRole(1, RoleLeader, []string{"3", "5"}, 99, t0); err != nil {
			return err
		}
		m, err := tx.Member(1)
		if err != nil {
			return err
		}
		if m.Name != "林 二" || m.Building != "3" || m.Unit != "502" || m.Role != RoleLeader || !m.Registered() {
			t.Errorf("member: %+v", m)
		}
		if !m.LeadsBuilding("5") || m.LeadsBuilding("4") {
			t.Errorf("leads: %v", m.Leads)
		}
		byName, err := tx.MemberByUsername("@LIN")
		if err != nil || byName.ID != 1 {
			t.Errorf("by username: %v %v", byName.ID, err)
		}
		leaders, err := tx.LeadersOf("5")
		if err != nil || len(leaders) != 1 {
			t.Errorf("leaders of 5: %v %v", leaders, err)
		}
		if err := tx.SetRole(1, RoleResident, nil, 99, t0); err != nil {
			return err
		}
		if leaders, _ := tx.LeadersOf("5"); len(leaders) != 0 {
			t.Errorf("revoked leader still leads: %v", leaders)
		}
		if err := tx.Register(42, "1", "1", t0); !errors.Is(err, ErrNotFound) {
			t.Errorf("register unknown: %v", err)
		}
		return nil
	})
}

func TestInboxIsIdempotent(t *testing.T) {
	s := newTestStorage(t)
	items := []InboxItem{{UpdateID: 10, Payload: []byte(`{"update_id":10}`)}, {UpdateID: 11, Payload: []byte(`{"update_id":11}`)}}
	update(t, s, func(tx *Tx) error { return tx.SaveUpdates(items, t0) })
	update(t, s, func(tx *Tx) error { return tx.SaveUpdates(items[:1], t0) }) // a replayed batch
	update(t, s, func(tx *Tx) error {
		off, err := tx.Offset()
		if err != nil || off != 12 {
			t.Errorf("offset %d %v", off, err)
		}
		p, err := tx.PendingUpdates(10)
		if err != nil || len(p) != 2 || p[0].UpdateID != 10 {
			t.Fatalf("pending %v %v", p, err)
		}
		first, err := tx.UpdateDone(10, "", t0)
		if err != nil || !first {
			t.Errorf("first done: %v %v", first, err)
		}
		again, err := tx.UpdateDone(10, "", t0)
		if err != nil || again {
			t.Errorf("second done must report a replay: %v %v", again, err)
		}
		p, _ = tx.PendingUpdates(10)
		if len(p) != 1 || p[0].UpdateID != 11 {
			t.Errorf("pending after done: %v", p)
		}
		return nil
	})
}

func TestUpdatesDoneMarksOnlyTheListed(t *testing.T) {
	s := newTestStorage(t)
	var items []InboxItem
	for id := int64(20); id < 24; id++ {
		items = append(items, InboxItem{UpdateID: id, Payload: []byte(fmt.Sprintf(`{"update_id":%d}`, id))})
	}
	update(t, s, func(tx *Tx) error { return tx.SaveUpdates(items, t0) })
	update(t, s, func(tx *Tx) error {
		if err := tx.UpdatesDone([]int64{20, 22, 99}, t0); err != nil {
			return err
		}
		if err := tx.UpdatesDone(nil, t0); err != nil {
			return err
		}
		p, err := tx.PendingUpdates(10)
		if err != nil || len(p) != 2 || p[0].UpdateID != 21 || p[1].UpdateID != 23 {
			t.Errorf("pending after done: %v %v", p, err)
		}
		if again, err := tx.UpdateDone(22, "", t0); err != nil || again {
			t.Errorf("an update marked with the batch is done: %v %v", again, err)
		}
		return nil
	})
}

func TestSavepointUndoesOnlyItsPart(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		if err := tx.TouchMember(1, "a", "", "", t0); err != nil {
			return err
		}
		err := tx.Savepoint(func() error {
			if err := tx.TouchMember(2, "b", "", "", t0); err != nil {
				return err
			}
			return errors.New("boom")
		})
		if err == nil {
			t.Error("savepoint error lost")
		}
		return nil
	})
	update(t, s, func(tx *Tx) error {
		if _, err := tx.Member(1); err != nil {
			t.Errorf("member 1 lost: %v", err)
		}
		if _, err := tx.Member(2); !errors.Is(err, ErrNotFound) {
			t.Errorf("member 2 should be rolled back: %v", err)
		}
		return nil
	})
}

func TestOutboxLifecycle(t *testing.T) {
	s := newTestStorage(t)
	var a, b int64
	update(t, s, func(tx *Tx) error {
		var err error
		if a, err = tx.Enqueue(OutMsg{ChatID: 5, Method: "sendMessage", Payload: []byte(`{"chat_id":5,"text":"x"}`), Ref: "ann:1"}, t0); err != nil {
			return err
		}
		b, err = tx.Enqueue(OutMsg{ChatID: 6, Method: "sendMessage", Payload: []byte(`{"chat_id":6,"text":"y"}`), Priority: PriorityReply, Ref: "ann:1"}, t0)
		return err
	})
	update(t, s, func(tx *Tx) error {
		p, err := tx.PendingOut(10)
		if err != nil || len(p) != 2 || p[0].ID != b {
			t.Fatalf("reply must come first: %v %v", p, err)
		}
		after, err := tx.PendingOutAfter(a, false, 10)
		if err != nil || len(after) != 1 || after[0].ID != b {
			t.Fatalf("after: %v %v", after, err)
		}
		if err := tx.MarkSent(a, 77, t0); err != nil {
			return err
		}
		if err := tx.BlockChat(6, "blocked", t0); err != nil {
			return err
		}
		counts, err := tx.RefCounts("ann:1")
		if err != nil || counts[OutSent] != 1 || counts[OutBlocked] != 1 {
			t.Errorf("counts %v %v", counts, err)
		}
		m, err := tx.OutByID(a)
		if err != nil || m.MessageID != 77 || m.State != OutSent {
			t.Errorf("sent row %+v %v", m, err)
		}
		h, err := tx.OutboxHealth(t0)
		if err != nil || h.Pending != 0 || h.SentLastHour != 1 {
			t.Errorf("health %+v %v", h, err)
		}
		return nil
	})
}

func TestChatsLinkAndMigrate(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		if err := tx.TouchChat(-100, "group", "3号楼", t0); err != nil {
			return err
		}
		if err := tx.LinkChat(-100, "3", 1, t0); err != nil {
			return err
		}
		if _, err := tx.Enqueue(OutMsg{ChatID: -100, Method: "sendMessage", Payload: []byte(`{"chat_id":-100,"text":"x"}`)}, t0); err != nil {
			return err
		}
		if err := tx.MigrateChat(-100, -1009); err != nil {
			return err
		}
		if err := tx.RedirectChat(-100, -1009, func(p []byte) []byte { return []byte(`{"chat_id":-1009,"text":"x"}`) }); err != nil {
			return err
		}
		linked, err := tx.LinkedChats("3")
		if err != nil || len(linked) != 1 || linked[0].ID != -1009 {
			t.Errorf("linked after migration: %v %v", linked, err)
		}
		p, _ := tx.PendingOut(10)
		if len(p) != 1 || p[0].ChatID != -1009 {
			t.Errorf("outbox not redirected: %+v", p)
		}
		return nil
	})
}

func TestBackupWhileOpen(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error { return tx.TouchMember(1, "a", "", "", t0) })
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	c, err := Open(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.View(context.Background(), func(tx *Tx) error { _, err := tx.Member(1); return err }); err != nil {
		t.Fatalf("backup lacks data: %v", err)
	}
}

func TestPruneKeepsDeliveryRecords(t *testing.T) {
	s := newTestStorage(t)
	var reply, delivery, pending int64
	update(t, s, func(tx *Tx) error {
		var err error
		if reply, err = tx.Enqueue(OutMsg{ChatID: 1, Method: "sendMessage", Payload: []byte(`{"chat_id":1,"text":"a"}`)}, t0); err != nil {
			return err
		}
		if delivery, err = tx.Enqueue(OutMsg{ChatID: 2, Method: "sendMessage", Payload: []byte(`{"chat_id":2,"text":"b"}`), Ref: "ann:1"}, t0); err != nil {
			return err
		}
		if pending, err = tx.Enqueue(OutMsg{ChatID: 3, Method: "sendMessage", Payload: []byte(`{"chat_id":3,"text":"c"}`)}, t0); err != nil {
			return err
		}
		for _, id := range []int64{reply, delivery} {
			if err := tx.MarkSent(id, 9, t0); err != nil {
				return err
			}
		}
		n, err := tx.PruneOutbox(t0.AddDate(0, 1, 0))
		if err != nil || n != 1 {
			t.Errorf("pruned %d, %v; want 1", n, err)
		}
		if _, err := tx.OutByID(reply); !errors.Is(err, ErrNotFound) {
			t.Errorf("an old reply was kept: %v", err)
		}
		d, err := tx.OutByID(delivery)
		if err != nil || d.State != OutSent || d.MessageID != 9 || len(d.Payload) != 0 {
			t.Errorf("delivery record %+v %v", d, err)
		}
		if p, err := tx.OutByID(pending); err != nil || len(p.Payload) == 0 {
			t.Errorf("a pending call was touched: %+v %v", p, err)
		}
		counts, err := tx.RefCounts("ann:1")
		if err != nil || counts[OutSent] != 1 {
			t.Errorf("counts %v %v", counts, err)
		}
		return nil
	})
}

// Pruning every old call, the newest too, leaves ids alone: a call queued
// after it gets a higher id than any the sender has read (ids are never
// reused).
func TestPruneNeverReusesIDs(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		var last int64
		for i := 0; i < 3; i++ {
			id, err := tx.Enqueue(OutMsg{ChatID: 1, Method: "sendMessage", Payload: []byte(`{"chat_id":1,"text":"a"}`)}, t0)
			if err != nil {
				return err
			}
			if err := tx.MarkSent(id, 9, t0); err != nil {
				return err
			}
			last = id
		}
		if n, err := tx.PruneOutbox(t0.AddDate(1, 0, 0)); err != nil || n != 3 {
			t.Errorf("pruned %d, %v; want 3", n, err)
		}
		id, err := tx.Enqueue(OutMsg{ChatID: 1, Method: "sendMessage", Payload: []byte(`{"chat_id":1,"text":"b"}`)}, t0)
		if err == nil && id <= last {
			t.Errorf("new call got id %d, not above %d", id, last)
		}
		return err
	})
}
