package locale

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// punctFiles are the Chinese catalogs kept to full-width punctuation.
var punctFiles = []string{"zh/core.yaml", "zh/announce.yaml", "zh/ledger.yaml", "zh/teams.yaml", "zh/stars.yaml", "zh/pledge.yaml",
	"zh/tickets.yaml", "zh/alerts.yaml", "zh/jobs.yaml", "zh/patrol.yaml", "zh/care.yaml",
	"zh/dialog_picks.yaml", "zh/people.yaml", "zh/agenda.yaml"}

var (
	tagsAndCode = regexp.MustCompile(`<code>[^<]*</code>|<[^>]*>|%(\[\d+\])?[sdv]`)
	halfWidth   = "(),:;?![]"
)

// wide reports whether r belongs to Chinese text: a Han character or
// full-width or CJK punctuation.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef) || r == '…' || r == '“' || r == '”'
}

// halfWidthInChinese lists the half-width punctuation marks written next to
// Chinese text in s, outside markup, code and format verbs.
func halfWidthInChinese(s string) []string {
	rs := []rune(tagsAndCode.ReplaceAllString(s, " "))
	var out []string
	for i, r := range rs {
		if !strings.ContainsRune(halfWidth, r) {
			continue
		}
		if (i > 0 && wide(rs[i-1])) || (i+1 < len(rs) && wide(rs[i+1])) {
			out = append(out, fmt.Sprintf("%q in %q", r, string(rs[max(0, i-6):min(len(rs), i+6)])))
		}
	}
	return out
}

func TestChinesePunctuation(t *testing.T) {
	if got := halfWidthInChinese("用法: /grant [楼栋…]（可选）<code>admins:</code> %s,"); len(got) != 3 {
		t.Errorf("the checker finds %v, want the colon and both brackets", got)
	}
	for _, name := range punctFiles {
		raw, err := files.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := yaml.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		for k, v := range m {
			for _, p := range halfWidthInChinese(v) {
				t.Errorf("%s %s: half-width %s", name, k, p)
			}
		}
	}
}
