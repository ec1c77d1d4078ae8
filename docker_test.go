package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
)

// dockerOrSkip skips the test, saying why, unless a Docker daemon answers
// and the base images can be had (pulled now, or there already).
func dockerOrSkip(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a Docker image")
	}
	if _, err := exec.LookPath("docker"); err != nil {
		t.Skip("docker is not installed")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "docker", "info", "--format", "{{.ServerVersion}}").CombinedOutput(); err != nil {
		t.Skipf("the Docker daemon is not reachable (docker info: %v: %s)", err, firstLine(out))
	}
	for _, image := range []string{"golang:1.26-bookworm", "debian:bookworm-slim"} {
		if exec.Command("docker", "image", "inspect", image).Run() == nil {
			continue
		}
		pctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		out, err := exec.CommandContext(pctx, "docker", "pull", image).CombinedOutput()
		cancel()
		if err != nil {
			t.Skipf("the base image %s cannot be pulled here (%v: %s)", image, err, firstLine(out))
		}
	}
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return s
}

// freePort is a TCP port on 127.0.0.1 nobody listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestDockerImageRunsTheBot builds the image and runs it against the fake
// Bot API: it answers /help, its HEALTHCHECK turns healthy, the database is
// on the volume, and SIGTERM stops it with status 0.
func TestDockerImageRunsTheBot(t *testing.T) {
	dockerOrSkip(t)
	tag := fmt.Sprintf("courtyard-test:%d", time.Now().UnixNano())
	build := exec.Command("docker", "build", "--build-arg", "VERSION=test", "-t", tag, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("docker build: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("docker", "image", "rm", "-f", tag).Run() })

	tg := telegramtest.New(t)
	port := freePort(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "courtyard.yaml")
	body := fmt.Sprintf(goodConfig, tg.URL(), "/data/courtyard.db") + fmt.Sprintf("http:\n  listen: 127.0.0.1:%d\n", port)
	if err := os.WriteFile(conf, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	name := strings.ReplaceAll(strings.TrimPrefix(tag, "courtyard-test:"), ":", "-")
	name = "courtyard-test-" + name
	vol := name + "-data"
	// The host's network, so the container reaches the fake server on
	// 127.0.0.1 and the test reaches /healthz.
	run := exec.Command("docker", "run", "-d", "--name", name, "--network", "host",
		"-e", "COURTYARD_TELEGRAM_TOKEN="+telegramtest.Token,
		"-v", vol+":/data", "-v", conf+":/etc/courtyard/courtyard.yaml:ro",
		"--health-interval", "1s", "--health-start-period", "1s", tag)
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("docker run: %v\n%s", err, out)
	}
	t.Cleanup(func() {
		if t.Failed() {
			out, _ := exec.Command("docker", "logs", name).CombinedOutput()
			t.Logf("container log:\n%s", out)
		}
		exec.Command("docker", "rm", "-f", name).Run()
		exec.Command("docker", "volume", "rm", "-f", vol).Run()
	})

	u := tg.User(2001, "Ann", "en")
	tg.WaitCall(t, "getUpdates", func(telegramtest.Call) bool { return true }, time.Minute)
	tg.SendText(u, telegramtest.PrivateChat(u), "/help")
	tg.WaitMessage(t, u.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "/report") }, time.Minute)

	health := func() string {
		out, _ := exec.Command("docker", "inspect", "--format", "{{.State.Health.Status}}", name).Output()
		return strings.TrimSpace(string(out))
	}
	tg.WaitUntil(t, func() bool { return health() == "healthy" }, time.Minute)
	res, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/healthz", port))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("/healthz answered %d", res.StatusCode)
	}
	if out, err := exec.Command("docker", "exec", name, "id", "-u").Output(); err != nil || strings.TrimSpace(string(out)) == "0" {
		t.Errorf("the bot runs as root (id -u: %q, %v)", out, err)
	}

	if out, err := exec.Command("docker", "stop", "-t", "20", name).CombinedOutput(); err != nil {
		t.Fatalf("docker stop: %v\n%s", err, out)
	}
	out, _ := exec.Command("docker", "inspect", "--format", "{{.State.ExitCode}}", name).Output()
	if code := strings.TrimSpace(string(out)); code != "0" {
		t.Errorf("exit status after SIGTERM: %s", code)
	}
	// The database is on the volume: a backup from a fresh container finds it.
	var backupOut bytes.Buffer
	backup := exec.Command("docker", "run", "--rm", "--network", "host", "-e", "COURTYARD_TELEGRAM_TOKEN="+telegramtest.Token,
		"-v", vol+":/data", "-v", conf+":/etc/courtyard/courtyard.yaml:ro", tag,
		"backup", "-config", "/etc/courtyard/courtyard.yaml", "/data/copy.db")
	backup.Stdout, backup.Stderr = &backupOut, &backupOut
	if err := backup.Run(); err != nil || !strings.Contains(backupOut.String(), "backup written") {
		t.Errorf("backup from the volume: %v\n%s", err, backupOut.String())
	}
}
