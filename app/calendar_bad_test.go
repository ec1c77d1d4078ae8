package app

import (
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// Bad input to /schedule and /meeting is refused clearly, in the person's
// language, and changes nothing.
func TestCalendarBadInput(t *testing.T) {
	c := newCommunity(t)

	// A cron expression that does not parse names its field and shows an
	// example; the leader reads it in Chinese.
	last := c.calLast(c.leader.ID)
	c.say(c.leader, "/schedule")
	m := c.calPressNew(c.leader, last, "sc:new")
	c.calPressNew(c.leader, m.ID, "fl:schedule:o:how:cron")
	c.calText(c.leader.ID, m.ID, "请发送五段的 cron 表达式")
	c.say(c.leader, "61 * * * *")
	c.calText(c.leader.ID, m.ID, "分钟一栏“61”不对", "30 19 1,15 * *")
	last = c.calLast(c.leader.ID)
	c.say(c.leader, "0 9 31 2 *")
	c.calText(c.leader.ID, last, "永远不会发生")
	// One that parses but would post to a group every 30 minutes: the
	// groups are not offered, and a forged press for them is refused.
	last = c.calLast(c.leader.ID)
	c.say(c.leader, "*/30 9-17 * * *")
	aud := c.calText(c.leader.ID, last, "每小时收到不止一次", "不能发到群里")
	if hasButton(aud, "fl:schedule:o:audience:bgroups") || !hasButton(aud, "fl:schedule:o:audience:bresidents") {
		t.Errorf("a schedule too often for groups offers: %+v", aud.Buttons)
	}
	c.tg.PressRaw(c.leader, telegramtest.PrivateChat(c.leader), aud.ID, "fl:schedule:o:audience:bgroups")
	c.expectAnswer("失效")
	c.tg.PressRaw(c.leader, telegramtest.PrivateChat(c.leader), aud.ID, "fl:schedule:o:audience:groups")
	c.expectAnswer("失效")
	c.tg.Press(c.leader, aud, "fl:schedule:o:audience:bresidents")
	pick := c.calWait(c.leader.ID, aud.ID, func(x telegramtest.Message) bool { return hasButton(x, "fl:schedule:t:buildings:3") })
	if hasButton(pick, "fl:schedule:t:buildings:1") {
		t.Errorf("a leader is offered a building they do not lead: %+v", pick.Buttons)
	}
	c.tg.PressRaw(c.leader, telegramtest.PrivateChat(c.leader), pick.ID, "fl:schedule:t:buildings:1")
	c.expectAnswer("失效")
	c.say(c.leader, "/cancel")

	// A one-off time in the past.
	last = c.calLast(c.admin.ID)
	c.say(c.admin, "/schedule")
	m = c.calPressNew(c.admin, last, "sc:new")
	c.calPressNew(c.admin, m.ID, "fl:schedule:o:how:once")
	c.calText(c.admin.ID, m.ID, "When?")
	c.say(c.admin, "2026-03-01 10:00")
	c.calText(c.admin.ID, m.ID, "That time has already passed")
	c.say(c.admin, "/cancel")

	// A meeting without a title (a photo without a caption), then an
	// agenda line over 500 characters.
	last = c.calLast(c.admin.ID)
	c.say(c.admin, "/meeting")
	c.calText(c.admin.ID, last, "What is the meeting called")
	c.tg.SendPhoto(c.admin, telegramtest.PrivateChat(c.admin), "")
	c.calText(c.admin.ID, last, "A meeting needs a title")
	c.say(c.admin, "Talk")
	last = c.calText(c.admin.ID, last, "When is it").ID
	c.say(c.admin, "2026-03-01 09:00")
	c.calText(c.admin.ID, last, "already passed")
	c.say(c.admin, "2026-03-10 19:30")
	last = c.calText(c.admin.ID, last, "Where is it held").ID
	c.say(c.admin, "Hall")
	last = c.calText(c.admin.ID, last, "Send the agenda").ID
	c.say(c.admin, "ok line\n"+strings.Repeat("长", 501))
	c.calText(c.admin.ID, last, "Line 2 has 501 characters, at most 500. Nothing was added")
	c.settle()
	c.db(func(tx *storage.Tx) error {
		f, err := tx.Flow(c.admin.ID)
		if err != nil {
			return err
		}
		if strings.Contains(f.Data, "ok line") {
			t.Errorf("part of a refused message was added: %s", f.Data)
		}
		return nil
	})

	// A forged Coming press for a meeting that does not exist.
	c.tg.PressRaw(c.wang, telegramtest.PrivateChat(c.wang), 1, "mt:y:99")
	c.expectAnswer("失效")
	// Nobody but staff manages a schedule: a resident's forged press.
	c.tg.PressRaw(c.wang, telegramtest.PrivateChat(c.wang), 1, "sc:p:1")
	c.expectAnswer("不归您管理")

	if n := c.calSchedules(); n != 0 {
		t.Errorf("%d schedules after refused input", n)
	}
	c.db(func(tx *storage.Tx) error {
		up, err := tx.UpcomingMeetings(c.clock.Now(), 5)
		if len(up) != 0 {
			t.Errorf("meetings after refused input: %+v", up)
		}
		return err
	})
}

// /help lists the calendar's commands to those who may use them, each in
// their language.
func TestCalendarHelp(t *testing.T) {
	c := newCommunity(t)
	c.say(c.admin, "/help")
	c.expect(c.admin.ID, "/schedule — Scheduled notices", "/meeting — Call a meeting", "/meetings — Upcoming and past meetings")
	c.say(c.leader, "/help")
	h := c.expect(c.leader.ID, "/schedule — 定时通知", "/meetings — 近期和以往的会议")
	if strings.Contains(h.Plain, "/meeting —") {
		t.Errorf("a leader is offered /meeting: %q", h.Plain)
	}
	c.say(c.wang, "/help")
	h = c.expect(c.wang.ID, "/report")
	if strings.Contains(h.Plain, "/schedule") || strings.Contains(h.Plain, "/meetings") {
		t.Errorf("a resident is offered the calendar: %q", h.Plain)
	}
	c.say(c.wang, "/meeting")
	c.expect(c.wang.ID, "没有使用 /meeting 的权限")
	// In a group the commands open the private chat, where they continue.
	last := c.calLast(c.group.ID)
	c.tg.SendText(c.admin, c.group, "/schedule")
	c.calWait(c.group.ID, last, func(m telegramtest.Message) bool {
		return len(m.Buttons) > 0 && strings.HasSuffix(m.Buttons[0][0].URL, "start=schedule")
	})
	last = c.calLast(c.admin.ID)
	c.say(c.admin, "/start schedule")
	c.calText(c.admin.ID, last, "Scheduled notices")
	last = c.calLast(c.wang.ID)
	c.say(c.wang, "/start meeting")
	c.calText(c.wang.ID, last, "没有使用 /meeting 的权限")
}
