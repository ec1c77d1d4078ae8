package app

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// monthTickets are the reports of the month, in turn; "电线" makes a
// safety report, which is urgent.
var monthTickets = []string{"3栋东边的路灯坏了", "楼道垃圾没人清理", "下水道又堵了", "单元门口路面有个坑",
	"The corridor light is out", "Rubbish piles up by the gate", "楼上装修噪音太大", "Drain by the bike shed is blocked"}

// A month of a 2,000-household community on the injected clock: a nightly
// patrol with a rotation of 20, four volunteer jobs, two half-month talks,
// the Mid-Autumn visit round, 60 reports and a daily notice to building 3's
// residents in private (with three one-off notices on one day). Every
// message each chat receives is counted; no routine message reaches anyone
// in the quiet hours, a rotation member hears of the rotation at most once
// a week, nobody gets more than 3 scheduled notices a day, and no reminder
// arrives after the start of what it reminds of.
func TestAMonthOfMessages(t *testing.T) {
	if testing.Short() {
		t.Skip("a simulated month")
	}
	c := newMonth(t)
	start := c.clock.Now()
	reporters := []models.User{c.wang, c.li, c.zhao, c.chen, c.residents[250], c.residents[251], c.residents[263]}
	for _, u := range reporters[4:] {
		c.say(u, "/help")
	}

	// Day one: the work is set up through the bot, as people do it.
	c.clock.Set(wallAt(t, "2026-09-07 10:00"))
	c.monthPatrol()
	jobs := []int64{
		c.jobCreate(c.lin, jobSpec{title: "Clean the E-district lanes", when: "2026-09-12 9:00-11:00", place: "E-district gate", team: itoa(c.team), slots: "6", withdraw: "24", chats: []int64{c.group3.ID}}),
		c.jobCreate(c.lin, jobSpec{title: "Litter pick by the east gate", when: "2026-09-19 14:00-16:00", place: "East gate", team: "0", slots: "8", withdraw: "24", chats: []int64{c.group3.ID, c.community.ID}}),
		c.jobCreate(c.lin, jobSpec{title: "Sort the bike shed", when: "2026-09-26 9:00-11:00", place: "Bike shed", team: itoa(c.team), slots: "4", withdraw: "24", chats: []int64{c.group3.ID}}),
		c.jobCreate(c.lin, jobSpec{title: "National Day flags", when: "2026-10-03 7:00-9:00", place: "Main gate", team: "0", slots: "6", withdraw: "24", chats: []int64{c.community.ID}}),
	}
	for _, at := range []string{"2026-09-15 19:30", "2026-09-30 19:30"} {
		c.clock.Advance(time.Minute)
		c.calPost(c.admin, c.calMeeting(c.admin, "半月谈", at, "服务站", "路灯维修\n垃圾分类", false, "groups"))
	}
	c.calAdd(c.admin, "day", "9:00", "bresidents", "Daily reminder: please close the unit doors.", false, "fl:schedule:t:buildings:3")
	for _, at := range []string{"10:00", "11:00", "12:00"} {
		c.clock.Advance(time.Minute) // a person's commands are limited per minute
		c.calAdd(c.admin, "once", "2026-09-20 "+at, "bresidents", "One-off notice at "+at+": water tests today.", false, "fl:schedule:t:buildings:3")
	}
	vc := &visCast{harness: c.harness, admin: c.admin, lin: c.lin, li: c.li, wang: c.wang}
	for _, hh := range []visHousehold{{building: "3", unit: "7-0401", name: "刘秀英", reason: "lives_alone"},
		{building: "1", unit: "9-1102", name: "Zhou Family", reason: "disabled"}} {
		page, id := vc.visAdd(hh)
		vc.visAssign(page, id, c.li.ID)
	}
	c.settle()
	c.monthCollect(time.Time{})

	// Sign-ups the day after, from the copies in the groups.
	signUps := func() {
		for i, id := range jobs {
			chat := c.group3.ID
			if i == 3 {
				chat = c.community.ID
			}
			copy := c.jobCopy(chat, id)
			for _, u := range []models.User{c.wang, c.li, c.zhao, c.chen, c.crew[0]} {
				if (i == 0 || i == 2) && (u.ID == c.chen.ID || u.ID == c.crew[0].ID) {
					continue // not in Sanitation
				}
				c.tg.Press(u, copy, "jb:su:"+itoa(id))
				c.settle()
			}
		}
	}
	rsvp := func() {
		var ms []storage.Meeting
		c.db(func(tx *storage.Tx) error {
			var err error
			ms, err = tx.UpcomingMeetings(c.clock.Now(), 5)
			return err
		})
		for _, m := range ms {
			inv := c.lookup(c.group3.ID, func(x telegramtest.Message) bool { return hasButton(x, "mt:y:"+itoa(m.ID)) })
			for _, u := range []models.User{c.wang, c.li, c.crew[1]} {
				c.tg.Press(u, inv, "mt:y:"+itoa(m.ID))
				c.settle()
			}
		}
	}

	// The month, in half hours.
	ticket := 0
	end := wallAt(t, "2026-10-07 08:00")
	for at := wallAt(t, "2026-09-07 10:30"); !at.After(end); at = at.Add(30 * time.Minute) {
		c.clock.Set(at)
		step := time.Now()
		wall := at.In(c.cfg.Location()).Format("15:04")
		day := int(at.Sub(wallAt(t, "2026-09-07 00:00")).Hours() / 24)
		switch {
		case day == 1 && wall == "10:00":
			signUps()
			rsvp()
		case wall == "09:30" && day%2 == 1:
			for id := 1; id <= ticket; id++ {
				c.monthClaim(int64(id))
			}
		}
		if ticket < 60 && (wall == "10:00" || wall == "16:00" || (wall == "23:00" && day%7 == 4)) {
			text := monthTickets[ticket%len(monthTickets)]
			if wall == "23:00" && day%14 == 4 {
				text = "楼道电线冒火花"
			}
			c.monthReport(reporters[ticket%len(reporters)], text)
			ticket++
		}
		c.tick()
		c.settle()
		c.monthCollect(step)
	}
	if ticket != 60 {
		t.Fatalf("%d reports filed, want 60", ticket)
	}
	c.monthCheck(start, end)
}

// monthCheck asserts the month's rules over the outbox and the fake
// Telegram's record, and prints the figures.
func (c *monthCast) monthCheck(start, end time.Time) {
	t := c.t
	rows := c.monthRows()
	loc := c.cfg.Location()
	held, late := 0, 0
	for _, r := range rows {
		if r.drop == storage.DroppedLate {
			late++
		}
		if r.state != storage.OutSent || !monthSends[r.method] {
			continue
		}
		if r.class == storage.ClassRoutine && inQuiet(r.sent) {
			t.Errorf("a routine %s to %d at %s (ref %q)", r.method, r.chat, r.sent.In(loc).Format("01-02 15:04"), r.ref)
		}
		if !r.until.IsZero() && r.sent.After(r.until) {
			t.Errorf("%s to %d at %s after its last moment %s (ref %q)", r.method, r.chat, r.sent.In(loc).Format("01-02 15:04"),
				r.until.In(loc).Format("01-02 15:04"), r.ref)
		}
	}
	held = c.monthHeld()
	// Every reminder of a patrol shift, a job or a meeting arrived before the
	// thing's start, by the database's record of that start.
	c.monthRemindersOnTime(rows)

	// Rotation messages per member per week (weeks from Monday).
	rotWeek := 0
	for _, u := range c.crew {
		perWeek := map[int]int{}
		for _, m := range c.tg.Messages(u.ID) {
			if isRotation(m.Plain) {
				perWeek[c.monthWeek(m, rows)]++
			}
		}
		for w, n := range perWeek {
			rotWeek = max(rotWeek, n)
			if n > 1 {
				t.Errorf("%s told of the rotation %d times in week %d", u.FirstName, n, w)
			}
		}
	}

	// Scheduled notices per person per day.
	schedMax := 0
	perDay := map[int64]map[string]int{}
	for _, r := range rows {
		if r.state != storage.OutSent || r.chat <= 0 || !monthSends[r.method] {
			continue
		}
		d := r.sent.In(loc).Format("01-02")
		if perDay[r.chat] == nil {
			perDay[r.chat] = map[string]int{}
		}
		perDay[r.chat][d]++
	}
	for _, u := range append([]models.User{c.wang, c.li, c.admin, c.lin}, c.residents...) {
		n := map[string]int{}
		for _, m := range c.tg.Messages(u.ID) {
			// The set-up's previews of the notices are not notices.
			if isScheduledNotice(m.Plain) && !c.monthSent(m, rows).Before(wallAt(t, "2026-09-07 10:30")) {
				n[c.monthDay(m, rows)]++
			}
		}
		for d, k := range n {
			schedMax = max(schedMax, k)
			if k > 3 {
				t.Errorf("%s got %d scheduled notices on %s", u.FirstName, k, d)
			}
		}
	}

	// Figures: messages per resident per day (building 3's households,
	// where the daily notice goes, and all 2,000).
	days := int(end.Sub(start).Hours()/24 + 0.5)
	received := c.monthReceived()
	var b3, all []float64
	maxDay := 0
	for i, u := range c.residents {
		per := float64(received[u.ID]) / float64(days)
		all = append(all, per)
		if i/monthUnits == 2 {
			b3 = append(b3, per)
		}
		for _, n := range perDay[u.ID] {
			maxDay = max(maxDay, n)
		}
	}
	crewWeek := 0.0
	for _, u := range c.crew {
		crewWeek = max(crewWeek, float64(received[u.ID])/float64(days)*7)
	}
	t.Logf("A month (%d days) of a %d-household community:", days, len(c.residents))
	t.Logf("  messages per resident per day, all households: median %.2f, max %.2f", median(all), slices.Max(all))
	t.Logf("  messages per resident per day, building 3: median %.2f, max %.2f; most on one day: %d", median(b3), slices.Max(b3), maxDay)
	t.Logf("  messages per rotation member per week (most): %.1f; rotation messages in one week (most): %d", crewWeek, rotWeek)
	t.Logf("  scheduled notices per person per day (most): %d", schedMax)
	t.Logf("  messages held by quiet hours: %d; reminders dropped as late: %d", held, late)
	t.Logf("  building 3's group: %d messages; community group: %d; staff: %d; leader: %d",
		received[c.group3.ID], received[c.community.ID], received[c.admin.ID], received[c.lin.ID])
	if p := os.Getenv("COURTYARD_MONTH_TRANSCRIPT"); p != "" {
		c.monthTranscript(p, rows)
	}
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

func isRotation(s string) bool {
	return strings.Contains(s, "The rotation put you on") || strings.Contains(s, "Your coming patrol shifts") ||
		strings.Contains(s, "轮值为您安排了") || strings.Contains(s, "您接下来的巡逻班次")
}

func isScheduledNotice(s string) bool {
	head := strings.HasPrefix(s, "📢 Community notice") || strings.HasPrefix(s, "📢 社区通知")
	return head && (strings.Contains(s, "Daily reminder: please close") || strings.Contains(s, "One-off notice at")) &&
		!strings.Contains(s, "Today's other scheduled notices") && !strings.Contains(s, "今天的其他定时通知")
}
