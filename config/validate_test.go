package config

import (
	"strings"
	"testing"
	"time"
)

// valid returns a Config that passes Validate.
func valid() Config {
	return Config{
		Telegram:  Telegram{Token: testToken},
		Admins:    []int64{42},
		Community: Community{Buildings: []string{"1", "2", "E12"}},
	}.WithDefaults()
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		want   string // the whole message
	}{
		{"patrol horizon", func(c *Config) { c.Patrol.HorizonDays = 0 },
			"patrol.horizon_days must be between 1 and 60, not 0"},
		{"patrol evening", func(c *Config) { c.Patrol.EveningReminder = "8pm" },
			`patrol.evening_reminder must be a time of day as HH:MM, not "8pm"`},
		{"patrol evening hour", func(c *Config) { c.Patrol.EveningReminder = "24:00" },
			`patrol.evening_reminder must be a time of day as HH:MM, not "24:00"`},
		{"patrol remind", func(c *Config) { c.Patrol.RemindBefore = 13 * time.Hour },
			"patrol.remind_before must be whole minutes between 1m and 12h, not 13h0m0s"},
		{"patrol short", func(c *Config) { c.Patrol.AlertShortBefore = time.Second },
			"patrol.alert_short_before must be between 1m and 168h, not 1s"},
		{"missing token", func(c *Config) { c.Telegram.Token = "" },
			"telegram.token is empty: set it in the config or in COURTYARD_TELEGRAM_TOKEN"},
		{"token with space", func(c *Config) { c.Telegram.Token = "12 34" },
			"telegram.token contains white space"},
		{"relative api_url", func(c *Config) { c.Telegram.APIURL = "api.telegram.org" },
			`telegram.api_url "api.telegram.org" is not an absolute http(s) URL`},
		{"ftp api_url", func(c *Config) { c.Telegram.APIURL = "ftp://example.com" },
			`telegram.api_url "ftp://example.com" is not an absolute http(s) URL`},
		{"api_url with query", func(c *Config) { c.Telegram.APIURL = "https://example.com?x=1" },
			`telegram.api_url "https://example.com?x=1" must not have a query, fragment or user info`},
		{"negative reminder", func(c *Config) { c.Jobs.RemindBefore = []time.Duration{-time.Hour} },
			"jobs.remind_before: -1h0m0s must be whole minutes between 1m and 720h"},
		{"reminder twice", func(c *Config) { c.Jobs.RemindBefore = []time.Duration{time.Hour, time.Hour} },
			"jobs.remind_before lists 1h0m0s twice"},
		{"short alert too far", func(c *Config) { c.Jobs.AlertShortBefore = 800 * time.Hour },
			"jobs.alert_short_before must be between 1m and 720h, not 800h0m0s"},
		{"no-shows negative", func(c *Config) { c.Jobs.MaxNoShows = -1 },
			"jobs.max_no_shows must be between 1 and 100, not -1"},
		{"unknown holiday", func(c *Config) { c.Visits.Holidays = []string{"spring", "easter"} },
			`visits.holidays[1] "easter" is not a holiday: use one of new_year, spring, lantern, qingming, dragon_boat, mid_autumn, double_ninth, national_day`},
		{"holiday twice", func(c *Config) { c.Visits.Holidays = []string{"spring", "spring"} },
			`visits.holidays[1] "spring" is listed twice`},
		{"days_before too many", func(c *Config) { c.Visits.DaysBefore = 61 },
			"visits.days_before is 61: it must be 1 to 60"},
		{"days_before negative", func(c *Config) { c.Visits.DaysBefore = -1 },
			"visits.days_before is -1: it must be 1 to 60"},
		{"zero poll timeout", func(c *Config) { c.Telegram.PollTimeout = 0 },
			"telegram.poll_timeout must be positive, not 0s"},
		{"negative global limit", func(c *Config) { c.Telegram.Limits.GlobalPerSecond = -1 },
			"telegram.limits.global_per_second must be a positive number, not -1"},
		{"zero chat limit", func(c *Config) { c.Telegram.Limits.PerChatPerSecond = 0 },
			"telegram.limits.per_chat_per_second must be a positive number, not 0"},
		{"negative group limit", func(c *Config) { c.Telegram.Limits.PerGroupPerMinute = -20 },
			"telegram.limits.per_group_per_minute must be a positive number, not -20"},
		{"blank database path", func(c *Config) { c.Database.Path = " " },
			"database.path is empty"},
		{"admin zero", func(c *Config) { c.Admins = []int64{42, 0} },
			"admins[1] is 0: a Telegram user id is a positive number"},
		{"admin negative", func(c *Config) { c.Admins = []int64{-100123} },
			"admins[0] is -100123: a Telegram user id is a positive number"},
		{"bad zone", func(c *Config) { c.Community.Timezone = "Mars/Olympus" },
			`community.timezone "Mars/Olympus" is not a known time zone: use an IANA name such as Asia/Shanghai`},
		{"empty zone", func(c *Config) { c.Community.Timezone = "" },
			"community.timezone is empty: use an IANA name such as Asia/Shanghai"},
		{"local zone", func(c *Config) { c.Community.Timezone = "Local" },
			"community.timezone must not be Local: use an IANA name such as Asia/Shanghai"},
		{"language", func(c *Config) { c.Community.Language = "fr" },
			`community.language "fr" is not supported: use zh or en`},
		{"star key", func(c *Config) { c.Stars.Categories[0].Key = "Community Star" },
			`stars.categories[0]: key "Community Star" must be 1 to 32 characters of a-z, 0-9, _ or -`},
		{"star label", func(c *Config) { c.Stars.Categories[1].En = " " },
			"stars.categories[1] (leader): en label is missing"},
		{"star candidates", func(c *Config) { c.Stars.Categories[2].Candidates = "team" },
			`stars.categories[2] (courtyard): candidates "team" is unknown: use person, leader or building`},
		{"star duplicate", func(c *Config) { c.Stars.Categories[1].Key = "community" },
			`stars.categories: key "community" is used twice (items 0 and 1)`},
		{"star days", func(c *Config) { c.Stars.Days = []int{3, 0} },
			"stars.days[1] is 0: each must be 1 to 31 days"},
		{"rating days", func(c *Config) { c.Pledges.RatingDays = 365 },
			"pledges.rating_days must be 1 to 90, not 365"},
		{"no buildings", func(c *Config) { c.Community.Buildings = nil },
			"community.buildings is empty: list the community's buildings"},
		{"blank building", func(c *Config) { c.Community.Buildings = []string{"1", " "} },
			"community.buildings[1] is blank"},
		{"duplicate building", func(c *Config) { c.Community.Buildings = []string{"1", "2", "1"} },
			`community.buildings: "1" is listed twice (items 0 and 2)`},
		{"duplicate building by case", func(c *Config) { c.Community.Buildings = []string{"E12", "e12"} },
			`community.buildings: "e12" is listed twice (items 0 and 1)`},
		{"no categories", func(c *Config) { c.Tickets.Categories = nil },
			"tickets.categories is empty"},
		{"blank category key", func(c *Config) { c.Tickets.Categories[2].Key = "" },
			"tickets.categories[2]: key is blank"},
		{"category key with space", func(c *Config) { c.Tickets.Categories[0].Key = "water pipes" },
			`tickets.categories[0]: key "water pipes" must be 1 to 32 characters of a-z, 0-9, _ or -`},
		{"duplicate category", func(c *Config) { c.Tickets.Categories[7].Key = "water" },
			`tickets.categories: key "water" is used twice (items 0 and 7)`},
		{"missing zh", func(c *Config) { c.Tickets.Categories[1].Zh = "" },
			"tickets.categories[1] (lighting): zh label is missing"},
		{"missing en", func(c *Config) { c.Tickets.Categories[1].En = "" },
			"tickets.categories[1] (lighting): en label is missing"},
		{"negative deadline", func(c *Config) { c.Tickets.Categories[4].Deadline = -1 },
			"tickets.categories[4] (safety): deadline must be a number of hours, 0 for none, not -1"},
		{"wish category missing en", func(c *Config) { c.Tickets.WishCategories[0].En = "" },
			"tickets.wish_categories[0] (home_help): en label is missing"},
		{"wish category with a ticket category's key", func(c *Config) { c.Tickets.WishCategories[5].Key = "other" },
			`tickets.wish_categories[5]: key "other" is also a ticket category's; give the wish category its own key (e.g. wish_other)`},
		{"escalate_after", func(c *Config) { c.Tickets.EscalateAfter = -24 },
			"tickets.escalate_after must be a positive number, not -24"},
		{"auto_close_days", func(c *Config) { c.Tickets.AutoCloseDays = -7 },
			"tickets.auto_close_days must be positive, not -7"},
		{"max_text zero", func(c *Config) { c.Tickets.MaxText = 0 },
			"tickets.max_text must be between 1 and 4096 (Telegram's message limit), not 0"},
		{"max_text too long", func(c *Config) { c.Tickets.MaxText = 4097 },
			"tickets.max_text must be between 1 and 4096 (Telegram's message limit), not 4097"},
		{"per_user_per_hour", func(c *Config) { c.Tickets.PerUserPerHour = -1 },
			"tickets.per_user_per_hour must be positive, not -1"},
		{"commands_per_minute", func(c *Config) { c.Limits.CommandsPerMinute = -30 },
			"limits.commands_per_minute must be positive, not -30"},
		{"messages_per_minute", func(c *Config) { c.Limits.MessagesPerMinute = -1 },
			"limits.messages_per_minute must be positive, not -1"},
		{"max_photos", func(c *Config) { c.Tickets.MaxPhotos = 500 },
			"tickets.max_photos must be between 1 and 100, not 500"},
		{"working hours without days", func(c *Config) { c.Tickets.WorkingHours = []string{"08:30-17:30"} },
			`tickets.working_hours[0] "08:30-17:30": write the days, a space and the hours, like "mon-fri 08:30-17:30"`},
		{"working hours on no such day", func(c *Config) {
			c.Tickets.WorkingHours = []string{"mon-fri 08:30-17:30", "sat-sunday 9-12", "holidays 9-12"}
		},
			`tickets.working_hours[2] "holidays 9-12": "holidays" is not a day of the week (mon … sun, 周一 … 周日)`},
		{"working hours ending before they start", func(c *Config) { c.Tickets.WorkingHours = []string{"周一至周五 17:30-08:30"} },
			`tickets.working_hours[0] "周一至周五 17:30-08:30": "17:30-08:30" is not a time range like 08:30-17:30: when: end before start`},
		{"log level", func(c *Config) { c.Log.Level = "verbose" },
			`log.level "verbose" is unknown: use debug, info, warn or error`},
		{"log format", func(c *Config) { c.Log.Format = "xml" },
			`log.format "xml" is unknown: use text or json`},
	}
	if err := valid().Validate(); err != nil {
		t.Fatalf("valid config: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := valid()
			tt.change(&c)
			err := c.Validate()
			if err == nil {
				t.Fatalf("Validate succeeded, want %q", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("Validate:\n got %q\nwant %q", err, tt.want)
			}
		})
	}
}

// TestLoadValidates checks that Load reports validation problems with the
// file name, for the problems a config file most often has.
func TestLoadValidates(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"missing token", "admins: [42]\ncommunity: {buildings: [\"1\"]}\n", "telegram.token is empty"},
		{"bad zone", "community: {buildings: [\"1\"], timezone: Asia/Shanghia}\n", `community.timezone "Asia/Shanghia" is not a known time zone`},
		{"empty buildings", "community: {buildings: []}\n", "community.buildings is empty"},
		{"working hours", "community: {buildings: [\"1\"]}\ntickets:\n  working_hours: [\"mon-fri 8:30\"]\n",
			`tickets.working_hours[0] "mon-fri 8:30": "8:30" is not a time range like 08:30-17:30`},
		{"duplicate buildings", "community:\n  buildings:\n    - \"1\"\n    - \"2\"\n    - \"1\"\n", `community.buildings: "1" is listed twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := withToken
			if tt.name == "missing token" {
				getenv = env(nil)
			}
			if msg := loadErr(t, tt.content, getenv); !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q\nwant it to contain %q", msg, tt.want)
			}
		})
	}
}

func TestLocation(t *testing.T) {
	tests := []struct{ zone, want string }{
		{"Asia/Shanghai", "Asia/Shanghai"},
		{"Europe/London", "Europe/London"},
		{"Mars/Olympus", "UTC"},
		{"", "UTC"},
		{"Local", "UTC"},
	}
	for _, tt := range tests {
		c := valid()
		c.Community.Timezone = tt.zone
		if got := c.Location().String(); got != tt.want {
			t.Errorf("Location(%q) = %s, want %s", tt.zone, got, tt.want)
		}
	}
	noon := time.Date(2025, 1, 1, 4, 0, 0, 0, time.UTC).In(valid().Location())
	if noon.Hour() != 12 {
		t.Errorf("04:00 UTC in Asia/Shanghai = %v, want 12:00", noon)
	}
}

func TestRedacted(t *testing.T) {
	c := valid()
	r := c.Redacted()
	if r.Telegram.Token != "***" {
		t.Errorf("redacted token = %q", r.Telegram.Token)
	}
	if c.Telegram.Token != testToken {
		t.Errorf("Redacted changed the original token to %q", c.Telegram.Token)
	}
	r.Telegram.Token = c.Telegram.Token
	if r.Telegram != c.Telegram || r.Community.Timezone != c.Community.Timezone {
		t.Error("Redacted changed more than the token")
	}
	c.Telegram.Token = ""
	if got := c.Redacted().Telegram.Token; got != "" {
		t.Errorf("redacted empty token = %q, want it left empty", got)
	}
}

func TestHTTPListenIsLoopbackUnlessAllowed(t *testing.T) {
	for _, c := range []struct {
		listen string
		remote bool
		want   string
	}{
		{"", false, ""},
		{"127.0.0.1:9090", false, ""},
		{"[::1]:9090", false, ""},
		{"localhost:0", false, ""},
		{"0.0.0.0:9090", false, `http.listen "0.0.0.0:9090" is not a loopback address`},
		{":9090", false, `http.listen ":9090" is not a loopback address`},
		{"192.0.2.7:9090", false, "not a loopback address"},
		{"0.0.0.0:9090", true, ""},
		{"9090", false, `http.listen "9090" is not host:port`},
		{"127.0.0.1:http", false, "has no valid port"},
	} {
		cfg := valid()
		cfg.HTTP = HTTP{Listen: c.listen, AllowRemote: c.remote}
		err := cfg.Validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q: %v", c.listen, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%q: got %v, want %q", c.listen, err, c.want)
		}
	}
}

// Working hours as the example shows them pass, in either language.
func TestWorkingHoursValid(t *testing.T) {
	c := valid()
	c.Tickets.WorkingHours = []string{"mon-fri 08:30-17:30", "sat 09:00-12:00", "周日 上午9点到11点"}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	w, err := c.Tickets.WorkWeek(time.UTC)
	if err != nil || w.AroundTheClock() {
		t.Errorf("WorkWeek = %v, %v; want working hours", w, err)
	}
}
