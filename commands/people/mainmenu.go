package people

import (
	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// mainMenu is what a registered resident can do, as buttons.
func (a *People) mainMenu(r *core.Req) telegram.Keyboard {
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.T("menu.report"), CallbackData: "menu:report"}, {Text: r.T("menu.wish"), CallbackData: "menu:wish"}},
		{{Text: r.T("menu.my"), CallbackData: "menu:my"}, {Text: r.T("menu.help"), CallbackData: "menu:help"}},
		{{Text: r.T("menu.jobs"), CallbackData: "menu:jobs"}, {Text: r.T("menu.mine"), CallbackData: "menu:mine"}},
		{{Text: r.T("menu.propose"), CallbackData: "menu:propose"}, {Text: r.T("menu.services"), CallbackData: "menu:services"}},
		{{Text: r.T("menu.stars"), CallbackData: "menu:stars"}, {Text: r.T("menu.pledges"), CallbackData: "menu:pledges"}},
		{{Text: r.T("menu.mydata"), CallbackData: "menu:mydata"}, {Text: r.T("menu.lang"), CallbackData: "menu:lang"}},
	}}
	if on, err := r.Tx.OnPatrolTeam(r.Me.ID); err == nil && on {
		kb.InlineKeyboard = append(kb.InlineKeyboard, []telegram.Button{{Text: r.T("menu.shifts"), CallbackData: "menu:shifts"}})
	}
	if r.AtLeast(storage.RoleStaff) {
		kb.InlineKeyboard = append(kb.InlineKeyboard, []telegram.Button{
			{Text: r.T("menu.mediation"), CallbackData: "menu:mediation"}, {Text: r.T("menu.summary"), CallbackData: "menu:summary"}})
	}
	return kb
}
