package commands

import (
	"strings"

	"courtyard/telegram"
)

// mainMenu is what a registered resident can do, as buttons.
func (a *App) mainMenu(r *req) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.t("menu.help"), CallbackData: "menu:help"}, {Text: r.t("menu.lang"), CallbackData: "menu:lang"}},
	}}
}

// menuButton takes the main menu's buttons.
func (a *App) menuButton(r *req) error {
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
