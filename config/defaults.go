package config

import (
	"strings"
	"time"
)

// Default values used by Load for keys that are absent or zero.
const (
	DefaultAPIURL             = "https://api.telegram.org"
	DefaultPollTimeout        = 50 * time.Second
	DefaultGlobalPerSecond    = 30
	DefaultPerChatPerSecond   = 1
	DefaultPerGroupPerMinute  = 20
	DefaultDatabasePath       = "courtyard.db"
	DefaultTimezone           = "Asia/Shanghai"
	DefaultLanguage           = "zh"
	DefaultEscalateAfter      = 24 // hours
	DefaultAutoCloseDays      = 7
	DefaultMaxText            = 2000
	DefaultPerUserPerHour     = 10
	DefaultCommandsPerMinute  = 30
	DefaultRetainClosedDays   = 730
	DefaultMessagesPerMinute  = 20
	DefaultMaxPhotos          = 10
	DefaultAlertShortBefore   = 24 * time.Hour
	DefaultMaxNoShows         = 3
	DefaultLogLevel           = "info"
	DefaultLogFormat          = "text"
	DefaultPatrolHorizonDays  = 14
	DefaultPatrolEvening      = "20:00"
	DefaultPatrolRemindBefore = 60 * time.Minute
	DefaultPatrolAlertShort   = 6 * time.Hour
	DefaultVisitDaysBefore    = 7
	DefaultPledgeRatingDays   = 7
	DefaultScheduleGrace      = 6 * time.Hour
	DefaultMaxScheduledPerDay = 3
)

// DefaultMeetingRemindBefore is when meeting reminders go out by default. Each
// call returns a new slice.
func DefaultMeetingRemindBefore() []time.Duration { return []time.Duration{24 * time.Hour, time.Hour} }

// DefaultRemindBefore returns the default reminders before a job: a day
// and two hours. Each call returns a new slice.
func DefaultRemindBefore() []time.Duration { return []time.Duration{24 * time.Hour, 2 * time.Hour} }

// DefaultVisitHolidays returns the holidays that bring visits when the
// config names none. Each call returns a new slice.
func DefaultVisitHolidays() []string { return []string{"spring", "mid_autumn", "national_day"} }

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
		{Key: "neighbours", Zh: "邻里纠纷", En: "Neighbours", Keywords: []string{"邻居", "纠纷", "吵架", "矛盾", "争吵", "neighbour", "neighbor", "dispute"}},
		{Key: "other", Zh: "其他", En: "Other"},
	}
}

// DefaultStarCategories returns the three stars a community elects each
// month, used when the config lists none. Each call returns a new slice.
func DefaultStarCategories() []StarCategory {
	return []StarCategory{
		{Key: "community", Zh: "社区之星", En: "Community star", Candidates: StarPerson},
		{Key: "leader", Zh: "楼长之星", En: "Leader star", Candidates: StarLeader},
		{Key: "courtyard", Zh: "楼院之星", En: "Courtyard star", Candidates: StarBuilding},
	}
}

// DefaultStarDays are the nomination and voting lengths offered as buttons.
func DefaultStarDays() []int { return []int{3, 5, 7} }

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
	c.decideDefaults()

	if c.Jobs.RemindBefore == nil {
		c.Jobs.RemindBefore = DefaultRemindBefore()
	}
	if c.Jobs.AlertShortBefore == 0 {
		c.Jobs.AlertShortBefore = DefaultAlertShortBefore
	}
	setInt(&c.Jobs.MaxNoShows, DefaultMaxNoShows)

	setInt(&c.Patrol.HorizonDays, DefaultPatrolHorizonDays)
	setString(&c.Patrol.EveningReminder, DefaultPatrolEvening)
	if c.Patrol.RemindBefore == 0 {
		c.Patrol.RemindBefore = DefaultPatrolRemindBefore
	}
	if c.Patrol.AlertShortBefore == 0 {
		c.Patrol.AlertShortBefore = DefaultPatrolAlertShort
	}

	if c.Visits.Holidays == nil {
		c.Visits.Holidays = DefaultVisitHolidays()
	}
	setInt(&c.Visits.DaysBefore, DefaultVisitDaysBefore)

	setInt(&c.Limits.CommandsPerMinute, DefaultCommandsPerMinute)
	if c.Privacy.RetainClosedDays == nil {
		days := DefaultRetainClosedDays
		c.Privacy.RetainClosedDays = &days
	}
	setInt(&c.Limits.MessagesPerMinute, DefaultMessagesPerMinute)

	if c.Notify.QuietHours == "" {
		c.Notify.QuietHours = DefaultQuietHours
	}
	setInt(&c.Notify.MaxScheduledPerDay, DefaultMaxScheduledPerDay)
	if c.Schedule.Grace == 0 {
		c.Schedule.Grace = DefaultScheduleGrace
	}
	if len(c.Meetings.RemindBefore) == 0 {
		c.Meetings.RemindBefore = DefaultMeetingRemindBefore()
	}
	if len(c.Stars.Categories) == 0 {
		c.Stars.Categories = DefaultStarCategories()
	}
	if len(c.Stars.Days) == 0 {
		c.Stars.Days = DefaultStarDays()
	}
	setInt(&c.Pledges.RatingDays, DefaultPledgeRatingDays)
	c.Services.setDefaults()

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
