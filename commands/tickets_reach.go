package commands

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// roleIn is a person's role, named in the reader's language.
func (a *App) roleIn(role storage.Role) core.InLang {
	return func(lang string) string { return a.Cat.T(lang, "role."+string(role)) }
}

// stateIn is a ticket state, named in the reader's language.
func (a *App) stateIn(s storage.TicketState) core.InLang {
	return func(lang string) string { return a.StateLabel(lang, s) }
}

// keyIn is a catalog message in the reader's language.
func (a *App) keyIn(key string, args ...any) core.InLang {
	return func(lang string) string { return a.Cat.T(lang, key, args...) }
}

// reached is who an alert about a ticket actually went to.
type reached struct {
	leaders []storage.Member // the building's leaders told
	staff   int              // staff and admins told, when no leader could be
}

func (w reached) nobody() bool { return len(w.leaders) == 0 && w.staff == 0 }

// alertLeaders sends a ticket to its building's leaders who can be reached,
// or, when none can, to the staff and admins who can, with Claim and
// Details buttons and the ticket's photos and location. When nobody can be
// reached the alert is recorded for staff to see in /status.
func (a *App) alertLeaders(r *core.Req, tk storage.Ticket, except int64, key string, extra ...any) (reached, error) {
	return a.alertBuilding(r, tk, except, key, true, extra...)
}

// alertBuilding is alertLeaders; without fallback, only the leaders are
// tried and nothing is recorded (for news someone else already has).
func (a *App) alertBuilding(r *core.Req, tk storage.Ticket, except int64, key string, fallback bool, extra ...any) (reached, error) {
	var w reached
	leaders, err := r.Tx.LeadersOf(tk.Building)
	if err != nil {
		return w, err
	}
	if w.leaders, err = a.alertPeople(r, tk, leaders, except, key, extra); err != nil || len(w.leaders) > 0 || !fallback {
		return w, err
	}
	staff, err := a.Staff(r.Tx)
	if err != nil {
		return w, err
	}
	told, err := a.alertPeople(r, tk, staff, except, key, extra)
	if err != nil {
		return w, err
	}
	w.staff = len(told)
	if w.nobody() {
		a.Log.Warn("a ticket alert reached nobody", "ticket", tk.ID, "what", key)
		return w, r.Tx.RecordUnreached(tk.ID, key, r.Now)
	}
	return w, nil
}

// alertPeople sends key about tk to each reachable person but except, and
// returns those it went to.
func (a *App) alertPeople(r *core.Req, tk storage.Ticket, people []storage.Member, except int64, key string, extra []any) ([]storage.Member, error) {
	var told []storage.Member
	for _, m := range people {
		if m.ID == except {
			continue
		}
		if ok, err := a.Reachable(r.Tx, m); err != nil || !ok {
			if err != nil {
				return nil, err
			}
			continue
		}
		lang := a.LangOf(m)
		text := a.Cat.T(lang, key, append([]any{a.KindLabel(lang, tk.Kind), a.Headline(lang, tk), core.Quote(a.TicketText(lang, tk), 200)}, core.Localize(lang, extra)...)...)
		if err := a.Send(r.Tx, m.ID, text, a.claimKeyboard(lang, tk), storage.PriorityReply, r.Now); err != nil {
			return nil, err
		}
		if key == "ticket.new" {
			// The photos and the location come with the first notice;
			// later ones have them behind Details.
			if err := a.sendMedia(r.Tx, m.ID, lang, tk, storage.PriorityReply, r.Now); err != nil {
				return nil, err
			}
		}
		told = append(told, m)
	}
	return told, nil
}

// toldLine says, in the reader's language, who an alert reached: the
// leaders by name, the community staff, or that it was recorded for staff.
func (a *App) toldLine(lang string, w reached) string {
	switch {
	case len(w.leaders) == 1:
		return a.Cat.T(lang, "told.leader", core.Esc(w.leaders[0].Name))
	case len(w.leaders) > 1:
		names := make([]string, len(w.leaders))
		for i, m := range w.leaders {
			names[i] = core.Esc(m.Name)
		}
		return a.Cat.T(lang, "told.leaders", strings.Join(names, a.Cat.T(lang, "told.and")))
	case w.staff > 0:
		return a.Cat.T(lang, "told.staff")
	}
	return a.Cat.T(lang, "told.nobody")
}

// tellUnreached tells a staff member, once, of alerts that reached nobody.
func (a *App) tellUnreached(r *core.Req) error {
	if !r.Private() || !r.AtLeast(storage.RoleStaff) {
		return nil
	}
	list, err := r.Tx.TakeUntoldUnreached(r.Me.ID, 20, r.Now)
	if err != nil || len(list) == 0 {
		return err
	}
	return r.Reply(r.T("unreached.told", len(list), a.unreachedTickets(list)), nil)
}

// unreachedTickets lists the tickets of unreached alerts: "#3, #5".
func (a *App) unreachedTickets(list []storage.Unreached) string {
	seen := map[int64]bool{}
	var ids []string
	for _, u := range list {
		if !seen[u.TicketID] {
			seen[u.TicketID] = true
			ids = append(ids, "#"+core.Itoa(u.TicketID))
		}
	}
	return strings.Join(ids, ", ")
}

// openedPrivate notes that a person who has not registered wrote to the bot
// in private, so that alerts can reach them (staff and admins need not
// register).
func (a *App) openedPrivate(r *core.Req) error {
	if !r.Private() || r.Me.Registered() {
		return nil
	}
	return r.Tx.OpenedPrivate(r.Me.ID, r.Now)
}
