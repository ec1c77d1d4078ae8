package bench

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// BenchmarkCompare is the black-box comparison: the built courtyard binary
// and a bare go-telegram/bot echo bot (bench/echobot) drain the same loads
// from the fake Bot API server, each load's updates queued on the server
// before the process starts:
//
//   - private_report: /report <text> in private from 1,000 registered
//     people (the answer: pick a category);
//   - group_oneliners: /report <text> one-liners over 12 linked groups (a
//     ticket and a group line each);
//   - idle: the process started with nothing to do, for compareIdle.
//
// Each courtyard first runs once on the fixture until it is quiet
// (comparePrime), so that the measured runs start the day after an
// upgrade, not on it. Each process's rate runs from its first getUpdates
// to its last answer; its peak RSS is VmHWM from /proc/<pid>/status, its
// CPU time utime+stime from /proc/<pid>/stat. The contestants run in turn,
// the order rotated each round, and the medians of the rounds are printed.
// The machine is shared, so only figures of the same run are compared.
//
//	go test -run '^$' -bench Compare -benchtime 1x -timeout 30m ./bench/
//
// Settings, from the environment:
//
//   - COMPARE_BASELINE=<binary> adds a third contestant, such as the
//     binary of an earlier commit, and COMPARE_BASELINE_DB=<file> the
//     database it starts from when its schema is older than this one's
//     (the same 12 groups and 1,000 people, written by compareFixture at
//     that commit);
//   - COMPARE_UPDATES (default 3000) and COMPARE_ROUNDS (default 3) change
//     the size of a run;
//   - COMPARE_SMAPS=1 prints what each process's resident memory is made
//     of when idle and after priming;
//   - COMPARE_LOGS=<dir> keeps each process's standard error there, and
//     GODEBUG is passed on (gctrace=1 shows the heap).

const (
	compareGroups = 12
	comparePeople = 1000
	compareIdle   = 3 * time.Second
)

type compareContestant struct {
	name      string
	bin       string
	courtyard bool
	fixture   string // the database a courtyard starts from
}

func compareEnvInt(b *testing.B, name string, def int) int {
	b.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

func BenchmarkCompare(b *testing.B) {
	dir := b.TempDir()
	echo := filepath.Join(dir, "echobot")
	if out, err := exec.Command("go", "build", "-o", echo, "courtyard/bench/echobot").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	fixture := filepath.Join(dir, "fixture.db")
	compareFixture(b, fixture)
	built := targetBinary(b, dir)
	contestants := []compareContestant{{"echo", echo, false, ""}, {"courtyard", compareBinary(b, built, "courtyard"), true, fixture}}
	if base := os.Getenv("COMPARE_BASELINE"); base != "" {
		baseDB := fixture
		if db := os.Getenv("COMPARE_BASELINE_DB"); db != "" {
			baseDB = db
		}
		contestants = append(contestants, compareContestant{"baseline", compareBinary(b, base, "baseline"), true, baseDB})
	}
	for i, c := range contestants {
		if c.courtyard {
			contestants[i].fixture = comparePrime(b, c)
		}
	}
	n, rounds := compareEnvInt(b, "COMPARE_UPDATES", 3000), compareEnvInt(b, "COMPARE_ROUNDS", 3)

	loads := append(slices.Clone(compareLoads), compareLoad{name: "idle"})
	// results[load][contestant][round]
	results := make([][][]compareResult, len(loads))
	for l := range loads {
		results[l] = make([][]compareResult, len(contestants))
	}
	for round := range rounds {
		for l, load := range loads {
			size := n
			if load.queue == nil {
				size = 0
			}
			for i := range contestants {
				c := (i + round) % len(contestants)
				r := compareDrain(b, contestants[c], load, size)
				results[l][c] = append(results[l][c], r)
			}
		}
	}
	b.ReportMetric(0, "ns/op")
	fmt.Printf("compare: %d updates a load, median of %d rounds\n", n, rounds)
	for l, load := range loads {
		echoRuns := results[l][0]
		for c, ct := range contestants {
			runs := results[l][c]
			var rate, peak, cpu, ratio []float64
			for i, r := range runs {
				rate, peak, cpu = append(rate, r.rate), append(peak, r.peak), append(cpu, r.cpuPer)
				if echoRuns[i].rate > 0 {
					ratio = append(ratio, r.rate/echoRuns[i].rate)
				}
			}
			if load.queue == nil {
				fmt.Printf("compare %-16s %-10s peak RSS %5.1f MB\n", load.name, ct.name, compareMedian(peak))
				b.ReportMetric(compareMedian(peak), load.name+"-"+ct.name+"-MB")
				continue
			}
			fmt.Printf("compare %-16s %-10s %7.0f updates/s  %.2fx echo  CPU %.3f ms/update  peak RSS %5.1f MB\n",
				load.name, ct.name, compareMedian(rate), compareMedian(ratio), compareMedian(cpu), compareMedian(peak))
			b.ReportMetric(compareMedian(ratio), load.name+"-"+ct.name+"-x-echo")
			b.ReportMetric(compareMedian(peak), load.name+"-"+ct.name+"-MB")
		}
	}
}

// compareBinary copies a courtyard binary into a directory of its own, in
// small writes, so that every courtyard contestant's file is in the page
// cache the same way. A file the linker has just written can sit in the
// cache as 2 MiB folios, which a recent Linux (6.18 here, on ext4) maps
// whole: the same program then shows about 20 MB more RSS than a copy of
// it, which would be a difference of how the file was written, not of
// the program.
func compareBinary(b *testing.B, src, name string) string {
	b.Helper()
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	dst := filepath.Join(b.TempDir(), name)
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		b.Fatal(err)
	}
	_, err = io.CopyBuffer(struct{ io.Writer }{out}, struct{ io.Reader }{in}, make([]byte, 64<<10))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	return dst
}

func compareMedian(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	v = slices.Clone(v)
	slices.Sort(v)
	return (v[(len(v)-1)/2] + v[len(v)/2]) / 2
}
