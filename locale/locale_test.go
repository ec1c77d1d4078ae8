package locale

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestEveryKeyInEveryLanguage(t *testing.T) {
	c, err := Load("zh")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range languages {
		for _, b := range languages {
			for _, k := range c.Keys(a) {
				if _, ok := c.msgs[b][k]; !ok {
					// Chinese has one form for every count: key.other.
					if base, one := strings.CutSuffix(k, ".one"); one && b == "zh" && c.msgs[b][base+".other"] != "" {
						continue
					}
					t.Errorf("key %q is in %s but not in %s", k, a, b)
				}
			}
		}
	}
	if len(c.Keys("zh")) < 20 {
		t.Fatalf("catalog looks empty: %d keys", len(c.Keys("zh")))
	}
}

func TestPlaceholdersAgree(t *testing.T) {
	c, err := Load("zh")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range c.Keys("zh") {
		zh, en := c.msgs["zh"][k], c.msgs["en"][k]
		if strings.Count(zh, "%") != strings.Count(en, "%") {
			t.Errorf("key %q: zh and en take different arguments:\nzh: %s\nen: %s", k, zh, en)
		}
	}
}

func TestDuplicateKeyRejected(t *testing.T) {
	fsys := fstest.MapFS{
		"zh/a.yaml": {Data: []byte("x: 一\n")},
		"zh/b.yaml": {Data: []byte("x: 二\n")},
		"en/a.yaml": {Data: []byte("x: one\n")},
	}
	if _, err := load(fsys, "zh"); err == nil || !strings.Contains(err.Error(), "defined twice") {
		t.Fatalf("want a duplicate-key error, got %v", err)
	}
}

func TestPick(t *testing.T) {
	cases := []struct{ chosen, tg, comm, want string }{
		{"en", "zh-hans", "zh", "en"},
		{"", "zh-hans", "en", "zh"},
		{"", "en-US", "zh", "en"},
		{"", "ru", "en", "en"},
		{"", "", "zh", "zh"},
		{"xx", "", "", "zh"},
	}
	for _, tc := range cases {
		if got := Pick(tc.chosen, tc.tg, tc.comm); got != tc.want {
			t.Errorf("Pick(%q,%q,%q) = %q, want %q", tc.chosen, tc.tg, tc.comm, got, tc.want)
		}
	}
}

func TestFallbackAndPlural(t *testing.T) {
	fsys := fstest.MapFS{
		"zh/a.yaml": {Data: []byte("only: 只有中文\nn.other: \"%d 条\"\n")},
		"en/a.yaml": {Data: []byte("n.one: \"%d ticket\"\nn.other: \"%d tickets\"\n")},
	}
	c, err := load(fsys, "zh")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.T("en", "only"); got != "只有中文" {
		t.Errorf("fallback: got %q", got)
	}
	if got := c.T("en", "missing"); got != "missing" {
		t.Errorf("missing key: got %q", got)
	}
	if got := c.N("en", "n", 1); got != "1 ticket" {
		t.Errorf("plural one: %q", got)
	}
	if got := c.N("en", "n", 3); got != "3 tickets" {
		t.Errorf("plural other: %q", got)
	}
	if got := c.N("zh", "n", 1); got != "1 条" {
		t.Errorf("zh: %q", got)
	}
}
