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
	DefaultMessagesPerMinute = 20
	DefaultMaxPhotos         = 10
	DefaultLogLevel          = "info"
	DefaultLogFormat         = "text"
)

// DefaultCategories returns the standard ticket categories, used when the
// config lists none. Each call returns a new slice.
func DefaultCategories() []Category {
	return []Category{
		{Key: "water", Zh: "供水排污", En: "Water & sewage", Keywords: []string{"水", "下水", "排水", "污水", "管道", "漏水", "堵", "drain", "sewage", "pipe", "leak", "water"}},
		{Key: "lighting", Zh: "照明", En: "Lighting", Keywords: []string{"灯", "路灯", "照明", "黑", "light", "lamp", "dark"}},
		{Key: "roads", Zh: "道路", En: "Roads", Keywords: []string{"路", "坑", "井盖", "road", "pothole", "pavement", "path"}},
		{Key: "sanitation", Zh: "环境卫生", En: "Sanitation", Keywords: []string{"垃圾", "卫生", "脏", "rubbish", "garbage", "trash", "litter"}},
		{Key: "safety", Zh: "安全隐患", En: "Safety", Keywords: []string{"安全", "隐患", "消防", "电线", "fire", "danger", "unsafe", "wire"}},
		{Key: "noise", Zh: "噪音", En: "Noise", Keywords: []string{"噪音", "吵", "noise", "noisy", "loud"}},
		{Key: "neighbours", Zh: "邻里纠纷", En: "Neighbours", Keywords: []string{"邻居", "纠纷", "吵架", "neighbour", "neighbor", "dispute"}},
		{Key: "other", Zh: "其他", En: "Other"},
	}
}

// DefaultWishCategories returns the standard micro-wish categories, used
// when the config lists none. Their keys differ from the ticket
// categories' so that a stored key names one label. Each call returns a new
// slice.
func DefaultWishCategories() []Category {
	return []Category{
		{Key: "home_help", Zh: "上门帮忙", En: "Help at home", Keywords: []string{"帮忙", "搬", "扛", "修", "help", "carry", "move"}},
		{Key: "errands", Zh: "代办跑腿", En: "Errands", Keywords: []string{"代办", "跑腿", "买", "取", "errand", "shopping", "pick up"}},
		{Key: "company", Zh: "陪伴探访", En: "Company & visits", Keywords: []string{"陪", "聊天", "探望", "看望", "visit", "company", "chat"}},
		{Key: "items", Zh: "物品", En: "Items", Keywords: []string{"台灯", "轮椅", "衣", "书", "lamp", "wheelchair", "clothes", "book"}},
		{Key: "learning", Zh: "学习辅导", En: "Learning", Keywords: []string{"辅导", "作业", "学", "手机", "homework", "tutor", "learn", "phone"}},
		{Key: "wish_other", Zh: "其他", En: "Other"},
	}
}

// WithDefaults returns c with every zero-valued key that has a default set to
// it. A trailing slash is removed from telegram.api_url so that callers can
// append paths to it.
func (c Config) WithDefaults() Config {
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
	if len(c.Tickets.WishCategories) == 0 {
		c.Tickets.WishCategories = DefaultWishCategories()
	}
	setFloat(&c.Tickets.EscalateAfter, DefaultEscalateAfter)
	setInt(&c.Tickets.AutoCloseDays, DefaultAutoCloseDays)
	setInt(&c.Tickets.MaxText, DefaultMaxText)
	setInt(&c.Tickets.PerUserPerHour, DefaultPerUserPerHour)
	setInt(&c.Tickets.MaxPhotos, DefaultMaxPhotos)

	setInt(&c.Limits.CommandsPerMinute, DefaultCommandsPerMinute)
	setInt(&c.Limits.MessagesPerMinute, DefaultMessagesPerMinute)

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
