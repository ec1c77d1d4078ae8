package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
	"courtyard/testkit"
)

const crashConfig = `
telegram:
  api_url: %s
  poll_timeout: 2s
  limits:
    global_per_second: 5000
    per_chat_per_second: 1000
    per_group_per_minute: 60000
database:
  path: %s
admins: [1000]
community:
  name: 南门社区
  buildings: [%s]
tickets:
  per_user_per_hour: 1000
limits:
  commands_per_minute: 1000
log:
  level: warn
`

// senderWorkers is how many calls the sender may have made without their
// outcome committed (bot's maxUnrecorded): what a kill can make go out twice.
const senderWorkers = 64

// botProcess runs the binary, again and again, on one config.
type botProcess struct {
	t      *testing.T
	bin    string
	config string
	cmd    *exec.Cmd
	done   chan error
	logs   []*testkit.Logs
}

func (p *botProcess) start() {
	p.t.Helper()
	cmd := exec.Command(p.bin, "run", "-config", p.config)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "COURTYARD_TELEGRAM_TOKEN=" + telegramtest.Token}
	log := &testkit.Logs{}
	cmd.Stderr = log
	if err := cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
	p.cmd, p.done, p.logs = cmd, make(chan error, 1), append(p.logs, log)
	go func() { p.done <- cmd.Wait() }()
}

// end sends sig and waits for the process to exit.
func (p *botProcess) end(sig syscall.Signal) error {
	p.t.Helper()
	if p.cmd == nil {
		return nil
	}
	p.cmd.Process.Signal(sig)
	defer func() { p.cmd = nil }()
	select {
	case err := <-p.done:
		return err
	case <-time.After(30 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
		p.t.Fatalf("the bot did not exit after %v", sig)
		return nil
	}
}

// TestCrashLosesNothingAndAppliesNothingTwice kills the real binary with
// SIGKILL several times while residents send commands, restarting it on
// the same database each time: every command opens exactly one ticket, and
// every reply arrives; a reply is sent twice only if it was in flight at a
// kill.
func TestCrashLosesNothingAndAppliesNothingTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary for a while")
	}
	bin := buildBinary(t)
	tg := telegramtest.New(t)
	const nGroups, nUsers, nCommands = 20, 200, 2000
	var buildings []string
	for i := 1; i <= nGroups; i++ {
		buildings = append(buildings, fmt.Sprintf("%q", fmt.Sprint(i)))
	}
	db := filepath.Join(t.TempDir(), "crash.db")
	p := &botProcess{t: t, bin: bin, config: writeFile(t, "c.yaml", fmt.Sprintf(crashConfig, tg.URL(), db, strings.Join(buildings, ", ")))}
	t.Cleanup(func() {
		p.end(syscall.SIGKILL)
		if t.Failed() {
			for i, l := range p.logs {
				t.Logf("log of run %d:\n%s", i+1, l.String())
			}
		}
	})
	rng := testkit.Rand(t, 7)

	p.start()
	admin := tg.User(1000, "Boss", "zh")
	groups := make([]models.Chat, nGroups)
	for i := range groups {
		groups[i] = tg.Group(int64(-1001000-i), fmt.Sprintf("%d号楼", i+1))
		tg.SendText(admin, groups[i], fmt.Sprintf("/linkchat %d", i+1))
	}
	for _, g := range groups {
		tg.WaitMessage(t, g.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "本群已关联") }, time.Minute)
	}
	users := make([]models.User, nUsers)
	for i := range users {
		users[i] = tg.User(int64(3000+i), fmt.Sprintf("住户%d", i), "zh")
	}

	// Commands flow in at the bot's pace: at most a batch waits at the
	// server, and at most a few hundred are unanswered.
	next, firstID := 0, int64(0)
	feed := func() {
		for next < nCommands && tg.Pending() < 100 && next-(tg.CallCount("sendMessage")-nGroups) < 300 {
			id := tg.SendText(users[next%nUsers], groups[next%nGroups], fmt.Sprintf("/report crash-%04d 楼道灯不亮", next))
			if next == 0 {
				firstID = id
			}
			next++
		}
	}
	acked := func() int64 {
		if firstID == 0 {
			return 0
		}
		return tg.Confirmed() - firstID
	}
	// 3 to 5 kills, each once a random number of commands was acknowledged
	// and then a random number of further calls reached the server.
	kills := make([]int64, 3+rng.IntN(3))
	for i := range kills {
		kills[i] = int64(100 + rng.IntN(nCommands-200))
	}
	slices.Sort(kills)
	for i, at := range kills {
		tg.WaitUntil(t, func() bool { feed(); return acked() >= at }, time.Minute)
		calls := tg.CallCount("") + rng.IntN(80)
		tg.WaitUntil(t, func() bool { feed(); return tg.CallCount("") >= calls }, time.Minute)
		if err := p.end(syscall.SIGKILL); !testkit.KilledBySignal(err) {
			t.Fatalf("kill %d: the bot had exited already (%v)", i+1, err)
		}
		t.Logf("kill %d after %d commands acknowledged, %d sent", i+1, acked(), next)
		p.start()
	}

	// Wait for every command to be acknowledged and every reply to arrive.
	tag := regexp.MustCompile(`crash-\d{4}`)
	seen := map[string]int{}
	lastCount := 0
	complete := func() bool {
		feed()
		n := tg.CallCount("sendMessage")
		if next < nCommands || acked() < nCommands || n < nCommands+nGroups || n == lastCount {
			return false
		}
		lastCount = n
		clear(seen)
		for _, g := range groups {
			for _, m := range tg.Messages(g.ID) {
				if s := tag.FindString(m.Plain); s != "" {
					seen[s]++
				}
			}
		}
		return len(seen) == nCommands
	}
	tg.WaitUntil(t, complete, 2*time.Minute)
	if err := p.end(syscall.SIGTERM); err != nil {
		t.Errorf("the bot stopped with %v", err)
	}

	dups := 0
	for _, n := range seen {
		dups += n - 1
	}
	t.Logf("%d kills, %d replies arrived twice (at most %d allowed)", len(kills), dups, len(kills)*senderWorkers)
	if dups > len(kills)*senderWorkers {
		t.Errorf("%d duplicate replies after %d kills", dups, len(kills))
	}

	s, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tickets := map[string]int{}
	err = s.View(context.Background(), func(tx *storage.Tx) error {
		if in, err := tx.PendingUpdates(1); err != nil || len(in) != 0 {
			return errors.Join(err, fmt.Errorf("%d updates left unprocessed", len(in)))
		}
		return tx.ExportTickets(time.Time{}, time.Time{}, func(tk storage.Ticket) error {
			tickets[tag.FindString(tk.Text)]++
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range nCommands {
		if n := tickets[fmt.Sprintf("crash-%04d", i)]; n != 1 {
			t.Errorf("command %d opened %d tickets", i, n)
		}
	}
	if len(tickets) != nCommands {
		t.Errorf("%d distinct tickets, want %d", len(tickets), nCommands)
	}
}
