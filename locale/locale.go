// Package locale holds the bot's messages in Chinese and English.
package locale

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed zh/*.yaml en/*.yaml
var files embed.FS

// Languages the bot speaks, the first being the default.
var languages = []string{"zh", "en"}

// Languages returns the languages the bot speaks.
func Languages() []string { return append([]string(nil), languages...) }

// Catalog maps language → key → message.
type Catalog struct {
	msgs     map[string]map[string]string
	fallback string
}

// Load reads the embedded catalogs. Every file of a language is one flat map
// of dotted keys; a key defined twice is an error.
func Load(fallback string) (*Catalog, error) {
	return load(files, fallback)
}

// LoadFS is Load from catalogs in fsys, laid out as the embedded ones
// (zh/*.yaml, en/*.yaml): for tests that bring messages of their own.
func LoadFS(fsys fs.FS, fallback string) (*Catalog, error) { return load(fsys, fallback) }

func load(fsys fs.FS, fallback string) (*Catalog, error) {
	c := &Catalog{msgs: map[string]map[string]string{}, fallback: fallback}
	for _, lang := range languages {
		c.msgs[lang] = map[string]string{}
		names, err := fs.Glob(fsys, lang+"/*.yaml")
		if err != nil {
			return nil, fmt.Errorf("locale: %w", err)
		}
		for _, name := range names {
			raw, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("locale: %w", err)
			}
			var m map[string]string
			if err := yaml.Unmarshal(raw, &m); err != nil {
				return nil, fmt.Errorf("locale: %s: %w", name, err)
			}
			for k, v := range m {
				if _, dup := c.msgs[lang][k]; dup {
					return nil, fmt.Errorf("locale: %s: key %q defined twice", path.Base(name), k)
				}
				c.msgs[lang][k] = strings.TrimRight(v, "\n")
			}
		}
	}
	if _, ok := c.msgs[fallback]; !ok {
		return nil, fmt.Errorf("locale: unknown fallback language %q", fallback)
	}
	return c, nil
}

// T returns the message key in lang, formatted with args. A key missing in
// lang falls back to the default language, then to the key itself.
func (c *Catalog) T(lang, key string, args ...any) string {
	s, ok := c.msgs[lang][key]
	if !ok {
		if s, ok = c.msgs[c.fallback][key]; !ok {
			return key
		}
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// N is T for a count: it picks key.one or key.other by the language's rule.
func (c *Catalog) N(lang, key string, n int, args ...any) string {
	form := ".other"
	if lang == "en" && n == 1 {
		form = ".one"
	}
	return c.T(lang, key+form, append([]any{n}, args...)...)
}

// Keys lists the keys of a language, sorted.
func (c *Catalog) Keys(lang string) []string {
	var out []string
	for k := range c.msgs[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Pick chooses the language for a person: their choice, else their
// Telegram language, else the community's.
func Pick(chosen, telegramCode, community string) string {
	if isLang(chosen) {
		return chosen
	}
	tc := strings.ToLower(telegramCode)
	switch {
	case strings.HasPrefix(tc, "zh"):
		return "zh"
	case strings.HasPrefix(tc, "en"):
		return "en"
	}
	if isLang(community) {
		return community
	}
	return languages[0]
}

func isLang(s string) bool {
	for _, l := range languages {
		if s == l {
			return true
		}
	}
	return false
}
