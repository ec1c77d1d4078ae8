package core

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"courtyard/config"
	"courtyard/storage"
	"courtyard/when"
)

// ContainsID reports id among ids.
func ContainsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// CategoriesOf are the categories offered for a kind of ticket: a
// micro-wish has its own.
func (a *Core) CategoriesOf(kind string) []config.Category {
	if kind == storage.TicketKindWish {
		return a.Cfg.Tickets.WishCategories
	}
	return a.Cfg.Tickets.Categories
}

// AllCategories are the ticket categories, then the wish categories (their
// keys differ), for views that list tickets of both kinds.
func (a *Core) AllCategories() []config.Category {
	return append(slices.Clip(a.Cfg.Tickets.Categories), a.Cfg.Tickets.WishCategories...)
}

// category returns the configured category with key, of either kind.
func (a *Core) category(key string) (config.Category, bool) {
	for _, cats := range [...][]config.Category{a.Cfg.Tickets.Categories, a.Cfg.Tickets.WishCategories} {
		for _, c := range cats {
			if c.Key == key {
				return c, true
			}
		}
	}
	return config.Category{}, false
}

// CategoryFor reports whether key is a category offered for kind.
func (a *Core) CategoryFor(kind, key string) bool {
	return slices.ContainsFunc(a.CategoriesOf(kind), func(c config.Category) bool { return c.Key == key })
}

// CatLabel is a category's name in lang.
func (a *Core) CatLabel(lang, key string) string {
	c, ok := a.category(key)
	switch {
	case !ok:
		return key
	case lang == "en" && c.En != "":
		return c.En
	}
	return c.Zh
}

// GuessCategory files a one-line report (or wish) by its words: the
// category with the most keywords found, a keyword inside a longer one of
// another category not counted (吵 in 吵架), the first listed on a tie;
// "other" (or the kind's last category) when none is found.
func (a *Core) GuessCategory(kind, text string) string {
	cats := a.CategoriesOf(kind)
	low := strings.ToLower(text)
	type hit struct{ cat, from, to int }
	var hits []hit
	for i, c := range cats {
		for _, k := range c.Keywords {
			k = strings.ToLower(k)
			for at := 0; k != "" && at <= len(low); {
				j := strings.Index(low[at:], k)
				if j < 0 {
					break
				}
				hits = append(hits, hit{i, at + j, at + j + len(k)})
				at += j + len(k)
			}
		}
	}
	score := make([]int, len(cats))
	for _, h := range hits {
		inside := false
		for _, o := range hits {
			if o.cat != h.cat && o.from <= h.from && h.to <= o.to && o.to-o.from > h.to-h.from {
				inside = true
				break
			}
		}
		if !inside {
			score[h.cat]++
		}
	}
	best := -1
	for i, n := range score {
		if n > 0 && (best < 0 || n > score[best]) {
			best = i
		}
	}
	if best >= 0 {
		return cats[best].Key
	}
	if a.CategoryFor(kind, "other") {
		return "other"
	}
	return cats[len(cats)-1].Key
}

// StateLabel names a ticket state in lang.
func (a *Core) StateLabel(lang string, s storage.TicketState) string {
	return a.Cat.T(lang, "ticket.state."+string(s))
}

// KindLabel names report or wish in lang.
func (a *Core) KindLabel(lang, kind string) string {
	return a.Cat.T(lang, "ticket.kind."+kind)
}

// Headline is "#12 · Lighting · building 3" in lang.
func (a *Core) Headline(lang string, tk storage.Ticket) string {
	return a.Cat.T(lang, "ticket.headline", tk.ID, Esc(a.CatLabel(lang, tk.Category)), Esc(tk.Building))
}

// Quote is a ticket's text, shortened for a notice.
func Quote(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if RuneLen(text) > n {
		text = LimitRunes(text, n) + "…"
	}
	return Esc(text)
}

// Age says how long ago t was, roughly, in lang.
func (a *Core) Age(lang string, now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Hour:
		return a.Cat.T(lang, "age.minutes", int(d.Minutes()))
	case d < 48*time.Hour:
		return a.Cat.T(lang, "age.hours", int(d.Hours()))
	}
	return a.Cat.N(lang, "age.days", int(d.Hours()/24))
}

// WhenIn writes a time in the community's zone for a person reading lang,
// as every flow confirms it: 12月8日（周二）19:30, "Tue 8 Dec 19:30", the
// year only when it is not the current one; a zero time is "—".
func (a *Core) WhenIn(lang string, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return when.Describe(when.Span{Start: t}, lang, a.Now(), a.Loc)
}

// WhenEach is t as WhenIn writes it, in each reader's own language.
func (a *Core) WhenEach(t time.Time) InLang {
	return func(lang string) string { return a.WhenIn(lang, t) }
}

// IdArg reads a typed id ("12", "#12"): positive and written exactly.
func IdArg(s string) (int64, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	var id int64
	if _, err := fmt.Sscan(s, &id); err != nil || id <= 0 || fmt.Sprint(id) != s {
		return 0, false
	}
	return id, true
}

// ContainsStr reports s among ss.
func ContainsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TooFar is the refusal of a date more than two years ahead, naming the
// last day that may be set; ok is false for any other error.
func (r *Req) TooFar(err error) (string, bool) {
	if !errors.Is(err, when.ErrTooFar) {
		return "", false
	}
	return r.T("dialog.too_far", when.DescribeDate(when.Latest(r.Now, r.a.Loc), r.Lang, r.Now, r.a.Loc)), true
}
