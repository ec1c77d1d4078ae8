package config

import (
	"errors"
	"fmt"
	"math"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"courtyard/holiday"

	// The zone database is embedded so that community.timezone resolves
	// even on hosts without /usr/share/zoneinfo (minimal containers).
	_ "time/tzdata"
)

// Validate reports the first problem it finds in c as a single line that
// starts with the offending key, e.g. "community.buildings is empty: ...".
// It expects defaults to have been applied, as Load does.
func (c Config) Validate() error {
	// The token comes last, so that ErrNoToken means everything else is
	// right (check-config accepts a file whose token the environment will
	// supply at run time).
	checks := []func() error{
		c.Telegram.validate,
		c.Database.validate,
		c.Community.validate,
		c.Tickets.validate,
		c.Jobs.validate,
		c.Patrol.validate,
		c.Visits.validate,
		c.Limits.validate,
		c.Stars.validate,
		c.Pledges.validate,
		c.Proposals.validate,
		c.Digest.validate,
		c.Tickets.validateRespond,
		c.Privacy.validate,
		c.Log.validate,
		c.Schedule.validate,
		c.Notify.validate,
		c.Meetings.validate,
		c.Tickets.validateUrgent,
		c.validateServices,
		c.validateAdmins,
		c.Telegram.validateToken,
		c.HTTP.validate,
	}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

// ErrNoToken is Validate's error when the bot token is missing and nothing
// else is wrong.
var ErrNoToken = errors.New("telegram.token is empty: set it in the config or in " + TokenEnv)

func (t Telegram) validateToken() error {
	switch {
	case t.Token == "":
		return ErrNoToken
	case strings.ContainsFunc(t.Token, unicode.IsSpace):
		return errors.New("telegram.token contains white space")
	}
	return nil
}

func (t Telegram) validate() error {
	u, err := url.Parse(t.APIURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("telegram.api_url %q is not an absolute http(s) URL", t.APIURL)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("telegram.api_url %q must not have a query, fragment or user info", t.APIURL)
	}
	if t.PollTimeout <= 0 {
		return fmt.Errorf("telegram.poll_timeout must be positive, not %s", t.PollTimeout)
	}
	for _, l := range []struct {
		key string
		v   float64
	}{
		{"telegram.limits.global_per_second", t.Limits.GlobalPerSecond},
		{"telegram.limits.per_chat_per_second", t.Limits.PerChatPerSecond},
		{"telegram.limits.per_group_per_minute", t.Limits.PerGroupPerMinute},
	} {
		if err := positive(l.key, l.v); err != nil {
			return err
		}
	}
	return nil
}

func (d Database) validate() error {
	if strings.TrimSpace(d.Path) == "" {
		return errors.New("database.path is empty")
	}
	return nil
}

// FindYourID tells a new administrator how to find their numeric user id.
const FindYourID = "to find yours, send any message to @userinfobot in Telegram: it replies with your id, a number"

// ExamplePlaceholderAdmin is the admin id config.example.yaml ships with.
const ExamplePlaceholderAdmin = 123456789

func (c Config) validateAdmins() error {
	if len(c.Admins) == 0 {
		return errors.New("admins is empty: without an administrator nobody can link a group or grant a role; put your numeric Telegram user id under admins: (" + FindYourID + ")")
	}
	for i, id := range c.Admins {
		switch {
		case id <= 0:
			return fmt.Errorf("admins[%d] is %d: a Telegram user id is a positive number", i, id)
		case id == ExamplePlaceholderAdmin:
			return fmt.Errorf("admins[%d] is %d, the example's placeholder: replace it with your own numeric Telegram user id (%s)", i, id, FindYourID)
		}
	}
	return nil
}

func (c Community) validate() error {
	if err := checkTimezone(c.Timezone); err != nil {
		return err
	}
	if c.Language != "zh" && c.Language != "en" {
		return fmt.Errorf("community.language %q is not supported: use zh or en", c.Language)
	}
	if len(c.Buildings) == 0 {
		return errors.New("community.buildings is empty: list the community's buildings")
	}
	seen := make(map[string]int, len(c.Buildings))
	for i, b := range c.Buildings {
		name := strings.ToLower(strings.TrimSpace(b))
		if name == "" {
			return fmt.Errorf("community.buildings[%d] is blank", i)
		}
		if j, dup := seen[name]; dup {
			return fmt.Errorf("community.buildings: %q is listed twice (items %d and %d)", b, j, i)
		}
		seen[name] = i
	}
	return nil
}

func checkTimezone(name string) error {
	switch name {
	case "":
		return errors.New("community.timezone is empty: use an IANA name such as Asia/Shanghai")
	case "Local":
		return errors.New("community.timezone must not be Local: use an IANA name such as Asia/Shanghai")
	}
	if _, err := time.LoadLocation(name); err != nil {
		return fmt.Errorf("community.timezone %q is not a known time zone: use an IANA name such as Asia/Shanghai", name)
	}
	return nil
}

func (t Tickets) validate() error {
	if err := validateCategories("tickets.categories", t.Categories); err != nil {
		return err
	}
	if err := validateCategories("tickets.wish_categories", t.WishCategories); err != nil {
		return err
	}
	for i, w := range t.WishCategories {
		for _, c := range t.Categories {
			if w.Key == c.Key {
				return fmt.Errorf("tickets.wish_categories[%d]: key %q is also a ticket category's; give the wish category its own key (e.g. wish_%s)", i, w.Key, w.Key)
			}
		}
	}
	if err := positive("tickets.escalate_after", t.EscalateAfter); err != nil {
		return err
	}
	switch {
	case t.AutoCloseDays <= 0:
		return fmt.Errorf("tickets.auto_close_days must be positive, not %d", t.AutoCloseDays)
	case t.MaxText < 1 || t.MaxText > 4096:
		return fmt.Errorf("tickets.max_text must be between 1 and 4096 (Telegram's message limit), not %d", t.MaxText)
	case t.PerUserPerHour <= 0:
		return fmt.Errorf("tickets.per_user_per_hour must be positive, not %d", t.PerUserPerHour)
	case t.MaxPhotos < 1 || t.MaxPhotos > 100:
		return fmt.Errorf("tickets.max_photos must be between 1 and 100, not %d", t.MaxPhotos)
	}
	return nil
}

// maxCategoryKey keeps category keys short enough to travel in Telegram's
// 64-byte callback data together with other fields.
const maxCategoryKey = 32

func validateCategories(list string, cats []Category) error {
	if len(cats) == 0 {
		return errors.New(list + " is empty")
	}
	seen := make(map[string]int, len(cats))
	for i, c := range cats {
		where := fmt.Sprintf("%s[%d]", list, i)
		switch {
		case c.Key == "":
			return fmt.Errorf("%s: key is blank", where)
		case !validKey(c.Key):
			return fmt.Errorf("%s: key %q must be 1 to %d characters of a-z, 0-9, _ or -", where, c.Key, maxCategoryKey)
		case strings.TrimSpace(c.Zh) == "":
			return fmt.Errorf("%s (%s): zh label is missing", where, c.Key)
		case strings.TrimSpace(c.En) == "":
			return fmt.Errorf("%s (%s): en label is missing", where, c.Key)
		case c.Deadline < 0 || math.IsNaN(c.Deadline) || math.IsInf(c.Deadline, 0):
			return fmt.Errorf("%s (%s): deadline must be a number of hours, 0 for none, not %v", where, c.Key, c.Deadline)
		}
		if j, dup := seen[c.Key]; dup {
			return fmt.Errorf("%s: key %q is used twice (items %d and %d)", list, c.Key, j, i)
		}
		seen[c.Key] = i
	}
	return nil
}

func validKey(k string) bool {
	if len(k) == 0 || len(k) > maxCategoryKey {
		return false
	}
	for _, r := range k {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' && r != '-' {
			return false
		}
	}
	return true
}

func (j Jobs) validate() error {
	seen := map[time.Duration]bool{}
	for _, d := range j.RemindBefore {
		if d < time.Minute || d > 30*24*time.Hour || d%time.Minute != 0 {
			return fmt.Errorf("jobs.remind_before: %v must be whole minutes between 1m and 720h", d)
		}
		if seen[d] {
			return fmt.Errorf("jobs.remind_before lists %v twice", d)
		}
		seen[d] = true
	}
	if j.AlertShortBefore < time.Minute || j.AlertShortBefore > 30*24*time.Hour {
		return fmt.Errorf("jobs.alert_short_before must be between 1m and 720h, not %v", j.AlertShortBefore)
	}
	if j.MaxNoShows < 1 || j.MaxNoShows > 100 {
		return fmt.Errorf("jobs.max_no_shows must be between 1 and 100, not %d", j.MaxNoShows)
	}
	return nil
}

// maxStarCategories and maxStarDays keep the buttons few.
const (
	maxStarCategories = 8
	maxStarDayChoices = 6
	maxStarDays       = 31
)

func (s Stars) validate() error {
	if len(s.Categories) == 0 || len(s.Categories) > maxStarCategories {
		return fmt.Errorf("stars.categories must list 1 to %d categories, not %d", maxStarCategories, len(s.Categories))
	}
	seen := map[string]int{}
	for i, c := range s.Categories {
		where := fmt.Sprintf("stars.categories[%d]", i)
		switch {
		case !validKey(c.Key):
			return fmt.Errorf("%s: key %q must be 1 to %d characters of a-z, 0-9, _ or -", where, c.Key, maxCategoryKey)
		case strings.TrimSpace(c.Zh) == "":
			return fmt.Errorf("%s (%s): zh label is missing", where, c.Key)
		case strings.TrimSpace(c.En) == "":
			return fmt.Errorf("%s (%s): en label is missing", where, c.Key)
		case c.Candidates != StarPerson && c.Candidates != StarLeader && c.Candidates != StarBuilding:
			return fmt.Errorf("%s (%s): candidates %q is unknown: use person, leader or building", where, c.Key, c.Candidates)
		}
		if j, dup := seen[c.Key]; dup {
			return fmt.Errorf("stars.categories: key %q is used twice (items %d and %d)", c.Key, j, i)
		}
		seen[c.Key] = i
	}
	if len(s.Days) == 0 || len(s.Days) > maxStarDayChoices {
		return fmt.Errorf("stars.days must list 1 to %d numbers of days, not %d", maxStarDayChoices, len(s.Days))
	}
	for i, d := range s.Days {
		if d < 1 || d > maxStarDays {
			return fmt.Errorf("stars.days[%d] is %d: each must be 1 to %d days", i, d, maxStarDays)
		}
	}
	return nil
}

// MaxVisitDaysBefore bounds visits.days_before: a round starts at most two
// months ahead.
const MaxVisitDaysBefore = 60

func (v Visits) validate() error {
	seen := map[string]bool{}
	for i, k := range v.Holidays {
		if !holiday.Known(k) {
			return fmt.Errorf("visits.holidays[%d] %q is not a holiday: use one of %s", i, k, strings.Join(holiday.Keys(), ", "))
		}
		if seen[k] {
			return fmt.Errorf("visits.holidays[%d] %q is listed twice", i, k)
		}
		seen[k] = true
	}
	if v.DaysBefore < 1 || v.DaysBefore > MaxVisitDaysBefore {
		return fmt.Errorf("visits.days_before is %d: it must be 1 to %d", v.DaysBefore, MaxVisitDaysBefore)
	}
	return nil
}

func (p Pledges) validate() error {
	if p.RatingDays < 1 || p.RatingDays > 90 {
		return fmt.Errorf("pledges.rating_days must be 1 to 90, not %d", p.RatingDays)
	}
	return nil
}

func (p Privacy) validate() error {
	if p.RetainClosedDays != nil && (*p.RetainClosedDays < 0 || *p.RetainClosedDays > 36500) {
		return fmt.Errorf("privacy.retain_closed_days is %d: it must be 0 (keep forever) to 36500", *p.RetainClosedDays)
	}
	return nil
}

func (l Limits) validate() error {
	if l.CommandsPerMinute <= 0 {
		return fmt.Errorf("limits.commands_per_minute must be positive, not %d", l.CommandsPerMinute)
	}
	if l.MessagesPerMinute <= 0 {
		return fmt.Errorf("limits.messages_per_minute must be positive, not %d", l.MessagesPerMinute)
	}
	return nil
}

func (l Log) validate() error {
	switch l.Level {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("log.level %q is unknown: use debug, info, warn or error", l.Level)
	}
	switch l.Format {
	case "text", "json":
	default:
		return fmt.Errorf("log.format %q is unknown: use text or json", l.Format)
	}
	return nil
}

func (s Schedule) validate() error {
	if s.Grace < time.Minute || s.Grace > 7*24*time.Hour {
		return fmt.Errorf("schedule.grace must be between 1m and 168h, not %v", s.Grace)
	}
	return nil
}

func (m Meetings) validate() error {
	if len(m.RemindBefore) > 5 {
		return fmt.Errorf("meetings.remind_before lists %d reminders; at most 5", len(m.RemindBefore))
	}
	seen := map[time.Duration]bool{}
	for _, d := range m.RemindBefore {
		switch {
		case d < time.Minute || d > 14*24*time.Hour:
			return fmt.Errorf("meetings.remind_before: %v must be between 1m and 336h", d)
		case seen[d]:
			return fmt.Errorf("meetings.remind_before lists %v twice", d)
		}
		seen[d] = true
	}
	return nil
}

// positive reports an error unless v is a positive, finite number.
func positive(key string, v float64) error {
	if !(v > 0) || math.IsInf(v, 0) {
		return fmt.Errorf("%s must be a positive number, not %v", key, v)
	}
	return nil
}

// Location returns the community's time zone. It expects a validated Config
// and falls back to UTC when the zone cannot be loaded. Loading reads the
// zone database, so call it once at start and keep the result.
func (c Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Community.Timezone)
	if err != nil || c.Community.Timezone == "" || c.Community.Timezone == "Local" {
		return time.UTC
	}
	return loc
}

// Redacted returns a copy of c that is safe to log: a non-empty token is
// replaced by "***". An empty token stays empty, so the log still shows that
// it is missing.
func (c Config) Redacted() Config {
	if c.Telegram.Token != "" {
		c.Telegram.Token = "***"
	}
	return c
}

func (p Patrol) validate() error {
	if p.HorizonDays < 1 || p.HorizonDays > 60 {
		return fmt.Errorf("patrol.horizon_days must be between 1 and 60, not %d", p.HorizonDays)
	}
	var h, m int
	if n, err := fmt.Sscanf(p.EveningReminder, "%d:%d", &h, &m); err != nil || n != 2 || len(p.EveningReminder) != 5 ||
		h < 0 || h > 23 || m < 0 || m > 59 {
		return fmt.Errorf("patrol.evening_reminder must be a time of day as HH:MM, not %q", p.EveningReminder)
	}
	if p.RemindBefore < time.Minute || p.RemindBefore > 12*time.Hour || p.RemindBefore%time.Minute != 0 {
		return fmt.Errorf("patrol.remind_before must be whole minutes between 1m and 12h, not %v", p.RemindBefore)
	}
	if p.AlertShortBefore < time.Minute || p.AlertShortBefore > 7*24*time.Hour {
		return fmt.Errorf("patrol.alert_short_before must be between 1m and 168h, not %v", p.AlertShortBefore)
	}
	return nil
}

func (h HTTP) validate() error {
	if h.Listen == "" {
		return nil
	}
	if h.PublicURL != "" {
		u, err := url.Parse(h.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("http.public_url %q is not an http or https address, e.g. https://bot.example.org", h.PublicURL)
		}
	}
	host, port, err := net.SplitHostPort(h.Listen)
	if err != nil {
		return fmt.Errorf("http.listen %q is not host:port, e.g. 127.0.0.1:9090", h.Listen)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("http.listen %q has no valid port, e.g. 127.0.0.1:9090", h.Listen)
	}
	if h.AllowRemote {
		return nil
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("http.listen %q is not a loopback address: use 127.0.0.1:PORT, or set http.allow_remote: true to expose health and metrics beyond this host", h.Listen)
	}
	return nil
}
