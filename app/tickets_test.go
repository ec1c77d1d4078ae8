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

// community is a small cast: an admin, a leader of building 3, two
// residents of building 3 and the building's linked group.
type community struct {
	*harness
	admin, leader, wang, li models.User
	group                   models.Chat
}

func newCommunity(t *testing.T) *community {
	t.Helper()
	return newCommunityWith(t, nil)
}

// newCommunityWith is newCommunity with an edited config and server options.
func newCommunityWith(t *testing.T, edit func(*config.Config), opts ...telegramtest.Option) *community {
	t.Helper()
	h := newHarness(t, edit, opts...)
	c := &community{harness: h,
		admin:  h.user(adminID, "Boss", "en"),
		leader: h.user(3001, "林", "zh"),
		wang:   h.user(2001, "王阿姨", "zh"),
		li:     h.user(2002, "Li", "en"),
		group:  h.tg.Group(-100300, "3号楼"),
	}
	h.register(c.admin, "1", "101")
	h.register(c.leader, "3", "101")
	h.register(c.wang, "3", "502")
	h.register(c.li, "3", "301")
	h.say(c.admin, "/grant 3001 leader 3")
	h.expect(c.admin.ID, "is now building leader")
	h.tg.SendText(c.admin, c.group, "/linkchat 3")
	h.expect(c.group.ID, "本群已关联到 3 栋")
	return c
}

func (c *community) ticket(id int64) storage.Ticket {
	c.t.Helper()
	var tk storage.Ticket
	c.db(func(tx *storage.Tx) error {
		var err error
		tk, err = tx.Ticket(id)
		return err
	})
	return tk
}

// reportInPrivate walks a resident through /report, without a photo and
// showing the name, and returns the ticket id.
func (c *community) reportInPrivate(u models.User, category, text string) int64 {
	c.t.Helper()
	c.say(u, "/report")
	m := c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:cat:"+category) }, wait)
	c.tg.Press(u, m, "tk:cat:"+category)
	ask := c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return m.ForceReply && m.ID > m.ID-1 && m.Date.After(time.Time{}) }, wait)
	c.tg.SendReply(u, telegramtest.PrivateChat(u), text, ask)
	c.sendWithoutPhoto(u)
	return c.privChooseName(u, "tk:nm:show")
}

func TestReportInPrivateWithPhotoAndLeaderClaims(t *testing.T) {
	c := newCommunity(t)
	c.say(c.wang, "/report")
	m := c.expect(c.wang.ID, "遇到了什么问题")
	c.tg.Press(c.wang, m, "tk:cat:lighting")
	c.expect(c.wang.ID, "类别：照明 · 楼栋：3 栋")
	c.expect(c.wang.ID, "请用一句话说说")
	// A photo first, then the text: both end up on the ticket.
	c.tg.SendPhoto(c.wang, telegramtest.PrivateChat(c.wang), "")
	c.expect(c.wang.ID, "收到了。请再用一句话")
	c.say(c.wang, "3栋东边的路灯坏了一个星期")
	flowIs(t, c.expect(c.wang.ID, "已附："), "已附：1 张照片。还可以再发，或点“完成，继续”。", "完成，继续 | 取消")
	c.privChooseName(c.wang, "tk:nm:show")
	c.lookup(c.wang.ID, func(m telegramtest.Message) bool {
		return m.Plain == "随报告一起：1 张照片。" && len(m.Buttons) == 0
	})
	c.expect(c.wang.ID, "已登记问题", "#1 · 照明 · 3 栋", "已通知楼栋长 林。")
	// The group gets a public line with the reporter's name; the leader a Claim button.
	line := c.expect(c.group.ID, "#1 · 照明 · 3 栋", "王阿姨", "待认领")
	if !hasButton(line, "tk:me:1") {
		t.Errorf("group line lacks Me too: %+v", line.Buttons)
	}
	notice := c.expect(c.leader.ID, "🔔 新问题 #1 · 照明 · 3 栋")
	c.tg.SendLocation(c.wang, telegramtest.PrivateChat(c.wang), 31.23, 121.47)
	c.expect(c.wang.ID, "位置已加到 #1")
	tk := c.ticket(1)
	if tk.Category != "lighting" || tk.Building != "3" || len(tk.Photos) != 1 || tk.Lat == nil || tk.State != storage.TicketOpen {
		t.Fatalf("ticket: %+v", tk)
	}
	c.tg.Press(c.leader, notice, "tk:claim:1")
	c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool {
		return m.ID == notice.ID && strings.Contains(m.Plain, "已由您认领") && hasButton(m, "tk:res:1")
	}, wait)
	c.expect(c.wang.ID, "#1 · 照明 · 3 栋 已由 林（楼栋长）认领")
	c.tg.WaitMessage(t, c.group.ID, func(m telegramtest.Message) bool { return m.ID == line.ID && strings.Contains(m.Plain, "处理中") }, wait)
	if got := c.ticket(1); got.State != storage.TicketClaimed || got.AssigneeID != c.leader.ID {
		t.Errorf("after claim: %+v", got)
	}
}

func TestGroupOneLineReportAndMeTooFollowers(t *testing.T) {
	c := newCommunity(t)
	c.tg.SendText(c.wang, c.group, "/report@"+telegramtest.BotUsername+" 自行车棚旁边的下水道又堵了")
	line := c.expect(c.group.ID, "#1 · 供水排污 · 3 栋", "自行车棚")
	notice := c.expect(c.leader.ID, "#1 · 供水排污")
	// Li follows from the group; a stranger who never opened the bot is sent there.
	c.tg.Press(c.li, line, "tk:me:1")
	c.expectAnswer("You follow #1")
	stranger := c.tg.User(2999, "Zhang", "zh")
	c.tg.Press(stranger, line, "tk:me:1")
	c.tg.WaitCall(t, "answerCallbackQuery", func(call telegramtest.Call) bool {
		u, _ := call.Params["url"].(string)
		return u == "https://t.me/"+telegramtest.BotUsername+"?start=me_1"
	}, wait)
	// The follower hears of the claim and the fix.
	c.tg.Press(c.leader, notice, "tk:claim:1")
	c.expect(c.li.ID, "#1 · Water & sewage · building 3 was taken by 林")
	claimed := c.expect(c.leader.ID, "已由您认领")
	c.tg.Press(c.leader, claimed, "tk:res:1")
	ask := c.expect(c.leader.ID, "做了什么处理")
	c.tg.SendReply(c.leader, telegramtest.PrivateChat(c.leader), "清理了沙土和杂物", ask)
	c.expect(c.leader.ID, "#1 已标记为处理完成")
	c.expect(c.li.ID, "was fixed: “清理了沙土和杂物”")
	c.expect(c.wang.ID, "问题解决了吗")
}

func TestHiddenNameNeverReachesTheGroup(t *testing.T) {
	c := newCommunity(t)
	c.say(c.wang, "/report")
	m := c.tg.WaitMessage(c.t, c.wang.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:cat:noise") }, wait)
	c.tg.Press(c.wang, m, "tk:cat:noise")
	ask := c.tg.WaitMessage(c.t, c.wang.ID, func(m telegramtest.Message) bool { return m.ForceReply }, wait)
	c.tg.SendReply(c.wang, telegramtest.PrivateChat(c.wang), "楼上每天半夜装修很吵", ask)
	id := c.privChooseName(c.wang, "tk:nm:hide")
	opened := c.expect(c.wang.ID, "已登记问题")
	c.expect(c.wang.ID, "已对邻居隐藏您的名字")
	c.settle()
	for _, m := range c.tg.Messages(c.group.ID) {
		if strings.Contains(m.Plain, "装修") && (strings.Contains(m.Plain, "王阿姨") || strings.Contains(m.Plain, "502")) {
			t.Errorf("the group shows a hidden reporter: %q", m.Plain)
		}
	}
	// The old after-filing button only answers that it no longer works.
	c.tg.PressRaw(c.wang, telegramtest.PrivateChat(c.wang), opened.ID, "tk:hide:"+itoa(id))
	c.expectAnswer("这个按钮已经失效了")
	// Pressed by anyone else, the permission table refuses it.
	c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), opened.ID, "tk:hide:"+itoa(id))
	c.expectAnswer("this button is not for you")
	// The leader still sees who reported it, in private.
	c.say(c.leader, "/ticket "+itoa(id))
	c.expect(c.leader.ID, "报告人：王阿姨（3 栋 502）", "（对邻居隐藏）")
	// Details in the group never name the reporter.
	line := c.lookup(c.group.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "装修") })
	c.tg.Press(c.li, line, "tk:info:"+itoa(id))
	call := c.expectAnswer("#1")
	if s, _ := call.Params["text"].(string); strings.Contains(s, "王") || call.Params["show_alert"] != true {
		t.Errorf("public details: %v", call.Params)
	}
}

func TestTwoLeadersClaimAtOnceFirstWins(t *testing.T) {
	c := newCommunity(t)
	second := c.user(3002, "Chen", "en")
	c.register(second, "3", "102")
	c.say(c.admin, "/grant 3002 leader 3")
	c.expect(c.admin.ID, "Chen is now building leader")
	c.tg.SendText(c.wang, c.group, "/report 路灯不亮")
	n1 := c.expect(c.leader.ID, "#1")
	n2 := c.expect(second.ID, "#1")
	c.tg.Press(c.leader, n1, "tk:claim:1")
	c.tg.Press(second, n2, "tk:claim:1")
	c.expectAnswer("#1 was already taken by 林")
	if tk := c.ticket(1); tk.AssigneeID != c.leader.ID {
		t.Errorf("assignee %d, want the first presser", tk.AssigneeID)
	}
	// A resident forging the claim button is refused and changes nothing.
	c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), n1.ID, "tk:claim:1")
	c.expectAnswer("this button is not for you")
	c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), 1, "tk:claim:99")
	c.expectAnswer("no longer works")
}

func TestStaffAssignsToTeamAndReporterSaysNoThenYes(t *testing.T) {
	c := newCommunity(t)
	vol := c.user(4001, "Xu", "en")
	c.register(vol, "2", "202")
	c.say(c.admin, "/team new Sanitation")
	c.expect(c.admin.ID, `Team "Sanitation" created`)
	c.say(c.admin, "/team add Sanitation 4001")
	c.expect(c.admin.ID, "Xu joined Sanitation")
	c.tg.SendText(c.li, c.group, "/report rubbish piled by gate 2")
	c.expect(c.group.ID, "#1 · 环境卫生")
	c.say(c.admin, "/assign 1 Sanitation")
	c.expect(c.admin.ID, "#1 is dispatched to the team Sanitation")
	offer := c.expect(vol.ID, "A ticket for Sanitation")
	c.tg.Press(vol, offer, "tk:claim:1")
	claimed := c.tg.WaitMessage(t, vol.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:res:1") }, wait)
	c.tg.Press(vol, claimed, "tk:res:1")
	ask := c.expect(vol.ID, "what was done")
	c.tg.SendReply(vol, telegramtest.PrivateChat(vol), "Cleared it", ask)
	q := c.expect(c.li.ID, "Is it fixed?")
	c.tg.Press(c.li, q, "tk:fb:1:no")
	c.expect(c.li.ID, "is reopened")
	c.expect(vol.ID, "was reopened: the reporter says it is not fixed")
	c.expect(c.leader.ID, "重新打开：问题 #1")
	if tk := c.ticket(1); tk.State != storage.TicketReopened || tk.AssigneeID != vol.ID {
		t.Fatalf("after no: %+v", tk)
	}
	// Xu fixes it again; this time the reporter says yes.
	again := c.tg.WaitMessage(t, vol.ID, func(m telegramtest.Message) bool {
		return strings.Contains(m.Plain, "reopened") && hasButton(m, "tk:res:1")
	}, wait)
	c.tg.Press(vol, again, "tk:res:1")
	ask = c.tg.WaitMessage(t, vol.ID, func(m telegramtest.Message) bool { return hasButton(m, "fl:resolve:x:note") && m.ID > ask.ID }, wait)
	c.tg.SendReply(vol, telegramtest.PrivateChat(vol), "Cleared it and the bin is fixed", ask)
	q2 := c.tg.WaitMessage(t, c.li.ID, func(m telegramtest.Message) bool { return m.ID > q.ID && hasButton(m, "tk:fb:1:yes") }, wait)
	c.tg.Press(c.li, q2, "tk:fb:1:yes")
	c.expect(c.li.ID, "Thank you! #1")
	if tk := c.ticket(1); tk.State != storage.TicketClosed || tk.ClosedAt.IsZero() {
		t.Fatalf("after yes: %+v", tk)
	}
	// A late press of an old answer button changes nothing.
	c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), q.ID, "tk:fb:1:no")
	c.expectAnswer("#1 is closed; that cannot be done now")
	// The history holds every step.
	var actions []string
	c.db(func(tx *storage.Tx) error {
		evs, err := tx.TicketEvents(1)
		for _, e := range evs {
			actions = append(actions, string(e.Action))
		}
		return err
	})
	want := "create assign claim resolve reopen resolve confirm"
	if got := strings.Join(actions, " "); got != want {
		t.Errorf("events: %s, want %s", got, want)
	}
}

func TestAutoCloseAndEscalationWithTestClock(t *testing.T) {
	c := newCommunity(t)
	c.tg.SendText(c.wang, c.group, "/report 楼道灯不亮") // lighting, deadline from config
	c.tg.SendText(c.li, c.group, "/report the drain smells")
	c.expect(c.group.ID, "#2")
	c.tick()
	c.settle()
	before := len(c.tg.Messages(c.admin.ID))

	c.clock.Advance(25 * time.Hour)
	c.tick()
	// Both at once: one message with the count, a Claim button each.
	esc := c.expect(c.admin.ID, "⚠️ 2 tickets unclaimed:", "#1", "#2")
	if !hasButton(esc, "tk:claim:1") || !hasButton(esc, "tk:claim:2") {
		t.Errorf("the escalation's buttons: %s", buttonLabels(esc))
	}
	c.tick() // a second run tells nobody again
	c.settle()
	if n := len(c.tg.Messages(c.admin.ID)) - before; n != 1 {
		t.Errorf("escalation messages: %d, want 1 (both tickets in one)", n)
	}
	// #2 is resolved and the reporter never answers: closed after the configured days.
	notice := c.lookup(c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:claim:2") })
	c.tg.Press(c.leader, notice, "tk:claim:2")
	claimed := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:res:2") }, wait)
	c.tg.Press(c.leader, claimed, "tk:res:2")
	ask := c.expect(c.leader.ID, "#2：做了什么处理")
	c.tg.SendReply(c.leader, telegramtest.PrivateChat(c.leader), "疏通了", ask)
	c.expect(c.li.ID, "Is it fixed?")
	c.clock.Advance(6 * 24 * time.Hour)
	c.tick()
	if tk := c.ticket(2); tk.State != storage.TicketResolved {
		t.Fatalf("closed too early: %s", tk.State)
	}
	c.clock.Advance(25 * time.Hour)
	c.tick()
	c.expect(c.li.ID, "did not answer, so it is closed")
	if tk := c.ticket(2); tk.State != storage.TicketClosed {
		t.Fatalf("not auto-closed: %s", tk.State)
	}
}

func hasButtonPrefix(m telegramtest.Message, prefix string) bool {
	for _, row := range m.Buttons {
		for _, b := range row {
			if strings.HasPrefix(b.Data, prefix) {
				return true
			}
		}
	}
	return false
}

func idFromButton(t *testing.T, m telegramtest.Message, prefix string) int {
	t.Helper()
	for _, row := range m.Buttons {
		for _, b := range row {
			if rest, ok := strings.CutPrefix(b.Data, prefix); ok {
				n := 0
				for _, ch := range rest {
					if ch < '0' || ch > '9' {
						break
					}
					n = n*10 + int(ch-'0')
				}
				return n
			}
		}
	}
	t.Fatalf("no %s button in %+v", prefix, m.Buttons)
	return 0
}
