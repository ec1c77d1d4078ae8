package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

const testToken = "123456:test-token"

// env returns a getenv that knows only the given variables.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// withToken is a getenv that supplies only the bot token.
func withToken(k string) string {
	if k == TokenEnv {
		return testToken
	}
	return ""
}

// writeConfig writes content to a fresh config.yaml and returns its path.
func writeConfig(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// loadErr loads content and returns the error text, failing if there is none
// or if it is not a single line naming the file.
func loadErr(t *testing.T, content string, getenv func(string) string) string {
	t.Helper()
	path := writeConfig(t, content)
	_, err := Load(path, getenv)
	if err == nil {
		t.Fatalf("Load succeeded, want an error for:\n%s", content)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") {
		t.Errorf("error spans several lines: %q", msg)
	}
	if !strings.HasPrefix(msg, "config: "+path+": ") {
		t.Errorf("error %q does not start with the file name", msg)
	}
	return msg
}

func TestLoadAppliesDefaults(t *testing.T) {
	path := writeConfig(t, "admins: [42]\ncommunity:\n  buildings: [\"1\", \"2\"]\n")
	got, err := Load(path, withToken)
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Telegram: Telegram{
			Token:       testToken,
			APIURL:      "https://api.telegram.org",
			PollTimeout: 50 * time.Second,
			Limits:      SendLimits{GlobalPerSecond: 30, PerChatPerSecond: 1, PerGroupPerMinute: 20},
		},
		Database:  Database{Path: "courtyard.db"},
		Admins:    []int64{42},
		Community: Community{Timezone: "Asia/Shanghai", Language: "zh", Buildings: []string{"1", "2"}},
		Tickets: Tickets{
			Categories:     DefaultCategories(),
			WishCategories: DefaultWishCategories(),
			EscalateAfter:  24,
			AutoCloseDays:  7,
			MaxText:        2000,
			PerUserPerHour: 10,
			MaxPhotos:      10,
			RespondWithin:  2 * time.Hour,
		},
		Jobs:      Jobs{RemindBefore: DefaultRemindBefore(), AlertShortBefore: 24 * time.Hour, MaxNoShows: 3},
		Patrol:    Patrol{HorizonDays: 14, EveningReminder: "20:00", RemindBefore: time.Hour, AlertShortBefore: 6 * time.Hour},
		Visits:    Visits{Holidays: []string{"spring", "mid_autumn", "national_day"}, DaysBefore: 7},
		Stars:     Stars{Categories: DefaultStarCategories(), Days: []int{3, 5, 7}},
		Pledges:   Pledges{RatingDays: 7},
		Limits:    Limits{CommandsPerMinute: 30, MessagesPerMinute: 20},
		Log:       Log{Level: "info", Format: "text"},
		Schedule:  Schedule{Grace: DefaultScheduleGrace},
		Meetings:  Meetings{RemindBefore: DefaultMeetingRemindBefore()},
		Notify:    Notify{QuietHours: "21:30-07:30", MaxScheduledPerDay: DefaultMaxScheduledPerDay},
		Proposals: Proposals{AgendaThreshold: 5},
		Digest:    Digest{Weekly: "sunday 18:00"},
	}
	want.Services.setDefaults()
	days := DefaultRetainClosedDays
	want.Privacy.RetainClosedDays = &days
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load:\n got %+v\nwant %+v", got, want)
	}
}

func TestDefaultCategories(t *testing.T) {
	cats := DefaultCategories()
	var keys []string
	for _, c := range cats {
		keys = append(keys, c.Key)
	}
	if got, want := strings.Join(keys, " "), "water lighting roads sanitation safety noise neighbours other"; got != want {
		t.Errorf("keys = %q, want %q", got, want)
	}
	if cats[0].Zh != "供水排污" || cats[0].En != "Water & sewage" {
		t.Errorf("water labels = %q / %q", cats[0].Zh, cats[0].En)
	}
	cats[0].Key = "changed"
	if DefaultCategories()[0].Key != "water" {
		t.Error("DefaultCategories shares its slice between calls")
	}
}

func TestLoadKeepsGivenValues(t *testing.T) {
	path := writeConfig(t, `
admins: [42]
telegram:
  api_url: http://localhost:8081/
  poll_timeout: 2m
  limits: {global_per_second: 5}
community:
  timezone: Europe/Berlin
  language: en
  buildings: ["E12"]
tickets:
  categories:
    - {key: lifts, zh: 电梯, en: Lifts, deadline: 12}
  max_text: 4096
log: {level: debug, format: json}
`)
	c, err := Load(path, withToken)
	if err != nil {
		t.Fatal(err)
	}
	if c.Telegram.APIURL != "http://localhost:8081" {
		t.Errorf("api_url = %q, want the trailing slash removed", c.Telegram.APIURL)
	}
	if c.Telegram.PollTimeout != 2*time.Minute {
		t.Errorf("poll_timeout = %v, want 2m", c.Telegram.PollTimeout)
	}
	if c.Telegram.Limits.GlobalPerSecond != 5 || c.Telegram.Limits.PerChatPerSecond != 1 {
		t.Errorf("limits = %+v", c.Telegram.Limits)
	}
	want := []Category{{Key: "lifts", Zh: "电梯", En: "Lifts", Deadline: 12}}
	if !reflect.DeepEqual(c.Tickets.Categories, want) {
		t.Errorf("categories = %+v, want %+v", c.Tickets.Categories, want)
	}
	if c.Community.Language != "en" || c.Tickets.MaxText != 4096 || c.Log.Format != "json" {
		t.Errorf("given values lost: %+v", c)
	}
}

func TestEmptyFileGivesDefaults(t *testing.T) {
	for _, content := range []string{"", "# only a comment\n", "---\n", "~\n"} {
		c, err := decode("config.yaml", []byte(content))
		if err != nil {
			t.Errorf("decode(%q): %v", content, err)
			continue
		}
		if got := c.WithDefaults(); got.Telegram.APIURL != DefaultAPIURL || got.Log.Level != "info" {
			t.Errorf("decode(%q) then defaults = %+v", content, got)
		}
		// Load gets past parsing and stops at the first key without a default.
		if msg := loadErr(t, content, withToken); !strings.Contains(msg, "community.buildings is empty") {
			t.Errorf("Load(%q) = %q, want the missing buildings reported", content, msg)
		}
	}
}

func TestTokenFromEnvironment(t *testing.T) {
	tests := []struct {
		name, file, env, want string
	}{
		{"file only", "file-token", "", "file-token"},
		{"env wins", "file-token", "env-token", "env-token"},
		{"env only", "", "env-token", "env-token"},
		{"env trimmed", "", " env-token\n", "env-token"},
		{"blank env ignored", "file-token", "   ", "file-token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, "admins: [42]\ntelegram:\n  token: \""+tt.file+"\"\ncommunity:\n  buildings: [\"1\"]\n")
			c, err := Load(path, env(map[string]string{TokenEnv: tt.env}))
			if err != nil {
				t.Fatal(err)
			}
			if c.Telegram.Token != tt.want {
				t.Errorf("token = %q, want %q", c.Telegram.Token, tt.want)
			}
		})
	}
}

func TestUnknownKeys(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"top level", "community:\n  buildings: [\"1\"]\ncolour: red\n",
			`line 3: unknown key "colour" at the top level`},
		{"top level typo", "comunity:\n  buildings: [\"1\"]\n",
			`line 1: unknown key "comunity" at the top level (did you mean "community"?)`},
		{"nested", "community:\n  buildings: [\"1\"]\ntelegram:\n  tokne: x\n",
			`line 4: unknown key "tokne" in telegram (did you mean "token"?)`},
		{"two levels down", "telegram:\n  limits:\n    per_chat: 2\n",
			`line 3: unknown key "per_chat" in telegram.limits`},
		{"in a list item", "tickets:\n  categories:\n    - {key: a, zh: 甲, en: A}\n    - key: b\n      label: B\n",
			`line 5: unknown key "label" in tickets.categories[1]`},
		{"in a merged mapping", "telegram: &t\n  api_url: http://a\ndatabase:\n  <<: *t\n",
			`line 2: unknown key "api_url" in database`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := loadErr(t, tt.content, withToken)
			if !strings.HasSuffix(msg, ": "+tt.want) {
				t.Errorf("error = %q\nwant it to end in %q", msg, tt.want)
			}
		})
	}
}

func TestUnknownKeyUnwrapsToYAMLError(t *testing.T) {
	_, err := Load(writeConfig(t, "telegram:\n  tokne: x\n"), withToken)
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		t.Errorf("error %v does not unwrap to *yaml.TypeError", err)
	}
}

func TestBadDurations(t *testing.T) {
	tests := []struct {
		value, want string
	}{
		{"50", `line 2: telegram.poll_timeout: 50 has no unit: write a duration such as "50s" or "2m"`},
		{`"50"`, `line 2: telegram.poll_timeout: 50 has no unit`},
		{"1.5", `line 2: telegram.poll_timeout: 1.5 has no unit`},
		{"fifty", `line 2: telegram.poll_timeout: "fifty" is not a duration: write it like "50s" or "2m"`},
		{"5 s", `line 2: telegram.poll_timeout: "5 s" is not a duration`},
		{"[50s]", `line 2: cannot unmarshal !!seq into time.Duration`},
		{"-5s", `telegram.poll_timeout must be positive, not -5s`},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			msg := loadErr(t, "telegram:\n  poll_timeout: "+tt.value+"\ncommunity: {buildings: [\"1\"]}\n", withToken)
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q\nwant it to contain %q", msg, tt.want)
			}
		})
	}
}

func TestMalformedFiles(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"syntax", "telegram:\n  token: [\n", "line 2: did not find expected node content"},
		{"wrong type", "community:\n  buildings: [\"1\"]\ntickets:\n  max_text: lots\n", "line 4: cannot unmarshal !!str `lots` into int"},
		{"several wrong types", "tickets:\n  max_text: lots\n  auto_close_days: many\n", "into int (and 1 more problem)"},
		{"not a mapping", "- a\n- b\n", "cannot unmarshal !!seq into config.Config"},
		{"two documents", "community: {buildings: [\"1\"]}\n---\nlog: {level: debug}\n", "more than one YAML document"},
		{"tab indent", "telegram:\n\ttoken: x\n", "found character that cannot start any token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if msg := loadErr(t, tt.content, withToken); !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q\nwant it to contain %q", msg, tt.want)
			}
		})
	}
}

func TestMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.yaml")
	_, err := Load(path, withToken)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Load(missing) = %v, want fs.ErrNotExist", err)
	}
	if want := "config: read " + path + ": "; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %q, want prefix %q", err, want)
	}
}

// exampleWithAdmin is the example config as its instructions say to edit
// it: the placeholder admin replaced by a real id.
func exampleWithAdmin(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(raw), "  - 123456789\n", "  - 5012345678\n", 1)
	if s == string(raw) {
		t.Fatal("the example has no placeholder admin line")
	}
	return writeConfig(t, s)
}

func TestExampleLoads(t *testing.T) {
	c, err := Load(exampleWithAdmin(t), withToken)
	if err != nil {
		t.Fatal(err)
	}
	if c.Telegram.Token != testToken {
		t.Errorf("token = %q, want the one from %s", c.Telegram.Token, TokenEnv)
	}
	if c.Community.Name != "南门社区" || len(c.Community.Buildings) != 13 || c.Community.Buildings[12] != "E12" {
		t.Errorf("community = %+v", c.Community)
	}
	if len(c.Admins) != 1 || c.Admins[0] != 5012345678 || len(c.Tickets.Categories) != 8 {
		t.Errorf("admins = %v, %d categories", c.Admins, len(c.Tickets.Categories))
	}
}

// TestExamplePlaceholderRefused: the example as shipped names nobody real.
func TestExamplePlaceholderRefused(t *testing.T) {
	_, err := Load("../config.example.yaml", withToken)
	if err == nil || !strings.Contains(err.Error(), "admins[0] is 123456789, the example's placeholder") ||
		!strings.Contains(err.Error(), "@userinfobot") {
		t.Errorf("Load of the unedited example = %v", err)
	}
}

// TestExampleNeedsOnlyToken: with the admin filled in and no token, the only
// problem is the token, and the checked config comes back with it.
func TestExampleNeedsOnlyToken(t *testing.T) {
	c, err := Load(exampleWithAdmin(t), env(nil))
	if !errors.Is(err, ErrNoToken) || !strings.Contains(err.Error(), "telegram.token is empty: set it in the config or in "+TokenEnv) {
		t.Errorf("Load without a token = %v", err)
	}
	if c.Community.Name != "南门社区" {
		t.Errorf("config not returned with ErrNoToken: %+v", c.Community)
	}
}

func TestAdminsRefused(t *testing.T) {
	for _, tc := range []struct{ name, admins, want string }{
		{"none", "", "admins is empty: without an administrator nobody can link a group or grant a role"},
		{"empty list", "admins: []\n", "admins is empty"},
		{"username", "admins:\n  - \"@ann\"\n", `line 2: admins[0] is "@ann": admins takes numeric user ids, not @names; to find yours, send any message to @userinfobot`},
		{"bare username", "admins: [42, ann]\n", `line 1: admins[1] is "ann": admins takes numeric user ids, not @names`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := loadErr(t, tc.admins+"community:\n  buildings: [\"1\"]\n", withToken)
			if !strings.Contains(msg, tc.want) {
				t.Errorf("got %q, want %q", msg, tc.want)
			}
		})
	}
}

// TestExampleDocumentsEveryKey checks that every key of Config appears in
// the example, as a key or as a commented-out key, and carries a comment.
func TestExampleDocumentsEveryKey(t *testing.T) {
	data, err := os.ReadFile("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{} // dotted key -> has a comment
	collectKeys(root.Content[0], "", "", documented)

	for _, key := range structKeys(reflect.TypeFor[Config](), "") {
		has, ok := documented[key]
		if !ok {
			leaf := key[strings.LastIndex(key, ".")+1:]
			commented := regexp.MustCompile(`(?m)^\s*#\s*(- )?` + regexp.QuoteMeta(leaf) + `:`)
			if commented.Match(data) {
				continue // a commented-out key documents itself
			}
			t.Errorf("config.example.yaml lacks key %s", key)
			continue
		}
		if !has {
			t.Errorf("config.example.yaml has no comment for key %s", key)
		}
	}
}

// structKeys lists the dotted YAML keys of t; list items add no segment.
func structKeys(t reflect.Type, prefix string) []string {
	var keys []string
	for _, f := range yamlFields(t) {
		key := join(prefix, f.Key)
		keys = append(keys, key)
		ft := f.Type
		if ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct {
			keys = append(keys, structKeys(ft, key)...)
		}
	}
	return keys
}

// collectKeys records every dotted key in n and whether any occurrence has a
// comment: on the key itself, or on the list item holding it when that
// comment names the key.
func collectKeys(n *yaml.Node, prefix, itemComment string, documented map[string]bool) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			key := join(prefix, k.Value)
			named := regexp.MustCompile(`\b` + regexp.QuoteMeta(k.Value) + `\b`).MatchString(itemComment)
			documented[key] = documented[key] || k.HeadComment != "" || k.LineComment != "" || named
			collectKeys(n.Content[i+1], key, "", documented)
		}
	case yaml.SequenceNode:
		for _, item := range n.Content {
			collectKeys(item, prefix, item.HeadComment, documented)
		}
	}
}

// An empty list of visit holidays turns visit rounds off; an absent one
// takes the default.
func TestVisitHolidaysNone(t *testing.T) {
	path := writeConfig(t, "admins: [42]\ncommunity:\n  buildings: [\"1\"]\nvisits:\n  holidays: []\n")
	c, err := Load(path, withToken)
	if err != nil {
		t.Fatal(err)
	}
	if c.Visits.Holidays == nil || len(c.Visits.Holidays) != 0 {
		t.Errorf("holidays %#v, want an empty list", c.Visits.Holidays)
	}
}
