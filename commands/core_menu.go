package commands

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// mainMenu is what a registered resident can do, as buttons.
func (a *App) mainMenu(r *core.Req) telegram.Keyboard {
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.T("menu.report"), CallbackData: "menu:report"}, {Text: r.T("menu.wish"), CallbackData: "menu:wish"}},
		{{Text: r.T("menu.my"), CallbackData: "menu:my"}, {Text: r.T("menu.help"), CallbackData: "menu:help"}},
		{{Text: r.T("menu.jobs"), CallbackData: "menu:jobs"}},
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

// menuButton takes the main menu's buttons.
func (a *App) menuButton(r *core.Req) error {
	if !r.Private() {
		// The menu lives in private: nothing of the presser's is shown in a group.
		return r.Toast(r.T("menu.private_only"))
	}
	var run core.Handler
	switch strings.TrimPrefix(r.CB.Data, "menu:") {
	case "report":
		run = a.report
	case "wish":
		run = a.wish
	case "my":
		run = a.my
	case "jobs":
		run = a.jobsCmd
	case "shifts":
		run = a.shiftsCmd
	case "stars":
		r.Args = ""
		run = a.stars
	case "pledges":
		r.Args = ""
		run = a.pledges
	case "mediation":
		r.Args, run = "", a.mediation
	case "summary":
		if !r.AtLeast(storage.RoleStaff) {
			return r.Toast(r.T("error.forbidden", "/summary"))
		}
		r.Args, run = "", a.summary
	case "mydata":
		run = a.myData
	}
	if run != nil {
		if err := r.Toast(""); err != nil {
			return err
		}
		return run(r)
	}
	switch strings.TrimPrefix(r.CB.Data, "menu:") {
	case "help":
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.help(r)
	case "lang":
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.langCmd(r)
	}
	return r.Toast(r.T("error.stale_button"))
}
