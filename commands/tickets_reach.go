package commands

import (
	"strings"

	"courtyard/storage"
)

// inLang is a message argument worded in each reader's own language.
type inLang func(lang string) string

// localize resolves inLang arguments for a reader of lang.
func localize(lang string, args []any) []any {
	out := make([]any, len(args))
	for i, v := range args {
		if f, ok := v.(inLang); ok {
			v = f(lang)
		}
		out[i] = v
	}
	return out
}

// roleIn is a person's role, named in the reader's language.
func (a *App) roleIn(role storage.Role) inLang {
	return func(lang string) string { return a.cat.T(lang, "role."+string(role)) }
}

// stateIn is a ticket state, named in the reader's language.
func (a *App) stateIn(s storage.TicketState) inLang {
	return func(lang string) string { return a.stateLabel(lang, s) }
}

// keyIn is a catalog message in the reader's language.
func (a *App) keyIn(key string, args ...any) inLang {
	return func(lang string) string { return a.cat.T(lang, key, args...) }
}

// reachable reports whether the bot can write to m in private: m opened the
// private chat (registering happens there; staff and admins need not
// register) and did not block the bot.
func (a *App) reachable(tx *storage.Tx, m storage.Member) (bool, error) {
	if !m.Active {
		return false, nil
	}
	if m.Registered() {
		return true, nil
	}
	return tx.HasOpenedPrivate(m.ID)
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
func (a *App) alertLeaders(r *req, tk storage.Ticket, except int64, key string, extra ...any) (reached, error) {
	return a.alertBuilding(r, tk, except, key, true, extra...)
}

// alertBuilding is alertLeaders; without fallback, only the leaders are
// tried and nothing is recorded (for news someone else already has).
func (a *App) alertBuilding(r *req, tk storage.Ticket, except int64, key string, fallback bool, extra ...any) (reached, error) {
	var w reached
	leaders, err := r.tx.LeadersOf(tk.Building)
	if err != nil {
		return w, err
	}
	if w.leaders, err = a.alertPeople(r, tk, leaders, except, key, extra); err != nil || len(w.leaders) > 0 || !fallback {
		return w, err
	}
	staff, err := a.staff(r.tx)
	if err != nil {
		return w, err
	}
	told, err := a.alertPeople(r, tk, staff, except, key, extra)
	if err != nil {
		return w, err
	}
	w.staff = len(told)
	if w.nobody() {
		a.log.Warn("a ticket alert reached nobody", "ticket", tk.ID, "what", key)
		return w, r.tx.RecordUnreached(tk.ID, key, r.now)
	}
	return w, nil
}

// alertPeople sends key about tk to each reachable person but except, and
// returns those it went to.
func (a *App) alertPeople(r *req, tk storage.Ticket, people []storage.Member, except int64, key string, extra []any) ([]storage.Member, error) {
	var told []storage.Member
	for _, m := range people {
		if m.ID == except {
			continue
		}
		if ok, err := a.reachable(r.tx, m); err != nil || !ok {
			if err != nil {
				return nil, err
			}
			continue
		}
		lang := a.langOf(m)
		text := a.cat.T(lang, key, append([]any{a.kindLabel(lang, tk.Kind), a.headline(lang, tk), quote(a.ticketText(lang, tk), 200)}, localize(lang, extra)...)...)
		if err := a.send(r.tx, m.ID, text, a.claimKeyboard(lang, tk), storage.PriorityReply, r.now); err != nil {
			return nil, err
		}
		if key == "ticket.new" {
			// The photos and the location come with the first notice;
			// later ones have them behind Details.
			if err := a.sendMedia(r.tx, m.ID, lang, tk, storage.PriorityReply, r.now); err != nil {
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
		return a.cat.T(lang, "told.leader", esc(w.leaders[0].Name))
	case len(w.leaders) > 1:
		names := make([]string, len(w.leaders))
		for i, m := range w.leaders {
			names[i] = esc(m.Name)
		}
		return a.cat.T(lang, "told.leaders", strings.Join(names, a.cat.T(lang, "told.and")))
	case w.staff > 0:
		return a.cat.T(lang, "told.staff")
	}
	return a.cat.T(lang, "told.nobody")
}

// tellUnreached tells a staff member, once, of alerts that reached nobody.
func (a *App) tellUnreached(r *req) error {
	if !r.private() || !r.atLeast(storage.RoleStaff) {
		return nil
	}
	list, err := r.tx.TakeUntoldUnreached(r.me.ID, 20, r.now)
	if err != nil || len(list) == 0 {
		return err
	}
	return r.reply(r.t("unreached.told", len(list), a.unreachedTickets(list)), nil)
}

// unreachedTickets lists the tickets of unreached alerts: "#3, #5".
func (a *App) unreachedTickets(list []storage.Unreached) string {
	seen := map[int64]bool{}
	var ids []string
	for _, u := range list {
		if !seen[u.TicketID] {
			seen[u.TicketID] = true
			ids = append(ids, "#"+itoa(u.TicketID))
		}
	}
	return strings.Join(ids, ", ")
}

// openedPrivate notes that a person who has not registered wrote to the bot
// in private, so that alerts can reach them (staff and admins need not
// register).
func (a *App) openedPrivate(r *req) error {
	if !r.private() || r.me.Registered() {
		return nil
	}
	return r.tx.OpenedPrivate(r.me.ID, r.now)
}
