package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
)

// frRun runs the binary in dir with env and returns its output and exit code.
func frRun(t *testing.T, bin, dir string, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return out.String(), errOut.String(), ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return out.String(), errOut.String(), 0
}

// TestFirstRunFromTheExample follows the README's first day as a new
// administrator would: copy the example to config.yaml, run check-config,
// put in one's id, run the bot with the token in the environment, link a
// building's group, make a leader, and send a test report.
func TestFirstRunFromTheExample(t *testing.T) {
	bin := buildBinary(t)
	tg := telegramtest.New(t)
	dir := t.TempDir()
	example, err := os.ReadFile("config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Before the copy, the bot says how to make the configuration.
	if _, errOut, code := frRun(t, bin, dir, nil); code != 2 ||
		!strings.Contains(errOut, "cp config.example.yaml config.yaml") || !strings.Contains(errOut, "go run . try") {
		t.Fatalf("run without config.yaml: exit %d, %q", code, errOut)
	}
	write(string(example))
	_, errOut, code := frRun(t, bin, dir, nil, "check-config")
	if code != 2 || !strings.Contains(errOut, "the example's placeholder") || !strings.Contains(errOut, "@userinfobot") {
		t.Fatalf("check-config of the unedited example: exit %d, %q", code, errOut)
	}

	const adminID = 5012345678
	edited := strings.Replace(string(example), "  - 123456789\n", "  - 5012345678\n", 1)
	edited = strings.Replace(edited, "api_url: https://api.telegram.org", "api_url: "+tg.URL(), 1)
	write(edited)
	out, errOut, code := frRun(t, bin, dir, nil, "check-config")
	if code != 0 || !strings.Contains(out, "config.yaml: OK (南门社区, 13 buildings)") || !strings.Contains(out, "COURTYARD_TELEGRAM_TOKEN") {
		t.Fatalf("check-config without the token: exit %d, %q %q", code, out, errOut)
	}
	if _, errOut, code := frRun(t, bin, dir, nil); code != 2 || !strings.Contains(errOut, "telegram.token is empty") {
		t.Fatalf("run without the token: exit %d, %q", code, errOut)
	}

	cmd, done, logs := startBot(t, bin, dir)
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-done
		}
	}()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the bot's log:\n%s", logs.String())
		}
	})
	// The example's 50-second long poll is answered as soon as there is news.

	boss := tg.User(adminID, "Boss", "zh")
	started := tg.Mark()
	tg.SendText(boss, telegramtest.PrivateChat(boss), "/start")
	tg.WaitMessageSince(t, started, boss.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "南门社区") }, 10*time.Second)
	tg.WaitCallSince(t, started, "setMyCommands", func(c telegramtest.Call) bool {
		scope, _ := c.Params["scope"].(map[string]any)
		return scope["type"] == "chat" && scope["chat_id"] == float64(adminID) && frHasCommand(c, "grant")
	}, 10*time.Second)
	g := tg.Group(-100500, "3号楼")
	linked := tg.Mark()
	tg.SendText(boss, g, "/linkchat 3")
	tg.WaitMessageSince(t, linked, g.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "本群已关联到 3 栋") }, 10*time.Second)

	// The leader writes to the bot first, then is given building 3.
	leader := tg.User(adminID+1, "李", "zh")
	registered := tg.Mark()
	tg.SendText(leader, telegramtest.PrivateChat(leader), "/start")
	m := tg.WaitMessageSince(t, registered, leader.ID, func(m telegramtest.Message) bool { return frHasButton(m, "reg:b:3") }, 10*time.Second)
	tg.Press(leader, m, "reg:b:3")
	ask := tg.WaitMessageSince(t, registered, leader.ID, func(m telegramtest.Message) bool { return m.ForceReply }, 10*time.Second)
	tg.SendReply(leader, telegramtest.PrivateChat(leader), "502", ask)
	tg.WaitMessageSince(t, registered, leader.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "登记好了：3 栋 502") }, 10*time.Second)
	granted := tg.Mark()
	tg.SendText(boss, telegramtest.PrivateChat(boss), "/grant 5012345679 leader 3")
	tg.WaitMessageSince(t, granted, leader.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "您的身份已更新为") }, 10*time.Second)

	// A test report in the building's group reaches the group and the leader.
	resident := tg.User(adminID+2, "王", "zh")
	reported := tg.Mark()
	tg.SendText(resident, g, "/report 车棚旁边的路灯不亮")
	tg.WaitMessageSince(t, reported, g.ID, func(m telegramtest.Message) bool {
		return strings.Contains(m.Plain, "#1") && strings.Contains(m.Plain, "车棚旁边的路灯不亮")
	}, 10*time.Second)
	tg.WaitMessageSince(t, reported, leader.ID, func(m telegramtest.Message) bool {
		return strings.Contains(m.Plain, "车棚旁边的路灯不亮") && frHasButtonLabel(m, "认领")
	}, 10*time.Second)

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v\n%s", err, logs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("still running after SIGTERM\n%s", logs.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "courtyard.db")); err != nil {
		t.Errorf("no database beside the config: %v", err)
	}
}

// frHasCommand reports whether a setMyCommands call lists name.
func frHasCommand(c telegramtest.Call, name string) bool {
	cmds, _ := c.Params["commands"].([]any)
	for _, v := range cmds {
		if m, _ := v.(map[string]any); m["command"] == name {
			return true
		}
	}
	return false
}

// frHasButton reports whether a message has a button with callback data.
func frHasButton(m telegramtest.Message, data string) bool {
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Data == data {
				return true
			}
		}
	}
	return false
}

// frHasButtonLabel reports whether a message has a button labelled text.
func frHasButtonLabel(m telegramtest.Message, text string) bool {
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Text == text {
				return true
			}
		}
	}
	return false
}
