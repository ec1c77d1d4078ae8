package bench

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/commands"
	"courtyard/locale"
	"courtyard/storage"
)

// The size targets: with 100,000 members and 1,000,000 tickets, /stats and
// /export of a month answer in under a second and /queue of a building in
// under 50 ms. Each runs through the real routes and handler in a committed
// update transaction, as the bot runs it. The machine is noisy, so each
// iteration also runs /help the same way, untimed: the reference whose
// ratio is reported beside the figure.
//
//	go test -run '^$' -bench Size -benchtime 10x -count 5 ./bench/

const (
	sizeMonth         = "2026-03" // sizeLastMonth
	sizeQueueBuilding = 7
)

// sizeEnv is the big fixture opened once per process, with the commands
// wired as the bot wires them. Benchmarks use it from one goroutine.
type sizeEnv struct {
	store   *storage.Storage
	raw     *sql.DB // a second pool on the same file, for checks and clean-up
	cat     *locale.Catalog
	app     *commands.App
	routes  []commands.Route
	staff   storage.Member
	leader  storage.Member // leads sizeQueueBuilding
	now     time.Time
	updates int64
}

var (
	sizeOnce   sync.Once
	sizeShared *sizeEnv
	sizeErr    error
)

type sizeHealth struct{}

func (sizeHealth) LastPoll() time.Time { return time.Time{} }
func (sizeHealth) TooMany() int64      { return 0 }

func sizeOpen(b *testing.B) *sizeEnv {
	sizeOnce.Do(func() {
		ctx := context.Background()
		path, built, err := sizeCachedFixture(ctx, sizeBig)
		if err == nil && built > 0 {
			fmt.Printf("size: built the fixture (%d members, %d tickets) in %s: %s\n",
				sizeBig.Members, sizeBig.Tickets, built.Round(100*time.Millisecond), path)
		}
		if err == nil {
			sizeShared, err = sizeNewEnv(ctx, path)
		}
		sizeErr = err
	})
	if sizeErr != nil {
		b.Fatal(sizeErr)
	}
	return sizeShared
}

func sizeNewEnv(ctx context.Context, path string) (*sizeEnv, error) {
	cfg := sizeConfig(path)
	cat, err := locale.Load(cfg.Community.Language)
	if err != nil {
		return nil, err
	}
	e := &sizeEnv{cat: cat, now: sizeNow(cfg.Location())}
	if e.store, err = storage.Open(ctx, path); err != nil {
		return nil, err
	}
	if e.raw, err = sql.Open("sqlite3", storage.DSN(path)); err != nil {
		return nil, err
	}
	// The fixture has no outbox; drop what an interrupted run left.
	if _, err := e.raw.ExecContext(ctx, `DELETE FROM outbox`); err != nil {
		return nil, err
	}
	e.app = commands.New(cfg, cat, "courtyard_bot", e.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), sizeHealth{})
	e.routes = e.app.Routes()
	err = e.store.View(ctx, func(tx *storage.Tx) error {
		if e.staff, err = tx.Member(sizeMemberID(sizeStaffK)); err != nil {
			return err
		}
		e.leader, err = tx.Member(sizeMemberID(sizeLeaderK(sizeQueueBuilding, 0)))
		return err
	})
	return e, err
}

// clock moves three seconds a reading, so that the per-person command
// limit (30 a minute) never holds a benchmark back.
func (e *sizeEnv) clock() time.Time {
	e.now = e.now.Add(3 * time.Second)
	return e.now
}

// update is text sent by m in the private chat with the bot.
func (e *sizeEnv) update(m storage.Member, text string) *models.Update {
	e.updates++
	cmd, _, _ := strings.Cut(text, " ")
	return &models.Update{ID: e.updates, Message: &models.Message{
		ID:       int(e.updates),
		Date:     int(e.now.Unix()),
		From:     &models.User{ID: m.ID, FirstName: m.Name, Username: m.Username, LanguageCode: m.TGLanguage},
		Chat:     models.Chat{ID: m.ID, Type: models.ChatTypePrivate, FirstName: m.Name},
		Text:     text,
		Entities: []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Length: len(cmd)}},
	}}
}

// handle runs upd as the dispatcher does: the first route that matches,
// else the fallback, in one committed transaction.
func (e *sizeEnv) handle(ctx context.Context, upd *models.Update) error {
	h := e.app.Fallback()
	for _, r := range e.routes {
		if r.Match(upd) {
			h = r.Handle
			break
		}
	}
	return e.store.Update(ctx, func(tx *storage.Tx) error { return h(ctx, tx, upd) })
}

// exports builds the pending exports as the bot's exporter does: each file
// on a read snapshot, then queued with its request marked done in one
// write.
func (e *sizeEnv) exports(ctx context.Context) error {
	var reqs []storage.ExportRequest
	err := e.store.View(ctx, func(tx *storage.Tx) error {
		var err error
		reqs, err = tx.PendingExports(10)
		return err
	})
	if err != nil {
		return err
	}
	if len(reqs) == 0 {
		return errors.New("no export was asked for")
	}
	for _, q := range reqs {
		var msgs []storage.OutMsg
		err := e.store.Read(ctx, func(tx *storage.Tx) error {
			var err error
			msgs, err = e.app.BuildExport(tx, q)
			return err
		})
		if err != nil {
			return err
		}
		err = e.store.Update(ctx, func(tx *storage.Tx) error {
			if _, err := tx.ExportDone(q.ID, e.now); err != nil {
				return err
			}
			for _, m := range msgs {
				if _, err := tx.Enqueue(m, e.now); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// sizeOut is the one message an update queued.
type sizeOut struct {
	Method, Payload string
	File            []byte
}

// drain returns what the last update queued and deletes it, keeping the
// cached fixture as it was built.
func (e *sizeEnv) drain(ctx context.Context) (sizeOut, error) {
	rows, err := e.raw.QueryContext(ctx, `SELECT method, payload, file_data FROM outbox ORDER BY id`)
	if err != nil {
		return sizeOut{}, err
	}
	defer rows.Close()
	var outs []sizeOut
	for rows.Next() {
		var o sizeOut
		if err := rows.Scan(&o.Method, &o.Payload, &o.File); err != nil {
			return sizeOut{}, err
		}
		outs = append(outs, o)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return sizeOut{}, err
	}
	if _, err := e.raw.ExecContext(ctx, `DELETE FROM outbox`); err != nil {
		return sizeOut{}, err
	}
	// The person's command menu, set once when it changes, is not the
	// answer.
	outs = slices.DeleteFunc(outs, func(o sizeOut) bool { return o.Method == "setMyCommands" })
	if len(outs) != 1 {
		var methods []string
		for _, o := range outs {
			methods = append(methods, o.Method)
		}
		return sizeOut{}, fmt.Errorf("%d messages queued (%s), want 1", len(outs), strings.Join(methods, ", "))
	}
	return outs[0], nil
}

// sizeTarget is one command measured against its limit (0: the reference).
type sizeTarget struct {
	name, text string
	leader     bool // sent by the leader of sizeQueueBuilding, else by staff
	export     bool // the update asks for an export: it is built as the bot's exporter builds it, timed too
	limit      time.Duration
	check      func(e *sizeEnv, out sizeOut) error
}

var sizeTargets = []sizeTarget{
	{name: "help", text: "/help", check: func(e *sizeEnv, o sizeOut) error {
		return sizeWant(o, "sendMessage", "/stats")
	}},
	{name: "stats", text: "/stats " + sizeMonth, limit: time.Second, check: func(e *sizeEnv, o sizeOut) error {
		return sizeWant(o, "sendMessage", e.cat.T("zh", "stats.total", sizeBig.Tickets/sizeBig.Months))
	}},
	{name: "export", text: "/export " + sizeMonth, export: true, limit: time.Second, check: func(e *sizeEnv, o sizeOut) error {
		if n, want := bytes.Count(o.File, []byte("\r\n")), sizeBig.Tickets/sizeBig.Months+1; n != want {
			return fmt.Errorf("the CSV has %d lines, want %d", n, want)
		}
		return sizeWant(o, "sendDocument", sizeMonth)
	}},
	{name: "queue", text: "/queue", leader: true, limit: 50 * time.Millisecond, check: func(e *sizeEnv, o sizeOut) error {
		if n := strings.Count(o.Payload, "\\n  “"); n != 30 {
			return fmt.Errorf("the queue lists %d tickets, want 30: %.300s", n, o.Payload)
		}
		return sizeWant(o, "sendMessage", "")
	}},
}

func sizeWant(o sizeOut, method, contains string) error {
	if o.Method != method || !strings.Contains(o.Payload, contains) {
		return fmt.Errorf("queued %s %.300s, want %s with %q", o.Method, o.Payload, method, contains)
	}
	return nil
}

// sizeRun is one run of a sub-benchmark: b.N, the target's mean time and
// its ratio to /help run alongside it in the same loop.
type sizeRun struct {
	n         int
	ms, ratio float64
}

// BenchmarkSize measures each target and prints one summary line a target:
// the medians over the -count runs of its time and its ratio to /help, its
// limit, and PASS or MISS.
func BenchmarkSize(b *testing.B) {
	e := sizeOpen(b)
	runs := make([][]sizeRun, len(sizeTargets))
	for i, tg := range sizeTargets {
		b.Run(tg.name, func(b *testing.B) { runs[i] = append(runs[i], e.measure(b, tg)) })
	}
	for i, tg := range sizeTargets {
		ms, ratio, n := sizeMedians(runs[i])
		switch {
		case n == 0: // not selected by -bench
		case tg.limit == 0:
			fmt.Printf("size: %-16s %9.2f ms  (reference; median of %d runs)\n", tg.text, ms, n)
		default:
			verdict := "PASS"
			if ms >= float64(tg.limit)/1e6 {
				verdict = "MISS"
			}
			fmt.Printf("size: %-16s %9.2f ms  %7.2f x /help  limit %5.0f ms  %s  (median of %d runs)\n",
				tg.text, ms, ratio, float64(tg.limit)/1e6, verdict, n)
		}
	}
}

// sizeMedians are the medians over the runs with the largest b.N (the
// b.N = 1 probes are left out).
func sizeMedians(runs []sizeRun) (ms, ratio float64, n int) {
	slices.SortFunc(runs, func(x, y sizeRun) int { return y.n - x.n })
	for n < len(runs) && runs[n].n == runs[0].n {
		n++
	}
	median := func(v []float64) float64 {
		slices.Sort(v)
		return (v[(len(v)-1)/2] + v[len(v)/2]) / 2
	}
	if n == 0 {
		return 0, 0, 0
	}
	var mss, ratios []float64
	for _, r := range runs[:n] {
		mss, ratios = append(mss, r.ms), append(ratios, r.ratio)
	}
	return median(mss), median(ratios), n
}

// measure runs tg b.N times, each time after the reference (untimed), and
// reports tg's mean time and the ratio of the two totals. Only the update's
// transaction is timed, not the check and clean-up after it.
func (e *sizeEnv) measure(b *testing.B, tg sizeTarget) sizeRun {
	ctx := context.Background()
	var total, refTotal time.Duration
	b.StopTimer()
	b.ResetTimer()
	for range b.N {
		refTotal += e.once(ctx, b, sizeTargets[0], false)
		total += e.once(ctx, b, tg, true)
	}
	r := sizeRun{n: b.N, ms: float64(total) / float64(b.N) / 1e6, ratio: float64(total) / float64(refTotal)}
	b.ReportMetric(r.ms, "ms/op")
	if tg.limit > 0 {
		b.ReportMetric(r.ratio, "x-help")
	}
	return r
}

// once runs tg (under the benchmark timer if timed), then checks what it
// queued and deletes it. It returns how long the update's transaction took.
func (e *sizeEnv) once(ctx context.Context, b *testing.B, tg sizeTarget, timed bool) time.Duration {
	who := e.staff
	if tg.leader {
		who = e.leader
	}
	upd := e.update(who, tg.text)
	if timed {
		b.StartTimer()
	}
	start := time.Now()
	err := e.handle(ctx, upd)
	if err == nil && tg.export {
		err = e.exports(ctx)
	}
	d := time.Since(start)
	b.StopTimer()
	if err != nil {
		b.Fatalf("%s: %v", tg.text, err)
	}
	out, err := e.drain(ctx)
	if err == nil {
		err = tg.check(e, out)
	}
	if err != nil {
		b.Fatalf("%s: %v", tg.text, err)
	}
	return d
}

// sizeTicketCols is storage's ticketCols: the column list decides whether
// an index covers a query, so it is copied exactly.
const sizeTicketCols = `id, kind, category, building, reporter_id, text, photos, lat, lon, hide_name, state,
	coalesce(assignee_id, 0), coalesce(team_id, 0), coalesce(duplicate_of, 0), resolution, resolution_photo,
	created_at, claimed_at, resolved_at, closed_at, updated_at, escalated_step, source_chat_id, coalesce(group_out_id, 0)`

const sizeMemberCols = `id, name, username, language, tg_language, role, building, unit, registered_at, active, created_at`

// sizeQuery is one query as storage runs it, named by its method.
type sizeQuery struct {
	method, sql string
	args        []any
}

// sizePlanQueries are the queries behind the commands and schedules, with
// storage's SQL text (storage/tickets*.go, members.go) and parameters.
func sizePlanQueries() []sizeQuery {
	loc := sizeConfig("").Location()
	from, to, now := sizeMS(sizeLastMonth(loc)), sizeMS(sizeLastMonth(loc).AddDate(0, 1, 0)), sizeMS(sizeNow(loc))
	member, leader := sizeMemberID(42), sizeMemberID(sizeLeaderK(sizeQueueBuilding, 0))
	tk, m := `SELECT `+sizeTicketCols+` FROM tickets `, `SELECT `+sizeMemberCols+` FROM members `
	queue := `AND state IN ('open','reopened','claimed') ORDER BY created_at, id LIMIT ?`
	q := []sizeQuery{
		{"Tx.TicketStats (/stats)", `SELECT kind, category, building, state, created_at, claimed_at, resolved_at
			FROM tickets WHERE created_at >= ? AND created_at < ?`, []any{from, to}},
		{"Tx.ExportTickets (/export)", tk + `WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`, []any{from, to}},
		{"Tx.BuildingQueue (/queue, 1 building)", tk + `WHERE building IN (?) ` + queue, []any{"7", 30}},
		{"Tx.BuildingQueue (/queue, 3 buildings)", tk + `WHERE building IN (?,?,?) ` + queue, []any{"7", "8", "9", 30}},
		{"Tx.ReporterTickets (/my)", tk + `WHERE reporter_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`, []any{member, 20}},
		{"Tx.AssignedTickets (/mytasks)", tk + `WHERE assignee_id = ? AND state IN ('claimed','reopened')
			ORDER BY created_at, id LIMIT ?`, []any{leader, 30}},
		{"Tx.ReportsSince (reports an hour)", `SELECT count(*) FROM tickets WHERE reporter_id = ? AND created_at >= ?`, []any{member, now}},
		{"Tx.UnclaimedSince (escalation)", tk + `WHERE state IN ('open','reopened') AND assignee_id IS NULL AND created_at < ?
			AND escalated_step < 1 ORDER BY created_at, id LIMIT ?`, []any{now, 200}},
		{"Tx.ActiveTicketsByCategory (escalation)", tk + `WHERE state IN ('open','claimed','reopened') AND category = ?
			AND created_at < ? AND escalated_step < 2 ORDER BY created_at, id LIMIT ?`, []any{"water", now, 200}},
		{"Tx.MembersWithRole (escalation: staff)", m + `WHERE active = 1 AND role = ? ORDER BY id`, []any{"staff"}},
		{"Tx.ResolvedBefore (auto-close)", tk + `WHERE state = 'resolved' AND resolved_at < ? ORDER BY resolved_at, id LIMIT ?`, []any{now, 200}},
		{"Tx.TicketEvents (/ticket)", `SELECT id, ticket_id, actor_id, action, from_state, to_state, note, photo, at
			FROM ticket_events WHERE ticket_id = ? ORDER BY id`, []any{4242}},
		{"Tx.Member (by id)", m + `WHERE id = ?`, []any{member}},
		{"Tx.leads (a member's buildings)", `SELECT building FROM member_buildings WHERE member_id = ? ORDER BY building`, []any{leader}},
		{"Tx.MemberByUsername", `SELECT id FROM members WHERE username <> '' AND lower(username) = lower(?)`, []any{"wang_42"}},
		{"Tx.LeadersOf", m + `WHERE active = 1 AND role = 'leader'
			AND id IN (SELECT member_id FROM member_buildings WHERE building = ?) ORDER BY id`, []any{"7"}},
		{"Tx.Residents (of buildings)", m + `WHERE active = 1 AND registered_at IS NOT NULL AND building IN (?,?) ORDER BY id`, []any{"7", "8"}},
	}
	// Tx.Ledger: the WHERE that storage's ledgerWhere builds for each filter
	// /ledger offers (state, building, category, month; a leader's buildings).
	for _, f := range []sizeQuery{
		{"all", "", nil}, {"state", " WHERE state = ?", []any{"open"}}, {"building", " WHERE building = ?", []any{"7"}},
		{"category", " WHERE category = ?", []any{"water"}},
		{"month", " WHERE created_at >= ? AND created_at < ?", []any{from, to}},
		{"state+building", " WHERE state = ? AND building = ?", []any{"open", "7"}},
		{"category+month", " WHERE category = ? AND created_at >= ? AND created_at < ?", []any{"water", from, to}},
		{"leader", " WHERE building IN (?)", []any{"7"}},
		{"leader+state", " WHERE state = ? AND building IN (?,?)", []any{"open", "7", "8"}},
	} {
		q = append(q, sizeQuery{"Tx.Ledger count (" + f.method + ")", `SELECT count(*) FROM tickets` + f.sql, f.args},
			sizeQuery{"Tx.Ledger page (" + f.method + ")", `SELECT ` + sizeTicketCols + ` FROM tickets` + f.sql +
				` ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, append(append([]any{}, f.args...), 8, 0)})
	}
	return q
}

// TestSizeQueryPlans fails when a query behind a command or schedule reads
// all of tickets, ticket_events or members instead of searching an index.
func TestSizeQueryPlans(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "plans.db")
	if err := sizeBuild(ctx, path, sizeSmall, "plans"); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", storage.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range sizePlanQueries() {
		plan, err := sizePlan(ctx, db, c.sql, c.args...)
		if err != nil {
			t.Fatalf("%s: %v", c.method, err)
		}
		t.Logf("%s:\n\t%s", c.method, strings.Join(plan, "\n\t"))
		for _, line := range plan {
			if sizeFullScan(line) {
				t.Errorf("%s reads the whole table: %s", c.method, line)
			}
		}
	}
}

// sizeFullScan reports a plan line that scans tickets, ticket_events or
// members without an index.
func sizeFullScan(line string) bool {
	for _, table := range []string{"tickets", "ticket_events", "members"} {
		if line == "SCAN "+table || strings.HasPrefix(line, "SCAN "+table+" ") && !strings.Contains(line, " INDEX ") {
			return true
		}
	}
	return false
}

func sizePlan(ctx context.Context, db *sql.DB, q string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return nil, err
		}
		out = append(out, detail)
	}
	return out, rows.Err()
}
