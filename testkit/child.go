package testkit

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"testing"
)

// Child runs the test named test of this test binary again as a child
// process, with env set to value. The child prints mark on a line of its
// own after each step it has committed. With killAfter > 0 the child is
// killed (SIGKILL) once it has printed mark that many times; with 0 it runs
// to its end. Child reports whether the child ran to its end.
func Child(t testing.TB, test, env, value, mark string, killAfter int) bool {
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
