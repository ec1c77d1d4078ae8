package people

import (
	"strings"

	"courtyard/commands/core"
)

// regWords takes what a person types in registration that is no unit: 取消
// ends it; at the building question a typed building ("3", "3栋", "3号楼",
// "三号楼", "building 3") is taken as its button; 返回 at the unit goes
// back to the building. done is false when the text is none of these.
func (a *People) regWords(r *core.Req, step string, d regData) (bool, error) {
	text := core.CleanText(r.Text)
	if ans, ok := core.ReadAnswer(text); ok {
		switch {
		case ans == core.AnswerCancel:
			if err := r.Tx.EndFlow(r.Me.ID); err != nil {
				return true, err
			}
			var menu any
			if r.Me.Registered() {
				menu = a.mainMenu(r)
			}
			return true, r.Reply(r.T("cancel.done"), menu)
		case ans == core.AnswerBack && step == "unit":
			return true, a.AskBuildingThen(r, "", d.Then)
		}
	}
	if step == "unit" {
		return false, nil
	}
	if b, ok := a.typedBuilding(text); ok {
		return true, a.askUnit(r, b, d.Then)
	}
	return true, r.Reply(r.T("start.tap_building"), a.BuildingKeyboard())
}

// typedBuilding reads a building's name as people write it.
func (a *People) typedBuilding(text string) (string, bool) {
	w := core.Fold(text)
	for _, p := range []string{"building", "bldg.", "bldg", "no.", "第"} {
		w = strings.TrimSpace(strings.TrimPrefix(w, p))
	}
	for _, s := range []string{"号楼", "栋楼", "号", "栋", "幢", "楼"} {
		w = strings.TrimSpace(strings.TrimSuffix(w, s))
	}
	if n, ok := chineseNumber(w); ok {
		w = core.Itoa(int64(n))
	}
	for _, b := range a.Cfg.Community.Buildings {
		if core.Fold(b) == w {
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
