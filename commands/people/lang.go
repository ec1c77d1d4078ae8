package people

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/locale"
	"courtyard/telegram"
)

// langCmd offers the languages as buttons.
func (a *People) langCmd(r *core.Req) error {
	var row []telegram.Button
	for _, l := range locale.Languages() {
		row = append(row, telegram.Button{Text: a.Cat.T(l, "lang.name"), CallbackData: "lang:" + l})
	}
	return r.Reply(r.T("lang.ask"), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row}})
}

// langButton switches the presser's language.
func (a *People) langButton(r *core.Req) error {
	l := strings.TrimPrefix(r.CB.Data, "lang:")
	if locale.Pick(l, "", "") != l {
		return r.Toast(r.T("error.stale_button"))
	}
	if err := r.Tx.SetLanguage(r.Me.ID, l); err != nil {
		return err
	}
	r.Lang = l
	r.Me.Language = l // the menu follows (see syncOwnMenu)
	if err := r.Toast(r.T("lang.done")); err != nil {
		return err
	}
	return r.Edit(r.T("lang.done"), nil)
}

// cancel leaves any conversation.
func (a *People) cancel(r *core.Req) error {
	if _, err := r.Tx.Flow(r.Me.ID); core.IsNotFound(err) {
		return r.Reply(r.T("cancel.nothing"), nil)
	} else if err != nil {
		return err
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	return r.Reply(r.T("cancel.done"), nil)
}
