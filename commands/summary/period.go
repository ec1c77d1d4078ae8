package summary

import (
	"courtyard/commands/core"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// sumPeriod is the span a summary covers: [from, to) in the community's
// zone, and its months (for the chart).
type sumPeriod struct {
	kind     string // month, quarter, year
	from, to time.Time
	label    string // 2026-03, 2026-Q1, 2026
}

// months lists the first day of each month of the period.
func (p sumPeriod) months() []time.Time {
	var out []time.Time
	for m := p.from; m.Before(p.to); m = m.AddDate(0, 1, 0) {
		out = append(out, m)
	}
	return out
}

var (
	quarterRE = regexp.MustCompile(`^(\d{4})-?[qQ]([1-4])$`)
	yearRE    = regexp.MustCompile(`^\d{4}$`)
)

// periodWords are the words /summary takes for its kind of period.
var periodWords = map[string]string{
	"month": "month", "月": "month", "月度": "month", "本月": "month",
	"quarter": "quarter", "季度": "quarter", "季": "quarter", "本季度": "quarter",
	"year": "year", "年": "year", "年度": "year", "本年": "year",
}

// summaryPeriod reads /summary's arguments: [month|quarter|year] [period].
// No period is the current one of that kind; a period alone says its kind
// (2026-03, 2026-Q1, 2026). ok is false for anything else.
func (a *Summary) summaryPeriod(args string, now time.Time) (sumPeriod, bool) {
	words := strings.Fields(strings.ToLower(core.CleanLine(args)))
	kind := ""
	if len(words) > 0 {
		if k, ok := periodWords[words[0]]; ok {
			kind, words = k, words[1:]
		}
	}
	if len(words) > 1 {
		return sumPeriod{}, false
	}
	now = now.In(a.Loc)
	if len(words) == 0 {
		switch kind {
		case "quarter":
			return a.quarter(now.Year(), (int(now.Month())-1)/3+1), true
		case "year":
			return a.year(now.Year()), true
		}
		m := a.MonthOf(now)
		return sumPeriod{kind: "month", from: m, to: m.AddDate(0, 1, 0), label: m.Format("2006-01")}, true
	}
	w := words[0]
	if m, ok := a.ParseMonth(w); ok && (kind == "" || kind == "month") {
		return sumPeriod{kind: "month", from: m, to: m.AddDate(0, 1, 0), label: m.Format("2006-01")}, true
	}
	if q := quarterRE.FindStringSubmatch(w); q != nil && (kind == "" || kind == "quarter") {
		y, _ := strconv.Atoi(q[1])
		n, _ := strconv.Atoi(q[2])
		return a.quarter(y, n), y >= 2000
	}
	if yearRE.MatchString(w) && (kind == "" || kind == "year") {
		y, _ := strconv.Atoi(w)
		return a.year(y), y >= 2000
	}
	return sumPeriod{}, false
}

func (a *Summary) quarter(y, q int) sumPeriod {
	from := time.Date(y, time.Month(3*(q-1)+1), 1, 0, 0, 0, 0, a.Loc)
	return sumPeriod{kind: "quarter", from: from, to: from.AddDate(0, 3, 0), label: strconv.Itoa(y) + "-Q" + strconv.Itoa(q)}
}

func (a *Summary) year(y int) sumPeriod {
	from := time.Date(y, 1, 1, 0, 0, 0, 0, a.Loc)
	return sumPeriod{kind: "year", from: from, to: from.AddDate(1, 0, 0), label: strconv.Itoa(y)}
}
