package core

import "strings"

// ReadBuilding reads a building as people write it: "3", "3栋", "3号楼",
// "第3栋", "三号楼", "building 3"; false when it names none of the
// community's.
func (a *Core) ReadBuilding(text string) (string, bool) {
	w := Fold(text)
	for _, p := range []string{"building", "bldg.", "bldg", "no.", "第"} {
		w = strings.TrimSpace(strings.TrimPrefix(w, p))
	}
	for _, s := range []string{"号楼", "栋楼", "号", "栋", "幢", "楼"} {
		w = strings.TrimSpace(strings.TrimSuffix(w, s))
	}
	if n, ok := chineseNumber(w); ok {
		w = Itoa(int64(n))
	}
	for _, b := range a.Cfg.Community.Buildings {
		if Fold(b) == w {
			return b, true
		}
	}
	return "", false
}

// chineseNumber reads 一 to 九十九.
func chineseNumber(s string) (int, bool) {
	digits := map[rune]int{'一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10, true
	case len(rs) == 1:
		n, ok := digits[rs[0]]
		return n, ok
	case len(rs) == 2 && rs[0] == '十':
		n, ok := digits[rs[1]]
		return 10 + n, ok
	case len(rs) == 2 && rs[1] == '十':
		n, ok := digits[rs[0]]
		return n * 10, ok
	case len(rs) == 3 && rs[1] == '十':
		t, ok1 := digits[rs[0]]
		n, ok2 := digits[rs[2]]
		return t*10 + n, ok1 && ok2
	}
	return 0, false
}

// BuildingOptions are the community's buildings as a choice, each also
// picked by its usual words (3栋, 3号楼, building 3).
func (a *Core) BuildingOptions() []Option {
	opts := make([]Option, 0, len(a.Cfg.Community.Buildings))
	for _, b := range a.Cfg.Community.Buildings {
		opts = append(opts, Option{Key: b, Zh: b, Words: []string{b + "栋", b + "号楼", b + "号", "building " + b}})
	}
	return opts
}
