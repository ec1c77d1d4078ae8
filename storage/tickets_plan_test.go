package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"
)

// queryPlan returns the detail lines of EXPLAIN QUERY PLAN for q.
func queryPlan(t testing.TB, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatalf("explain %s: %v", q, err)
	}
	out, err := collect(rows, func(sc scanner) (string, error) {
		var id, parent, unused int
		var detail string
		err := sc.Scan(&id, &parent, &unused, &detail)
		return detail, err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkPlan fails when query q, named name, scans table, does not search it
// with index, or (when sorted) sorts in a temp b-tree instead of reading in
// index order.
func checkPlan(t *testing.T, db *sql.DB, table, name, index string, sorted bool, q string, args ...any) {
	t.Helper()
	plan := queryPlan(t, db, q, args...)
	text := strings.Join(plan, "\n")
	t.Logf("%s:\n%s", name, text)
	searched := false
	for _, line := range plan {
		if strings.HasPrefix(line, "SCAN "+table) {
			t.Errorf("%s scans the table:\n%s", name, text)
		}
		if strings.HasPrefix(line, "SEARCH "+table+" USING ") && strings.Contains(line, index) {
			searched = true
		}
	}
	if !searched {
		t.Errorf("%s does not search %s with index %q:\n%s", name, table, index, text)
	}
	if sorted && strings.Contains(text, "TEMP B-TREE") {
		t.Errorf("%s sorts instead of reading in index order:\n%s", name, text)
	}
}

// TestTicketQueryPlans checks that the queries that must stay fast at a
// million tickets search an index instead of scanning the table.
func TestTicketQueryPlans(t *testing.T) {
	s := newTestStorage(t)
	now := ms(t0)
	month, _ := ledgerWhere(LedgerFilter{From: march, To: april})
	leader, _ := ledgerWhere(LedgerFilter{Buildings: []string{"b1", "b2"}, State: TicketOpen})
	for _, c := range []struct {
		name, index string
		q           string
		args        []any
		sorted      bool // the index gives the order: no temp b-tree
	}{
		{"queue of one building", "tickets_queue", queueSQL(1), []any{"b1", 50}, false},
		{"queue of three buildings", "tickets_queue", queueSQL(3), []any{"b1", "b2", "b3", 50}, false},
		{"assigned", "tickets_assignee", assignedSQL, []any{2, 50}, false},
		{"reporter", "tickets_reporter", reporterSQL, []any{1, 50}, true},
		{"reports since", "tickets_reporter", `SELECT count(*) FROM tickets WHERE reporter_id = ? AND created_at >= ?`, []any{1, now}, true},
		{"month export", "tickets_created", exportSQL, []any{ms(march), ms(april)}, true},
		{"month stats", "tickets_created", statsSQL, []any{ms(march), ms(april)}, true},
		{"month ledger page", "tickets_created", `SELECT ` + ticketCols + ` FROM tickets` + month + ` ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
			[]any{ms(march), ms(april), 20, 0}, true},
		{"month ledger count", "tickets_created", `SELECT count(*) FROM tickets` + month, []any{ms(march), ms(april)}, true},
		{"leader's ledger", "", `SELECT ` + ticketCols + ` FROM tickets` + leader + ` ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
			[]any{TicketOpen, "b1", "b2", 20, 0}, false},
		{"unclaimed escalation", "", unclaimedSQL, []any{now, 100}, false},
		{"deadline escalation", "tickets_category_created", activeByCategorySQL, []any{"water", now, 100}, false},
		{"auto-close", "tickets_state_resolved", resolvedBeforeSQL, []any{now, 100}, true},
	} {
		checkPlan(t, s.db, "tickets", c.name, c.index, c.sorted, c.q, c.args...)
	}
}

// BenchmarkTickets1M fills a million tickets (about 10,000 a month over a
// hundred months, 30 buildings, the last few thousand still active) and
// times the queries that must stay fast. Run it with
// go test -run XXX -bench Tickets1M ./storage/
func BenchmarkTickets1M(b *testing.B) {
	s := newTestStorage(b)
	const n = 1_000_000
	start := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	step := int64(100*30*24*time.Hour/time.Millisecond) / n // ~10,000 a month
	fill := `WITH RECURSIVE m(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM m WHERE n < 500)
	INSERT INTO members (id, created_at) SELECT n, 0 FROM m;
	WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < %d)
	INSERT INTO tickets (kind, category, building, reporter_id, text, state, assignee_id, created_at, claimed_at, resolved_at, closed_at, updated_at)
	SELECT CASE WHEN n %% 5 = 0 THEN 'wish' ELSE 'report' END, 'cat' || (n %% 8), 'b' || (n %% 30), 1 + n %% 500, 'text',
		CASE WHEN n > %d THEN (CASE n %% 3 WHEN 0 THEN 'open' WHEN 1 THEN 'claimed' ELSE 'reopened' END)
			WHEN n %% 50 = 0 THEN 'rejected' ELSE 'closed' END,
		CASE WHEN n %% 3 = 0 OR n %% 50 = 0 THEN NULL ELSE 1 + n %% 499 END,
		%d + n * %d, %d + n * %d + 3600000, %d + n * %d + 86400000, %d + n * %d + 200000000, %d + n * %d
	FROM i;`
	s0 := ms(start)
	fill = fmt.Sprintf(fill, n, n-3000, s0, step, s0, step, s0, step, s0, step, s0, step)
	if _, err := s.db.Exec(fill); err != nil {
		b.Fatal(err)
	}
	last := start.Add(time.Duration(n*step) * time.Millisecond)
	from := time.Date(last.Year(), last.Month()-1, 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 1, 0)
	ctx := context.Background()
	run := func(name string, fn func(tx *Tx) error) {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := s.View(ctx, fn); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	run("queue", func(tx *Tx) error { _, err := tx.BuildingQueue([]string{"b7", "b8"}, 50); return err })
	run("month-export", func(tx *Tx) error { return tx.ExportTickets(from, to, func(Ticket) error { return nil }) })
	run("month-stats", func(tx *Tx) error { _, err := tx.TicketStats(from, to); return err })
	run("unclaimed", func(tx *Tx) error { _, err := tx.UnclaimedSince(last, 100); return err })
	run("deadline", func(tx *Tx) error { _, err := tx.ActiveTicketsByCategory("cat3", last, 100); return err })
	run("auto-close", func(tx *Tx) error { _, err := tx.ResolvedBefore(last, 100); return err })
	run("ledger-month-page", func(tx *Tx) error { _, _, err := tx.Ledger(LedgerFilter{From: from, To: to}, 20, 100); return err })
}
