package try

import (
	"fmt"
	"slices"
	"time"

	"courtyard/bot/telegramsim"
	"courtyard/config"
	"courtyard/storage"
)

// persona is someone the visitor can be in the playground.
type persona struct {
	ID          int64
	Name        string
	Lang        string       // the Telegram client's language
	Role        storage.Role // what the bot knows them as
	Building    string       // "" until registered
	Unit        string
	Leads       []string // buildings a leader leads
	Newcomer    bool     // not registered yet: the visitor registers them
	Volunteer   bool     // in the volunteer team
	Patrol      bool     // in the patrol team
	Description string   // a line about them for the picker, in their language
}

// group is a group chat of the demo community.
type group struct {
	ID       int64
	Title    string
	Building string // "" for the community-wide group
}

// cast is the demo community: its people and its group chats.
type cast struct {
	People []persona
	Groups []group
}

// The demo's administrator, as the configuration names them.
const adminID = 1001

// demoCast is the community the playground starts with.
func demoCast() cast {
	return cast{
		People: []persona{
			{ID: adminID, Name: "张主任", Lang: "zh", Role: storage.RoleAdmin, Building: "1", Unit: "101", Description: "社区书记，配置里的管理员"},
			{ID: 1002, Name: "Emma", Lang: "en", Role: storage.RoleStaff, Building: "1", Unit: "102", Description: "community worker at the service station, visits 小明家"},
			{ID: 2003, Name: "林楼长", Lang: "zh", Role: storage.RoleLeader, Building: "3", Unit: "201", Leads: []string{"3", "4"}, Volunteer: true, Description: "3、4 号楼楼栋长，志愿队队长，探访刘奶奶"},
			{ID: 2006, Name: "David", Lang: "en", Role: storage.RoleLeader, Building: "6", Unit: "301", Leads: []string{"6"}, Patrol: true, Description: "building leader of building 6, leads the patrol team, visits 陈大爷"},
			{ID: 3001, Name: "王阿姨", Lang: "zh", Role: storage.RoleResident, Building: "3", Unit: "502", Volunteer: true, Patrol: true, Description: "3 号楼居民，志愿者，日间巡逻"},
			{ID: 3002, Name: "Li Wei", Lang: "en", Role: storage.RoleResident, Building: "3", Unit: "302", Volunteer: true, Patrol: true, Description: "resident of building 3, volunteer, on patrol"},
			{ID: 3003, Name: "陈大爷", Lang: "zh", Role: storage.RoleResident, Building: "6", Unit: "101", Description: "6 号楼居民，独居老人"},
			{ID: 3004, Name: "小周", Lang: "zh", Role: storage.RoleResident, Newcomer: true, Description: "刚搬来的新邻居，还没登记"},
		},
		Groups: []group{
			{ID: -1001000, Title: "南门社区居民群"},
			{ID: -1001003, Title: "3号楼邻里群", Building: "3"},
			{ID: -1001006, Title: "6号楼邻里群", Building: "6"},
		},
	}
}

// person returns the persona with id.
func (c cast) person(id int64) (persona, bool) {
	for _, p := range c.People {
		if p.ID == id {
			return p, true
		}
	}
	return persona{}, false
}

// groupOf returns the group with id.
func (c cast) groupOf(id int64) (group, bool) {
	for _, g := range c.Groups {
		if g.ID == id {
			return g, true
		}
	}
	return group{}, false
}

// in reports whether p is a member of group g: everyone is in the
// community's group; a building's group has its residents, its leaders and
// the staff. A newcomer is in the community group only.
func (g group) in(p persona) bool {
	return g.Building == "" || p.Building == g.Building || slices.Contains(p.Leads, g.Building) ||
		p.Role.Rank() >= storage.RoleStaff.Rank()
}

// demoConfig is the built-in configuration: a dozen buildings in Shanghai's
// time zone, Chinese first, the Bot API at apiURL.
func demoConfig(apiURL, dbPath string) (config.Config, error) {
	buildings := make([]string, 12)
	for i := range buildings {
		buildings[i] = fmt.Sprint(i + 1)
	}
	cfg := config.Config{
		Telegram:  config.Telegram{Token: telegramsim.Token, APIURL: apiURL, PollTimeout: 30 * time.Second},
		Database:  config.Database{Path: dbPath},
		Admins:    []int64{adminID},
		Community: config.Community{Name: "南门社区", Timezone: "Asia/Shanghai", Language: "zh", Buildings: buildings},
	}
	// The embedded Telegram has no flood limits: the demo sends at ten times
	// Telegram's pace, so that a move of the clock is not spent waiting for
	// the reminders it brings to be delivered one group message in three
	// seconds.
	cfg.Telegram.Limits = config.SendLimits{GlobalPerSecond: 10 * config.DefaultGlobalPerSecond,
		PerChatPerSecond: 10 * config.DefaultPerChatPerSecond, PerGroupPerMinute: 10 * config.DefaultPerGroupPerMinute}
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return cfg, fmt.Errorf("try: the demo configuration: %w", err)
	}
	return cfg, nil
}
