package app

import (
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// calMeetingRow is meeting id as stored.
func (h *harness) calMeetingRow(id int64) storage.Meeting {
	h.t.Helper()
	var m storage.Meeting
	h.db(func(tx *storage.Tx) error {
		var err error
		m, err = tx.Meeting(id)
		return err
	})
	return m
}

// Chinese staff call a meeting by typing. "周四 19:30-21:00" keeps its
// end; a word where a button is expected asks again; at the confirmation
// the time is changed to "下周五 晚上7点到9点" and the invitation goes out
// with that day and both times. Cancelling it asks first (a typed 取消
// there keeps it), then tells the group; a typed 取消 ends a new one.
func TestMeetingFlowTypedInChinese(t *testing.T) {
	c := newCommunity(t)
	c.say(c.admin, "/grant 3001 staff")
	c.expect(c.admin.ID, "staff")
	s := c.leader
	c.say(s, "/meeting")
	c.annSaid(s.ID, "会议叫什么？例如“半月谈”。", "取消")
	c.tg.SendPhoto(s, telegramtest.PrivateChat(s), "")
	c.annSaid(s.ID, "会议需要一个主题。请用一行发送会议名称。", "取消")
	c.say(s, "半月谈")
	c.annSaid(s.ID, "什么时候开？例如：明天 9:00、周六 9:00-11:00、12月5日 9:00", "返回 取消")
	c.say(s, "周四 19:30-21:00")
	c.annSaid(s.ID, "时间：3月5日（周四）19:30-21:00。在哪里开？", "返回 取消")
	c.say(s, "服务站")
	c.annSaid(s.ID, "请发送议程，每行一项（每项最多 500 个字，最多 30 项）。没有议程就点“没有议程”。", "没有议程 | 返回 取消")
	c.say(s, "路灯维修\n垃圾分类")
	pull := "📋 加入未解决的问题 | 不用 | 返回 取消"
	c.annSaid(s.ID, "要把未解决的问题（各楼栋的件数和最久的五件）加进议程吗？", pull)
	c.say(s, "明天")
	c.annSaid(s.ID, "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n要把未解决的问题（各楼栋的件数和最久的五件）加进议程吗？", pull)
	c.say(s, "不用")
	c.annSaid(s.ID, "已选：不用\n\n邀请谁参加？", "所有关联的群 | 部分楼栋的群 | 全体居民（私信） | 部分楼栋的居民（私信） | 全体楼栋长 | 返回 取消")
	c.say(s, "1")
	c.annSaid(s.ID, "已选：所有关联的群\n\n只开这一次，还是设为例会（每次开会前自动发出邀请）？", "只开这一次 | 🔁 设为例会 | 返回 取消")
	c.say(s, "只开这一次")
	c.annSaid(s.ID, "📅 半月谈\n🕒 3月5日（周四）19:30-21:00\n📍 服务站\n议程：\n1. 路灯维修\n2. 垃圾分类\n\n参加：0 · 请假：0", "✅ 参加 ❌ 请假")
	c.annSaid(s.ID, "已选：只开这一次\n\n上面是邀请的预览，和大家收到的一模一样。\n发给：所有关联的群，共 1 处。\n确定发出吗？", "确定 修改 取消")
	if n := c.calCount(c.group.ID, "半月谈"); n != 0 {
		t.Fatalf("posted before it was confirmed: %d", n)
	}

	// The time, changed at the end; what follows it stands.
	c.say(s, "修改")
	c.annSaid(s.ID, "要修改哪一项？", "名称 时间 | 地点 议程 | 未解决的问题 发给谁 | 一次还是例会 | 返回 取消")
	c.say(s, "时间")
	c.annSaid(s.ID, "什么时候开？例如：明天 9:00、周六 9:00-11:00、12月5日 9:00", "返回 取消")
	c.say(s, "下周五 晚上7点到9点")
	c.annSaid(s.ID, "📅 半月谈\n🕒 3月13日（周五）19:00-21:00\n📍 服务站\n议程：\n1. 路灯维修\n2. 垃圾分类\n\n参加：0 · 请假：0", "✅ 参加 ❌ 请假")
	c.annSaid(s.ID, "上面是邀请的预览，和大家收到的一模一样。\n发给：所有关联的群，共 1 处。\n确定发出吗？", "确定 修改 取消")
	c.say(s, "好")
	c.annSaid(s.ID, "会议 #1 已发送到 1 处。", "")
	inv := c.expect(c.group.ID, "半月谈", "3月13日（周五）19:00-21:00", "服务站", "参加：0 · 请假：0")
	if !hasButton(inv, "mt:y:1") {
		t.Errorf("the invitation lacks its answers: %+v", inv.Buttons)
	}
	m := c.calMeetingRow(1)
	if !m.StartsAt.Equal(calAt(t, "2026-03-13 19:00")) || !m.EndsAt.Equal(calAt(t, "2026-03-13 21:00")) || m.State != storage.MeetingPosted {
		t.Errorf("stored %+v", m)
	}

	// Cancelling asks first: 取消 there keeps the meeting.
	c.say(s, "/meetings")
	list := c.expect(s.ID, "#1", "半月谈")
	c.tg.Press(s, list, "mt:v:1")
	page := c.expect(s.ID, "会议 #1", "3月13日（周五）19:00-21:00")
	if buttonLabels(page) != "📝 记录会议纪要 ➕ 添加决定事项 | ❌ 取消会议" {
		t.Errorf("page buttons %q", buttonLabels(page))
	}
	c.tg.Press(s, page, "mt:cancel:1")
	sure := "确定取消会议“半月谈”（3月13日（周五）19:00-21:00）吗？已发出的 1 处都会收到取消通知。"
	c.annSaid(s.ID, sure, "确定取消会议 | 取消")
	c.say(s, "取消")
	c.annSaid(s.ID, "已取消。需要时再找我。", "*")
	if m := c.calMeetingRow(1); m.State != storage.MeetingPosted {
		t.Fatalf("cancelled by the 取消 that kept it: %+v", m)
	}
	c.tg.Press(s, page, "mt:cancel:1")
	c.annSaid(s.ID, sure, "确定取消会议 | 取消")
	c.say(s, "是")
	c.annSaid(s.ID, "会议 #1 已取消，已通知 1 处。", "")
	c.annSaid(c.group.ID, "❌ 会议取消：半月谈\n🕒 3月13日（周五）19:00-21:00\n📍 服务站", "")
	c.tg.Press(c.wang, inv, "mt:y:1")
	c.expectAnswer("这个会议已经取消了。")

	// A typed 取消 ends a new one.
	c.say(s, "/meeting")
	c.annSaid(s.ID, "会议叫什么？例如“半月谈”。", "取消")
	c.say(s, "取消")
	c.annSaid(s.ID, "已取消。需要时再找我。", "*")
	if f := c.annFlow(s.ID); f != "" {
		t.Errorf("flow after 取消: %q", f)
	}
}

// English staff call a recurring meeting: "Thu 7-9pm" keeps its end, no
// agenda, typed answers throughout; the times that follow are those of
// the recurring meeting, whose occurrences keep the length. Then the
// minutes and a decision of a meeting are typed; a typed cancel ends the
// minutes with nothing saved.
func TestMeetingFlowTypedInEnglish(t *testing.T) {
	c := newCommunity(t)
	a := c.admin
	c.say(a, "/meeting")
	c.annSaid(a.ID, "What is the meeting called? For example “Half-month talk”.", "Cancel")
	c.say(a, "Tea with the leaders")
	c.annSaid(a.ID, "When is it? e.g. tomorrow 9:00, Sat 9:00-11:00, Dec 5 9:00", "Back Cancel")
	c.say(a, "Thursday evening")
	c.annSaid(a.ID, "I could not read that time. e.g. tomorrow 9:00, Sat 9:00-11:00, Dec 5 9:00", "Back Cancel")
	c.say(a, "Thu 7-9pm")
	c.annSaid(a.ID, "At Thu 5 Mar 19:00-21:00. Where is it held?", "Back Cancel")
	c.say(a, "Activity room")
	c.annSaid(a.ID, "Send the agenda, one item a line (each at most 500 characters, at most 30 items). No agenda? Tap No agenda.", "No agenda | Back Cancel")
	c.say(a, "none")
	c.annSaid(a.ID, "Chosen: No agenda\n\nAdd the open problems (the count per building and the five oldest) to the agenda?", "📋 Add open problems | No, thanks | Back Cancel")
	c.say(a, "no")
	aud := "All linked groups | Some buildings' groups | All residents (in private) | Residents of some buildings (in private) | All building leaders | Back Cancel"
	c.annSaid(a.ID, "Chosen: No, thanks\n\nWho is invited?", aud)
	c.say(a, "leaders?")
	c.annSaid(a.ID, "Please tap one of the buttons below, or reply with the words on it.\n\nWho is invited?", aud)
	c.say(a, "All building leaders")
	c.annSaid(a.ID, "Chosen: All building leaders\n\nIs it a one-off, or a recurring meeting (invited anew before each time)?", "Just this once | 🔁 Make it recurring | Back Cancel")
	c.say(a, "recurring")
	c.annSaid(a.ID, "📅 Tea with the leaders\n🕒 Thu 5 Mar 19:00-21:00\n📍 Activity room\n\nComing: 0 · Can't come: 0", "✅ Coming ❌ Can't come")
	c.annSaid(a.ID, "Chosen: 🔁 Make it recurring\n\nAbove is the invitation, exactly as people will get it.\nTo: All building leaders.\nOnce confirmed, choose when it recurs.", "Confirm Change Cancel")
	c.say(a, "yes")
	c.annSaid(a.ID, "The meeting will be posted before each time.", "")
	c.annSaid(a.ID, "When should it go out?", "1st and 15th of each month, 19:30 | Every Monday 09:00 | Every day at … | Once at … | On a holiday each year … | A cron expression | Cancel")
	c.say(a, "cron")
	c.expect(a.ID, "Chosen: A cron expression", "Send a cron expression of five fields")
	c.say(a, "0 19 * * 4")
	c.annSaid(a.ID, "“Tea with the leaders” will be posted 48 hours before each time.", "")
	var sid int64
	c.db(func(tx *storage.Tx) error {
		list, err := tx.Schedules(0, 10)
		if len(list) == 1 && list[0].What == storage.ScheduleMeeting {
			sid = list[0].ID
		}
		return err
	})
	if it := c.calPending("meeting.make", sid); !it.DueAt.Equal(calAt(t, "2026-03-03 19:00")) {
		t.Fatalf("first posting: %+v", it)
	}
	c.calTo("2026-03-03 19:00")
	c.tick()
	inv := c.expect(c.leader.ID, "Tea with the leaders", "3月5日（周四）19:00-21:00")
	if !strings.Contains(inv.Plain, "活动室") && !strings.Contains(inv.Plain, "Activity room") {
		t.Errorf("invitation %q", inv.Plain)
	}

	// Minutes: a typed cancel saves nothing; a decision is typed.
	c.calTo("2026-03-05 21:30")
	c.say(a, "/meetings")
	list := c.expect(a.ID, "Past", "Tea with the leaders")
	c.tg.Press(a, list, "mt:v:2")
	page := c.expect(a.ID, "Meeting #2", "Thu 5 Mar 19:00-21:00")
	if buttonLabels(page) != "📝 Record minutes ➕ Add a decision" {
		t.Errorf("a past meeting's page: %q", buttonLabels(page))
	}
	c.tg.Press(a, page, "mt:min:2")
	c.annSaid(a.ID, "Send the minutes of “Tea with the leaders”.", "Cancel")
	c.say(a, "cancel")
	c.annSaid(a.ID, "Cancelled. I am here when you need me.", "*")
	if m := c.calMeetingRow(2); m.Minutes != "" {
		t.Errorf("minutes saved after cancel: %q", m.Minutes)
	}
	c.tg.Press(a, page, "mt:dec:2")
	c.annSaid(a.ID, "Send one decision of “Tea with the leaders” (at most 500 characters).", "Cancel")
	c.say(a, "Repaint the bike shed")
	c.annSaid(a.ID, "Decision recorded: Repaint the bike shed\nMake it a ticket of a building in one tap:", "*")
}
