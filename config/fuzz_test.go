package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoad: any file either loads into a valid configuration or fails with
// one line that names the file.
func FuzzLoad(f *testing.F) {
	example, err := os.ReadFile("../config.example.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(example))
	for _, s := range []string{
		"", "# only a comment\n", "admins: [1, 2]\n", "admins: x\n", "community:\n  buildings: [\"1\"]\n",
		"telegram:\n  token: \"1:a\"\ncommunity:\n  buildings: [\"1\"]\n", "privacy:\n  retain_closed_days: -1\n",
		"privacy:\n  retain_closed_days: 0\n", "a: 1\n---\nb: 2\n", "limits:\n  commands_per_minute: 1e99\n",
		"telegram:\n  poll_timeout: 5x\n", "tickets:\n  categories: [{key: a}]\n", "&a [*a]", "{", "\t:",
	} {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data string) {
		path := filepath.Join(dir, "c.yaml")
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Load(path, func(string) string { return "" })
		if err != nil {
			if strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), path) {
				t.Fatalf("error is not one line naming the file: %q", err)
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("loaded but invalid: %v", err)
		}
	})
}
