package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
	"courtyard/testkit"
)

// binary is the courtyard binary built once for the tests that run it.
var binary struct {
	once sync.Once
	path string
	err  error
}

func buildBinary(t *testing.T) string {
	t.Helper()
	binary.once.Do(func() {
		dir, err := os.MkdirTemp("", "courtyard-bin")
		if err != nil {
			binary.err = err
			return
		}
		binary.path = filepath.Join(dir, "courtyard")
		out, err := exec.Command("go", "build", "-o", binary.path, ".").CombinedOutput()
		if err != nil {
			binary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binary.err != nil {
		t.Fatal(binary.err)
	}
	return binary.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binary.path != "" {
		os.RemoveAll(filepath.Dir(binary.path))
	}
	os.Exit(code)
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func noEnv(string) string { return "" }

const goodConfig = `
admins: [42]
telegram:
  api_url: %s
  poll_timeout: 2s
database:
  path: %s
community:
  name: 南门社区
  buildings: ["1", "2", "3"]
`

func TestConfigErrorsExitTwoWithMessage(t *testing.T) {
	cases := []struct {
		name, config, want string
		env                func(string) string
	}{
		{"unknown key", "telegram:\n  tokne: x\ncommunity:\n  buildings: [\"1\"]\n", `unknown key "tokne"`, noEnv},
		{"no token", "admins: [42]\ncommunity:\n  buildings: [\"1\"]\n", "telegram.token is empty", noEnv},
		{"no admins", "telegram:\n  token: \"1:x\"\ncommunity:\n  buildings: [\"1\"]\n", "admins is empty", noEnv},
		{"bad zone", "telegram:\n  token: \"1:x\"\ncommunity:\n  timezone: Mars/Base\n  buildings: [\"1\"]\n", "Mars/Base", noEnv},
		{"no buildings", "telegram:\n  token: \"1:x\"\n", "community.buildings", noEnv},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "c.yaml")
			if err := os.WriteFile(p, []byte(tc.config), 0o600); err != nil {
				t.Fatal(err)
			}
			var out, errOut bytes.Buffer
			code := run(context.Background(), []string{"-config", p}, &out, &errOut, tc.env)
			if code != 2 {
				t.Fatalf("exit %d, want 2; stderr: %s", code, errOut.String())
			}
			if !strings.Contains(errOut.String(), tc.want) || strings.Count(strings.TrimSpace(errOut.String()), "\n") != 0 {
				t.Errorf("want one line naming %q, got %q", tc.want, errOut.String())
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("a failed start wrote files: %v", entries)
			}
		})
	}
}

func TestBinaryConfigErrors(t *testing.T) {
	bin := buildBinary(t)
	for _, tc := range []struct{ config, want string }{
		{"telegram:\n  token: \"1:x\"\n  pol_timeout: 3s\ncommunity:\n  buildings: [\"1\"]\n", `line 3: unknown key "pol_timeout"`},
		{"admins: [42]\ncommunity:\n  buildings: [\"1\"]\n", "telegram.token is empty"},
	} {
		p := writeFile(t, "c.yaml", tc.config)
		cmd := exec.Command(bin, "run", "-config", p)
		cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 2 {
			t.Fatalf("want exit 2, got %v; stderr %s", err, errOut.String())
		}
		if !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("stderr %q lacks %q", errOut.String(), tc.want)
		}
	}
}

func TestSubcommands(t *testing.T) {
	tg := telegramtest.New(t)
	db := filepath.Join(t.TempDir(), "c.db")
	p := writeFile(t, "c.yaml", fmt.Sprintf(goodConfig, tg.URL(), db))
	env := func(k string) string {
		if k == "COURTYARD_TELEGRAM_TOKEN" {
			return telegramtest.Token
		}
		return ""
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"check-config", "-config", p}, &out, &errOut, env); code != 0 || !strings.Contains(out.String(), "OK") {
		t.Fatalf("check-config: %d %s %s", code, out.String(), errOut.String())
	}
	if code := run(context.Background(), []string{"migrate", "-config", p}, &out, &errOut, env); code != 0 {
		t.Fatalf("migrate: %d %s", code, errOut.String())
	}
	// Only run needs the token: the others work without it.
	if code := run(context.Background(), []string{"migrate", "-config", p}, &out, &errOut, noEnv); code != 0 {
		t.Fatalf("migrate without the token: %d %s", code, errOut.String())
	}
	backup := filepath.Join(t.TempDir(), "copy.db")
	if code := run(context.Background(), []string{"backup", "-config", p, backup + ".2"}, &out, &errOut, noEnv); code != 0 {
		t.Fatalf("backup without the token: %d %s", code, errOut.String())
	}
	if code := run(context.Background(), []string{"backup", "-config", p, backup}, &out, &errOut, env); code != 0 {
		t.Fatalf("backup: %d %s", code, errOut.String())
	}
	if _, err := os.Stat(backup); err != nil {
		t.Fatal(err)
	}
	if code := run(context.Background(), []string{"backup", "-config", p, backup}, &out, &errOut, env); code == 0 {
		t.Fatal("backup over an existing file must fail")
	}
	out.Reset()
	if code := run(context.Background(), []string{"version"}, &out, &errOut, env); code != 0 || !strings.HasPrefix(out.String(), "courtyard ") {
		t.Fatalf("version: %d %q", code, out.String())
	}
	errOut.Reset()
	if code := run(context.Background(), []string{"migrate", "-h"}, &out, &errOut, env); code != 0 || !strings.Contains(errOut.String(), "-config") {
		t.Fatalf("-h: %d %q", code, errOut.String())
	}
	if code := run(context.Background(), []string{"frobnicate"}, &out, &errOut, env); code != 2 {
		t.Fatalf("unknown subcommand: %d", code)
	}
}

// startBot starts the binary with args in dir ("": here) and the token in
// its environment; its stderr collects in logs and its exit comes on done.
func startBot(t *testing.T, bin, dir string, args ...string) (cmd *exec.Cmd, done <-chan error, logs *testkit.Logs) {
	t.Helper()
	cmd = exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "COURTYARD_TELEGRAM_TOKEN=" + telegramtest.Token}
	logs = &testkit.Logs{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exit := make(chan error, 1)
	go func() { exit <- cmd.Wait() }()
	return cmd, exit, logs
}

func TestSIGTERMStopsWithinFiveSeconds(t *testing.T) {
	bin := buildBinary(t)
	tg := telegramtest.New(t)
	db := filepath.Join(t.TempDir(), "c.db")
	p := writeFile(t, "c.yaml", fmt.Sprintf(goodConfig, tg.URL(), db))
	cmd, done, logs := startBot(t, bin, "", "-config", p)
	// Wait until the bot is polling, then ask it something so an update is in hand.
	tg.WaitCall(t, "getUpdates", func(telegramtest.Call) bool { return true }, 10*time.Second)
	u := tg.User(2001, "Ann", "en")
	tg.SendText(u, telegramtest.PrivateChat(u), "/help")
	tg.WaitMessage(t, u.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "Commands") }, 10*time.Second)

	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v\n%s", err, logs.String())
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("took %v to stop", d)
		}
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("still running 5s after SIGTERM\n%s", logs.String())
	}
	if strings.Contains(logs.String(), telegramtest.Token) {
		t.Errorf("the token appears in the logs")
	}
}

// A part of the bot that cannot go on (here the sender, whose outbox table
// is gone) stops the process with a non-zero exit, so that systemd or
// Docker starts it again.
func TestBrokenSenderExitsNonZero(t *testing.T) {
	bin := buildBinary(t)
	tg := telegramtest.New(t)
	db := filepath.Join(t.TempDir(), "c.db")
	p := writeFile(t, "c.yaml", fmt.Sprintf(goodConfig, tg.URL(), db))
	cmd, done, logs := startBot(t, bin, "", "-config", p)
	tg.WaitCall(t, "getUpdates", func(telegramtest.Call) bool { return true }, 10*time.Second)
	sqlDB, err := sql.Open("sqlite3", storage.DSN(db))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqlDB.Exec("ALTER TABLE outbox RENAME TO outbox_gone"); err != nil {
		t.Fatal(err)
	}
	sqlDB.Close()
	u := tg.User(2001, "Ann", "en")
	tg.SendText(u, telegramtest.PrivateChat(u), "/help")
	select {
	case err := <-done:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != exitFail {
			t.Fatalf("exit: %v, want status %d\n%s", err, exitFail, logs.String())
		}
		if !strings.Contains(logs.String(), "reading the outbox failed 6 times in a row") {
			t.Errorf("the reason is not logged\n%s", logs.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("still running with a broken sender\n%s", logs.String())
	}
}

// A send whose outcome cannot be recorded (every change to an outbox row
// fails, as on a full disk) stops the process with a non-zero exit after
// that one call: the reply is not sent again.
func TestUnrecordableSendExitsNonZero(t *testing.T) {
	bin := buildBinary(t)
	tg := telegramtest.New(t)
	db := filepath.Join(t.TempDir(), "c.db")
	p := writeFile(t, "c.yaml", fmt.Sprintf(goodConfig, tg.URL(), db))
	cmd, done, logs := startBot(t, bin, "", "-config", p)
	tg.WaitCall(t, "getUpdates", func(telegramtest.Call) bool { return true }, 10*time.Second)
	sqlDB, err := sql.Open("sqlite3", storage.DSN(db))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqlDB.Exec(`CREATE TRIGGER full BEFORE UPDATE ON outbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`); err != nil {
		t.Fatal(err)
	}
	sqlDB.Close()
	u := tg.User(2001, "Ann", "en")
	tg.SendText(u, telegramtest.PrivateChat(u), "/help")
	select {
	case err := <-done:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != exitFail {
			t.Fatalf("exit: %v, want status %d\n%s", err, exitFail, logs.String())
		}
		if !strings.Contains(logs.String(), "database or disk is full") {
			t.Errorf("the reason is not logged\n%s", logs.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("still running after a send could not be recorded\n%s", logs.String())
	}
	if n := len(tg.Messages(u.ID)); n != 1 {
		t.Errorf("the reply went out %d times, want once\n%s", n, logs.String())
	}
}

// `courtyard health` asks /healthz: exit 0 when it answers 200, 1 when not,
// and 0 with a note when the listener is off.
func TestHealthSubcommand(t *testing.T) {
	status := 200
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
		fmt.Fprintln(w, map[int]string{200: "ok", 503: "getUpdates has not answered yet"}[status])
	}))
	defer srv.Close()
	env := func(k string) string {
		if k == "COURTYARD_TELEGRAM_TOKEN" {
			return telegramtest.Token
		}
		return ""
	}
	on := writeFile(t, "on.yaml", fmt.Sprintf(goodConfig, "http://127.0.0.1:1", "x.db")+"http:\n  listen: "+strings.TrimPrefix(srv.URL, "http://")+"\n")
	off := writeFile(t, "off.yaml", fmt.Sprintf(goodConfig, "http://127.0.0.1:1", "x.db"))
	for _, c := range []struct {
		config string
		status int
		code   int
		out    string
	}{
		{on, 200, exitOK, "ok"},
		{on, 503, exitFail, "503 getUpdates has not answered yet"},
		{off, 200, exitOK, "http.listen is off"},
	} {
		status = c.status
		var out, errOut bytes.Buffer
		code := run(context.Background(), []string{"health", "-config", c.config}, &out, &errOut, env)
		if code != c.code || !strings.Contains(out.String()+errOut.String(), c.out) {
			t.Errorf("health (%d): exit %d, out %q, err %q", c.status, code, out.String(), errOut.String())
		}
	}
}

// A missing configuration file says how to make one from the example and
// how to try the bot without one, for every command that reads it.
func TestMissingConfigSaysWhereToStart(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{}, {"run"}, {"check-config"}, {"migrate"}, {"health"}, {"backup", "x.db"}} {
		var out, errOut bytes.Buffer
		p := filepath.Join(dir, "config.yaml")
		full := []string{"-config", p}
		if len(args) > 0 {
			full = append([]string{args[0], "-config", p}, args[1:]...)
		}
		code := run(context.Background(), full, &out, &errOut, noEnv)
		msg := errOut.String()
		if code != 2 || !strings.Contains(msg, "no configuration file "+p) ||
			!strings.Contains(msg, "cp config.example.yaml "+p) || !strings.Contains(msg, "courtyard try") ||
			!strings.Contains(msg, "go run . try") {
			t.Errorf("%v without a config: exit %d, %q", args, code, msg)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a start without a config wrote files: %v", entries)
	}
}

// backup without OUT, or with two, says what it needs and changes nothing.
func TestBackupNamesWhatItNeeds(t *testing.T) {
	tg := telegramtest.New(t)
	dir := t.TempDir()
	conf := writeFile(t, "c.yaml", fmt.Sprintf(goodConfig, tg.URL(), filepath.Join(dir, "courtyard.db")))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"backup", "-config", conf}, "courtyard backup: name the file to write the copy to"},
		{[]string{"backup", "-config", conf, "a.db", "b.db"}, `courtyard backup: one file to write, not 2: ["a.db" "b.db"]`},
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), tc.args, &out, &errOut, noEnv)
		lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
		if code != 2 || len(lines) != 2 || !strings.HasPrefix(lines[0], tc.want) ||
			lines[1] != "usage: courtyard backup [-config FILE] OUT.db" {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, errOut.String())
		}
		if strings.Contains(errOut.String(), "unexpected") {
			t.Errorf("%v: %q", tc.args, errOut.String())
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused backup wrote files: %v", entries)
	}
}

// A backup needs no token: neither in the file nor in the environment (the
// backup unit and the compose service run without it).
func TestBackupNeedsNoToken(t *testing.T) {
	dir := t.TempDir()
	conf := writeFile(t, "c.yaml", fmt.Sprintf(goodConfig, "http://127.0.0.1:1", filepath.Join(dir, "courtyard.db")))
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"migrate", "-config", conf}, &out, &errOut, noEnv); code != 0 {
		t.Fatalf("migrate: exit %d, %q", code, errOut.String())
	}
	copyPath := filepath.Join(dir, "copy.db")
	out.Reset()
	if code := run(context.Background(), []string{"backup", "-config", conf, copyPath}, &out, &errOut, noEnv); code != 0 ||
		out.String() != "backup written to "+copyPath+"\n" {
		t.Fatalf("backup without a token: exit %d, out %q, err %q", code, out.String(), errOut.String())
	}
	if _, err := os.Stat(copyPath); err != nil {
		t.Fatal(err)
	}
}

// check-config refuses working hours it cannot read, naming the item.
func TestCheckConfigRefusesBadWorkingHours(t *testing.T) {
	p := writeFile(t, "c.yaml", "admins: [42]\ncommunity:\n  buildings: [\"1\"]\ntickets:\n  working_hours:\n    - mon-fri 08:30-17:30\n    - saturday morning\n")
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"check-config", "-config", p}, &out, &errOut, noEnv); code != 2 {
		t.Fatalf("check-config: exit %d, want 2; %s %s", code, out.String(), errOut.String())
	}
	if want := `tickets.working_hours[1] "saturday morning": "morning" is not a time range like 08:30-17:30`; !strings.Contains(errOut.String(), want) {
		t.Errorf("check-config said %q, want %q", errOut.String(), want)
	}
}
