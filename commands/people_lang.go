package commands

import (
	"strings"

	"courtyard/locale"
	"courtyard/telegram"
)

// langCmd offers the languages as buttons.
func (a *App) langCmd(r *req) error {
	var row []telegram.Button
	for _, l := range locale.Languages() {
		row = append(row, telegram.Button{Text: a.cat.T(l, "lang.name"), CallbackData: "lang:" + l})
	}
	return r.reply(r.t("lang.ask"), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row}})
}

// langButton switches the presser's language.
func (a *App) langButton(r *req) error {
	l := strings.TrimPrefix(r.cb.Data, "lang:")
	if locale.Pick(l, "", "") != l {
		return r.toast(r.t("error.stale_button"))
	}
	if err := r.tx.SetLanguage(r.me.ID, l); err != nil {
		return err
	}
	r.lang = l
	r.me.Language = l // the menu follows (see syncOwnMenu)
	if err := r.toast(r.t("lang.done")); err != nil {
		return err
	}
	return r.edit(r.t("lang.done"), nil)
}

// cancel leaves any conversation.
func (a *App) cancel(r *req) error {
	if _, err := r.tx.Flow(r.me.ID); isNotFound(err) {
		return r.reply(r.t("cancel.nothing"), nil)
	} else if err != nil {
		return err
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	return r.reply(r.t("cancel.done"), nil)
}
