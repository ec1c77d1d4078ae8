package commands

import (
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

// mainMenu is what a registered resident can do, as buttons.
func (a *App) mainMenu(r *req) telegram.Keyboard {
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.t("menu.report"), CallbackData: "menu:report"}, {Text: r.t("menu.wish"), CallbackData: "menu:wish"}},
		{{Text: r.t("menu.my"), CallbackData: "menu:my"}, {Text: r.t("menu.help"), CallbackData: "menu:help"}},
		{{Text: r.t("menu.jobs"), CallbackData: "menu:jobs"}},
		{{Text: r.t("menu.stars"), CallbackData: "menu:stars"}, {Text: r.t("menu.pledges"), CallbackData: "menu:pledges"}},
		{{Text: r.t("menu.mydata"), CallbackData: "menu:mydata"}, {Text: r.t("menu.lang"), CallbackData: "menu:lang"}},
	}}
	if on, err := r.tx.OnPatrolTeam(r.me.ID); err == nil && on {
		kb.InlineKeyboard = append(kb.InlineKeyboard, []telegram.Button{{Text: r.t("menu.shifts"), CallbackData: "menu:shifts"}})
	}
	if r.atLeast(storage.RoleStaff) {
		kb.InlineKeyboard = append(kb.InlineKeyboard, []telegram.Button{
			{Text: r.t("menu.mediation"), CallbackData: "menu:mediation"}, {Text: r.t("menu.summary"), CallbackData: "menu:summary"}})
	}
	return kb
}

// menuButton takes the main menu's buttons.
func (a *App) menuButton(r *req) error {
	if !r.private() {
		// The menu lives in private: nothing of the presser's is shown in a group.
		return r.toast(r.t("menu.private_only"))
	}
	var run handler
	switch strings.TrimPrefix(r.cb.Data, "menu:") {
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
		r.args = ""
		run = a.stars
	case "pledges":
		r.args = ""
		run = a.pledges
	case "mediation":
		r.args, run = "", a.mediation
	case "summary":
		if !r.atLeast(storage.RoleStaff) {
			return r.toast(r.t("error.forbidden", "/summary"))
		}
		r.args, run = "", a.summary
	case "mydata":
		run = a.myData
	}
	if run != nil {
		if err := r.toast(""); err != nil {
			return err
		}
		return run(r)
	}
	switch strings.TrimPrefix(r.cb.Data, "menu:") {
	case "help":
		if err := r.toast(""); err != nil {
			return err
		}
		return a.help(r)
	case "lang":
		if err := r.toast(""); err != nil {
			return err
		}
		return a.langCmd(r)
	}
	return r.toast(r.t("error.stale_button"))
}
