package core

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"courtyard/locale"
)

// Every catalog key the answers and dialogs use is in both languages;
// a counted key has its English .one.
func TestDialogKeysExist(t *testing.T) {
	cat, err := locale.Load("zh")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]map[string]bool{}
	for _, lang := range locale.Languages() {
		have[lang] = map[string]bool{}
		for _, k := range cat.Keys(lang) {
			have[lang][k] = true
		}
	}
	files, err := filepath.Glob("dialog*.go")
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`r\.(T|N)\("([a-z_]+\.[a-z_.]*[a-z_])"`)
	n := 0
	for _, f := range append(files, "answer.go") {
		if filepath.Ext(f) != ".go" || strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(src), -1) {
			n++
			want := map[string]string{"zh": m[2], "en": m[2]}
			if m[1] == "N" {
				want = map[string]string{"zh": m[2] + ".other", "en": m[2] + ".one"}
			}
			for lang, k := range want {
				if !have[lang][k] {
					t.Errorf("%s: key %q missing in %s", f, k, lang)
				}
			}
		}
	}
	for _, a := range []Answer{AnswerYes, AnswerNo, AnswerConfirm, AnswerChange, AnswerBack, AnswerCancel} {
		for _, lang := range locale.Languages() {
			if !have[lang][a.Key()] {
				t.Errorf("key %q missing in %s", a.Key(), lang)
			}
		}
	}
	if n < 15 {
		t.Fatalf("found only %d keys: the pattern is off", n)
	}
}
