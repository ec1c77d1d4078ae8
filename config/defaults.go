package config

import (
	"strings"
	"time"
)

// Default values used by Load for keys that are absent or zero.
const (
	DefaultAPIURL            = "https://api.telegram.org"
	DefaultPollTimeout       = 50 * time.Second
	DefaultGlobalPerSecond   = 30
	DefaultPerChatPerSecond  = 1
	DefaultPerGroupPerMinute = 20
	DefaultDatabasePath      = "courtyard.db"
	DefaultTimezone          = "Asia/Shanghai"
	DefaultLanguage          = "zh"
	DefaultEscalateAfter     = 24 // hours
	DefaultAutoCloseDays     = 7
	DefaultMaxText           = 2000
	DefaultPerUserPerHour    = 10
	DefaultCommandsPerMinute = 30
	DefaultLogLevel          = "info"
	DefaultLogFormat         = "text"
)

// DefaultCategories returns the standard ticket categories, used when the
// config lists none. Each call returns a new slice.
func DefaultCategories() []Category {
	return []Category{
		{Key: "water", Zh: "供水排污", En: "Water & sewage"},
		{Key: "lighting", Zh: "照明", En: "Lighting"},
		{Key: "roads", Zh: "道路", En: "Roads"},
		{Key: "sanitation", Zh: "环境卫生", En: "Sanitation"},
		{Key: "safety", Zh: "安全隐患", En: "Safety"},
		{Key: "noise", Zh: "噪音", En: "Noise"},
		{Key: "neighbours", Zh: "邻里纠纷", En: "Neighbours"},
		{Key: "other", Zh: "其他", En: "Other"},
	}
}

// withDefaults returns c with every zero-valued key that has a default set to
// it. A trailing slash is removed from telegram.api_url so that callers can
// append paths to it.
func (c Config) withDefaults() Config {
	c.Telegram.APIURL = strings.TrimRight(c.Telegram.APIURL, "/")
	setString(&c.Telegram.APIURL, DefaultAPIURL)
	if c.Telegram.PollTimeout == 0 {
		c.Telegram.PollTimeout = DefaultPollTimeout
	}
	setFloat(&c.Telegram.Limits.GlobalPerSecond, DefaultGlobalPerSecond)
	setFloat(&c.Telegram.Limits.PerChatPerSecond, DefaultPerChatPerSecond)
	setFloat(&c.Telegram.Limits.PerGroupPerMinute, DefaultPerGroupPerMinute)

	setString(&c.Database.Path, DefaultDatabasePath)
	setString(&c.Community.Timezone, DefaultTimezone)
	setString(&c.Community.Language, DefaultLanguage)

	if len(c.Tickets.Categories) == 0 {
		c.Tickets.Categories = DefaultCategories()
	}
	setFloat(&c.Tickets.EscalateAfter, DefaultEscalateAfter)
	setInt(&c.Tickets.AutoCloseDays, DefaultAutoCloseDays)
	setInt(&c.Tickets.MaxText, DefaultMaxText)
	setInt(&c.Tickets.PerUserPerHour, DefaultPerUserPerHour)

	setInt(&c.Limits.CommandsPerMinute, DefaultCommandsPerMinute)

	setString(&c.Log.Level, DefaultLogLevel)
	setString(&c.Log.Format, DefaultLogFormat)
	return c
}

func setString(p *string, def string) {
	if *p == "" {
		*p = def
	}
}

func setFloat(p *float64, def float64) {
	if *p == 0 {
		*p = def
	}
}

func setInt(p *int, def int) {
	if *p == 0 {
		*p = def
	}
}
