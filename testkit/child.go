package testkit

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"testing"
)

// Crash runs the test named test of this test binary again as a child
// process, with env set to value, on the same data again and again. The
// child prints mark on a line of its own after each step it has committed.
// Up to tries times it is killed (SIGKILL) once it has printed mark
// killAfter() times, stopping early when a run ends before its kill; then
// it runs once more to its end. The test fails when that last run does not
// finish.
func Crash(t testing.TB, test, env, value, mark string, tries int, killAfter func() int) {
	t.Helper()
	kills := 0
	for range tries {
		if child(t, test, env, value, mark, killAfter()) {
			break
		}
		kills++
	}
	if !child(t, test, env, value, mark, 0) {
		t.Fatal("the last run did not finish")
	}
	t.Logf("%d kills", kills)
}

// child runs the child once, killed after killAfter marks (0: never), and
// reports whether it ran to its end.
func child(t testing.TB, test, env, value, mark string, killAfter int) bool {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env+"="+value)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	steps := 0
	for sc.Scan() {
		if sc.Text() == mark {
			steps++
		}
		if killAfter > 0 && steps == killAfter {
			cmd.Process.Kill()
			break
		}
	}
	io.Copy(io.Discard, out)
	err = cmd.Wait()
	return killAfter == 0 || (err == nil && steps < killAfter)
}
