package app

import (
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// alertReport walks a resident through /report in private with the given
// category and text, and returns the message that says the ticket is open.
func (h *harness) alertReport(u models.User, category, text string) telegramtest.Message {
	h.t.Helper()
	h.say(u, "/report")
	m := h.tg.WaitMessage(h.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:cat:"+category) }, wait)
	h.tg.Press(u, m, "tk:cat:"+category)
	ask := h.tg.WaitMessage(h.t, u.ID, func(m telegramtest.Message) bool { return m.ForceReply }, wait)
	h.tg.SendReply(u, telegramtest.PrivateChat(u), text, ask)
	q := h.privNameQuestion(u)
	h.tg.Press(u, q, "tk:nm:show")
	return h.tg.WaitMessage(h.t, u.ID, func(m telegramtest.Message) bool {
		return m.ID > q.ID && strings.Contains(m.Plain, "#") && strings.Contains(m.Plain, " · ")
	}, wait)
}

// alertNone fails when any message to chat contains part.
func (h *harness) alertNone(chat int64, part string) {
	h.t.Helper()
	h.settle()
	for _, m := range h.tg.Messages(chat) {
		if strings.Contains(m.Plain+m.Caption, part) {
			h.t.Errorf("chat %d got %q", chat, m.Plain)
		}
	}
}

// alertCount counts the messages to chat containing part.
func (h *harness) alertCount(chat int64, part string) int {
	n := 0
	for _, m := range h.tg.Messages(chat) {
		if strings.Contains(m.Plain+m.Caption, part) {
			n++
		}
	}
	return n
}

// Staff and admins who opened the private chat but never registered a home
// get new tickets of buildings without a leader, and escalations; the
// reporter is told it went to the staff.
func TestAlertStaffWithoutHomeGetAlerts(t *testing.T) {
	h := newHarness(t, nil)
	admin := h.user(adminID, "Boss", "en")
	staff := h.user(staffID, "Mei", "zh")
	h.say(admin, "/help")
	h.expect(admin.ID, "/grant")
	h.say(staff, "/start")
	h.expect(staff.ID, "欢迎")
	h.say(admin, "/grant 1001 staff")
	h.expect(admin.ID, "Mei")
	ann := h.user(2001, "Ann", "en")
	h.register(ann, "2", "201") // building 2 has no leader
	opened := h.alertReport(ann, "roads", "a hole in the path by building 2")
	if !strings.Contains(opened.Plain, "The community staff have been told.") || strings.Contains(opened.Plain, "leader") {
		t.Errorf("reporter told: %q", opened.Plain)
	}
	h.expect(admin.ID, "New: Problem #1 · Roads · building 2", "a hole in the path")
	h.expect(staff.ID, "新问题", "#1 · 道路 · 2 栋")

	// The escalation reaches the unregistered staff member too.
	h.tick()
	h.clock.Advance(25 * time.Hour)
	h.tick()
	h.expect(admin.ID, "Unclaimed: #1")
	h.expect(staff.ID, "无人认领：#1")
}

// With nobody to write to, the reporter is told it is recorded; staff see
// it in /status and, once, the next time they talk to the bot.
func TestAlertNobodyReachedIsRecorded(t *testing.T) {
	h := newHarness(t, nil)
	ann := h.user(2001, "Ann", "en")
	h.register(ann, "2", "201")
	opened := h.alertReport(ann, "roads", "a hole in the path by building 2")
	if !strings.Contains(opened.Plain, "Nobody who handles tickets could be reached") || strings.Contains(opened.Plain, "has been told") {
		t.Errorf("reporter told: %q", opened.Plain)
	}
	h.tick()
	h.clock.Advance(25 * time.Hour)
	h.tick() // the escalation reaches nobody either
	h.db(func(tx *storage.Tx) error {
		list, n, err := tx.UnreachedAlerts(time.Time{}, 10)
		if err == nil && (n != 2 || list[0].TicketID != 1) {
			t.Errorf("unreached alerts: %d %+v", n, list)
		}
		return err
	})
	admin := h.user(adminID, "Boss", "en")
	h.say(admin, "/start")
	h.expect(admin.ID, "Ticket alerts that reached nobody", "2, about #1")
	h.say(admin, "/status")
	h.expect(admin.ID, "Alerts that reached nobody (last 30 days): 2, about #1")
	h.settle()
	if n := h.alertCount(admin.ID, "Ticket alerts that reached nobody"); n != 1 {
		t.Errorf("staff told %d times, want once", n)
	}
	// A resident talking to the bot is not told.
	h.say(ann, "/help")
	h.expect(ann.ID, "/report")
	h.alertNone(ann.ID, "reached nobody")
}

// The reporter is told the leader's name when the leader was told.
func TestAlertReporterToldLeaderByName(t *testing.T) {
	c := newCommunity(t)
	opened := c.alertReport(c.li, "lighting", "the lamp east of building 3 is out")
	if !strings.Contains(opened.Plain, "林 (the building leader) has been told.") {
		t.Errorf("reporter told: %q", opened.Plain)
	}
}

// Notices say roles and states in the reader's language, whoever caused
// them; the history says words, not stored codes.
func TestAlertEachReaderInOwnLanguage(t *testing.T) {
	c := newCommunity(t)
	c.tg.SendText(c.wang, c.group, "/report 东边路灯坏了")
	line := c.expect(c.group.ID, "#1")
	notice := c.expect(c.leader.ID, "#1")
	c.tg.Press(c.li, line, "tk:me:1")
	c.expectAnswer("You follow #1")
	c.tg.Press(c.leader, notice, "tk:claim:1")
	c.expect(c.li.ID, "was taken by 林 (building leader).")
	claimed := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:res:1") }, wait)
	c.tg.Press(c.leader, claimed, "tk:res:1")
	ask := c.expect(c.leader.ID, "做了什么处理")
	c.tg.SendReply(c.leader, telegramtest.PrivateChat(c.leader), "换了灯泡", ask)
	fixed := c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:fb:1:no") }, wait)
	c.tg.Press(c.wang, fixed, "tk:fb:1:no")
	c.expect(c.li.ID, "is now: reopened")
	c.expect(c.leader.ID, "#1 · 照明 · 3 栋 重新打开了：居民说还没解决")

	c.tg.SendText(c.li, c.group, "/report the lamp east is broken")
	c.expect(c.group.ID, "#2")
	c.say(c.leader, "/duplicate 2 1")
	c.expect(c.leader.ID, "#2 已标记为 #1 的重复")
	c.say(c.leader, "/ticket 2")
	c.expect(c.leader.ID, "标记为 #1 的重复")
	c.say(c.li, "/ticket 1")
	hist := c.expect(c.li.ID, "History", "not fixed, reopened")
	for _, code := range []string{": no", "：no", "reopen\n"} {
		if strings.Contains(hist.Plain, code) {
			t.Errorf("history shows a code %q:\n%s", code, hist.Plain)
		}
	}
}

// Photos and the location go to the leader with the notice, and to
// whoever has full access from Details; the reporter sees the photo of
// the fix; the export counts them.
func TestAlertPhotosAndLocationAreShown(t *testing.T) {
	c := newCommunity(t)
	c.say(c.wang, "/report")
	m := c.expect(c.wang.ID, "遇到了什么问题")
	c.tg.Press(c.wang, m, "tk:cat:lighting")
	c.expect(c.wang.ID, "请用一句话说说")
	c.tg.SendPhoto(c.wang, telegramtest.PrivateChat(c.wang), "")
	c.expect(c.wang.ID, "收到了")
	c.tg.SendPhoto(c.wang, telegramtest.PrivateChat(c.wang), "")
	c.settle()
	c.say(c.wang, "3栋东边的路灯坏了")
	if q := c.expect(c.wang.ID, "已附："); q.Plain != "已附：2 张照片。还可以再发，或点“完成，继续”。" || !hasButton(q, "tk:ph:go") {
		t.Errorf("photo question: %q", q.Plain)
	}
	c.privChooseName(c.wang, "tk:nm:show")
	c.expect(c.wang.ID, "已登记问题", "已通知楼栋长 林。")
	c.expect(c.leader.ID, "新问题", "#1")
	album := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return m.Method == "sendMediaGroup" && m.Photo != "" }, wait)
	if !strings.Contains(album.Caption, "#1") {
		t.Errorf("album caption: %q", album.Caption)
	}
	c.settle()
	n := 0
	for _, x := range c.tg.Messages(c.leader.ID) {
		if x.MediaGroupID == album.MediaGroupID && x.Photo != "" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("album of %d photos, want 2", n)
	}
	// A location added after filing is passed on.
	c.tg.SendLocation(c.wang, telegramtest.PrivateChat(c.wang), 31.23, 121.47)
	c.expect(c.wang.ID, "位置已加到 #1")
	c.expect(c.leader.ID, "#1：报告人补充了位置")
	loc := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return m.Location != nil }, wait)
	if loc.Location.Latitude != 31.23 || loc.Location.Longitude != 121.47 {
		t.Errorf("location: %+v", loc.Location)
	}
	// Details has a button that sends them again; a resident's forged press gets nothing.
	c.say(c.leader, "/ticket 1")
	details := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:media:1") }, wait)
	c.tg.Press(c.leader, details, "tk:media:1")
	c.tg.WaitCall(t, "sendMediaGroup", nil, wait)
	c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), 1, "tk:media:1")
	c.expectAnswer("this button is not for you")
	c.settle()
	for _, x := range c.tg.Messages(c.li.ID) {
		if x.Photo != "" || x.Location != nil {
			t.Errorf("a resident got the ticket's media: %+v", x)
		}
	}
	// The fix comes with a photo; the reporter sees it with the question.
	c.tg.Press(c.leader, details, "tk:claim:1")
	claimed := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:res:1") }, wait)
	c.tg.Press(c.leader, claimed, "tk:res:1")
	c.expect(c.leader.ID, "做了什么处理")
	c.tg.SendPhoto(c.leader, telegramtest.PrivateChat(c.leader), "换了灯泡")
	c.expect(c.leader.ID, "#1 已标记为处理完成")
	ask := c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:fb:1:yes") }, wait)
	if ask.Method != "sendPhoto" || ask.Photo == "" || !strings.Contains(ask.Plain, "换了灯泡") {
		t.Errorf("is-it-fixed question: %s photo=%q %q", ask.Method, ask.Photo, ask.Plain)
	}
	c.tg.Press(c.wang, ask, "tk:fb:1:yes")
	c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool { return m.ID == ask.ID && strings.Contains(m.Plain, "谢谢") }, wait)
	// The export counts the photos and gives the location.
	c.say(c.admin, "/export")
	rows := c.lgDocument(c.admin.ID, "tickets-2026-03.csv")
	if len(rows) != 1 || rows[0][15] != "2" || rows[0][16] != "31.230000,121.470000" {
		t.Errorf("export rows: %q", rows)
	}
	if v := c.tg.Violations(); len(v) > 0 {
		t.Errorf("Bot API violations: %v", v)
	}
}
