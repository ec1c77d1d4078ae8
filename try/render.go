package try

import (
	"html"
	"net/url"
	"sort"
	"strings"

	"github.com/go-telegram/bot/models"
)

// render turns a message's plain text and the entities the embedded
// Telegram parsed out of the bot's HTML into safe HTML for the page: the
// text is escaped, and only b, i, u, s, code, pre, blockquote, a spoiler
// span and links to http, https and tg addresses are made.
func render(plain string, ents []models.MessageEntity) string {
	ents = append([]models.MessageEntity(nil), ents...)
	sort.SliceStable(ents, func(i, j int) bool {
		if ents[i].Offset != ents[j].Offset {
			return ents[i].Offset < ents[j].Offset
		}
		return ents[i].Length > ents[j].Length
	})
	var b strings.Builder
	type opened struct {
		end   int
		close string
	}
	var open []opened
	closeTo := func(pos int) {
		for len(open) > 0 && open[len(open)-1].end <= pos {
			b.WriteString(open[len(open)-1].close)
			open = open[:len(open)-1]
		}
	}
	next, pos := 0, 0
	for i, r := range plain {
		closeTo(pos)
		for next < len(ents) && ents[next].Offset <= pos {
			if e := ents[next]; e.Length > 0 && e.Offset == pos {
				o, c := tags(e, entityText(plain[i:], e.Length))
				b.WriteString(o)
				open = append(open, opened{e.Offset + e.Length, c})
			}
			next++
		}
		b.WriteString(html.EscapeString(string(r)))
		pos += utf16Units(r)
	}
	closeTo(1 << 62)
	return b.String()
}

// entityText is the first n UTF-16 units of s (the text a url entity covers).
func entityText(s string, n int) string {
	units := 0
	for i, r := range s {
		if units >= n {
			return s[:i]
		}
		units += utf16Units(r)
	}
	return s
}

func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// tags are the opening and closing tags of an entity; text is what it covers.
func tags(e models.MessageEntity, text string) (string, string) {
	simple := map[models.MessageEntityType]string{
		models.MessageEntityTypeBold: "b", models.MessageEntityTypeItalic: "i", models.MessageEntityTypeUnderline: "u",
		models.MessageEntityTypeStrikethrough: "s", models.MessageEntityTypeCode: "code", models.MessageEntityTypePre: "pre",
		models.MessageEntityTypeBlockquote: "blockquote", models.MessageEntityTypeExpandableBlockquote: "blockquote",
	}
	if t, ok := simple[e.Type]; ok {
		return "<" + t + ">", "</" + t + ">"
	}
	switch e.Type {
	case models.MessageEntityTypeSpoiler:
		return `<span class="spoiler">`, "</span>"
	case models.MessageEntityTypeTextLink:
		return link(e.URL)
	case models.MessageEntityTypeURL:
		return link(text)
	}
	return "<span>", "</span>"
}

func link(u string) (string, string) {
	if !safeURL(u) {
		return "<span>", "</span>"
	}
	return `<a href="` + html.EscapeString(u) + `" target="_blank" rel="noopener noreferrer">`, "</a>"
}

// safeURL admits only the schemes a chat link may have.
func safeURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https", "tg":
		return true
	}
	return false
}
