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

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"

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
	if out, err := exec.Command("docker", "exec", name, "test", "-s", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc").CombinedOutput(); err != nil {
		t.Errorf("the image has no CJK font for the chart: %v %s", err, out)
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

// TestDockerignoreKeepsSecretsOut lays out a checkout with tokens,
// configurations and databases at several depths and decides, with the
// matcher Docker uses for .dockerignore, which files a `docker build`
// would send: none of those, and every source file.
func TestDockerignoreKeepsSecretsOut(t *testing.T) {
	f, err := os.Open(".dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	patterns, err := ignorefile.ReadAll(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		t.Fatal(err)
	}
	secret := []string{
		".env", "config.yaml", "courtyard.yaml", "courtyard.db", "courtyard.db-wal", "courtyard.db-shm",
		"deploy/.env", "deploy/courtyard.yaml", "deploy/config.yaml", "deploy/data/courtyard.db",
		"deploy/backups/courtyard-2026-12-01T0315.db", "deploy/backups/notes.txt",
		"try/demo.db", "try/demo.db-journal", "a/b/c/.env", "a/b/c/config.yaml", "a/b/c/x.db-wal",
	}
	kept := []string{
		"go.mod", "go.sum", "main.go", "config.example.yaml", "Dockerfile", "deploy/compose.yaml",
		"deploy/systemd/courtyard.service", "locale/zh/people.yaml", "commands/summary/chart.go",
		"try/web/index.html", "bot/telegramsim/testdata/botapi.json", "storage/db.go", "docs/operations.md",
	}
	root := t.TempDir()
	for _, p := range append(append([]string{}, secret...), kept...) {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	sent := map[string]bool{}
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		excluded, err := pm.MatchesOrParentMatches(rel)
		if err != nil {
			return err
		}
		if !excluded {
			sent[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range secret {
		if sent[p] {
			t.Errorf("%s is sent to the Docker build", p)
		}
	}
	for _, p := range kept {
		if !sent[p] {
			t.Errorf("%s is left out of the Docker build", p)
		}
	}
}

// TestDockerfileCopiesOnlyTheBuild reads the build stage's COPY lines: they
// name every directory of a package the binary is built from (embedded files
// included), and nothing else: no `COPY . .`, no deploy/ or docs/. The
// runtime stage installs the font the chart looks for.
func TestDockerfileCopiesOnlyTheBuild(t *testing.T) {
	b, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	build, runtime, ok := strings.Cut(string(b), "\nFROM debian")
	if !ok {
		t.Fatal("no runtime stage FROM debian")
	}
	copied := map[string]bool{}
	for _, line := range strings.Split(build, "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || f[0] != "COPY" {
			continue
		}
		for _, src := range f[1 : len(f)-1] {
			copied[strings.TrimSuffix(src, "/")] = true
		}
	}
	if copied["."] || len(copied) == 0 {
		t.Fatalf("the build stage copies %v", copied)
	}
	out, err := exec.Command("go", "list", "-deps", "-f", `{{if not .Standard}}{{.Dir}}{{range .EmbedFiles}} {{.}}{{end}}{{end}}`, ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	needed := map[string]bool{"go.mod": true, "go.sum": true, "*.go": true}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || !strings.HasPrefix(f[0], wd) {
			continue // a dependency from the module cache
		}
		rel, err := filepath.Rel(wd, f[0])
		if err != nil {
			t.Fatal(err)
		}
		if rel == "." {
			continue // the root package: *.go
		}
		top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		needed[top] = true
		if !copied[top] {
			t.Errorf("the build needs %s (embedding %v) and the Dockerfile does not copy it", rel, f[1:])
		}
	}
	for src := range copied {
		if !needed[src] {
			t.Errorf("the build stage copies %s, which the build does not need", src)
		}
	}
	if !strings.Contains(runtime, "fonts-wqy-microhei") {
		t.Error("the runtime stage installs no CJK font for the chart")
	}
}
