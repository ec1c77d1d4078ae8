package main

import (
	"bufio"
	"bytes"
	"fmt"
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

// TestTryServesAndStopsOnSIGINT runs the binary's playground: it prints
// one loopback address, serves the page there, and stops cleanly on Ctrl-C,
// leaving no temporary files behind. How fast it starts and stops is
// measured in bench/ (BenchmarkTryStart); here the waits are only bounds
// on a hang, and a hang prints the child's log and goroutines.
func TestTryServesAndStopsOnSIGINT(t *testing.T) {
	bin := buildBinary(t)
	tmp := t.TempDir()
	cmd := exec.Command(bin, "try", "-v", "-listen", "127.0.0.1:0")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TMPDIR=" + tmp}
	var stdout, stderr testkit.Logs
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	started := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Every line is read to the end, whatever the test waits for, so the
	// child never blocks on a full pipe; Wait follows the last line.
	first := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for n := 0; sc.Scan(); n++ {
			fmt.Fprintln(&stdout, sc.Text())
			if n == 0 {
				first <- sc.Text()
			}
		}
		close(first)
		done <- cmd.Wait()
	}()
	exited := false
	t.Cleanup(func() {
		if !exited {
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("courtyard try printed:\n%s\nand logged:\n%s", stdout.String(), stderr.String())
		}
	})
	// hung fails the test with the child's goroutines, after SIGQUIT.
	hung := func(what string) {
		t.Helper()
		cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-done:
			exited = true
		case <-time.After(childWait):
		}
		t.Fatalf("%s within %v", what, childWait)
	}

	var line string
	select {
	case line = <-first:
	case <-time.After(childWait):
		hung("no address printed")
	}
	t.Logf("address printed after %v", time.Since(started))
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
		exited = true
		if err != nil {
			t.Fatalf("exit: %v", err)
		}
		t.Logf("exited %v after SIGINT", time.Since(stop))
	case <-time.After(childWait):
		if strings.Contains(stderr.String(), "msg=stopped") {
			hung("the bot stopped, but the page or the simulated Telegram did not: not exited")
		}
		hung("the bot did not stop after SIGINT")
	}
	if !strings.Contains(stderr.String(), "msg=stopped") {
		t.Errorf("exited without logging that the bot stopped")
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("left behind in the temporary folder: %v", entries)
	}
	if strings.Contains(stderr.String(), "level=ERROR") {
		t.Errorf("errors logged")
	}
}

// childWait bounds each wait on the child: far beyond what it takes on a
// busy machine, so that only a hang fails.
const childWait = time.Minute

func TestTryRefusesBeyondLoopback(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(t.Context(), []string{"try", "-listen", "0.0.0.0:0"}, &out, &errOut, noEnv); code == 0 ||
		!strings.Contains(errOut.String(), "-listen-any") || out.Len() != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
}
