package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestComposeBackupService reads deploy/compose.yaml: the bot gets the token
// from .env; the backup service runs `courtyard backup` into ./backups on a
// schedule, from the same image and volume, without the token.
func TestComposeBackupService(t *testing.T) {
	b, err := os.ReadFile("deploy/compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Services map[string]struct {
			Image       string         `yaml:"image"`
			EnvFile     any            `yaml:"env_file"`
			Environment any            `yaml:"environment"`
			Command     []string       `yaml:"command"`
			Volumes     []string       `yaml:"volumes"`
			Healthcheck map[string]any `yaml:"healthcheck"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	bot, ok := c.Services["courtyard"]
	if !ok || bot.EnvFile != ".env" {
		t.Fatalf("the courtyard service: %+v", bot)
	}
	bk, ok := c.Services["backup"]
	if !ok {
		t.Fatal("no backup service")
	}
	if bk.EnvFile != nil || bk.Environment != nil {
		t.Errorf("the backup service is given an environment (the token?): %v %v", bk.EnvFile, bk.Environment)
	}
	if bk.Image != bot.Image {
		t.Errorf("the backup service runs %q, the bot %q", bk.Image, bot.Image)
	}
	script := strings.Join(bk.Command, "\n")
	for _, want := range []string{"courtyard backup -config /etc/courtyard/courtyard.yaml", "/backups/courtyard-", "sleep 86400"} {
		if !strings.Contains(script, want) {
			t.Errorf("the backup script lacks %q:\n%s", want, script)
		}
	}
	for _, v := range []string{"courtyard-data:/data", "./courtyard.yaml:/etc/courtyard/courtyard.yaml:ro", "./backups:/backups"} {
		if !slices.Contains(bk.Volumes, v) {
			t.Errorf("the backup service does not mount %s: %v", v, bk.Volumes)
		}
	}
	if bk.Healthcheck["disable"] != true {
		t.Errorf("the backup service keeps the image's HEALTHCHECK, which asks a bot it does not run")
	}
}

// TestSystemdUnits reads deploy/systemd: the backup unit has no token; both
// units read the configuration as a credential, so a 600 root file works
// for the dynamic user; Documentation= names the file the install steps in
// docs/operations.md put there.
func TestSystemdUnits(t *testing.T) {
	ops, err := os.ReadFile("docs/operations.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := regexp.MustCompile(`(?m)^Documentation=file://(/usr/local/share/doc/courtyard/(\S+))$`)
	for _, unit := range []string{"courtyard.service", "courtyard-backup.service"} {
		b, err := os.ReadFile("deploy/systemd/" + unit)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		m := doc.FindStringSubmatch(s)
		if m == nil {
			t.Errorf("%s: no Documentation= under /usr/local/share/doc/courtyard", unit)
		} else if !strings.Contains(string(ops), "docs/"+m[2]+" "+m[1]) {
			t.Errorf("%s: docs/operations.md does not install docs/%s to %s", unit, m[2], m[1])
		}
		if !strings.Contains(s, "\nLoadCredential=courtyard.yaml:/etc/courtyard/courtyard.yaml\n") {
			t.Errorf("%s: the configuration is not loaded as a credential", unit)
		}
		for _, line := range strings.Split(s, "\n") {
			if strings.HasPrefix(line, "Exec") && strings.Contains(line, "-config") && !strings.Contains(line, "-config %d/courtyard.yaml") {
				t.Errorf("%s: %s reads the configuration where the dynamic user cannot", unit, line)
			}
		}
		if unit == "courtyard-backup.service" && (strings.Contains(s, "token") && strings.Contains(s, "EnvironmentFile") || strings.Contains(s, "TOKEN")) {
			t.Errorf("%s is given the token", unit)
		}
	}
}
