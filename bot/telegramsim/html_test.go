package telegramsim

import (
	"reflect"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
)

func TestParseHTML(t *testing.T) {
	type ent = models.MessageEntity
	cases := []struct {
		in    string
		plain string
		ents  []ent
		err   string
	}{
		{in: "plain", plain: "plain"},
		{in: "<b>bold</b> <i>it</i>", plain: "bold it", ents: []ent{{Type: "bold", Offset: 0, Length: 4}, {Type: "italic", Offset: 5, Length: 2}}},
		{in: "<STRONG>x</STRONG><em>y</em><ins>z</ins><del>w</del>", plain: "xyzw",
			ents: []ent{{Type: "bold", Offset: 0, Length: 1}, {Type: "italic", Offset: 1, Length: 1}, {Type: "underline", Offset: 2, Length: 1}, {Type: "strikethrough", Offset: 3, Length: 1}}},
		{in: "<b>a<i>b</i></b>", plain: "ab", ents: []ent{{Type: "bold", Offset: 0, Length: 2}, {Type: "italic", Offset: 1, Length: 1}}},
		{in: "😀<b>x</b>", plain: "😀x", ents: []ent{{Type: "bold", Offset: 2, Length: 1}}},
		{in: `<a href="https://e.com/?a=1&amp;b=2">link</a>`, plain: "link", ents: []ent{{Type: "text_link", Offset: 0, Length: 4, URL: "https://e.com/?a=1&b=2"}}},
		{in: `<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>`, plain: "st", ents: []ent{{Type: "spoiler", Offset: 0, Length: 1}, {Type: "spoiler", Offset: 1, Length: 1}}},
		{in: `<pre><code class="language-go">x := 1</code></pre>`, plain: "x := 1", ents: []ent{{Type: "pre", Offset: 0, Length: 6, Language: "go"}}},
		{in: `<code>c</code>`, plain: "c", ents: []ent{{Type: "code", Offset: 0, Length: 1}}},
		{in: `<blockquote expandable>q</blockquote>`, plain: "q", ents: []ent{{Type: "expandable_blockquote", Offset: 0, Length: 1}}},
		{in: `<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>`, plain: "👍", ents: []ent{{Type: "custom_emoji", Offset: 0, Length: 2, CustomEmojiID: "5368324170671202286"}}},
		{in: "&lt;&gt;&amp;&quot;&#65;&#x42;", plain: `<>&"AB`},
		{in: "a &amp;lt; b", plain: "a &lt; b"},
		{in: "1 > 0", plain: "1 > 0"},
		{in: "<b></b>x", plain: "x"},
		{in: "<b>x", err: `Can't find end tag corresponding to start tag "b"`},
		{in: "<b>x</i>", err: `Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`},
		{in: "x</b>", err: "Unexpected end tag at byte offset 1"},
		{in: "<br>", err: `Unsupported start tag "br" at byte offset 0`},
		{in: "a < b", err: `Unsupported start tag "" at byte offset 2`},
		{in: "a <b", err: "Unclosed start tag at byte offset 2"},
		{in: `<a href="x>y`, err: "Unclosed start tag at byte offset 0"},
		{in: "Tom & Jerry", err: "Unsupported HTML entity at byte offset 4"},
		{in: "&nbsp;", err: "Unsupported HTML entity at byte offset 0"},
		{in: "&#0;", err: "Unsupported HTML entity"},
		{in: "<span>x</span>", err: `Tag "span" must have class "tg-spoiler" at byte offset 0`},
		{in: "<tg-emoji>x</tg-emoji>", err: `Tag "tg-emoji" must have attribute "emoji-id"`},
	}
	for _, tc := range cases {
		plain, ents, err := parseHTML(tc.in)
		if tc.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if plain != tc.plain || !reflect.DeepEqual(ents, tc.ents) {
			t.Errorf("%q: got %q %+v, want %q %+v", tc.in, plain, ents, tc.plain, tc.ents)
		}
	}
}

func TestHTMLMessage(t *testing.T) {
	s := newTest(t)
	u := s.User(7, "Bo", "de")
	s.SendText(u, PrivateChat(u), "hi")
	r := mustOK(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": 7, "parse_mode": "html", "text": "<b>Hi</b> &amp;lt; 😀"}))
	var m models.Message
	r.decode(t, &m)
	if m.Text != "Hi &lt; 😀" || len(m.Entities) != 1 || m.Entities[0].Type != "bold" {
		t.Errorf("answer %+v", m)
	}
	got := s.Messages(7)[0]
	if got.Text != "<b>Hi</b> &amp;lt; 😀" || got.Plain != "Hi &lt; 😀" || got.ParseMode != "html" {
		t.Errorf("recorded %+v", got)
	}
	// The limit counts UTF-16 units after parsing: 2049 emoji are 4098 units.
	r = callJSON(t, s, "sendMessage", map[string]any{"chat_id": 7, "text": strings.Repeat("😀", 2049)})
	wantErr(t, r, 400, "Bad Request: message is too long")
	r = callJSON(t, s, "sendMessage", map[string]any{"chat_id": 7, "parse_mode": "HTML", "text": "<b> </b>"})
	wantErr(t, r, 400, "Bad Request: message text is empty")
	if len(s.Violations()) != 0 {
		t.Errorf("violations: %v", s.Violations())
	}
}
