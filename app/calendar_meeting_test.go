package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// calMeeting walks u through /meeting up to the question of once or
// recurring, and returns it: title, time, place, the agenda ("" for none),
// the open problems or not, the audience and its picks (buttons' data).
func (h *harness) calMeeting(u models.User, title, when, place, agenda string, pull bool, audience string, picks ...string) telegramtest.Message {
	h.t.Helper()
	return h.calMeetingPull(u, title, when, place, agenda, map[bool]string{true: "pull", false: "nopull"}[pull], audience, picks...)
}

// calMeetingPull is calMeeting answering the question of what joins the
// agenda with choice (pull, pp, both, nopull).
func (h *harness) calMeetingPull(u models.User, title, when, place, agenda, choice string, audience string, picks ...string) telegramtest.Message {
	h.t.Helper()
	last := h.calLast(u.ID)
	h.say(u, "/meeting")
	for _, step := range []struct{ name, answer string }{{"title", title}, {"when", when}, {"place", place}} {
		h.calWait(u.ID, last, func(m telegramtest.Message) bool { return hasButton(m, "fl:meeting:x:"+step.name) })
		last = h.calLast(u.ID)
		h.say(u, step.answer)
	}
	ask := h.calWait(u.ID, last, func(m telegramtest.Message) bool { return hasButton(m, "fl:meeting:s:agenda") })
	if agenda == "" {
		h.tg.Press(u, ask, "fl:meeting:s:agenda")
	} else {
		h.say(u, agenda)
	}
	h.calPressNew(u, ask.ID, "fl:meeting:o:pull:"+choice)
	aud := h.calPressNew(u, ask.ID, "fl:meeting:o:audience:"+audience)
	for _, p := range picks {
		x := h.calWait(u.ID, aud.ID, func(x telegramtest.Message) bool { return hasButton(x, p) })
		h.tg.Press(u, x, p)
	}
	if len(picks) > 0 {
		done := h.calWait(u.ID, aud.ID, func(x telegramtest.Message) bool { return hasButton(x, "fl:meeting:f:buildings") && calTicked(x) })
		h.tg.Press(u, done, "fl:meeting:f:buildings")
	}
	return h.calWait(u.ID, aud.ID, func(m telegramtest.Message) bool { return hasButton(m, "fl:meeting:o:repeat:once") })
}

// calPost answers the question of once or recurring with once, confirms
// the invitation, and waits until it is posted.
func (h *harness) calPost(u models.User, ask telegramtest.Message) {
	h.t.Helper()
	h.tg.Press(u, ask, "fl:meeting:o:repeat:once")
	ok := h.calWait(u.ID, ask.ID, func(m telegramtest.Message) bool { return hasButton(m, "fl:meeting:y:ok") })
	h.tg.Press(u, ok, "fl:meeting:y:ok")
	h.calWait(u.ID, ok.ID, func(m telegramtest.Message) bool {
		return strings.Contains(m.Plain, "is posted to") || strings.Contains(m.Plain, "已发送到")
	})
}

// calCancel calls meeting id off from its page, once confirmed.
func (h *harness) calCancel(u models.User, id int64) {
	h.t.Helper()
	last := h.calLast(u.ID)
	h.say(u, "/meetings")
	list := h.calPressNew(u, last, "mt:v:"+itoa(id))
	page := h.calPressNew(u, list.ID, "mt:cancel:"+itoa(id))
	sure := h.calPressNew(u, page.ID, "fl:mtcancel:o:sure:yes")
	h.calWait(u.ID, sure.ID, func(m telegramtest.Message) bool {
		return strings.Contains(m.Plain, "is cancelled;") || strings.Contains(m.Plain, "已取消，已通知")
	})
}

// calCounted waits until a message shows the RSVP count.
func (h *harness) calCounted(chat int64, id int, count string) {
	h.t.Helper()
	h.tg.WaitMessage(h.t, chat, func(m telegramtest.Message) bool { return m.ID == id && strings.Contains(m.Plain, count) }, wait)
}

// The fortnightly half-month talk: a meeting made recurring on the 1st and
// 15th, posted to building 3's group two days before, with the open
// problems on its agenda; Coming / Can't come with a live count (one
// pending edit per copy); a forged press refused; both reminders.
func TestCalendarFortnightlyMeeting(t *testing.T) {
	c := newCommunity(t)
	c.reportInPrivate(c.wang, "lighting", "3栋东边的路灯坏了")
	ask := c.calMeeting(c.admin, "半月谈", "2026-03-04 19:30", "服务站", "路灯维修\n垃圾分类", true, "bgroups", "fl:meeting:t:buildings:3")
	c.tg.Press(c.admin, ask, "fl:meeting:o:repeat:repeat")
	preview := c.calText(c.admin.ID, ask.ID, "半月谈", "Wed 4 Mar 19:30", "服务站", "1. 路灯维修", "3. Open problems — building 3: 1 open, 0 overdue", "#1 · Lighting · building 3 · opened Mon 2 Mar")
	if !hasButton(preview, "mt:y:0") {
		t.Errorf("the preview lacks the answer buttons: %+v", preview.Buttons)
	}
	ok := c.calText(c.admin.ID, ask.ID, "To: Some buildings' groups (3).", "Once confirmed, choose when it recurs.")
	c.tg.Press(c.admin, preview, "mt:y:0")
	c.expectAnswer("only a preview")
	c.tg.Press(c.admin, ok, "fl:meeting:y:ok")
	c.calText(c.admin.ID, ok.ID, "The meeting will be posted before each time.")
	c.calPressNew(c.admin, ok.ID, "fl:schedule:o:how:115")
	c.calText(c.admin.ID, ok.ID, "will be posted 48 hours before each time")
	if n := c.calCount(c.group.ID, "半月谈"); n != 0 {
		t.Fatalf("posted before its time: %d", n)
	}
	var sid int64
	c.db(func(tx *storage.Tx) error {
		list, err := tx.Schedules(0, 10)
		if len(list) == 1 {
			sid = list[0].ID
		}
		return err
	})
	if it := c.calPending("meeting.make", sid); !it.DueAt.Equal(calAt(t, "2026-03-13 19:30")) {
		t.Fatalf("first posting: %+v", it)
	}

	c.calTo("2026-03-13 19:30")
	c.tick()
	inv := c.expect(c.group.ID, "半月谈", "3月15日（周日）19:30", "服务站", "3. 未解决的问题——3 栋：未解决 1 件，超期 0 件", "#1 · 照明 · 3 栋 · 3月2日（周一）提出", "参加：0 · 请假：0")
	c.expect(c.admin.ID, "“半月谈”", "is posted to 1 chats")
	var mid int64
	c.db(func(tx *storage.Tx) error {
		up, err := tx.UpcomingMeetings(c.clock.Now(), 5)
		if len(up) == 1 {
			mid = up[0].ID
		}
		return err
	})
	if mid == 0 || !hasButton(inv, "mt:y:"+itoa(mid)) {
		t.Fatalf("meeting %d, buttons %+v", mid, inv.Buttons)
	}
	c.settle()
	c.tg.Press(c.wang, inv, "mt:y:"+itoa(mid))
	c.expectAnswer("已记录：您参加")
	c.tg.Press(c.li, inv, "mt:n:"+itoa(mid))
	c.expectAnswer("you can't come")
	c.calCounted(c.group.ID, inv.ID, "参加：1 · 请假：1")
	// A forged press from a private chat the meeting was not sent to.
	c.tg.PressRaw(c.leader, telegramtest.PrivateChat(c.leader), inv.ID, "mt:y:"+itoa(mid))
	c.expectAnswer("您没有被邀请")
	c.settle()
	c.db(func(tx *storage.Tx) error {
		yes, no, err := tx.RSVPCounts(mid)
		if yes != 1 || no != 1 {
			t.Errorf("answers %d/%d after a forged press", yes, no)
		}
		return err
	})

	c.calTo("2026-03-14 19:30")
	c.tick()
	c.expect(c.group.ID, "会议提醒", "半月谈")
	c.calTo("2026-03-15 18:30")
	c.tick()
	c.settle()
	if n := c.calCount(c.group.ID, "会议提醒"); n != 2 {
		t.Errorf("%d reminders in the group, want 2", n)
	}
	if it := c.calPending("meeting.make", sid); !it.DueAt.Equal(calAt(t, "2026-03-30 19:30")) {
		t.Errorf("next posting: %+v", it)
	}
}

// Reminders of a meeting sent in private go to each invitee who did not
// decline; several answers leave one pending edit per copy.
func TestCalendarMeetingPrivateReminders(t *testing.T) {
	c := newCommunity(t)
	c.say(c.admin, "/grant 2002 leader 2")
	c.expect(c.admin.ID, "is now building leader")
	ask := c.calMeeting(c.admin, "Study session", "2026-03-04 19:30", "Hall", "Rules", false, "leaders")
	c.calPost(c.admin, ask)
	c.calText(c.admin.ID, ask.ID, "Meeting #1 is posted to 2 chats")
	inv := c.expect(c.leader.ID, "Study session")
	c.expect(c.li.ID, "Study session", "Coming: 0")
	c.tg.Press(c.leader, inv, "mt:n:1")
	c.expectAnswer("已记录：您请假")
	c.calCounted(c.li.ID, c.calLast(c.li.ID), "Coming: 0 · Can't come: 1")
	// A resident who was not invited cannot answer.
	c.tg.PressRaw(c.wang, telegramtest.PrivateChat(c.wang), inv.ID, "mt:y:1")
	c.expectAnswer("您没有被邀请")
	c.calTo("2026-03-03 19:30")
	c.tick()
	c.expect(c.li.ID, "Reminder", "Study session")
	c.calTo("2026-03-04 18:30")
	c.tick()
	c.settle()
	if a, b := c.calCount(c.li.ID, "Reminder"), c.calCount(c.leader.ID, "会议提醒"); a != 2 || b != 0 {
		t.Errorf("reminders: %d to the invitee, %d to the one who declined; want 2 and 0", a, b)
	}
}

// After the meeting the organiser records minutes and a decision, and makes
// the decision a ticket in one press; the meeting's page lists it with its
// state, and /meetings lists the meeting.
func TestCalendarMinutesAndDecisionTicket(t *testing.T) {
	c := newCommunity(t)
	ask := c.calMeeting(c.admin, "Half-month talk", "2026-03-02 19:30", "Station", "Lamps", false, "leaders")
	c.calPost(c.admin, ask)
	c.calText(c.admin.ID, ask.ID, "Meeting #1 is posted")
	c.calTo("2026-03-02 21:00")
	last := c.calLast(c.admin.ID)
	c.say(c.admin, "/meetings")
	list := c.calText(c.admin.ID, last, "Past", "#1", "Half-month talk")
	c.tg.Press(c.admin, list, "mt:v:1")
	page := c.calWait(c.admin.ID, list.ID, func(m telegramtest.Message) bool { return hasButton(m, "mt:min:1") })
	c.tg.Press(c.admin, page, "mt:min:1")
	c.calText(c.admin.ID, page.ID, "Send the minutes of “Half-month talk”.")
	c.say(c.admin, "Twelve came. Lamps discussed.")
	c.calText(c.admin.ID, page.ID, "Minutes", "Twelve came")
	last = c.calLast(c.admin.ID)
	c.tg.Press(c.admin, page, "mt:dec:1")
	c.calText(c.admin.ID, last, "Send one decision of “Half-month talk”")
	c.say(c.admin, "Fix the east gate lamp")
	dec := c.calWait(c.admin.ID, last, func(m telegramtest.Message) bool { return hasButton(m, "mt:tk:1:3") })
	c.tg.Press(c.admin, dec, "mt:tk:1:3")
	c.expectAnswer("Ticket #1 opened")
	c.expect(c.leader.ID, "新问题 #1", "Fix the east gate lamp")
	c.expect(c.group.ID, "#1", "Fix the east gate lamp")
	c.tg.PressRaw(c.admin, telegramtest.PrivateChat(c.admin), dec.ID, "mt:tk:1:3")
	c.expectAnswer("already a ticket or a job")
	// A leader may read the page but not record anything.
	c.tg.PressRaw(c.leader, telegramtest.PrivateChat(c.leader), dec.ID, "mt:tk:1:3")
	c.expectAnswer("您不能管理这个会议")

	// A second decision becomes a volunteer job: the job flow starts with
	// the decision as its title and goes on from its time.
	last = c.calLast(c.admin.ID)
	c.tg.Press(c.admin, page, "mt:dec:1")
	c.calText(c.admin.ID, last, "Send one decision of “Half-month talk”")
	c.say(c.admin, "Spring clean of the courtyard")
	dec = c.calWait(c.admin.ID, last, func(m telegramtest.Message) bool { return hasButton(m, "mt:jb:2") })
	c.tg.Press(c.admin, dec, "mt:jb:2")
	c.calText(c.admin.ID, dec.ID, "Spring clean of the courtyard", "from the meeting's decision", "When?")
	c.say(c.admin, "2026-03-07 9:00-11:00")
	c.expect(c.admin.ID, "Time: Sat 7 Mar 09:00-11:00", "Where?")
	c.say(c.admin, "The courtyard")
	for _, data := range []string{"fl:job:o:team:0", "fl:job:o:slots:4", "fl:job:o:withdraw:24", "fl:job:f:groups", "fl:job:y:ok"} {
		m := c.tg.WaitMessage(t, c.admin.ID, func(x telegramtest.Message) bool { return hasButton(x, data) }, wait)
		c.tg.Press(c.admin, m, data)
	}
	c.expect(c.admin.ID, "Published \"Spring clean of the courtyard\"")
	c.tg.PressRaw(c.admin, telegramtest.PrivateChat(c.admin), dec.ID, "mt:tk:2:3")
	c.expectAnswer("already a ticket or a job")

	last = c.calLast(c.admin.ID)
	c.tg.Press(c.admin, list, "mt:v:1")
	c.calText(c.admin.ID, last, "Decisions", "1. Fix the east gate lamp — ticket #1", "Twelve came",
		"2. Spring clean of the courtyard — volunteer job #1 “Spring clean of the courtyard” · open")
	if n := countTickets(&community{harness: c.harness}); n != 1 {
		t.Errorf("%d tickets, want 1", n)
	}
}
