package core

import (
	"sort"
	"strconv"
	"unicode"

	"courtyard/storage"
)

// SortByHome puts people in the order of their homes: building first
// (then the community's buildings as configured, then anyone without a
// home), then unit in natural order (502 before 1101, 2-502 before
// 10-101), then id.
func (a *Core) SortByHome(ms []storage.Member, first string) {
	order := map[string]int{}
	for i, b := range a.Cfg.Community.Buildings {
		order[b] = i + 1
	}
	rank := func(b string) int {
		switch n, ok := order[b]; {
		case first != "" && b == first:
			return 0
		case ok:
			return n
		}
		return len(order) + 1
	}
	sort.SliceStable(ms, func(i, j int) bool {
		x, y := ms[i], ms[j]
		if rx, ry := rank(x.Building), rank(y.Building); rx != ry {
			return rx < ry
		}
		if x.Unit != y.Unit {
			return unitLess(x.Unit, y.Unit)
		}
		return x.ID < y.ID
	})
}

// unitLess compares units by their runs of digits as numbers and the
// rest as text.
func unitLess(x, y string) bool {
	xs, ys := unitParts(x), unitParts(y)
	for i := 0; i < len(xs) && i < len(ys); i++ {
		if xs[i] == ys[i] {
			continue
		}
		nx, ex := strconv.Atoi(xs[i])
		ny, ey := strconv.Atoi(ys[i])
		if ex == nil && ey == nil && nx != ny {
			return nx < ny
		}
		return xs[i] < ys[i]
	}
	return len(xs) < len(ys)
}

// unitParts cuts a unit into runs of digits and runs of anything else.
func unitParts(s string) []string {
	var out []string
	var cur []rune
	digits := false
	for _, r := range s {
		d := unicode.IsDigit(r)
		if len(cur) > 0 && d != digits {
			out = append(out, string(cur))
			cur = nil
		}
		cur, digits = append(cur, r), d
	}
	if len(cur) > 0 {
		out = append(out, string(cur))
	}
	return out
}
