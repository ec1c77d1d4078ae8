package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"courtyard/testkit"
)

// TestTryStartsFastAndStopsOnSIGINT runs the binary's playground: it prints
// one loopback address in under 3 seconds, serves the page there, and
// stops cleanly on Ctrl-C, leaving no temporary files behind.
func TestTryStartsFastAndStopsOnSIGINT(t *testing.T) {
	bin := buildBinary(t)
	tmp := t.TempDir()
	cmd := exec.Command(bin, "try", "-listen", "127.0.0.1:0")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TMPDIR=" + tmp}
	logs := &testkit.Logs{}
	cmd.Stderr = logs
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	lines := make(chan string, 8)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		done <- cmd.Wait()
	}()
	var line string
	select {
	case line = <-lines:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("no address printed in 10s\n%s", logs.String())
	}
	took := time.Since(start)
	t.Logf("courtyard try printed its address after %v", took)
	if took > 3*time.Second {
		t.Errorf("took %v to start, want under 3s", took)
	}
	url := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(line)
	if url == "" || !strings.Contains(line, "nothing reaches Telegram") {
		t.Fatalf("printed %q", line)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(page, []byte(`<script src="chat.js">`)) || !bytes.Contains(page, []byte(`<script src="app.js">`)) {
		t.Fatalf("page: %s %.200s", resp.Status, page)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) == 0 {
		t.Errorf("no temporary database while running")
	}

	stop := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v\n%s", err, logs.String())
		}
		t.Logf("stopped %v after SIGINT", time.Since(stop))
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("still running 5s after SIGINT\n%s", logs.String())
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("left behind in the temporary folder: %v", entries)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("errors logged:\n%s", logs.String())
	}
}

func TestTryRefusesBeyondLoopback(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(t.Context(), []string{"try", "-listen", "0.0.0.0:0"}, &out, &errOut, noEnv); code == 0 ||
		!strings.Contains(errOut.String(), "-listen-any") || out.Len() != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
}
