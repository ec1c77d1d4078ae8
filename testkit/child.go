package testkit

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"testing"
)

// Crash runs the test named test of this test binary again as a child
// process, with env set to value, on the same data again and again. The
// child prints mark on a line of its own after each step it has committed.
// Up to tries times it is killed (SIGKILL) once it has printed mark
// killAfter() times, stopping early when a run ends by itself before its
// kill; then it runs once more to its end. The test fails when no run was
// killed, when a run that was not killed fails, or when the last run does
// not finish.
func Crash(t testing.TB, test, env, value, mark string, tries int, killAfter func() int) {
	t.Helper()
	kills := 0
	for range tries {
		after := killAfter()
		if !child(t, test, env, value, mark, after) {
			if kills == 0 {
				t.Fatalf("the first run ended before its kill after %d %q marks: nothing was killed", after, mark)
			}
			break
		}
		kills++
	}
	if child(t, test, env, value, mark, 0) {
		t.Fatal("the last run did not finish")
	}
	t.Logf("%d kills", kills)
}

// child runs the child once, killed after killAfter marks (0: never), and
// reports whether it was killed. A run that ends by itself must pass.
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
	if KilledBySignal(err) {
		return true
	}
	if err != nil {
		t.Fatalf("the child %s failed after %d %q marks: %v", test, steps, mark, err)
	}
	return false
}

// KilledBySignal reports whether err, returned by an exec.Cmd's Wait, says
// that a signal ended the process (rather than its own exit).
func KilledBySignal(err error) bool {
	var exit *exec.ExitError
	return errors.As(err, &exit) && exit.ExitCode() == -1
}
