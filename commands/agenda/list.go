package agenda

import (
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/telegram"
	"courtyard/when"
)

// maxListed is how many items /mine lists; the rest are counted.
const maxListed = 30

// Label names it and its time in lang (HTML): its kind, title, when and
// where.
func (a *Agenda) Label(lang string, it Item, now time.Time) string {
	s := a.Name(lang, it) + " · " + a.When(lang, it, now)
	if it.Place != "" {
		s += " · " + core.Esc(it.Place)
	}
	if it.Waiting {
		s += a.Cat.T(lang, "mine.waiting")
	}
	return s
}

// Name is its kind and title in lang (HTML).
func (a *Agenda) Name(lang string, it Item) string {
	return a.Cat.T(lang, "mine.kind."+it.Kind) + core.Esc(it.Title)
}

// When is its time in lang, as the when package writes times.
func (a *Agenda) When(lang string, it Item, now time.Time) string {
	if it.AllDay {
		return a.Cat.T(lang, "mine.by", when.DescribeDate(it.Start, lang, now, a.Loc))
	}
	return when.Describe(when.Span{Start: it.Start, End: it.End, HasEnd: !it.End.IsZero()}, lang, now, a.Loc)
}

// mine lists the caller's agenda, or sends it as a file or a link.
func (a *Agenda) mine(r *core.Req) error {
	switch strings.ToLower(strings.TrimSpace(r.Args)) {
	case "":
	case "ics":
		return a.sendICS(r)
	case "link":
		return a.linkCmd(r)
	default:
		return r.Reply(r.T("mine.usage"), nil)
	}
	if !r.Me.Registered() {
		return r.Reply(r.T("mine.register_first"), nil)
	}
	items, err := a.Items(r.Tx, r.Me.ID, r.Now)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return r.Reply(r.T("mine.empty"), nil)
	}
	return r.Reply(a.listText(r, items), a.listKeyboard(r))
}

// listText is the agenda's text: one line an item, an overlap under it.
func (a *Agenda) listText(r *core.Req, items []Item) string {
	over := overlaps(items)
	var b strings.Builder
	b.WriteString(r.T("mine.title"))
	marked := false
	for i, it := range items {
		if i == maxListed {
			b.WriteString("\n\n" + r.T("mine.more", len(items)-maxListed))
			break
		}
		b.WriteString("\n\n")
		if len(over[i]) > 0 {
			b.WriteString("⚠️ ")
			marked = true
		}
		b.WriteString(a.Label(r.Lang, it, r.Now))
		for _, j := range over[i] {
			b.WriteString("\n   " + r.T("mine.overlap", a.Name(r.Lang, items[j])))
		}
	}
	if marked {
		b.WriteString("\n\n" + r.T("mine.overlap_note"))
	}
	return b.String()
}

// listKeyboard offers the agenda as a file and as a link.
func (a *Agenda) listKeyboard(r *core.Req) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: r.T("mine.button.ics"), CallbackData: "mine:ics"},
		{Text: r.T("mine.button.link"), CallbackData: "mine:link"},
	}}}
}
