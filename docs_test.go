package main

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// mdLink is a Markdown link or image: [text](target) or ![alt](target).
var mdLink = regexp.MustCompile(`!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)

// inlineCode is `code` within a line.
var inlineCode = regexp.MustCompile("`[^`]*`")

// TestDocsLinksResolve checks that every relative link in README.md and
// docs/*.md names a file or directory that exists.
func TestDocsLinksResolve(t *testing.T) {
	pages, err := filepath.Glob("docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	pages = append([]string{"README.md"}, pages...)
	links := 0
	for _, page := range pages {
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mdLink.FindAllStringSubmatch(withoutCode(string(b)), -1) {
			u, err := url.Parse(m[1])
			if err != nil {
				t.Errorf("%s: link %q: %v", page, m[1], err)
				continue
			}
			if u.Scheme != "" || u.Host != "" || u.Path == "" {
				continue // another site, or an anchor on this page
			}
			links++
			target := filepath.Join(filepath.Dir(page), filepath.FromSlash(u.Path))
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s: link %q: no such file %s", page, m[1], target)
			}
		}
	}
	if links < 20 {
		t.Errorf("only %d relative links found in %v", links, pages)
	}
}

// withoutCode drops fenced code blocks and inline code, where brackets are
// not links.
func withoutCode(s string) string {
	var out []string
	fenced := false
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if !fenced {
			out = append(out, inlineCode.ReplaceAllString(line, ""))
		}
	}
	return strings.Join(out, "\n")
}

// TestReadmeIsShort keeps the README a page a committee reads: under 120
// lines, with one command to try the bot and one to run the tests.
func TestReadmeIsShort(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if n := strings.Count(s, "\n"); n >= 120 {
		t.Errorf("README.md has %d lines", n)
	}
	for section, want := range map[string]string{"## Try it": "go run . try", "## Run the tests": "go test ./..."} {
		_, rest, ok := strings.Cut(s, "\n"+section+"\n")
		if !ok {
			t.Errorf("no %q section", section)
			continue
		}
		rest, _, _ = strings.Cut(rest, "\n## ")
		_, block, _ := strings.Cut(rest, "```sh\n")
		block, _, _ = strings.Cut(block, "```")
		if strings.TrimSpace(block) != want || strings.Count(rest, "```sh") != 1 {
			t.Errorf("%s: the command is %q, want exactly %q", section, strings.TrimSpace(block), want)
		}
	}
}
