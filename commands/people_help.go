package commands

import (
	"strings"

	"courtyard/storage"
)

// help lists the commands the caller may use, in their language.
func (a *App) help(r *req) error {
	if !r.private() {
		// In a group, one short line: the list is for the private chat.
		return r.reply(r.t("help.group"), a.linkKeyboard(r, "help"))
	}
	var b strings.Builder
	b.WriteString(r.t("help.title", r.t("role."+string(r.role))) + "\n")
	for _, c := range a.Menu(r.role, !r.private(), r.lang) {
		b.WriteString("/" + c.Command + " — " + esc(c.Description) + "\n")
	}
	if !r.atLeast(storage.RoleStaff) {
		// Mediators named by staff may hold any role: their command is added.
		if ok, err := r.tx.IsMediator(r.me.ID); err != nil {
			return err
		} else if ok {
			b.WriteString("/mediation — " + esc(r.t("cmd.mediation")) + "\n")
		}
	}
	if r.private() && !r.me.Registered() {
		b.WriteString("\n" + r.t("help.register_first"))
	}
	return r.reply(strings.TrimSpace(b.String()), nil)
}
