// Package config loads and checks courtyard's YAML configuration.
package config

import (
	"fmt"
	"time"
)

// Config is the whole configuration. It is passed by value; nothing in it is
// changed after Load.
type Config struct {
	Telegram  Telegram  `yaml:"telegram"`
	Database  Database  `yaml:"database"`
	Admins    []int64   `yaml:"admins"`
	Community Community `yaml:"community"`
	Tickets   Tickets   `yaml:"tickets"`
	Jobs      Jobs      `yaml:"jobs"`
	Patrol    Patrol    `yaml:"patrol"`
	Visits    Visits    `yaml:"visits"`
	Limits    Limits    `yaml:"limits"`
	Stars     Stars     `yaml:"stars"`
	Pledges   Pledges   `yaml:"pledges"`
	Privacy   Privacy   `yaml:"privacy"`
	Log       Log       `yaml:"log"`
	HTTP      HTTP      `yaml:"http"`
	Summary   Summary   `yaml:"summary"`
	Schedule  Schedule  `yaml:"schedule"`
	Meetings  Meetings  `yaml:"meetings"`
	Notify    Notify    `yaml:"notify"`
	Proposals Proposals `yaml:"proposals"`
	Digest    Digest    `yaml:"digest"`
	Services  Services  `yaml:"services"`
}

// HTTP is the optional listener for /healthz and /metrics.
type HTTP struct {
	Listen      string `yaml:"listen"`       // host:port; empty (the default) is off
	AllowRemote bool   `yaml:"allow_remote"` // allow an address other than loopback
	PublicURL   string `yaml:"public_url"`   // where people reach it (calendar links); default http://<listen>
}

// Schedule configures scheduled notices and other timed work people see.
type Schedule struct {
	Grace time.Duration `yaml:"grace"` // how late a notice or reminder may still go out after downtime, default 6h
}

// Meetings configures meetings.
type Meetings struct {
	RemindBefore []time.Duration `yaml:"remind_before"` // reminders this long before a meeting, default [24h, 1h]
}

// Telegram is how the bot talks to the Bot API.
type Telegram struct {
	Token       string        `yaml:"token"`        // COURTYARD_TELEGRAM_TOKEN wins
	APIURL      string        `yaml:"api_url"`      // default https://api.telegram.org
	PollTimeout time.Duration `yaml:"poll_timeout"` // long-poll timeout, default 50s
	Limits      SendLimits    `yaml:"limits"`
}

// SendLimits are Telegram's sending limits the outbox keeps to.
type SendLimits struct {
	GlobalPerSecond   float64 `yaml:"global_per_second"`    // default 30
	PerChatPerSecond  float64 `yaml:"per_chat_per_second"`  // default 1
	PerGroupPerMinute float64 `yaml:"per_group_per_minute"` // default 20
}

// Database is where the SQLite file lives.
type Database struct {
	Path string `yaml:"path"` // default courtyard.db
}

// Community describes the community the bot serves.
type Community struct {
	Name      string   `yaml:"name"`
	Timezone  string   `yaml:"timezone"`  // IANA name, default Asia/Shanghai
	Language  string   `yaml:"language"`  // zh or en, default zh
	Buildings []string `yaml:"buildings"` // required, non-empty, unique
}

// Patrol configures patrol shifts.
type Patrol struct {
	HorizonDays      int           `yaml:"horizon_days"`       // how many days ahead shifts are laid out, default 14
	EveningReminder  string        `yaml:"evening_reminder"`   // "HH:MM" the day before a shift, default 20:00
	RemindBefore     time.Duration `yaml:"remind_before"`      // the second reminder before the start, default 60m
	AlertShortBefore time.Duration `yaml:"alert_short_before"` // a shift still short this long before its start alerts the leads, default 6h
}

// EveningAt is EveningReminder as hour and minute (20, 0 when unreadable;
// Validate refuses that).
func (p Patrol) EveningAt() (hour, minute int) {
	var h, m int
	if n, err := fmt.Sscanf(p.EveningReminder, "%d:%d", &h, &m); err != nil || n != 2 || h < 0 || h > 23 || m < 0 || m > 59 ||
		len(p.EveningReminder) != 5 {
		return 20, 0
	}
	return h, m
}

// Tickets configures reports and micro-wishes.
type Tickets struct {
	Categories     []Category `yaml:"categories"`        // default: the eight standard ones
	WishCategories []Category `yaml:"wish_categories"`   // micro-wishes' own; default: the six standard ones
	EscalateAfter  float64    `yaml:"escalate_after"`    // hours unclaimed before staff hear, default 24
	AutoCloseDays  int        `yaml:"auto_close_days"`   // days without the reporter's answer, default 7
	MaxText        int        `yaml:"max_text"`          // characters, default 2000
	PerUserPerHour int        `yaml:"per_user_per_hour"` // reports per user per hour, default 10
	MaxPhotos      int        `yaml:"max_photos"`        // photos per ticket, default 10

	UrgentCategories []string `yaml:"urgent_categories"` // keys of categories whose reports reach staff at once, day or night

	// RespondWithin: a ticket claimed or first acted on this soon counts
	// as answered in time (the response rate), default 2h.
	RespondWithin time.Duration `yaml:"respond_within"`
	// WorkingHours: when set, only working time counts towards
	// RespondWithin, e.g. ["mon-fri 08:30-17:30", "sat 09:00-12:00"] in
	// the community's time zone (workweek.Parse); empty: around the clock.
	WorkingHours []string `yaml:"working_hours"`
}

// Category is one kind of ticket.
type Category struct {
	Key      string   `yaml:"key"`      // stable id, e.g. water
	Zh       string   `yaml:"zh"`       // label in Chinese
	En       string   `yaml:"en"`       // label in English
	Deadline float64  `yaml:"deadline"` // hours to resolve, 0 = none
	Keywords []string `yaml:"keywords"` // words that pick this category for a one-line group report
}

// Jobs configures volunteer jobs.
type Jobs struct {
	RemindBefore     []time.Duration `yaml:"remind_before"`      // reminders before the start, default [24h, 2h]; [] for none
	AlertShortBefore time.Duration   `yaml:"alert_short_before"` // when a job short of people alerts its organiser, default 24h
	MaxNoShows       int             `yaml:"max_no_shows"`       // no-shows in 90 days that stop sign-ups, default 3
}

// Visits configures holiday visits to the households on the care list.
type Visits struct {
	Holidays   []string `yaml:"holidays"`    // holiday keys that bring a visit round, default spring, mid_autumn, national_day; [] for none
	DaysBefore int      `yaml:"days_before"` // days before the holiday the round starts, default 7
}

// Limits protect the bot from flooding.
type Limits struct {
	CommandsPerMinute int `yaml:"commands_per_minute"` // per user, default 30
	MessagesPerMinute int `yaml:"messages_per_minute"` // other messages per user, default 20 (three times that in a conversation)
}

// Stars configures the monthly stars (社区之星、楼长之星、楼院之星).
type Stars struct {
	Categories []StarCategory `yaml:"categories"` // default: community, leader and courtyard stars
	Days       []int          `yaml:"days"`       // choices offered for nomination and voting days, default 3, 5, 7
}

// StarCategory is one star elected each round.
type StarCategory struct {
	Key        string `yaml:"key"`        // stable id, e.g. community
	Zh         string `yaml:"zh"`         // label in Chinese
	En         string `yaml:"en"`         // label in English
	Candidates string `yaml:"candidates"` // person (anyone registered), leader (building leaders) or building (a courtyard)
}

// Star candidate kinds.
const (
	StarPerson   = "person"
	StarLeader   = "leader"
	StarBuilding = "building"
)

// Pledges configures public pledges (双诺三评).
type Pledges struct {
	RatingDays int `yaml:"rating_days"` // days residents may rate once a period ends, default 7
}

// Privacy is how long personal data is kept.
type Privacy struct {
	// RetainClosedDays: a ticket ended (closed, rejected, duplicate) and
	// unchanged for this many days loses its reporter link, photos and
	// location. Default 730; 0 keeps them forever.
	RetainClosedDays *int `yaml:"retain_closed_days"`
}

// RetainClosed is the retention time of ended tickets; 0 is forever.
func (p Privacy) RetainClosed() time.Duration {
	if p.RetainClosedDays == nil || *p.RetainClosedDays <= 0 {
		return 0
	}
	return time.Duration(*p.RetainClosedDays) * 24 * time.Hour
}

// Log configures logging.
type Log struct {
	Level  string `yaml:"level"`  // debug, info, warn, error; default info
	Format string `yaml:"format"` // text or json; default text
}

// Summary is the report upward (/summary).
type Summary struct {
	// Font is a TrueType or OpenType font (or collection) with Chinese
	// glyphs for the chart's labels. Empty: the usual Debian paths are
	// tried; without one the chart's labels are in English.
	Font string `yaml:"font"`
}
