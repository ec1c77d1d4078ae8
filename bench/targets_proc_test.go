package bench

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
	"courtyard/testkit"
)

// Target 5: peak RSS and goroutines during target 1's work with a deep
// backlog: /report one-liners from 1,000 people in 50 groups are queued on
// the server before the bot starts, the groups already linked in the
// database. The real binary (built once) drains 20,000 and 100,000 of them
// while its /proc/<pid>/status VmHWM (peak RSS) is read: "however deep the
// backlog" is the larger. The binary tells nobody its goroutine count, so
// 20,000 also drain through app.Run in this process while
// runtime.NumGoroutine is sampled. That count includes the fake server's
// goroutines (about two a connection) and the benchmark's own: an upper
// bound. Its baseline, taken before the bot starts, is printed too.

const (
	targetBacklog       = 20000
	targetDeepBacklog   = 100000
	targetRSSLimit      = 40 << 20
	targetGoroutineCap  = 200
	targetSampleEvery   = 5 * time.Millisecond
	targetProcessConfig = `
telegram:
  api_url: %s
  poll_timeout: 2s
  limits:
    global_per_second: 100000
    per_chat_per_second: 100000
    per_group_per_minute: 1000000
database:
  path: %s
admins: [%d]
community:
  name: 南门社区
  buildings: [%s]
tickets:
  per_user_per_hour: 1000000
limits:
  commands_per_minute: 1000000
log:
  level: warn
`
)

// targetBacklogSetup writes the 50 groups, linked to buildings 1 to 50,
// into a new database at path, and queues n reports on the server.
func targetBacklogSetup(b *testing.B, tg *telegramtest.Server, path string, n int) ([]models.User, []models.Chat) {
	b.Helper()
	ctx := context.Background()
	s, err := storage.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	groups := make([]models.Chat, targetGroups)
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	err = s.Update(ctx, func(tx *storage.Tx) error {
		for i := range groups {
			groups[i] = tg.Group(int64(-1002000-i), fmt.Sprintf("%d号楼", i+1))
			if err := tx.TouchChat(groups[i].ID, string(groups[i].Type), groups[i].Title, now); err != nil {
				return err
			}
			if err := tx.LinkChat(groups[i].ID, strconv.Itoa(i+1), targetAdmin, now); err != nil {
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
	users := targetUsers(tg, 20000, targetReporters)
	targetQueueReports(tg, users, groups, n)
	return users, groups
}

// targetBinary builds the bot once per benchmark into dir.
func targetBinary(b *testing.B, dir string) string {
	b.Helper()
	bin := filepath.Join(dir, "courtyard")
	if out, err := exec.Command("go", "build", "-o", bin, "courtyard").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// targetHWM is VmHWM (peak RSS) of process pid, in bytes.
func targetHWM(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
}

// targetMemoryBinary drains a backlog of n reports through the binary and
// returns its peak RSS in bytes and the updates a second it drained.
func targetMemoryBinary(b *testing.B, bin string, n int) (int64, float64) {
	b.Helper()
	tg := telegramtest.New(b)
	dir := b.TempDir()
	db := filepath.Join(dir, "courtyard.db")
	users, groups := targetBacklogSetup(b, tg, db, n)
	var names []string
	for i := 1; i <= targetGroups; i++ {
		names = append(names, strconv.Quote(strconv.Itoa(i)))
	}
	conf := filepath.Join(dir, "c.yaml")
	text := fmt.Sprintf(targetProcessConfig, tg.URL(), db, targetAdmin, strings.Join(names, ", "))
	if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(bin, "run", "-config", conf)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "COURTYARD_TELEGRAM_TOKEN=" + telegramtest.Token}
	log := &testkit.Logs{}
	cmd.Stderr = log
	start := time.Now()
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
			b.Logf("the bot's log:\n%s", log.String())
		}
	}()

	// VmHWM only grows; the last read is made at the end of the drain,
	// before the stop. (The rusage of wait4 is no help: a child started
	// with vfork inherits the parent's high-water mark.)
	var peak int64
	sample := func() {
		if v, err := targetHWM(cmd.Process.Pid); err == nil && v > peak {
			peak = v
		}
	}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.NewTimer(targetWait)
	defer deadline.Stop()
	for tg.CallCount("sendMessage") < n {
		select {
		case <-tick.C:
			sample()
		case err := <-exited:
			reaped = true
			b.Fatalf("the bot exited during the drain: %v", err)
		case <-deadline.C:
			b.Fatalf("%d of %d lines sent in %v", tg.CallCount("sendMessage"), n, targetWait)
		}
	}
	rate := float64(n) / time.Since(start).Seconds()
	sample()
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		reaped = true
		if err != nil {
			b.Fatalf("the bot exited with %v", err)
		}
	case <-time.After(30 * time.Second):
		b.Fatal("the bot did not exit after SIGTERM")
	}
	targetCheckReports(b, tg, users, groups, n)
	targetClean(b, tg)
	return peak, rate
}

// targetMemoryInProcess drains the backlog through app.Run in this process
// and returns the peak goroutine count and the count before the bot started.
func targetMemoryInProcess(b *testing.B) (peak, baseline int) {
	b.Helper()
	tg := telegramtest.New(b)
	cfg := targetConfig(b, tg.URL(), targetGroups)
	users, groups := targetBacklogSetup(b, tg, cfg.Database.Path, targetBacklog)
	baseline = runtime.NumGoroutine()
	peak = baseline
	stopSampling, sampled := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(targetSampleEvery)
		defer tick.Stop()
		for {
			peak = max(peak, runtime.NumGoroutine())
			select {
			case <-stopSampling:
				return
			case <-tick.C:
			}
		}
	}()
	var once sync.Once
	endSampling := func() { once.Do(func() { close(stopSampling); <-sampled }) }
	defer endSampling()
	stop := targetRunBot(b, cfg)
	defer stop()
	tg.WaitUntil(b, func() bool { return tg.CallCount("sendMessage") >= targetBacklog }, targetWait)
	endSampling()
	targetCheckReports(b, tg, users, groups, targetBacklog)
	targetClean(b, tg)
	return peak, baseline
}

// BenchmarkTargetMemory is target 5. b.N is not used: run it with
// -benchtime 1x.
func BenchmarkTargetMemory(b *testing.B) {
	bin := targetBinary(b, b.TempDir())
	depths := []int{targetBacklog, targetDeepBacklog}
	rss := make([]targetSeries, len(depths))
	for i, n := range depths {
		b.Run(fmt.Sprintf("binary_%d", n), func(b *testing.B) {
			peak, rate := targetMemoryBinary(b, bin, n)
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MB")
			b.ReportMetric(rate, "updates/s")
			rss[i].add(1, float64(peak)/(1<<20))
		})
	}
	var g targetSeries
	b.Run(fmt.Sprintf("inprocess_%d", targetBacklog), func(b *testing.B) {
		peak, baseline := targetMemoryInProcess(b)
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(float64(peak), "peak-goroutines")
		b.ReportMetric(float64(baseline), "baseline-goroutines")
		g.add(1, float64(peak), float64(baseline))
	})
	worst := 0.0
	var parts []string
	for i, n := range depths {
		if m, runs := rss[i].medians(); runs > 0 {
			worst = max(worst, m[0])
			parts = append(parts, fmt.Sprintf("%.1f MB at %d (median of %d)", m[0], n, runs))
		}
	}
	if len(parts) > 0 {
		fmt.Printf("target 5 memory: peak RSS of the binary draining a backlog of reports: %s; limit %d MB: %s\n",
			strings.Join(parts, ", "), targetRSSLimit>>20, targetVerdict(worst*(1<<20) <= targetRSSLimit))
	}
	if m, n := g.medians(); n > 0 {
		fmt.Printf("target 5 goroutines: peak %.0f in-process, an upper bound (%.0f before the bot started: fake server and benchmark); limit %d: %s (median of %d runs)\n",
			m[0], m[1], targetGoroutineCap, targetVerdict(m[0] <= targetGoroutineCap), n)
	}
}
