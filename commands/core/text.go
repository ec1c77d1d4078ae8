package core

import (
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// CleanLine makes one line of user text safe to store and show: control
// characters and bidirectional overrides go, white space is folded.
func CleanLine(s string) string {
	s = CleanText(s)
	return strings.Join(strings.Fields(s), " ")
}

// CleanText is cleanLine for multi-line text: newlines and tabs stay.
func CleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case unicode.IsControl(r), isBidi(r), r == '\uFEFF':
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// isBidi reports marks and overrides that flip how text around them reads.
func isBidi(r rune) bool {
	return r == '\u200E' || r == '\u200F' || r == '\u061C' ||
		(r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// LimitRunes cuts s to at most n characters.
func LimitRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}

// RuneLen counts the characters of s.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// utf16Len counts s in UTF-16 code units, the unit of Telegram's limits:
// a character outside the Basic Multilingual Plane (most emoji) is two.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// LimitUTF16 cuts s to at most n UTF-16 code units, never inside a character.
func LimitUTF16(s string, n int) string {
	used := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if used+w > n {
			return s[:i]
		}
		used += w
	}
	return s
}

// StripTags drops HTML tags from the bot's own markup.
func StripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// VisibleLen counts the characters a reader sees of an HTML message, as
// Telegram counts its limit (in UTF-16 units).
func VisibleLen(s string) int {
	return utf16Len(html.UnescapeString(StripTags(s)))
}

// ParseCommand splits "/cmd@bot args" into "cmd" and "args". A command
// addressed to another bot yields "".
func (a *Core) ParseCommand(text string) (cmd, args string) {
	if !strings.HasPrefix(text, "/") {
		return "", ""
	}
	head, rest, _ := strings.Cut(text[1:], " ")
	if i := strings.IndexAny(head, "\n\t"); i >= 0 {
		rest = head[i+1:] + " " + rest
		head = head[:i]
	}
	name, to, addressed := strings.Cut(head, "@")
	if addressed && !strings.EqualFold(to, a.BotName) {
		return "", ""
	}
	if name == "" || len(name) > 32 {
		return "", ""
	}
	for _, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "", ""
		}
	}
	return strings.ToLower(name), strings.TrimSpace(rest)
}

// isCommand matches a message that is command name, also as /name@bot.
// A forwarded message is never a command: its words are someone else's.
func (a *Core) isCommand(name string) func(*models.Update) bool {
	return func(u *models.Update) bool {
		if u.Message == nil || u.Message.ForwardOrigin != nil {
			return false
		}
		text := u.Message.Text
		if text == "" {
			text = u.Message.Caption
		}
		// Every route is tried in turn: a cheap look first.
		if len(text) <= len(name) || text[0] != '/' || !strings.EqualFold(text[1:1+len(name)], name) {
			return false
		}
		cmd, _ := a.ParseCommand(text)
		return cmd == name
	}
}

// isCallback matches a button press whose data starts with prefix.
func isCallback(prefix string) func(*models.Update) bool {
	return func(u *models.Update) bool {
		return u.CallbackQuery != nil && strings.HasPrefix(u.CallbackQuery.Data, prefix)
	}
}

// ContainsFold reports sub in s, ignoring case.
func ContainsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// Itoa writes n in decimal.
func Itoa(n int64) string { return strconv.FormatInt(n, 10) }

// ListJoin joins names the way lang lists them (、 in Chinese).
func (a *Core) ListJoin(lang string, xs []string) string {
	return strings.Join(xs, a.Cat.T(lang, "list.sep"))
}

// ButtonName is a name (a job's, a shift's) as a button carries it: at
// most n characters, cut at a word boundary with an ellipsis when longer.
// Chinese has a boundary between any two characters; a word in a script
// with spaces is never split unless it alone is too long.
func ButtonName(s string, n int) string {
	s = CleanLine(s)
	r := []rune(s)
	if len(r) <= n || n < 2 {
		return s
	}
	cut := n - 1 // room for the ellipsis
	if wordRune(r[cut-1]) && wordRune(r[cut]) {
		// The cut falls inside a word: go back to its start.
		i := cut - 1
		for i > 0 && wordRune(r[i-1]) {
			i--
		}
		if i > 0 {
			cut = i
		}
	}
	out := strings.TrimRightFunc(string(r[:cut]), func(c rune) bool { return unicode.IsSpace(c) || unicode.IsPunct(c) })
	if out == "" {
		out = string(r[:n-1])
	}
	return out + "…"
}

// wordRune is a letter or digit of a script that separates words by
// spaces: Han, Hiragana and Katakana characters are words on their own.
func wordRune(c rune) bool {
	if unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana) {
		return false
	}
	return unicode.IsLetter(c) || unicode.IsDigit(c)
}
