package commands

import (
	"os"
	"regexp"
	"testing"

	"courtyard/commands/care"
	"courtyard/commands/core"
	"courtyard/holiday"
	"courtyard/locale"
	"courtyard/storage"
)

// TestEveryUsedKeyExists reads the handlers' source for catalog keys and
// checks each is in both languages, with the keys built at run time.
func TestEveryUsedKeyExists(t *testing.T) {
	cat, err := locale.Load("zh")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	var plurals []string
	re := regexp.MustCompile(`(?:\.T\(|\.T\([a-zA-Z.]+, |\.N\([a-zA-Z.]+, )"([a-z_]+\.[a-z_.]*[a-z_])"[,)]`)
	files := commandSources(t)
	// A count's key has forms: key.other in every language, key.one in English.
	plural := regexp.MustCompile(`(?:\.N\(|\.N\([a-zA-Z.]+, )"([a-z_]+\.[a-z_.]*[a-z_])"[,)]`)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			keys[m[1]] = true
		}
		for _, m := range plural.FindAllStringSubmatch(string(src), -1) {
			delete(keys, m[1])
			keys[m[1]+".other"] = true
			plurals = append(plurals, m[1])
		}
	}
	for _, r := range []storage.Role{storage.RoleResident, storage.RoleLeader, storage.RoleStaff, storage.RoleAdmin} {
		keys["role."+string(r)] = true
	}
	for _, s := range storage.TicketStates {
		keys["ticket.state."+string(s)] = true
	}
	for _, a := range append(storage.TicketActions, storage.ActCreate) {
		keys["ticket.action."+string(a)] = true
	}
	for _, k := range []string{storage.TicketKindReport, storage.TicketKindWish} {
		for _, p := range []string{"ticket.kind.", "report.ask_category.", "report.ask_text.", "report.opened."} {
			keys[p+k] = true
		}
	}
	for _, au := range []string{storage.AudienceGroups, storage.AudienceBuildingGroups, storage.AudienceResidents,
		storage.AudienceBuildingPersons, storage.AudienceTeam, storage.AudienceLeaders} {
		keys["ann.audience."+au] = true
	}
	for _, st := range []string{"draft", "sent", "cancelled"} {
		keys["ann.state."+st] = true
	}
	for _, a := range []string{"yes", "partly", "no"} {
		keys["ticket.answer."+a] = true
	}
	for _, st := range []string{storage.SignedUp, storage.Waiting} {
		keys["job.already."+st] = true
		keys["job.my_state."+st] = true
	}
	for _, m := range []string{"gave", "dropped", "walked", "coming", "missed"} {
		keys["patrol.status."+m] = true
	}
	for _, k := range holiday.Keys() {
		keys["holiday."+k] = true
	}
	for _, k := range care.Reasons() {
		keys["care.reason."+k] = true
	}
	for _, f := range []string{"building", "unit", "name", "reason", "reason_text", "contact", "notes"} {
		keys["care.field."+f] = true
		keys["care.ask_"+f] = true
	}
	for _, act := range []string{"create", "view", "list", "edit", "archive", "restore", "assign", "unassign",
		"visited", "ticket", "round", "plan", "export"} {
		keys["care.action."+act] = true
	}
	for _, k := range []string{storage.TicketKindReport, storage.TicketKindWish} {
		keys["visits.ticket_opened."+k] = true
	}
	a := registered(t)
	for _, c := range a.Commands() {
		keys["cmd."+c.Name] = true
	}
	for _, b := range a.ButtonFamilies() {
		keys[core.OrKey(b.Refuse, "error.forbidden_button")] = true
		keys[core.OrKey(b.Private, "error.private_button")] = true
	}
	if len(keys) < 50 {
		t.Fatalf("found only %d keys: the pattern is off", len(keys))
	}
	have := map[string]map[string]bool{}
	for _, lang := range locale.Languages() {
		have[lang] = map[string]bool{}
		for _, k := range cat.Keys(lang) {
			have[lang][k] = true
		}
	}
	if len(plurals) == 0 {
		t.Error("found no counted keys: the plural pattern is off")
	}
	for _, k := range plurals {
		if !have["en"][k+".one"] {
			t.Errorf("counted key %q has no English .one form", k)
		}
		for _, lang := range locale.Languages() {
			if have[lang][k] {
				t.Errorf("counted key %q also exists without a form in %s", k, lang)
			}
		}
	}
	for k := range keys {
		for _, lang := range locale.Languages() {
			if !have[lang][k] {
				t.Errorf("key %q is used but missing in %s", k, lang)
			}
		}
	}
}
