package app

import (
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// agCast is one person's week, written into the database: a patrol shift
// they hold (Tue 3 Mar 20:00-22:00, Shanghai), a job they signed up to that
// overlaps it (Tue 21:00-23:00), a meeting they said they would come to
// (Wed 4 Mar 19:00-20:30) and a holiday visit (Qingming, Sun 5 Apr). The
// clock stands at Mon 2 Mar 17:00 Shanghai.
type agCast struct {
	*harness
	team, tpl, shift, job, meeting, visit int64
}

func agNew(t *testing.T, edit func(*config.Config)) *agCast {
	t.Helper()
	c := &agCast{harness: newHarness(t, edit)}
	c.write(func(tx *storage.Tx) error { return tx.TouchMember(adminID, "Ada", "", "en", c.clock.Now()) })
	return c
}

// agPerson is a registered resident of building 3 speaking lang, with
// their private chat open.
func (c *agCast) agPerson(id int64, name, lang string) models.User {
	c.t.Helper()
	u := c.user(id, name, lang)
	c.write(func(tx *storage.Tx) error {
		if err := tx.TouchMember(id, name, "", lang, c.clock.Now()); err != nil {
			return err
		}
		return tx.Register(id, "3", "101", c.clock.Now())
	})
	c.say(u, "/help")
	c.expect(u.ID, "/mine")
	return u
}

// agTeam makes the patrol team (with a template whose shifts are laid by
// hand) that us belong to.
func (c *agCast) agTeam(us ...models.User) {
	c.t.Helper()
	c.write(func(tx *storage.Tx) error {
		var err error
		if c.team, err = tx.CreateTeam("Night patrol", us[0].ID, false, c.clock.Now()); err != nil {
			return err
		}
		for _, u := range us[1:] {
			if err := tx.AddTeamMember(c.team, u.ID, c.clock.Now()); err != nil {
				return err
			}
		}
		c.tpl, err = tx.CreatePatrolTemplate(storage.PatrolTemplate{TeamID: c.team, Spec: "0 20 * * *", Minutes: 120, Slots: 2,
			Area: "Gate"}, c.clock.Now())
		return err
	})
}

// agShift lays a shift of the team from start ("2006-01-02 15:04" in
// Shanghai) for minutes, with u on it unless u.ID is 0.
func (c *agCast) agShift(start string, minutes int, u models.User) int64 {
	c.t.Helper()
	at := wallAt(c.t, start)
	var id int64
	c.write(func(tx *storage.Tx) error {
		var err error
		id, _, err = tx.AddPatrolShift(storage.PatrolShift{TemplateID: c.tpl, TeamID: c.team, Start: at,
			End: at.Add(time.Duration(minutes) * time.Minute), Slots: 2, Area: "Gate"})
		if err != nil || u.ID == 0 {
			return err
		}
		_, err = tx.TakeSlot(id, u.ID, "take", c.clock.Now())
		return err
	})
	return id
}

// agJob stores an open job for everyone from start for minutes, with u
// signed up unless u.ID is 0.
func (c *agCast) agJob(title, start string, minutes int, u models.User) int64 {
	c.t.Helper()
	at := wallAt(c.t, start)
	var id int64
	c.write(func(tx *storage.Tx) error {
		var err error
		j := storage.Job{Title: title, Place: "Garden", Slots: 5, Start: at, End: at.Add(time.Duration(minutes) * time.Minute),
			OrganiserID: adminID, State: storage.JobOpen}
		if id, err = tx.CreateJob(j, c.clock.Now()); err != nil || u.ID == 0 {
			return err
		}
		j.ID = id
		_, err = tx.JobSignUp(j, u.ID, c.clock.Now())
		return err
	})
	return id
}

// agWeek writes u's week (see agCast).
func (c *agCast) agWeek(u models.User) {
	c.t.Helper()
	c.agTeam(u)
	c.shift = c.agShift("2026-03-03 20:00", 120, u)
	c.job = c.agJob("Litter pick", "2026-03-03 21:00", 120, u)
	start := wallAt(c.t, "2026-03-04 19:00")
	c.write(func(tx *storage.Tx) error {
		var err error
		c.meeting, err = tx.CreateMeeting(storage.Meeting{OrganiserID: adminID, Title: "Residents' meeting", StartsAt: start,
			EndsAt: start.Add(90 * time.Minute), Place: "Hall", Audience: "all", State: storage.MeetingPosted}, c.clock.Now())
		if err != nil {
			return err
		}
		if _, err := tx.SetRSVP(c.meeting, u.ID, true, c.clock.Now()); err != nil {
			return err
		}
		hh, err := tx.CreateHousehold(storage.Household{Building: "3", Unit: "402", Name: "Granny Wang", Reason: "lives_alone",
			CreatedBy: adminID}, c.clock.Now())
		if err != nil {
			return err
		}
		if err := tx.SetHouseholdVisitor(hh, u.ID, true, adminID, c.clock.Now()); err != nil {
			return err
		}
		if _, err := tx.PlanVisits("qingming", 2026, c.clock.Now()); err != nil {
			return err
		}
		vs, err := tx.Visits("qingming", 2026)
		if err == nil && len(vs) == 1 {
			c.visit = vs[0].ID
		}
		return err
	})
}

// agInOrder fails unless text holds parts in this order.
func agInOrder(t *testing.T, text string, parts ...string) {
	t.Helper()
	at := 0
	for _, p := range parts {
		i := strings.Index(text[at:], p)
		if i < 0 {
			t.Fatalf("%q is not after position %d in\n%s", p, at, text)
		}
		at += i + len(p)
	}
}

// /mine lists the shift, the job, the meeting and the visit in time order,
// the shift and the job marked as overlapping, in English.
func TestMineListsEverythingInOrderEN(t *testing.T) {
	c := agNew(t, nil)
	ann := c.agPerson(6001, "Ann", "en")
	c.agWeek(ann)
	c.say(ann, "/mine")
	m := c.expect(ann.ID, "Your agenda")
	agInOrder(t, m.Plain,
		"⚠️ 🔦 Patrol shift: Night patrol · Tue 3 Mar 20:00-22:00 · Gate", "overlaps 🙋 Job: Litter pick",
		"⚠️ 🙋 Job: Litter pick · Tue 3 Mar 21:00-23:00 · Garden", "overlaps 🔦 Patrol shift: Night patrol",
		"📅 Meeting: Residents' meeting · Wed 4 Mar 19:00-20:30 · Hall",
		"🏮 Visit: Granny Wang · by Sun 5 Apr · 3-402",
		"⚠️ marks items whose times overlap.")
	if strings.Contains(m.Plain, "⚠️ 📅") || strings.Contains(m.Plain, "⚠️ 🏮") {
		t.Errorf("the meeting or the visit is marked as overlapping:\n%s", m.Plain)
	}
	if !hasButton(m, "mine:ics") || !hasButton(m, "mine:link") {
		t.Errorf("no file and link buttons: %s", buttonLabels(m))
	}
	// Without http.listen, the link says it cannot be had.
	c.tg.Press(ann, m, "mine:link")
	c.expect(ann.ID, "Calendar links need the bot's web address (http.listen)")
	c.db(func(tx *storage.Tx) error {
		has, err := tx.HasCalendarLink(ann.ID)
		if has {
			t.Error("a link was stored without http.listen")
		}
		return err
	})
}

// The same in Chinese, from the menu button; a waitlisted job says so and
// a past shift is gone.
func TestMineListsEverythingInOrderZH(t *testing.T) {
	c := agNew(t, nil)
	li := c.agPerson(6002, "李", "zh")
	c.agWeek(li)
	c.agShift("2026-03-02 08:00", 60, li) // over before now
	other := c.agPerson(6003, "王", "zh")
	at := wallAt(t, "2026-03-06 09:00")
	c.write(func(tx *storage.Tx) error {
		j := storage.Job{Title: "Full job", Place: "Garden", Slots: 1, Start: at, End: at.Add(time.Hour), OrganiserID: adminID,
			State: storage.JobOpen}
		var err error
		if j.ID, err = tx.CreateJob(j, c.clock.Now()); err != nil {
			return err
		}
		if _, err := tx.JobSignUp(j, other.ID, c.clock.Now()); err != nil {
			return err
		}
		_, err = tx.JobSignUp(j, li.ID, c.clock.Now())
		return err
	})
	c.say(li, "/start")
	menu := c.tg.WaitMessage(c.t, li.ID, func(m telegramtest.Message) bool { return hasButton(m, "menu:mine") }, wait)
	c.tg.Press(li, menu, "menu:mine")
	m := c.expect(li.ID, "我的日程")
	agInOrder(t, m.Plain,
		"⚠️ 🔦 巡逻班次：Night patrol · 3月3日（周二）20:00-22:00 · Gate", "与🙋 志愿活动：Litter pick时间重叠",
		"⚠️ 🙋 志愿活动：Litter pick · 3月3日（周二）21:00-23:00 · Garden", "与🔦 巡逻班次：Night patrol时间重叠",
		"📅 会议：Residents' meeting · 3月4日（周三）19:00-20:30 · Hall",
		"🙋 志愿活动：Full job · 3月6日（周五）09:00-10:00 · Garden（候补中）",
		"🏮 探访：Granny Wang · 4月5日（周日）前 · 3-402",
		"⚠️ 表示时间重叠的事项。")
	if strings.Count(m.Plain, "巡逻班次：") != 2 { // the shift, and the job's overlap line
		t.Errorf("the past shift is listed:\n%s", m.Plain)
	}
}
