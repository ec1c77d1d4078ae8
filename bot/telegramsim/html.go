package telegramsim

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// htmlEntityTypes maps the tags Telegram accepts with parse_mode HTML to
// the message entity they produce. span and a, tg-emoji and blockquote need
// attributes and are special-cased in parseHTML.
var htmlEntityTypes = map[string]models.MessageEntityType{
	"b":          models.MessageEntityTypeBold,
	"strong":     models.MessageEntityTypeBold,
	"i":          models.MessageEntityTypeItalic,
	"em":         models.MessageEntityTypeItalic,
	"u":          models.MessageEntityTypeUnderline,
	"ins":        models.MessageEntityTypeUnderline,
	"s":          models.MessageEntityTypeStrikethrough,
	"strike":     models.MessageEntityTypeStrikethrough,
	"del":        models.MessageEntityTypeStrikethrough,
	"span":       models.MessageEntityTypeSpoiler,
	"tg-spoiler": models.MessageEntityTypeSpoiler,
	"a":          models.MessageEntityTypeTextLink,
	"code":       models.MessageEntityTypeCode,
	"pre":        models.MessageEntityTypePre,
	"blockquote": models.MessageEntityTypeBlockquote,
	"tg-emoji":   models.MessageEntityTypeCustomEmoji,
}

type openTag struct {
	name       string
	pos        int // byte offset of '<' in the input
	start      int // UTF-16 offset in the output
	href       string
	language   string // code class="language-..."
	emojiID    string
	expandable bool
}

// parseHTML parses text like Telegram does for parse_mode HTML. It returns
// the plain text (tags stripped, entities decoded) and the message entities
// with UTF-16 offsets, or an error worded like Telegram's
// "can't parse entities" details.
func parseHTML(s string) (string, []models.MessageEntity, error) {
	var out strings.Builder
	out.Grow(len(s))
	var stack []openTag
	var ents []models.MessageEntity
	u16 := 0
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			if i+1 < len(s) && s[i+1] == '/' {
				n, err := closeTag(s, i, &stack, &ents, u16)
				if err != nil {
					return "", nil, err
				}
				i = n
				continue
			}
			tag, n, err := readStartTag(s, i)
			if err != nil {
				return "", nil, err
			}
			tag.start = u16
			stack = append(stack, tag)
			i = n
		case '&':
			r, n, ok := decodeEntity(s[i:])
			if !ok {
				return "", nil, parseErr("Unsupported HTML entity at byte offset %d: '&' must be escaped as \"&amp;\"", i)
			}
			out.WriteRune(r)
			u16 += runeUTF16(r)
			i += n
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			out.WriteString(s[i : i+size])
			u16 += runeUTF16(r)
			i += size
		}
	}
	if len(stack) > 0 {
		return "", nil, parseErr("Can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1].name)
	}
	sort.SliceStable(ents, func(a, b int) bool {
		if ents[a].Offset != ents[b].Offset {
			return ents[a].Offset < ents[b].Offset
		}
		return ents[a].Length > ents[b].Length
	})
	return out.String(), ents, nil
}

// closeTag handles "</name>" at s[i:] and returns the index after it.
func closeTag(s string, i int, stack *[]openTag, ents *[]models.MessageEntity, u16 int) (int, error) {
	j := i + 2
	for j < len(s) && s[j] != '>' && !isSpace(s[j]) {
		j++
	}
	name := strings.ToLower(s[i+2 : j])
	for j < len(s) && isSpace(s[j]) {
		j++
	}
	if j >= len(s) || s[j] != '>' {
		return 0, parseErr("Unclosed end tag at byte offset %d", i)
	}
	st := *stack
	if len(st) == 0 {
		return 0, parseErr("Unexpected end tag at byte offset %d", i)
	}
	top := st[len(st)-1]
	if top.name != name {
		return 0, parseErr("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", i, top.name, name)
	}
	*stack = st[:len(st)-1]
	length := u16 - top.start
	if top.name == "code" && top.language != "" && len(*stack) > 0 && (*stack)[len(*stack)-1].name == "pre" {
		// <pre><code class="language-go"> is one pre entity with a language.
		(*stack)[len(*stack)-1].language = top.language
		return j + 1, nil
	}
	if length == 0 {
		return j + 1, nil
	}
	e := models.MessageEntity{Type: htmlEntityTypes[top.name], Offset: top.start, Length: length}
	switch top.name {
	case "a":
		if top.href == "" {
			return j + 1, nil
		}
		e.URL = top.href
	case "pre":
		e.Language = top.language
	case "tg-emoji":
		e.CustomEmojiID = top.emojiID
	case "blockquote":
		if top.expandable {
			e.Type = models.MessageEntityTypeExpandableBlockquote
		}
	}
	*ents = append(*ents, e)
	return j + 1, nil
}

// readStartTag parses "<name attr=value ...>" at s[i:] and returns the tag
// and the index after it.
func readStartTag(s string, i int) (openTag, int, error) {
	j := i + 1
	for j < len(s) && s[j] != '>' && !isSpace(s[j]) {
		j++
	}
	if j >= len(s) {
		return openTag{}, 0, parseErr("Unclosed start tag at byte offset %d", i)
	}
	tag := openTag{name: strings.ToLower(s[i+1 : j]), pos: i}
	if _, ok := htmlEntityTypes[tag.name]; !ok {
		return openTag{}, 0, parseErr("Unsupported start tag \"%s\" at byte offset %d", tag.name, i)
	}
	class := ""
	for {
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		if j >= len(s) {
			return openTag{}, 0, parseErr("Unclosed start tag at byte offset %d", i)
		}
		if s[j] == '>' {
			j++
			break
		}
		k := j
		for k < len(s) && s[k] != '=' && s[k] != '>' && !isSpace(s[k]) {
			k++
		}
		attr := strings.ToLower(s[j:k])
		value := ""
		j = k
		if j < len(s) && s[j] == '=' {
			j++
			if j < len(s) && (s[j] == '"' || s[j] == '\'') {
				q := s[j]
				end := strings.IndexByte(s[j+1:], q)
				if end < 0 {
					return openTag{}, 0, parseErr("Unclosed start tag at byte offset %d", i)
				}
				value = s[j+1 : j+1+end]
				j += end + 2
			} else {
				k = j
				for k < len(s) && s[k] != '>' && !isSpace(s[k]) {
					k++
				}
				value = s[j:k]
				j = k
			}
			value = decodeAttr(value)
		}
		switch {
		case tag.name == "a" && attr == "href":
			tag.href = value
		case tag.name == "span" && attr == "class":
			class = value
		case tag.name == "code" && attr == "class":
			tag.language, _ = strings.CutPrefix(value, "language-")
			if tag.language == value {
				tag.language = ""
			}
		case tag.name == "tg-emoji" && attr == "emoji-id":
			tag.emojiID = value
		case tag.name == "blockquote" && attr == "expandable":
			tag.expandable = true
		}
	}
	if tag.name == "span" && class != "tg-spoiler" {
		return openTag{}, 0, parseErr("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", i)
	}
	if tag.name == "tg-emoji" && tag.emojiID == "" {
		return openTag{}, 0, parseErr("Tag \"tg-emoji\" must have attribute \"emoji-id\" at byte offset %d", i)
	}
	return tag, j, nil
}

// htmlError is a parse failure. Its text follows Telegram's wording, which
// starts with a capital letter.
type htmlError string

func (e htmlError) Error() string { return string(e) }

func parseErr(format string, args ...any) error {
	return htmlError(fmt.Sprintf(format, args...))
}

// decodeEntity decodes the HTML entity at the start of s (s[0] == '&'):
// &lt; &gt; &amp; &quot; and numeric &#NNN; / &#xHHH;.
func decodeEntity(s string) (rune, int, bool) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 12 {
		return 0, 0, false
	}
	name := s[1:end]
	switch name {
	case "lt":
		return '<', end + 1, true
	case "gt":
		return '>', end + 1, true
	case "amp":
		return '&', end + 1, true
	case "quot":
		return '"', end + 1, true
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, 0, false
	}
	digits, base := name[1:], 10
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	if digits == "" || digits[0] == '+' || digits[0] == '-' {
		return 0, 0, false
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || n == 0 || n > utf8.MaxRune || (n >= 0xD800 && n <= 0xDFFF) {
		return 0, 0, false
	}
	return rune(n), end + 1, true
}

// decodeAttr decodes entities inside an attribute value, keeping anything
// that is not a valid entity as it is.
func decodeAttr(v string) string {
	if !strings.Contains(v, "&") {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); {
		if v[i] == '&' {
			if r, n, ok := decodeEntity(v[i:]); ok {
				b.WriteRune(r)
				i += n
				continue
			}
		}
		b.WriteByte(v[i])
		i++
	}
	return b.String()
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func runeUTF16(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// utf16Len is the length of s in UTF-16 code units, the unit Telegram uses
// for text limits and entity offsets.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += runeUTF16(r)
	}
	return n
}
