package people

import (
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
	if b, ok := a.ReadBuilding(text); ok {
		return true, a.askUnit(r, b, d.Then)
	}
	return true, r.Reply(r.T("start.tap_building"), a.BuildingKeyboard())
}
