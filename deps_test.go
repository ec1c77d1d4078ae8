package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestReleaseBinaryHasNoTestCode fails when the release binary would link
// a test-only package: the playground's simulated Telegram must stay free of
// testing and net/http/httptest.
func TestReleaseBinaryHasNoTestCode(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}}:{{join .Imports " "}}`, ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	banned := map[string]bool{"testing": true, "net/http/httptest": true}
	var pkgs int
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ":")
		pkgs++
		if banned[pkg] {
			t.Errorf("the release binary links %s", pkg)
		}
		for _, imp := range strings.Fields(imports) {
			if banned[imp] {
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
	if pkgs < 10 {
		t.Fatalf("go list printed only %d packages:\n%s", pkgs, out)
	}
}
