package commands

import (
	"flag"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"courtyard/commands/core"
	"courtyard/config"
	"courtyard/locale"
	"courtyard/storage"
)

var updateGolden = flag.Bool("update", false, "rewrite permissions.txt from the registered table")

// goldenPath is the reviewed permission table: who may do what.
const goldenPath = "permissions.txt"

func registeredPermissions(t *testing.T) []core.Permission {
	t.Helper()
	return registered(t).Permissions()
}

// registered is the bot's commands with every capability registered.
func registered(t *testing.T) *App {
	t.Helper()
	cat, err := locale.Load("zh")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Config{Community: config.Community{Name: "c", Buildings: []string{"1"}}}.WithDefaults()
	return New(cfg, cat, "bot", time.Now, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
}

// TestPermissionsMatchTheReviewedText: the table the bot routes by is the
// one in permissions.txt, line for line. Changing a rule means changing
// the reviewed text with it (go test ./commands -run Permissions -update).
func TestPermissionsMatchTheReviewedText(t *testing.T) {
	got := core.PermissionText(registeredPermissions(t))
	if *updateGolden {
		if err := os.WriteFile(goldenPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	if d := lineDiff(string(want), got); d != "" {
		t.Errorf("the registered permission table differs from %s (review the change, then run with -update):\n%s", goldenPath, d)
	}
}

// TestChangedRuleWithoutTheTextFails edits a copy of the table as a careless
// change would (/export and /status opened to every resident, a button
// moved into groups) and checks that the comparison names each change.
func TestChangedRuleWithoutTheTextFails(t *testing.T) {
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	edited := registeredPermissions(t)
	changed := map[string]bool{"/export": true, "/status": true, "tk:claim": true}
	for i, p := range edited {
		switch p.Action {
		case "/export", "/status":
			edited[i].Min = storage.RoleResident
		case "tk:claim":
			edited[i].Chats = []string{"private", "linked", "unlinked"}
		}
	}
	d := lineDiff(string(want), core.PermissionText(edited))
	for action := range changed {
		if !strings.Contains(d, "\n+ "+action+" ") && !strings.HasPrefix(d, "+ "+action+" ") {
			t.Errorf("changing %s in a copy of the table went unnoticed; diff:\n%s", action, d)
		}
	}
	if got := strings.Count(d, "\n+ ") + boolInt(strings.HasPrefix(d, "+ ")); got != len(changed) {
		t.Errorf("%d changed lines for %d changed rules:\n%s", got, len(changed), d)
	}
}

// TestReviewedTextReadsBack: every action of the text reads back with the
// same chats and lowest roles the table has.
func TestReviewedTextReadsBack(t *testing.T) {
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	allowed, err := core.ReadPermissionText(string(want))
	if err != nil {
		t.Fatal(err)
	}
	if got := allowed.Allows("/export", storage.RoleResident, "private"); got {
		t.Errorf("/export allowed to residents in private by the reviewed text")
	}
	if got := allowed.Allows("/export", storage.RoleStaff, "private"); !got {
		t.Errorf("/export refused to staff in private by the reviewed text")
	}
	if got := allowed.Allows("tk:me", storage.RoleResident, "linked"); !got {
		t.Errorf("Me too refused to residents in a linked group by the reviewed text")
	}
	if got := allowed.Allows("tk:claim", storage.RoleAdmin, "linked"); got {
		t.Errorf("Claim allowed in a linked group by the reviewed text")
	}
}

// lineDiff lists the lines only in want ("- ") and only in got ("+ ").
func lineDiff(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var out []string
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			out = append(out, "- "+l)
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
