package commands

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"courtyard/config"
	"courtyard/storage"
)

// categoriesOf are the categories offered for a kind of ticket: a
// micro-wish has its own.
func (a *App) categoriesOf(kind string) []config.Category {
	if kind == storage.TicketKindWish {
		return a.cfg.Tickets.WishCategories
	}
	return a.cfg.Tickets.Categories
}

// allCategories are the ticket categories, then the wish categories (their
// keys differ), for views that list tickets of both kinds.
func (a *App) allCategories() []config.Category {
	return append(slices.Clip(a.cfg.Tickets.Categories), a.cfg.Tickets.WishCategories...)
}

// category returns the configured category with key, of either kind.
func (a *App) category(key string) (config.Category, bool) {
	for _, c := range a.allCategories() {
		if c.Key == key {
			return c, true
		}
	}
	return config.Category{}, false
}

// categoryFor reports whether key is a category offered for kind.
func (a *App) categoryFor(kind, key string) bool {
	return slices.ContainsFunc(a.categoriesOf(kind), func(c config.Category) bool { return c.Key == key })
}

// catLabel is a category's name in lang.
func (a *App) catLabel(lang, key string) string {
	c, ok := a.category(key)
	switch {
	case !ok:
		return key
	case lang == "en" && c.En != "":
		return c.En
	}
	return c.Zh
}

// guessCategory files a one-line report (or wish) by its words; "other"
// (or the kind's last category) otherwise.
func (a *App) guessCategory(kind, text string) string {
	cats := a.categoriesOf(kind)
	low := strings.ToLower(text)
	for _, c := range cats {
		for _, k := range c.Keywords {
			if k != "" && strings.Contains(low, strings.ToLower(k)) {
				return c.Key
			}
		}
	}
	if a.categoryFor(kind, "other") {
		return "other"
	}
	return cats[len(cats)-1].Key
}

// stateLabel names a ticket state in lang.
func (a *App) stateLabel(lang string, s storage.TicketState) string {
	return a.cat.T(lang, "ticket.state."+string(s))
}

// kindLabel names report or wish in lang.
func (a *App) kindLabel(lang, kind string) string {
	return a.cat.T(lang, "ticket.kind."+kind)
}

// headline is "#12 · Lighting · building 3" in lang.
func (a *App) headline(lang string, tk storage.Ticket) string {
	return a.cat.T(lang, "ticket.headline", tk.ID, esc(a.catLabel(lang, tk.Category)), esc(tk.Building))
}

// quote is a ticket's text, shortened for a notice.
func quote(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if runeLen(text) > n {
		text = limitRunes(text, n) + "…"
	}
	return esc(text)
}

// age says how long ago t was, roughly, in lang.
func (a *App) age(lang string, now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Hour:
		return a.cat.T(lang, "age.minutes", int(d.Minutes()))
	case d < 48*time.Hour:
		return a.cat.T(lang, "age.hours", int(d.Hours()))
	}
	return a.cat.N(lang, "age.days", int(d.Hours()/24))
}

// when formats a time in the community's zone.
func (a *App) when(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(a.loc).Format("2006-01-02 15:04")
}

func idArg(s string) (int64, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	var id int64
	if _, err := fmt.Sscan(s, &id); err != nil || id <= 0 || fmt.Sprint(id) != s {
		return 0, false
	}
	return id, true
}
