package bench

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The playground's start and stop: `courtyard try` from exec to the line
// with the page's address, and from SIGINT to its exit. Reference: the same
// binary's `courtyard version` run to its end (a process started and
// stopped) in the same iteration.
//
//	go test -run '^$' -bench TryStart -benchtime 5x ./bench/
func BenchmarkTryStart(b *testing.B) {
	bin := targetBinary(b, b.TempDir())
	var start, stop, ref []float64
	for range b.N {
		t0 := time.Now()
		if out, err := exec.Command(bin, "version").CombinedOutput(); err != nil {
			b.Fatalf("courtyard version: %v\n%s", err, out)
		}
		ref = append(ref, float64(time.Since(t0))/1e6)
		up, down := tryRun(b, bin)
		start = append(start, float64(up)/1e6)
		stop = append(stop, float64(down)/1e6)
	}
	ms, stopMS, refMS := timedMedian(start), timedMedian(stop), timedMedian(ref)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(ms, "ms/start")
	b.ReportMetric(ms/refMS, "x-version")
	b.ReportMetric(stopMS, "ms/stop")
	b.ReportMetric(stopMS/refMS, "stop-x-version")
	if b.N > 1 {
		fmt.Printf("try: address printed after %.0f ms, exited %.0f ms after SIGINT; courtyard version %.0f ms; ratios %.1f and %.1f (median of %d)\n",
			ms, stopMS, refMS, ms/refMS, stopMS/refMS, b.N)
	}
}

// tryRun starts the playground once and stops it with SIGINT, and returns
// how long it took to print its address and to exit.
func tryRun(b *testing.B, bin string) (up, down time.Duration) {
	b.Helper()
	cmd := exec.Command(bin, "try", "-listen", "127.0.0.1:0")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TMPDIR=" + b.TempDir()}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	first := make(chan time.Time, 1)
	done := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for n := 0; sc.Scan(); n++ {
			if n == 0 {
				first <- time.Now()
			}
		}
		close(first)
		done <- cmd.Wait()
	}()
	select {
	case at, ok := <-first:
		if !ok {
			b.Fatalf("courtyard try ended without an address: %v\n%s", <-done, stderr.String())
		}
		up = at.Sub(t0)
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		b.Fatalf("courtyard try printed no address in a minute")
	}
	t1 := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		b.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			b.Fatalf("courtyard try: %v\n%s", err, stderr.String())
		}
		down = time.Since(t1)
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		b.Fatalf("courtyard try still running a minute after SIGINT")
	}
	return up, down
}
