package bench

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"courtyard/config"
	"courtyard/storage"
)

// sizeFixtureVersion names what the builder writes; change it whenever the
// builder changes, so that a cached fixture of the old kind is not reused.
const sizeFixtureVersion = "v1"

// sizeSpec is how big a fixture is. Tickets are spread evenly over Months
// calendar months, the last one being sizeLastMonth.
type sizeSpec struct{ Members, Tickets, Months int }

var (
	sizeBig   = sizeSpec{Members: 100_000, Tickets: 1_000_000, Months: 100}
	sizeSmall = sizeSpec{Members: 2_000, Tickets: 5_000, Months: 10}
)

// The fixture's people. Member k (0-based) has id sizeMemberBase+k and lives
// in building k%50+1; members 0..99 lead their building (two a building),
// member 100 is staff and members 101..600 are volunteers who take work.
const (
	sizeMemberBase = 100_000_000
	sizeBuildings  = 50
	sizeStaffK     = 100
	sizeVolunteers = 500
	sizeTeams      = 5
	sizeMarkerKey  = "bench.size_fixture"
)

// sizeLastMonth is the newest month with tickets; sizeNow is the clock the
// fixture and the benchmarks read: early the next month, when staff look
// back at the month just ended.
func sizeLastMonth(loc *time.Location) time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, loc) }
func sizeNow(loc *time.Location) time.Time       { return time.Date(2026, 4, 2, 9, 0, 0, 0, loc) }

func sizeMemberID(k int) int64               { return sizeMemberBase + int64(k) }
func sizeBuilding(k int) string              { return strconv.Itoa(k%sizeBuildings + 1) }
func sizeLeaderK(building, which int) int    { return building - 1 + which*sizeBuildings }
func sizeMS(t time.Time) int64               { return t.UnixMilli() }
func sizePick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func sizeConfig(dbPath string) config.Config {
	bs := make([]string, sizeBuildings)
	for i := range bs {
		bs[i] = strconv.Itoa(i + 1)
	}
	return config.Config{
		Database:  config.Database{Path: dbPath},
		Admins:    []int64{1},
		Community: config.Community{Name: "南门社区", Timezone: "Asia/Shanghai", Language: "zh", Buildings: bs},
	}.WithDefaults()
}

// sizeCachedFixture returns the path of the fixture of spec in os.TempDir(),
// building it first unless a finished one of this version is there. built
// is how long the build took, 0 when the cached file was used.
func sizeCachedFixture(ctx context.Context, spec sizeSpec) (path string, built time.Duration, err error) {
	key := fmt.Sprintf("%s-s%d-m%d-t%d-mo%d", sizeFixtureVersion, storage.Latest(), spec.Members, spec.Tickets, spec.Months)
	path = filepath.Join(os.TempDir(), "courtyard-size-"+key+".db")
	if db, err := sql.Open("sqlite3", storage.DSN(path)+"&mode=rw"); err == nil {
		var v string
		err := db.QueryRowContext(ctx, `SELECT value FROM kv WHERE key = ?`, sizeMarkerKey).Scan(&v)
		db.Close()
		if err == nil && v == key {
			return path, 0, nil
		}
	}
	// Nothing of an old or unfinished file may be left: a stale -wal would
	// be replayed into the new one.
	tmp := fmt.Sprintf("%s.tmp%d", path, os.Getpid())
	remove := func(p string) { os.Remove(p); os.Remove(p + "-wal"); os.Remove(p + "-shm") }
	remove(tmp)
	start := time.Now()
	if err := sizeBuild(ctx, tmp, spec, key); err != nil {
		remove(tmp)
		return "", 0, err
	}
	remove(path)
	return path, time.Since(start), os.Rename(tmp, path)
}

// sizeBuild writes a fixture at the latest schema to path: members, roles
// and teams, tickets with a realistic mix of kinds, categories, states and
// times, and each ticket's history in ticket_events.
func sizeBuild(ctx context.Context, path string, spec sizeSpec, key string) error {
	loc := sizeConfig(path).Location()
	now := sizeNow(loc)
	s, err := storage.Open(ctx, path)
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite3", storage.DSN(path))
	if err != nil {
		s.Close()
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	rng := rand.New(rand.NewPCG(20260310, uint64(spec.Tickets)))
	err = sizeLoad(ctx, db, func(tx *sql.Tx) error { return sizeInsertMembers(ctx, tx, rng, spec, loc) })
	var teams []int64
	if err == nil {
		err = s.Update(ctx, func(tx *storage.Tx) error {
			for b := 1; b <= sizeBuildings; b++ {
				for which := range 2 {
					if err := tx.SetRole(sizeMemberID(sizeLeaderK(b, which)), storage.RoleLeader, []string{strconv.Itoa(b)}, 1, now); err != nil {
						return err
					}
				}
			}
			for i := range sizeTeams {
				id, err := tx.CreateTeam(fmt.Sprintf("志愿队%d", i+1), sizeMemberID(sizeLeaderK(i+1, 0)), false, now)
				if err != nil {
					return err
				}
				teams = append(teams, id)
			}
			return tx.SetRole(sizeMemberID(sizeStaffK), storage.RoleStaff, nil, 1, now)
		})
	}
	if err = errors.Join(err, s.Close()); err != nil {
		return fmt.Errorf("members and roles: %w", err)
	}
	// The bulk load writes the file directly, without a journal (a failed
	// build is thrown away), and builds the indexes once at the end from
	// the migrated schema's own definitions: much faster than row by row.
	err = sizeExec(ctx, db, "PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA cache_size = -400000",
		"PRAGMA temp_store = MEMORY", "PRAGMA threads = 4")
	if err != nil {
		return err
	}
	err = sizeLoad(ctx, db, func(tx *sql.Tx) error {
		var drops, creates []string
		rows, err := tx.QueryContext(ctx, `SELECT 'DROP INDEX "' || name || '"', sql FROM sqlite_master
			WHERE type = 'index' AND tbl_name IN ('tickets', 'ticket_events') AND sql IS NOT NULL`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var drop, create string
			if err = rows.Scan(&drop, &create); err != nil {
				break
			}
			drops, creates = append(drops, drop), append(creates, create)
		}
		if err = errors.Join(err, rows.Err(), rows.Close()); err != nil {
			return err
		}
		if err := sizeExec(ctx, tx, drops...); err != nil {
			return err
		}
		if err := sizeInsertTickets(ctx, tx, rng, spec, loc, teams); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, sizeEventsSQL, sizeMemberID(sizeStaffK)); err != nil {
			return fmt.Errorf("events: %w", err)
		}
		if err := sizeExec(ctx, tx, creates...); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO kv (key, value) VALUES (?, ?)`, sizeMarkerKey, key)
		return err
	})
	if err != nil {
		return fmt.Errorf("tickets: %w", err)
	}
	return sizeExec(ctx, db, "PRAGMA journal_mode = WAL")
}

func sizeExec(ctx context.Context, db interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, stmts ...string) error {
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

func sizeLoad(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// sizeBatch inserts rows of cols values, a hundred rows a statement.
type sizeBatch struct {
	ctx  context.Context
	tx   *sql.Tx
	head string
	cols int
	full *sql.Stmt // the statement of a hundred rows; the transaction closes it
	args []any
}

func (b *sizeBatch) add(vals ...any) error {
	if b.args = append(b.args, vals...); len(b.args) < 100*b.cols {
		return nil
	}
	return b.flush()
}

func (b *sizeBatch) flush() error {
	var err error
	n := len(b.args) / b.cols
	row := "(?" + strings.Repeat(",?", b.cols-1) + ")"
	q := b.head + " VALUES " + row + strings.Repeat(","+row, max(n-1, 0))
	switch {
	case n == 100 && b.full == nil:
		if b.full, err = b.tx.PrepareContext(b.ctx, q); err == nil {
			_, err = b.full.ExecContext(b.ctx, b.args...)
		}
	case n == 100:
		_, err = b.full.ExecContext(b.ctx, b.args...)
	case n > 0:
		_, err = b.tx.ExecContext(b.ctx, q, b.args...)
	}
	b.args = b.args[:0]
	return err
}

var (
	sizeSurnames = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"}
	sizeGiven    = []string{"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"}
	sizeLatin    = []string{"Anna Lee", "Tom Chen", "Maria Wang", "David Liu", "Grace Zhou", "Peter Wu"}
	sizePinyin   = []string{"wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "Wu", "Zhou", "xu", "sun"}
)

func sizeInsertMembers(ctx context.Context, tx *sql.Tx, rng *rand.Rand, spec sizeSpec, loc *time.Location) error {
	b := &sizeBatch{ctx: ctx, tx: tx, cols: 10,
		head: `INSERT INTO members (id, name, username, language, tg_language, building, unit, registered_at, active, created_at)`}
	first, last := sizeMS(sizeLastMonth(loc).AddDate(0, 1-spec.Months, -60)), sizeMS(sizeLastMonth(loc))
	for k := range spec.Members {
		name := sizePick(rng, sizeSurnames) + sizePick(rng, sizeGiven)
		if rng.IntN(100) < 12 {
			name = sizePick(rng, sizeLatin)
		}
		user := ""
		if rng.IntN(100) < 70 {
			user = fmt.Sprintf("%s_%d", sizePick(rng, sizePinyin), k)
		}
		// Leaders and staff chose Chinese; 3% of residents blocked the bot.
		lang, active := sizePick(rng, []string{"", "", "", "", "", "", "", "", "en", "zh"}), 1
		if k <= sizeStaffK {
			lang = "zh"
		} else if rng.IntN(100) < 3 {
			active = 0
		}
		unit := fmt.Sprintf("%d-%d%02d", 1+rng.IntN(4), 1+rng.IntN(30), 1+rng.IntN(4))
		created := first + rng.Int64N(last-first)
		err := b.add(sizeMemberID(k), name, user, lang, sizePick(rng, []string{"zh-hans", "zh-hans", "zh-hans", "en", ""}),
			sizeBuilding(k), unit, created+rng.Int64N(3_600_000), active, created)
		if err != nil {
			return err
		}
	}
	return b.flush()
}

var (
	// sizeCategories are the default categories, weighted by how often
	// each is reported.
	sizeCategories = []string{"water", "water", "water", "water", "lighting", "lighting", "lighting", "roads", "roads",
		"sanitation", "sanitation", "sanitation", "sanitation", "safety", "noise", "noise", "neighbours", "other", "other"}
	sizeReportTexts = []string{
		"楼下的下水道又堵了，味道很大，麻烦尽快处理", "东门路灯坏了好几天，晚上很黑", "小区主路上有个坑，电动车容易摔",
		"垃圾桶满了没人清，招苍蝇", "楼道里的电线裸露在外面，很危险", "晚上十一点以后还有人在广场上放音乐",
		"楼上邻居家漏水到我家天花板", "单元门禁坏了，谁都能进", "The drain by the bike shed is blocked again",
		"Street lamp at the north gate is out", "井盖松动，踩上去会晃", "消防通道被车堵住了",
	}
	sizeWishTexts = []string{"希望在花园里多放几张长椅", "能不能组织一次周末亲子活动", "想请志愿者帮独居老人换个灯泡",
		"希望小区里有个共享工具箱", "Could we have a book exchange shelf in the lobby?", "希望增加几个快递柜"}
	sizeResolutions = []string{"已疏通", "已更换灯泡", "已联系物业修复", "已清理", "已协调双方", "已派维修工处理完毕", "Fixed by the maintenance team"}
)

// sizeInsertTickets writes spec.Tickets tickets, the same number in each
// month, ids in order of creation. Old tickets are mostly closed, rejected
// or duplicates, with a small backlog never finished; the last two weeks'
// are still being worked on.
func sizeInsertTickets(ctx context.Context, tx *sql.Tx, rng *rand.Rand, spec sizeSpec, loc *time.Location, teams []int64) error {
	b := &sizeBatch{ctx: ctx, tx: tx, cols: 23,
		head: `INSERT INTO tickets (id, kind, category, building, reporter_id, text, photos, lat, lon, hide_name, state,
			assignee_id, team_id, duplicate_of, resolution, resolution_photo, created_at, claimed_at, resolved_at, closed_at,
			updated_at, escalated_step, source_chat_id)`}
	now := sizeMS(sizeNow(loc))
	perMonth := spec.Tickets / spec.Months
	// after draws a time a while after t (spread evenly on a log scale of
	// lo..hi), never later than a minute before now.
	after := func(t int64, lo, hi time.Duration) int64 {
		d := math.Exp(math.Log(float64(lo.Milliseconds())) + rng.Float64()*math.Log(float64(hi)/float64(lo)))
		return min(t+int64(d), now-60_000)
	}
	month := sizeLastMonth(loc).AddDate(0, 1-spec.Months, 0)
	for i := range spec.Tickets {
		if i > 0 && i%perMonth == 0 && i/perMonth < spec.Months {
			month = month.AddDate(0, 1, 0)
		}
		id := int64(i + 1)
		start, span := sizeMS(month), sizeMS(month.AddDate(0, 1, 0))-sizeMS(month)
		created := start + span*int64(i%perMonth)/int64(perMonth) + rng.Int64N(max(1, span/int64(perMonth)))
		k := rng.IntN(spec.Members)
		if rng.IntN(100) < 70 { // a fifth of the members file most tickets
			k = rng.IntN(spec.Members / 5)
		}
		building := k%sizeBuildings + 1
		if rng.IntN(100) < 5 {
			building = 1 + rng.IntN(sizeBuildings)
		}
		kind, text := "report", sizePick(rng, sizeReportTexts)
		if rng.IntN(100) < 15 {
			kind, text = "wish", sizePick(rng, sizeWishTexts)
		}
		photos := "[]"
		if rng.IntN(100) < 20 {
			photos = `["AgACAgUAAxkBAAIB` + strconv.FormatInt(id, 36) + `"]`
		}
		var lat, lon any
		if rng.IntN(100) < 10 {
			lat, lon = 31.2+rng.Float64()/100, 121.4+rng.Float64()/100
		}
		var src int64
		if rng.IntN(100) < 30 {
			src = -1001000000000 - int64(building)
		}
		state := sizeState(rng, time.Duration(now-created)*time.Millisecond)
		var assignee, team, dup, claimed, resolved, closed any
		resolution, esc, updated := "", 0, created
		switch state {
		case "claimed", "resolved", "closed", "reopened":
			a := sizeLeaderK(building, rng.IntN(2))
			if rng.IntN(100) < 30 {
				a = sizeStaffK + 1 + rng.IntN(sizeVolunteers)
			}
			assignee = sizeMemberID(a)
			if rng.IntN(100) < 5 {
				team = sizePick(rng, teams)
			}
			c := after(created, 5*time.Minute, 72*time.Hour)
			claimed, updated = c, c
			if state == "claimed" {
				break
			}
			r := after(c, 30*time.Minute, 10*24*time.Hour)
			resolved, updated, resolution = r, r, sizePick(rng, sizeResolutions)
			if state == "closed" {
				cl := after(r, time.Hour, 7*24*time.Hour)
				closed, updated = cl, cl
			} else if state == "reopened" {
				updated = after(r, time.Hour, 3*24*time.Hour)
			}
		case "duplicate", "rejected":
			updated = after(created, 10*time.Minute, 48*time.Hour)
			if state == "duplicate" && id > 1 {
				dup = id - 1 - rng.Int64N(min(id-1, 50))
			} else {
				state = "rejected"
			}
		case "open":
			if now-created > 24*3_600_000 {
				esc = 1
			}
		}
		hide := 0
		if rng.IntN(100) < 5 {
			hide = 1
		}
		err := b.add(id, kind, sizePick(rng, sizeCategories), strconv.Itoa(building), sizeMemberID(k), text, photos, lat, lon,
			hide, state, assignee, team, dup, resolution, "", created, claimed, resolved, closed, updated, esc, src)
		if err != nil {
			return err
		}
	}
	return b.flush()
}

// sizeState picks a ticket's current state from its age (weights per mille;
// the rest are closed).
func sizeState(rng *rand.Rand, age time.Duration) string {
	type w = struct {
		state string
		p     int
	}
	mix := []w{{"open", 2}, {"claimed", 4}, {"reopened", 1}, {"rejected", 60}, {"duplicate", 50}}
	switch {
	case age < 14*24*time.Hour:
		mix = []w{{"open", 150}, {"claimed", 300}, {"resolved", 250}, {"reopened", 30}, {"rejected", 40}, {"duplicate", 30}}
	case age < 60*24*time.Hour:
		mix = []w{{"open", 20}, {"claimed", 60}, {"resolved", 5}, {"reopened", 10}, {"rejected", 60}, {"duplicate", 50}}
	}
	n := rng.IntN(1000)
	for _, x := range mix {
		if n -= x.p; n < 0 {
			return x.state
		}
	}
	return "closed"
}

// sizeEventsSQL writes each ticket's history in time order: its creation,
// then the claim, resolve, reopen and closing action its columns show. The
// parameter is the staff member who rejects and marks duplicates.
const sizeEventsSQL = `INSERT INTO ticket_events (ticket_id, actor_id, action, from_state, to_state, note, at)
SELECT tid, actor, action, f, t, note, at FROM (
	SELECT id AS tid, reporter_id AS actor, 'create' AS action, '' AS f, 'open' AS t, '' AS note, created_at AS at, 0 AS seq FROM tickets
	UNION ALL SELECT id, coalesce(assignee_id, 0), 'claim', 'open', 'claimed', '', claimed_at, 1 FROM tickets WHERE claimed_at IS NOT NULL
	UNION ALL SELECT id, coalesce(assignee_id, 0), 'resolve', 'claimed', 'resolved', resolution, resolved_at, 2 FROM tickets WHERE resolved_at IS NOT NULL
	UNION ALL SELECT id, reporter_id, 'reopen', 'resolved', 'reopened', '还是不行', updated_at, 3 FROM tickets WHERE state = 'reopened'
	UNION ALL SELECT id, CASE WHEN id % 3 = 0 THEN reporter_id ELSE 0 END, CASE WHEN id % 3 = 0 THEN 'confirm' ELSE 'autoclose' END,
		'resolved', 'closed', '', closed_at, 4 FROM tickets WHERE state = 'closed'
	UNION ALL SELECT id, ?1, 'reject', 'open', 'rejected', '不属于社区管理范围', updated_at, 4 FROM tickets WHERE state = 'rejected'
	UNION ALL SELECT id, ?1, 'duplicate', 'open', 'duplicate', '#' || duplicate_of, updated_at, 4 FROM tickets WHERE state = 'duplicate'
) ORDER BY at, tid, seq`
