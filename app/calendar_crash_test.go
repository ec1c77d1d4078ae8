package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
	"courtyard/testkit"
)

// calCrashEnv carries the database and the fake Telegram's URL to the child
// of TestCalendarCrashMidSend.
const calCrashEnv = "COURTYARD_CALENDAR_CRASH"

// calCrashT0 is when the notice is due; the child's clock is a minute later.
var calCrashT0 = time.Date(2026, 3, 2, 11, 30, 0, 0, time.UTC)

func calCrashConfig(db, api string) config.Config {
	cfg := config.Config{
		Telegram:  config.Telegram{Token: telegramtest.Token, APIURL: api, PollTimeout: 2 * time.Second},
		Database:  config.Database{Path: db},
		Admins:    []int64{adminID},
		Community: config.Community{Name: "南门社区", Timezone: "Asia/Shanghai", Language: "zh", Buildings: []string{"1", "2", "3"}},
	}
	cfg.Telegram.Limits = config.SendLimits{GlobalPerSecond: 400, PerChatPerSecond: 100, PerGroupPerMinute: 6000}
	return cfg.WithDefaults()
}

// TestCalendarCrashChild is the child: the whole bot on the parent's
// database and fake Telegram, its scheduled jobs ticking continually, until
// it is killed. It does nothing in a normal test run.
func TestCalendarCrashChild(t *testing.T) {
	env := os.Getenv(calCrashEnv)
	if env == "" {
		t.Skip("runs only as the child of TestCalendarCrashMidSend")
	}
	db, api, _ := strings.Cut(env, "|")
	ticks := make(chan chan struct{})
	go func() {
		pace := time.NewTicker(20 * time.Millisecond) // the child's pace; the parent waits on conditions
		for range pace.C {
			ack := make(chan struct{})
			ticks <- ack
			<-ack
		}
	}()
	now := func() time.Time { return calCrashT0.Add(time.Minute) }
	err := Run(context.Background(), calCrashConfig(db, api), Options{Now: now, Tick: ticks,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	t.Fatalf("the bot stopped: %v", err)
}

// A scheduled notice to 2,000 residents is sent by a process killed with
// SIGKILL several times in the middle of its sends, and restarted on the
// same database: the run happens once (one announcement, one outbox row
// per resident) and every resident gets the notice; a copy goes twice only
// if its call was on the way at a kill.
func TestCalendarCrashMidSend(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	const n = 2000
	tg := telegramtest.New(t)
	db := filepath.Join(t.TempDir(), "crash.db")
	s, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(context.Background(), func(tx *storage.Tx) error {
		for i := range n + 1 {
			id, unit := int64(5000+i), fmt.Sprint(100+i)
			if i == n {
				id = adminID
			}
			if err := tx.TouchMember(id, fmt.Sprintf("住户%d", i), "", "zh", calCrashT0); err != nil {
				return err
			}
			if err := tx.Register(id, "1", unit, calCrashT0); err != nil {
				return err
			}
		}
		sid, err := tx.CreateSchedule(storage.Schedule{OwnerID: adminID, Kind: storage.ScheduleOnce, Spec: fmt.Sprint(calCrashT0.UnixMilli()),
			What: storage.ScheduleNotice, Audience: storage.AudienceResidents, Text: "Crash notice", Ack: true, State: storage.ScheduleActive}, calCrashT0)
		if err != nil {
			return err
		}
		_, err = tx.ScheduleDue(storage.DueItem{Kind: "notice", Key: fmt.Sprintf("%d:%d", sid, calCrashT0.Unix()), DueAt: calCrashT0,
			Until: calCrashT0.Add(6 * time.Hour), Data: fmt.Sprintf(`{"schedule":%d,"at":%d}`, sid, calCrashT0.Unix())}, calCrashT0)
		return err
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	// Each person has opened the private chat (a press the bot answers
	// with a toast), so the bot may write to them.
	for i := range n + 1 {
		id := int64(5000 + i)
		if i == n {
			id = adminID
		}
		u := tg.User(id, fmt.Sprintf("住户%d", i), "zh")
		tg.PressRaw(u, telegramtest.PrivateChat(u), 1, "x")
	}

	start := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCalendarCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), calCrashEnv+"="+db+"|"+tg.URL())
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	kill := func(cmd *exec.Cmd) bool {
		cmd.Process.Signal(syscall.SIGKILL)
		return testkit.KilledBySignal(cmd.Wait())
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 11))
	t.Logf("seed %d", seed)
	sends := func() int { return tg.CallCount("sendMessage") }
	kills := 0
	for at := 100 + rng.IntN(300); at < n; at += 200 + rng.IntN(500) {
		cmd := start()
		tg.WaitUntil(t, func() bool { return sends() >= at }, time.Minute)
		if !kill(cmd) {
			t.Fatalf("the child ended by itself before kill %d", kills+1)
		}
		kills++
		t.Logf("kill %d after %d sends", kills, sends())
	}
	if kills == 0 {
		t.Fatal("the child was never killed")
	}
	cmd := start()
	defer kill(cmd)
	got := func(id int64) int {
		c := 0
		for _, m := range tg.Messages(id) {
			if strings.Contains(m.Plain, "Crash notice") {
				c++
			}
		}
		return c
	}
	defer func() {
		if t.Failed() {
			missing := 0
			for i := range n {
				if got(int64(5000+i)) == 0 {
					missing++
				}
			}
			t.Logf("%d residents without the notice; %d sends", missing, sends())
			if s, err := storage.OpenNoMigrate(db); err == nil {
				s.View(context.Background(), func(tx *storage.Tx) error {
					c, err := tx.RefCounts("ann:1")
					t.Logf("outbox of the notice: %v %v", c, err)
					items, err := tx.DueHistory("notice", fmt.Sprintf("1:%d", calCrashT0.Unix()))
					t.Logf("due: %+v %v", items, err)
					return nil
				})
				s.Close()
			}
		}
	}()
	tg.WaitUntil(t, func() bool {
		for i := range n {
			if got(int64(5000+i)) == 0 {
				return false
			}
		}
		return got(adminID) > 0
	}, 2*time.Minute)
	// Every call's outcome recorded before the last stop.
	testkit.Await(t, time.Minute, tg.Changed, func() bool {
		rs, err := storage.OpenNoMigrate(db)
		if err != nil {
			return false
		}
		defer rs.Close()
		pending := -1
		rs.View(context.Background(), func(tx *storage.Tx) error {
			c, err := tx.RefCounts("ann:1")
			pending = c[storage.OutPending]
			return err
		})
		return pending == 0
	}, "calls left without an outcome")
	kill(cmd)

	twice := 0
	for i := range n {
		twice += got(int64(5000+i)) - 1
	}
	t.Logf("%d kills; %d of %d copies went twice (their call was on the way at a kill)", kills, twice, n+1)
	if twice > kills*calSenderInFlight {
		t.Errorf("%d copies went twice after %d kills; at most %d calls can be on the way at once", twice, kills, calSenderInFlight)
	}
	s, err = storage.OpenNoMigrate(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.View(context.Background(), func(tx *storage.Tx) error {
		anns, err := tx.RecentAnnouncements(0, 10)
		if err != nil {
			return err
		}
		if len(anns) != 1 || anns[0].Recipients != n+1 {
			t.Errorf("announcements: %+v", anns)
		}
		counts, err := tx.RefCounts("ann:1")
		if err != nil {
			return err
		}
		if total := counts[storage.OutSent] + counts[storage.OutPending]; total != n+1 || counts[storage.OutSent] != n+1 {
			t.Errorf("outbox rows of the notice: %v, want %d sent", counts, n+1)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// calSenderInFlight is how many calls the sender may have on the way at once.
const calSenderInFlight = 64
