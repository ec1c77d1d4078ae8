package config

import (
	"fmt"
	"regexp"
	"time"
)

// Services configures the services desk (/services, /desk): the catalogue
// of services residents apply for and the office hours they book.
type Services struct {
	Catalogue   []Service   `yaml:"catalogue"`    // default: the common services (DefaultServices)
	OfficeHours OfficeHours `yaml:"office_hours"` // the service station's hours and the mobile office's visits
}

// Service is one service of the catalogue.
type Service struct {
	Key          string        `yaml:"key"`           // stable id, e.g. dibao
	Zh           string        `yaml:"zh"`            // name in Chinese
	En           string        `yaml:"en"`            // name in English
	ForZh        string        `yaml:"for_zh"`        // who it is for, one or two sentences
	ForEn        string        `yaml:"for_en"`        //
	Documents    []ServiceText `yaml:"documents"`     // the checklist of documents to bring
	Steps        []ServiceText `yaml:"steps"`         // the steps an application goes through before the decision
	Days         int           `yaml:"days"`          // the usual number of days to a decision, default 30
	Publicity    bool          `yaml:"publicity"`     // an approval is publicised before it stands
	ReviewMonths int           `yaml:"review_months"` // an approval is reviewed this often, 0 never
	CareOffer    bool          `yaml:"care_offer"`    // an approval offers the household a place on the care list
}

// ServiceText is a line in both languages.
type ServiceText struct {
	Zh string `yaml:"zh"`
	En string `yaml:"en"`
}

// OfficeHours are the times residents may book.
type OfficeHours struct {
	SlotMinutes int             `yaml:"slot_minutes"` // length of a slot, default 30
	PerSlot     int             `yaml:"per_slot"`     // people a slot takes, default 2
	DaysAhead   int             `yaml:"days_ahead"`   // how far ahead slots are offered, default 14
	Sessions    []OfficeSession `yaml:"sessions"`     // default: the station on weekdays
}

// OfficeSession is a weekly stretch of office hours at one place.
type OfficeSession struct {
	Days     []string `yaml:"days"`     // mon … sun
	From     string   `yaml:"from"`     // "HH:MM"
	To       string   `yaml:"to"`       // "HH:MM"
	PlaceZh  string   `yaml:"place_zh"` // where, in Chinese
	PlaceEn  string   `yaml:"place_en"` // where, in English
	Building string   `yaml:"building"` // the mobile office's visit to this building; "" the station
}

// Defaults of the services desk.
const (
	DefaultServiceDays = 30
	DefaultSlotMinutes = 30
	DefaultPerSlot     = 2
	DefaultDaysAhead   = 14
)

// WeekDays are the day names sessions use, Sunday first (time.Weekday).
var WeekDays = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

func doc(zh, en string) ServiceText { return ServiceText{Zh: zh, En: en} }

// defaultSteps are the steps of an application sent on to the street office.
func defaultSteps() []ServiceText {
	return []ServiceText{doc("已受理", "received"), doc("材料齐全", "documents complete"), doc("已报街道审核", "sent to the street office")}
}

// DefaultServices is the catalogue of the common services.
func DefaultServices() []Service {
	idDocs := []ServiceText{doc("身份证", "ID card"), doc("户口本", "household register")}
	return []Service{
		{Key: "dibao", Zh: "最低生活保障（低保）", En: "Minimum living allowance",
			ForZh: "家庭人均收入低于本市低保标准的户籍家庭。", ForEn: "Registered households whose income per person is below the city's minimum.",
			Documents: append(idDocs, doc("收入证明", "proof of income"), doc("银行卡", "bank card")), Steps: defaultSteps(),
			Days: 30, Publicity: true, ReviewMonths: 12, CareOffer: true},
		{Key: "medical", Zh: "大病医疗救助", En: "Medical assistance for serious illness",
			ForZh: "因大病医疗费用负担过重的困难家庭。", ForEn: "Families in hardship facing heavy bills for a serious illness.",
			Documents: append(idDocs, doc("诊断证明", "diagnosis"), doc("医疗费用发票", "medical receipts")), Steps: defaultSteps(), Days: 30, CareOffer: true},
		{Key: "temporary", Zh: "临时救助", En: "Temporary assistance",
			ForZh: "遭遇突发事件、生活暂时困难的家庭。", ForEn: "Households in sudden, temporary hardship.",
			Documents: append(idDocs, doc("困难情况说明", "a note on the hardship")), Steps: defaultSteps(), Days: 15, CareOffer: true},
		{Key: "housing", Zh: "公租房申请", En: "Public rental housing",
			ForZh: "住房困难、收入符合条件的家庭。", ForEn: "Households short of housing whose income qualifies.",
			Documents: append(idDocs, doc("收入证明", "proof of income"), doc("住房情况证明", "proof of housing")), Steps: defaultSteps(),
			Days: 60, Publicity: true, ReviewMonths: 12},
		{Key: "disability_insurance", Zh: "残疾人意外保险", En: "Accident insurance for disabled residents",
			ForZh: "持证残疾人及其监护人，免费投保。", ForEn: "Disabled residents with a certificate and their guardians, free of charge.",
			Documents: append(idDocs, doc("残疾人证", "disability certificate")), Steps: defaultSteps()[:2], Days: 10, CareOffer: true},
		{Key: "certificate", Zh: "各类证明开具", En: "Certificates",
			ForZh: "居住证明、家庭情况证明等。", ForEn: "Proof of residence, family situation and the like.",
			Documents: idDocs, Steps: defaultSteps()[:1], Days: 3},
	}
}

// DefaultOfficeSessions are the station's weekday hours.
func DefaultOfficeSessions() []OfficeSession {
	days := []string{"mon", "tue", "wed", "thu", "fri"}
	return []OfficeSession{
		{Days: days, From: "09:00", To: "11:30", PlaceZh: "社区服务站", PlaceEn: "the community service station"},
		{Days: days, From: "14:00", To: "17:00", PlaceZh: "社区服务站", PlaceEn: "the community service station"},
	}
}

func (s *Services) setDefaults() {
	if s.Catalogue == nil {
		s.Catalogue = DefaultServices()
	}
	for i := range s.Catalogue {
		setInt(&s.Catalogue[i].Days, DefaultServiceDays)
	}
	setInt(&s.OfficeHours.SlotMinutes, DefaultSlotMinutes)
	setInt(&s.OfficeHours.PerSlot, DefaultPerSlot)
	setInt(&s.OfficeHours.DaysAhead, DefaultDaysAhead)
	if s.OfficeHours.Sessions == nil {
		s.OfficeHours.Sessions = DefaultOfficeSessions()
	}
}

var serviceKey = regexp.MustCompile(`^[a-z][a-z0-9_]{0,23}$`)

// ClockOf reads "HH:MM" as minutes after midnight.
func ClockOf(s string) (int, bool) {
	t, err := time.Parse("15:04", s)
	if err != nil || len(s) != 5 {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}

func (c Config) validateServices() error {
	s := c.Services
	seen := map[string]bool{}
	for i, sv := range s.Catalogue {
		at := fmt.Sprintf("services.catalogue[%d]", i)
		switch {
		case !serviceKey.MatchString(sv.Key):
			return fmt.Errorf("%s.key %q: lower-case letters, digits and _ (at most 24)", at, sv.Key)
		case seen[sv.Key]:
			return fmt.Errorf("%s.key %q is used twice", at, sv.Key)
		case sv.Zh == "" || sv.En == "":
			return fmt.Errorf("%s (%s): zh and en names are needed", at, sv.Key)
		case len(sv.Steps) > 8 || len(sv.Documents) > 20:
			return fmt.Errorf("%s (%s): at most 8 steps and 20 documents", at, sv.Key)
		case sv.Days < 1 || sv.Days > 365:
			return fmt.Errorf("%s.days: %d must be between 1 and 365", at, sv.Days)
		case sv.ReviewMonths < 0 || sv.ReviewMonths > 60:
			return fmt.Errorf("%s.review_months: %d must be between 0 and 60", at, sv.ReviewMonths)
		}
		seen[sv.Key] = true
	}
	oh := s.OfficeHours
	switch {
	case oh.SlotMinutes < 5 || oh.SlotMinutes > 240:
		return fmt.Errorf("services.office_hours.slot_minutes: %d must be between 5 and 240", oh.SlotMinutes)
	case oh.PerSlot < 1 || oh.PerSlot > 50:
		return fmt.Errorf("services.office_hours.per_slot: %d must be between 1 and 50", oh.PerSlot)
	case oh.DaysAhead < 1 || oh.DaysAhead > 60:
		return fmt.Errorf("services.office_hours.days_ahead: %d must be between 1 and 60", oh.DaysAhead)
	}
	for i, ss := range oh.Sessions {
		at := fmt.Sprintf("services.office_hours.sessions[%d]", i)
		from, ok1 := ClockOf(ss.From)
		to, ok2 := ClockOf(ss.To)
		if !ok1 || !ok2 || to <= from {
			return fmt.Errorf("%s: from %q and to %q must be HH:MM, from before to", at, ss.From, ss.To)
		}
		if len(ss.Days) == 0 {
			return fmt.Errorf("%s.days: name at least one of mon … sun", at)
		}
		for _, d := range ss.Days {
			if weekday(d) < 0 {
				return fmt.Errorf("%s.days: %q is not one of mon … sun", at, d)
			}
		}
		if ss.PlaceZh == "" || ss.PlaceEn == "" {
			return fmt.Errorf("%s: place_zh and place_en are needed", at)
		}
		if ss.Building != "" && !contains(c.Community.Buildings, ss.Building) {
			return fmt.Errorf("%s.building %q is not one of community.buildings", at, ss.Building)
		}
	}
	return nil
}

// weekday is the day a session names, -1 for none.
func weekday(d string) int {
	for i, w := range WeekDays {
		if w == d {
			return i
		}
	}
	return -1
}

// OnDay reports whether the session runs on weekday wd.
func (s OfficeSession) OnDay(wd time.Weekday) bool {
	for _, d := range s.Days {
		if weekday(d) == int(wd) {
			return true
		}
	}
	return false
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
