package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"courtyard/app"
	"courtyard/bot/telegramtest"
	"courtyard/config"
)

// The performance targets, each measured beside its reference in the same
// run (the machine is small and noisy, so a figure alone says little):
//
//  1. BenchmarkTargetReport: /report one-liners from 1,000 people in 50
//     linked groups, every group line delivered, at least as many updates a
//     second as the bare go-telegram/bot echo bot.
//  2. BenchmarkTargetLatency: at a steady 200 updates a second, p99 from the
//     update being available on the server to the reply arriving there at
//     most 20 ms (reference: the echo bot under the same load).
//  3. and 4. BenchmarkTargetBroadcast: while an announcement to 10,000
//     residents goes out, p99 reply time to other residents' /help at most
//     1.5 s; the delivery rate at least 95 % of the global limit, no 429s.
//  5. BenchmarkTargetMemory: peak RSS at most 40 MB and at most 200
//     goroutines while a deep backlog of reports drains.
//
//	go test -run '^$' -bench TargetReport -benchtime 5000x -count 5 ./bench/
//	go test -run '^$' -bench 'Target(Latency|Broadcast|Memory)' -benchtime 1x -count 5 ./bench/
//
// Each benchmark prints one summary line a target after its runs: the
// medians of the figure, of its reference and of their ratio, the limit,
// and PASS or MISS. The bot always runs its full reliable path: the inbox is
// committed before updates are acknowledged, each update's effects and
// outbox rows commit together, and SQLite runs with synchronous=FULL.

const (
	targetWait      = 3 * time.Minute
	targetGroups    = 50
	targetPerGroup  = 20 // people a group
	targetReporters = targetGroups * targetPerGroup
	targetAdmin     = 1000
)

// targetConfig is pipeConfig (sending limits far above what the machine
// can do) with buildings "1".."buildings" when buildings > 0.
func targetConfig(b *testing.B, apiURL string, buildings int) config.Config {
	b.Helper()
	cfg := pipeConfig(b, apiURL)
	if buildings > 0 {
		cfg.Community.Buildings = nil
		for i := 1; i <= buildings; i++ {
			cfg.Community.Buildings = append(cfg.Community.Buildings, strconv.Itoa(i))
		}
	}
	if err := cfg.Validate(); err != nil {
		b.Fatal(err)
	}
	return cfg
}

// targetRunBot runs the whole bot in-process, as BenchmarkPipeline does,
// and returns the function that stops it.
func targetRunBot(b *testing.B, cfg config.Config) (stop func()) {
	b.Helper()
	return targetRunBotWith(b, cfg, app.Options{})
}

// targetRunBotWith is targetRunBot with options (kinds of timed work, the
// channel that runs the scheduled jobs); the clock, the log and Ready are
// its own, and the jobs run only on a tick.
func targetRunBotWith(b *testing.B, cfg config.Config, opt app.Options) (stop func()) {
	b.Helper()
	base, started := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan struct{}), make(chan error, 1)
	opt.Now = func() time.Time { return base.Add(time.Since(started)) }
	opt.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	opt.Ready = func() { close(ready) }
	if opt.Tick == nil {
		opt.Tick = make(chan chan struct{})
	}
	go func() {
		done <- app.Run(ctx, cfg, opt)
	}()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		b.Fatalf("the bot did not start: %v", err)
	}
	return func() {
		cancel()
		if err := <-done; err != nil {
			b.Error(err)
		}
	}
}

// targetRunEcho runs the reference, BenchmarkEchoBot's bare go-telegram/bot
// bot: default poller, each text answered at once, nothing stored.
func targetRunEcho(b *testing.B, tg *telegramtest.Server) (stop func()) {
	b.Helper()
	echo := func(ctx context.Context, c *tgbot.Bot, u *models.Update) {
		if u.Message == nil {
			return
		}
		_, err := c.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: u.Message.Chat.ID, Text: "re: " + u.Message.Text})
		if err != nil && ctx.Err() == nil {
			b.Error(err)
		}
	}
	c, err := tgbot.New(telegramtest.Token, tgbot.WithServerURL(tg.URL()), tgbot.WithSkipGetMe(), tgbot.WithDefaultHandler(echo))
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { c.Start(ctx); close(stopped) }()
	return func() { cancel(); <-stopped }
}

// targetUsers registers n people with ids from first on.
func targetUsers(tg *telegramtest.Server, first int64, n int) []models.User {
	users := make([]models.User, n)
	for i := range users {
		users[i] = tg.User(first+int64(i), fmt.Sprintf("住户%d", i), "zh")
	}
	return users
}

// targetClean fails the benchmark on spec violations or 429 answers.
func targetClean(b *testing.B, tg *telegramtest.Server) {
	b.Helper()
	if v := tg.Violations(); len(v) > 0 {
		b.Fatal(v)
	}
	if n := tg.TooMany(); n != 0 {
		b.Fatalf("%d calls were answered 429", n)
	}
}

// targetReportText is the k-th report; its tag is unique.
func targetReportText(k int) string { return fmt.Sprintf("/report rpt-%06d 楼道灯不亮了", k) }

// targetReportSetup registers the groups and the people with the server.
// The admin links each group to its building and every person sends /help
// in private once, so the bot knows everyone before the clock starts. It
// returns once every answer arrived.
func targetReportSetup(b *testing.B, tg *telegramtest.Server) ([]models.User, []models.Chat) {
	b.Helper()
	admin := tg.User(targetAdmin, "Boss", "zh")
	groups := make([]models.Chat, targetGroups)
	for i := range groups {
		groups[i] = tg.Group(int64(-1002000-i), fmt.Sprintf("%d号楼", i+1))
		tg.SendText(admin, groups[i], fmt.Sprintf("/linkchat %d", i+1))
	}
	users := targetUsers(tg, 20000, targetReporters)
	for _, u := range users {
		tg.SendText(u, telegramtest.PrivateChat(u), "/help")
	}
	want := len(groups) + len(users)
	tg.WaitUntil(b, func() bool { return tg.CallCount("sendMessage") >= want }, targetWait)
	return users, groups
}

// targetQueueReports queues n reports: the k-th from person k mod 1,000 in
// that person's group.
func targetQueueReports(tg *telegramtest.Server, users []models.User, groups []models.Chat, n int) {
	for k := range n {
		i := k % len(users)
		tg.SendText(users[i], groups[i/targetPerGroup], targetReportText(k))
	}
}

// targetCheckReports checks that the line of each of the n reports arrived
// exactly once, in the reporter's group: one pass over the groups' messages.
func targetCheckReports(b *testing.B, tg *telegramtest.Server, users []models.User, groups []models.Chat, n int) {
	b.Helper()
	seen := make([]int, n)
	for g, chat := range groups {
		for _, m := range tg.Messages(chat.ID) {
			i := strings.Index(m.Plain, "rpt-")
			if i < 0 || len(m.Plain) < i+10 {
				continue
			}
			k, err := strconv.Atoi(m.Plain[i+4 : i+10])
			if err != nil || k >= n || (k%len(users))/targetPerGroup != g {
				b.Fatalf("group %d got an unexpected line: %q", g+1, m.Plain)
			}
			seen[k]++
		}
	}
	for k, c := range seen {
		if c != 1 {
			b.Fatalf("the line of report %d arrived %d times: %s", k, c, targetReportText(k))
		}
	}
}

// targetReportRun pushes b.N reports through the bot (or the echo bot) and
// returns updates per second. Only the bot's phase runs under the timer.
func targetReportRun(b *testing.B, bot bool) float64 {
	b.Helper()
	tg := telegramtest.New(b)
	var stop func()
	if bot {
		stop = targetRunBot(b, targetConfig(b, tg.URL(), targetGroups))
	} else {
		stop = targetRunEcho(b, tg)
	}
	defer stop()
	users, groups := targetReportSetup(b, tg)
	want := tg.CallCount("sendMessage") + b.N
	if bot {
		b.StartTimer()
	}
	start := time.Now()
	targetQueueReports(tg, users, groups, b.N)
	tg.WaitUntil(b, func() bool { return tg.CallCount("sendMessage") >= want }, targetWait)
	elapsed := time.Since(start)
	b.StopTimer()
	if got := tg.CallCount("sendMessage"); got != want {
		b.Fatalf("%d messages sent, want %d", got, want)
	}
	targetCheckReports(b, tg, users, groups, b.N)
	targetClean(b, tg)
	return float64(b.N) / elapsed.Seconds()
}

// BenchmarkTargetReport is target 1: b.N /report one-liners (use
// -benchtime 5000x) through the bot and, in the same run, through the echo
// bot; the two go first in turn.
func BenchmarkTargetReport(b *testing.B) {
	var s targetSeries
	runs := 0
	b.Run("1000people", func(b *testing.B) {
		b.StopTimer()
		runs++
		var bot, echo float64
		if runs%2 == 1 {
			bot, echo = targetReportRun(b, true), targetReportRun(b, false)
		} else {
			echo, bot = targetReportRun(b, false), targetReportRun(b, true)
		}
		b.ReportMetric(bot, "updates/s")
		b.ReportMetric(echo, "echo-updates/s")
		b.ReportMetric(bot/echo, "x-echo")
		s.add(b.N, bot, echo, bot/echo)
	})
	if m, n := s.medians(); n > 0 {
		fmt.Printf("target 1 throughput: %.0f updates/s; echo bot %.0f updates/s; ratio %.2f, want >= 1.00: %s (median of %d runs)\n",
			m[0], m[1], m[2], targetVerdict(m[2] >= 1), n)
	}
}

// targetSeries gathers a target's figures over the runs of a benchmark.
type targetSeries struct {
	n    []int
	rows [][]float64
}

func (s *targetSeries) add(n int, figures ...float64) {
	s.n, s.rows = append(s.n, n), append(s.rows, figures)
}

// medians are the medians of each figure over the runs with the largest
// b.N (the b.N = 1 probes of -benchtime Nx are left out), and their count.
func (s *targetSeries) medians() ([]float64, int) {
	if len(s.n) == 0 {
		return nil, 0
	}
	top := slices.Max(s.n)
	var cols [][]float64
	count := 0
	for i, row := range s.rows {
		if s.n[i] != top {
			continue
		}
		count++
		for j, v := range row {
			if j == len(cols) {
				cols = append(cols, nil)
			}
			cols[j] = append(cols[j], v)
		}
	}
	out := make([]float64, len(cols))
	for j, v := range cols {
		slices.Sort(v)
		out[j] = (v[(len(v)-1)/2] + v[len(v)/2]) / 2
	}
	return out, count
}

// targetPercentile is the nearest-rank p-th percentile of sorted v.
func targetPercentile(v []float64, p float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	i := int(math.Ceil(p/100*float64(len(v)))) - 1
	return v[min(max(i, 0), len(v)-1)]
}

func targetVerdict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "MISS"
}

// targetPace calls send(i) for i = 0, 1, ... at rate a second, paced by a
// ticker (sends that fell behind are caught up at the next tick), until
// done(i) reports true or n sends were made (n < 0: no bound). It returns
// how many it made.
func targetPace(rate float64, n int, done func(i int) bool, send func(i int)) int {
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	start := time.Now()
	i := 0
	for {
		due := int(time.Since(start).Seconds()*rate) + 1
		for ; i < due; i++ {
			if (n >= 0 && i >= n) || (done != nil && done(i)) {
				return i
			}
			send(i)
		}
		<-tick.C
	}
}
