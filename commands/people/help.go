package people

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// help lists the commands the caller may use, in their language.
func (a *People) help(r *core.Req) error {
	if !r.Private() {
		// In a group, one short line: the list is for the private chat.
		return r.Reply(r.T("help.group"), a.LinkKeyboard(r, "help"))
	}
	var b strings.Builder
	role := r.T("role." + string(r.Role))
	menu := a.Menu(r.Role, false, r.Lang)
	if r.Role == storage.RoleResident && !r.Me.Registered() {
		// Someone not (or no longer) registered is no resident the bot
		// knows: they see what a newcomer can do.
		role = r.T("role.unregistered")
		menu = a.NewcomerMenu(r.Lang)
	}
	b.WriteString(r.T("help.title", role) + "\n")
	for _, c := range menu {
		b.WriteString("/" + c.Command + " — " + core.Esc(c.Description) + "\n")
	}
	if !r.AtLeast(storage.RoleStaff) {
		// Mediators named by staff may hold any role: their command is added.
		if ok, err := r.Tx.IsMediator(r.Me.ID); err != nil {
			return err
		} else if ok {
			b.WriteString("/mediation — " + core.Esc(r.T("cmd.mediation")) + "\n")
		}
	}
	if r.Private() && !r.Me.Registered() {
		b.WriteString("\n" + r.T("help.register_first"))
	}
	return r.Reply(strings.TrimSpace(b.String()), nil)
}
