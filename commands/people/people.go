// Package people is who the bot talks to: registration (building and
// unit), the profile, language, help, roles and their command menus,
// linking groups to buildings, deep links that finish an errand, the main
// menu, and staff's /status.
package people

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// Tickets is what people reach of tickets: a deep link follows or shows
// one, and /status names the tickets nobody could be told of.
type Tickets interface {
	MayFollow(r *core.Req, tk storage.Ticket) bool
	ShowTicket(r *core.Req, tk storage.Ticket) error
	UnreachedTickets(list []storage.Unreached) string
}

// People is registration, roles and menus over the core.
type People struct {
	*core.Core
	tickets   Tickets
	menus     map[string]menuSet // private command menus by role:lang
	grantFlow *core.Dialog       // /grant by buttons
}

// New returns people over c; Start must run once every capability has
// registered its rows, since the menus are built from them.
func New(c *core.Core, t Tickets) *People {
	a := &People{Core: c, tickets: t}
	a.grantFlow = a.grantDialog()
	return a
}

// BuildMenus builds the command menus from the rows registered so far.
func (a *People) BuildMenus() { a.menus = a.buildMenus() }

// Hooks are what people adds around every update: the answer to a
// message outside any conversation, and the main menu.
func (a *People) Hooks() core.Hooks {
	return core.Hooks{
		NoFlow:   a.noFlow,
		MainMenu: func(r *core.Req) any { return a.mainMenu(r) },
	}
}

// AfterUpdate keeps the person's command menu in step with a role the
// update changed.
func (a *People) AfterUpdate() core.Hooks {
	return core.Hooks{After: []core.Handler{a.syncOwnMenu}}
}

// noFlow answers a private message when no conversation is going on.
func (a *People) noFlow(r *core.Req) error {
	if !r.Me.Registered() {
		return a.AskBuilding(r, r.T("start.welcome", core.Esc(a.Cfg.Community.Name)))
	}
	if core.VoiceOf(r) != nil {
		// A voice note out of the blue is most likely a report.
		return r.Reply(r.T("report.voice_no_flow"), a.mainMenu(r))
	}
	return r.Reply(r.T("fallback.not_understood"), a.mainMenu(r))
}
