package app

import (
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// qaOut is one piece of text the bot showed someone.
type qaOut struct {
	idx    int // the call's place among all calls
	chat   int64
	method string
	what   string // text, caption, button, toast, menu
	text   string
}

var (
	qaTags    = regexp.MustCompile(`<[^>]*>`)
	qaHan     = regexp.MustCompile(`[\p{Han}\x{3000}-\x{303F}\x{FF00}-\x{FFEF}]`)
	qaWords   = regexp.MustCompile(`[A-Za-z]{2,}(?:[ ’'-]+[A-Za-z]+){2,}`)
	qaASCII   = regexp.MustCompile(`(?:/[a-z_]+(?:@\w+)?|@\w+|https?://\S+|#\d+|\d[\d:.\-/]*)`)
	qaHalf    = regexp.MustCompile(`\p{Han} ?[:(),?!]|[:(,?!] ?\p{Han}`)
	qaPlural  = regexp.MustCompile(`\b1 ([a-z]+s|people|children)\b`)
	qaNotPlur = regexp.MustCompile(`\b1 [a-z]*(ss|us|is|as|ys|os)\b`)
)

// qaOuts collects every text, caption, button label, button answer and
// menu entry the bot sent, with the chat that received it.
func (w *qaWorld) qaOuts() []qaOut {
	var out []qaOut
	for idx, c := range w.tg.Calls("") {
		chat, _ := c.Params["chat_id"].(float64)
		id := int64(chat)
		switch c.Method {
		case "answerCallbackQuery":
			q, _ := c.Params["callback_query_id"].(string)
			n, _ := strconv.ParseInt(q, 10, 64)
			n -= 4_000_000_000_000_000_000
			if n < 1 || int(n) > len(w.pressBy) {
				continue
			}
			id = w.pressBy[n-1]
		case "setMyCommands":
			scope, _ := c.Params["scope"].(map[string]any)
			sc, _ := scope["chat_id"].(float64)
			if sc == 0 {
				continue // the default menus: in the language they name
			}
			id = int64(sc)
			cmds, _ := c.Params["commands"].([]any)
			for _, x := range cmds {
				cm, _ := x.(map[string]any)
				d, _ := cm["description"].(string)
				out = append(out, qaOut{idx, id, c.Method, "menu", d})
			}
			continue
		}
		for _, f := range []string{"text", "caption"} {
			if s, ok := c.Params[f].(string); ok && s != "" {
				if c.Params["parse_mode"] == "HTML" || f == "text" && c.Method != "answerCallbackQuery" {
					s = html.UnescapeString(qaTags.ReplaceAllString(s, ""))
				}
				what := f
				if c.Method == "answerCallbackQuery" {
					what = "toast"
				}
				out = append(out, qaOut{idx, id, c.Method, what, s})
			}
		}
		if media, ok := c.Params["media"].([]any); ok {
			for _, x := range media {
				m, _ := x.(map[string]any)
				if s, _ := m["caption"].(string); s != "" {
					out = append(out, qaOut{idx, id, c.Method, "caption", html.UnescapeString(qaTags.ReplaceAllString(s, ""))})
				}
			}
		}
		if rm, ok := c.Params["reply_markup"].(map[string]any); ok {
			for _, kb := range []string{"inline_keyboard", "keyboard"} {
				rows, _ := rm[kb].([]any)
				for _, r := range rows {
					row, _ := r.([]any)
					for _, b := range row {
						bm, _ := b.(map[string]any)
						if s, _ := bm["text"].(string); s != "" {
							out = append(out, qaOut{idx, id, c.Method, "button", s})
						}
					}
				}
			}
		}
	}
	return out
}

// qaStrip removes the allowed substrings, longest first.
func qaStrip(s string, allowed []string) string {
	a := append([]string(nil), allowed...)
	sort.Slice(a, func(i, j int) bool { return len(a[i]) > len(a[j]) })
	for _, x := range a {
		if strings.TrimSpace(x) != "" {
			s = strings.ReplaceAll(s, x, " ")
		}
	}
	return s
}

func (w *qaWorld) qaCheck() {
	t := w.t
	outs := w.qaOuts()
	if len(outs) < 200 {
		t.Errorf("only %d texts sent", len(outs))
	}
	// The language picker names each language in itself; buildings and
	// date formats are the same in both languages.
	both := []string{"中文", "English", "切换语言 / Language", "语言 / Language", "YYYY-MM-DD", "YYYY-Www", "E12"}
	zhAllowed := append(append([]string(nil), w.fromEn...), both...)
	zhAllowed = append(zhAllowed, "Telegram", "Excel", "CSV", "PDF", "xlsx", "csv")
	enAllowed := append(append([]string(nil), w.fromZh...), both...)
	// Punctuation is checked around names too: only typed sentences go.
	var sentences []string
	for _, x := range append(append([]string(nil), w.fromZh...), w.fromEn...) {
		if len([]rune(x)) > 4 && !strings.Contains(strings.Join(qaMapValues(w.names), "\n"), x) {
			sentences = append(sentences, x)
		}
	}
	seen := map[string]bool{}
	bad := 0
	report := func(o qaOut, why string) {
		key := why + o.text
		if seen[key] || bad > 150 {
			return
		}
		seen[key] = true
		bad++
		t.Errorf("%s to %d (%s %s): %q", why, o.chat, o.method, o.what, o.text)
	}
	for _, o := range outs {
		lang := w.lang[o.chat]
		// Once forgotten, the menu follows the app again (the answer to
		// the press that forgot is still in the chosen language).
		if f, ok := w.forgot[o.chat]; o.idx < w.chose[o.chat] || ok && o.idx >= f && o.what == "menu" {
			lang = w.client[o.chat]
		}
		if o.chat < 0 {
			lang = "zh"
		}
		switch lang {
		case "en":
			if rest := qaStrip(o.text, enAllowed); qaHan.MatchString(rest) {
				report(o, "Chinese in an English reader's message")
			}
			if qaPlural.MatchString(o.text) && !qaNotPlur.MatchString(o.text) {
				report(o, "wrong plural")
			}
		case "zh":
			rest := qaASCII.ReplaceAllString(qaStrip(o.text, zhAllowed), " ")
			if !qaHan.MatchString(rest) && strings.TrimSpace(regexp.MustCompile(`[\p{P}\p{S}\s\d]`).ReplaceAllString(rest, "")) != "" {
				report(o, "no Chinese in a Chinese reader's message")
			}
			if m := qaWords.FindString(rest); m != "" {
				report(o, "English words ("+m+") in a Chinese reader's message")
			}
			if strings.Contains(qaStrip(o.text, w.fromZh), "你") {
				report(o, "the bot says 你, not 您")
			}
			if m := qaHalf.FindString(qaStrip(o.text, sentences)); m != "" {
				report(o, "half-width punctuation ("+m+")")
			}
		default:
			t.Errorf("a message to %d, who is not in the cast: %q", o.chat, o.text)
		}
	}
	for _, v := range w.tg.Violations() {
		t.Errorf("Bot API violation: %s", v)
	}
}

func qaMapValues(m map[int64]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// qaTranscript logs every chat's conversation, in order, for a human to read.
func (w *qaWorld) qaTranscript() {
	byChat := map[int64][]string{}
	var order []int64
	for _, o := range w.qaOuts() {
		if _, ok := byChat[o.chat]; !ok {
			order = append(order, o.chat)
		}
		line := o.text
		switch o.what {
		case "button":
			line = "  [" + o.text + "]"
		case "toast":
			line = "  (toast) " + o.text
		case "menu":
			line = "  (menu) " + o.text
		default:
			if o.method != "sendMessage" {
				line = "(" + o.method + ") " + o.text
			}
		}
		byChat[o.chat] = append(byChat[o.chat], line)
	}
	for _, id := range order {
		who := w.names[id]
		if id < 0 {
			who = "group"
		}
		w.t.Logf("==== chat %d %s (%s) ====\n%s", id, who, w.lang[id], strings.Join(byChat[id], "\n"))
	}
}

func qaOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
