package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
	"courtyard/testkit"
)

// compareLoad is one load of the black-box comparison: n updates queued on
// the server before the process starts.
type compareLoad struct {
	name   string
	queue  func(tg *telegramtest.Server, people []models.User, groups []models.Chat, n int)
	settle bool // run until the process is quiet (priming)
}

var compareLoads = []compareLoad{
	{name: "private_report", queue: func(tg *telegramtest.Server, people []models.User, _ []models.Chat, n int) {
		for k := range n {
			u := people[k%len(people)]
			tg.SendText(u, telegramtest.PrivateChat(u), targetReportText(k))
		}
	}},
	{name: "group_oneliners", queue: func(tg *telegramtest.Server, people []models.User, groups []models.Chat, n int) {
		for k := range n {
			tg.SendText(people[k%len(people)], groups[k%len(groups)], targetReportText(k))
		}
	}},
}

// compareResult is one process's drain.
type compareResult struct {
	rate   float64 // updates a second, from its first getUpdates to the last answer
	peak   float64 // VmHWM, MB
	cpuPer float64 // user+system CPU time a update, ms
	db     string  // the database the courtyard run left
}

// compareFixture writes the database every courtyard run starts from: the
// 12 groups linked to buildings 1 to 12, and the 1,000 people registered,
// person k in building k mod 12 + 1.
func compareFixture(b *testing.B, path string) {
	b.Helper()
	ctx := context.Background()
	s, err := storage.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	err = s.Update(ctx, func(tx *storage.Tx) error {
		for i := range compareGroups {
			if err := tx.TouchChat(compareGroupID(i), "supergroup", fmt.Sprintf("%d号楼", i+1), now); err != nil {
				return err
			}
			if err := tx.LinkChat(compareGroupID(i), strconv.Itoa(i+1), targetAdmin, now); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	err = sizeLoad(ctx, db, func(tx *sql.Tx) error {
		for k := range comparePeople {
			_, err := tx.ExecContext(ctx, `INSERT INTO members (id, name, language, tg_language, building, unit, registered_at, created_at)
				VALUES (?, ?, 'zh', 'zh-hans', ?, '1-101', ?, ?)`,
				comparePersonID(k), fmt.Sprintf("住户%d", k), strconv.Itoa(k%compareGroups+1), now.UnixMilli(), now.UnixMilli())
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

func compareGroupID(i int) int64  { return int64(-1003000 - i) }
func comparePersonID(k int) int64 { return int64(30000 + k) }

// compareCopy copies the fixture to a new file in dir.
func compareCopy(b *testing.B, fixture, dir string) string {
	b.Helper()
	data, err := os.ReadFile(fixture)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "courtyard.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}

// comparePrime runs a courtyard contestant once on its fixture, with no
// updates, until it has sent nothing but polls for compareQuiet, and
// returns the database it leaves: a community the day after the upgrade,
// whose one-off work of a new version (every registered resident's
// command menu) is done. The measured runs start from a copy of it.
func comparePrime(b *testing.B, c compareContestant) string {
	b.Helper()
	r := compareDrain(b, c, compareLoad{name: "prime", settle: true}, 0)
	return r.db
}

// compareQuiet is how long a priming run sends nothing but polls before it
// is taken as settled.
const compareQuiet = 1500 * time.Millisecond

// compareDrain starts the contestant against a fresh server holding n
// updates of the load and measures it until n answers arrived. n = 0
// measures it idle for compareIdle after its first poll, or, for a load
// that settles, until it has been quiet for compareQuiet.
func compareDrain(b *testing.B, c compareContestant, load compareLoad, n int) compareResult {
	b.Helper()
	tg := telegramtest.New(b)
	people := make([]models.User, comparePeople)
	for k := range people {
		people[k] = tg.User(comparePersonID(k), fmt.Sprintf("住户%d", k), "zh")
	}
	groups := make([]models.Chat, compareGroups)
	for i := range groups {
		groups[i] = tg.Group(compareGroupID(i), fmt.Sprintf("%d号楼", i+1))
	}
	if n > 0 {
		load.queue(tg, people, groups, n)
	}
	dir := b.TempDir()
	var db string
	cmd := exec.Command(c.bin)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "ECHOBOT_TOKEN=" + telegramtest.Token, "ECHOBOT_API_URL=" + tg.URL()}
	if c.courtyard {
		var names []string
		for i := 1; i <= compareGroups; i++ {
			names = append(names, strconv.Quote(strconv.Itoa(i)))
		}
		conf := filepath.Join(dir, "c.yaml")
		db = compareCopy(b, c.fixture, dir)
		text := fmt.Sprintf(targetProcessConfig, tg.URL(), db, targetAdmin, strings.Join(names, ", "))
		if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
			b.Fatal(err)
		}
		cmd = exec.Command(c.bin, "run", "-config", conf)
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "COURTYARD_TELEGRAM_TOKEN=" + telegramtest.Token}
	}
	if v := os.Getenv("GODEBUG"); v != "" {
		cmd.Env = append(cmd.Env, "GODEBUG="+v)
	}
	log := &testkit.Logs{}
	cmd.Stderr, cmd.Stdout = log, io.Discard
	if keep := os.Getenv("COMPARE_LOGS"); keep != "" {
		f, err := os.Create(filepath.Join(keep, fmt.Sprintf("%s-%s-%d.log", c.name, load.name, time.Now().UnixNano())))
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		cmd.Stderr = io.MultiWriter(log, f)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	reaped := false
	defer func() {
		if !reaped {
			cmd.Process.Kill()
			<-exited
		}
		if b.Failed() {
			b.Logf("%s's log:\n%s", c.name, log.String())
		}
	}()
	var peak int64
	sample := func() {
		if v, err := targetHWM(cmd.Process.Pid); err == nil && v > peak {
			peak = v
		}
	}
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	deadline := time.NewTimer(targetWait)
	defer deadline.Stop()
	var start, lastCall time.Time
	calls := 0
	for i := 0; ; i++ {
		if start.IsZero() && tg.CallCount("getUpdates") > 0 {
			start, lastCall = time.Now(), time.Now()
		}
		if all := tg.CallCount("") - tg.CallCount("getUpdates"); all != calls {
			calls, lastCall = all, time.Now()
		}
		settled := load.settle && time.Since(lastCall) >= compareQuiet
		if !start.IsZero() && (n == 0 && !load.settle && time.Since(start) >= compareIdle || settled || n > 0 && tg.CallCount("sendMessage") >= n) {
			break
		}
		select {
		case <-tick.C:
			if i%10 == 0 {
				sample()
			}
		case err := <-exited:
			reaped = true
			b.Fatalf("%s exited: %v", c.name, err)
		case <-deadline.C:
			b.Fatalf("%s: %d of %d answers in %v", c.name, tg.CallCount("sendMessage"), n, targetWait)
		}
	}
	elapsed := time.Since(start)
	sample()
	if os.Getenv("COMPARE_SMAPS") != "" && n == 0 {
		compareSmaps(c.name, load.name, cmd.Process.Pid)
	}
	cpu := compareCPU(b, cmd.Process.Pid)
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		reaped = true
		if err != nil {
			b.Fatalf("%s exited with %v", c.name, err)
		}
	case <-time.After(30 * time.Second):
		b.Fatalf("%s did not exit after SIGTERM", c.name)
	}
	if got := tg.CallCount("sendMessage"); got != n && !load.settle {
		b.Fatalf("%s: %d answers, want %d", c.name, got, n)
	}
	targetClean(b, tg)
	r := compareResult{peak: float64(peak) / (1 << 20), db: db}
	if n > 0 {
		r.rate = float64(n) / elapsed.Seconds()
		r.cpuPer = float64(cpu.Milliseconds()) / float64(n)
	}
	return r
}

// compareSmaps prints what a process's resident memory is made of: the
// anonymous part (Go's heap, SQLite's caches) and the part mapped from
// files (the binary), and how much of that is mapped as huge pages.
func compareSmaps(name, load string, pid int) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
	if err != nil {
		fmt.Printf("compare smaps %s %s: %v\n", load, name, err)
		return
	}
	var parts []string
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 3 && (f[0] == "Rss:" || f[0] == "Anonymous:" || f[0] == "FilePmdMapped:") {
			parts = append(parts, f[0]+" "+f[1]+" kB")
		}
	}
	fmt.Printf("compare smaps %-16s %-10s %s\n", load, name, strings.Join(parts, "  "))
}

// compareCPU is the user and system time process pid used so far, from
// /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s).
func compareCPU(b *testing.B, pid int) time.Duration {
	b.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:]) // fields from 3 on
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		b.Fatalf("/proc/%d/stat: %q", pid, s)
	}
	return time.Duration(ut+st) * 10 * time.Millisecond
}
