package locale

import (
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzLoad: catalogs of any content either load or fail with an error;
// a loaded catalog answers every key without panicking.
func FuzzLoad(f *testing.F) {
	f.Add("a.b: x\n", "a.b: y\n", "zh")
	f.Add("a.b: \"%s and %d\"\n", "a.b: x\n", "en")
	f.Add("a: 1\na: 2\n", "", "zh")
	f.Add("[1, 2]", "x: {y: z}", "fr")
	f.Add("k.one: \"%d thing\"\nk.other: \"%d things\"\n", "", "en")
	f.Fuzz(func(t *testing.T, zh, en, fallback string) {
		fsys := fstest.MapFS{
			"zh/a.yaml": {Data: []byte(zh)},
			"en/a.yaml": {Data: []byte(en)},
			"en/b.yaml": {Data: []byte(zh)},
		}
		c, err := load(fsys, fallback)
		if err != nil {
			if c != nil {
				t.Fatalf("a catalog with an error")
			}
			return
		}
		for _, lang := range []string{"zh", "en", fallback} {
			for _, k := range c.Keys(lang) {
				_ = c.T(lang, k, 1, "x")
				_ = c.N(lang, strings.TrimSuffix(strings.TrimSuffix(k, ".one"), ".other"), 2)
			}
		}
	})
}
