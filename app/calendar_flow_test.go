package app

import (
	"strconv"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// calSchedule is the one schedule not deleted, with a check there is one.
func (h *harness) calSchedule() storage.Schedule {
	h.t.Helper()
	var s storage.Schedule
	h.db(func(tx *storage.Tx) error {
		list, err := tx.Schedules(0, 10)
		if len(list) != 1 {
			h.t.Fatalf("%d schedules, want 1: %+v", len(list), list)
		}
		s = list[0]
		return err
	})
	return s
}

// A leader schedules a notice by typing, in Chinese. A word where a button
// is expected asks again; 每天 and 晚上8点 are read; at the confirmation
// the time is changed to a one-off on 12月20日, and what is saved is that
// one-off alone, with the audience and text kept. Deleting it asks first;
// a typed 取消 ends a new one with nothing saved.
func TestScheduleFlowTypedInChinese(t *testing.T) {
	c := newCommunity(t)
	l := c.leader
	c.say(l, "/schedule")
	list := c.annSaid(l.ID, "定时通知\n暂无。", "➕ 新增定时通知")
	c.tg.Press(l, list, "sc:new")
	how := "每月1日和15日 19:30 | 每周一 09:00 | 每天…… | 只发一次…… | 每年节日…… | cron 表达式 | 取消"
	c.annSaid(l.ID, "什么时候发送？", how)
	c.say(l, "明天")
	c.annSaid(l.ID, "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n什么时候发送？", how)
	c.say(l, "每天")
	c.annSaid(l.ID, "已选：每天……\n\n每天几点？例如：20:00、晚上8点、下午3点半", "返回 取消")
	c.say(l, "八点半以后")
	c.annSaid(l.ID, "没看懂这个时间。例如：20:00、晚上8点、下午3点半", "返回 取消")
	c.say(l, "晚上8点")
	aud := "部分楼栋的群 | 部分楼栋的居民（私信） | 返回 取消"
	c.annSaid(l.ID, "时间：每天 20:00\n发给谁？", aud)
	c.say(l, "部分楼栋的群")
	c.annSaid(l.ID, "已选：部分楼栋的群\n\n请点选楼栋（可多选），选好后点“选好了”。", "3 | 选好了 | 返回 取消")
	c.say(l, "3")
	c.say(l, "选好了")
	c.annSaid(l.ID, "已选：3\n\n请发送通知的内容。", "返回 取消")
	c.say(l, "晚上请关好单元门")
	c.annSaid(l.ID, "要在通知下面放“已读 ✓”按钮吗？这样可以看到谁读过。", "是 否 | 返回 取消")
	c.say(l, "是")
	c.annSaid(l.ID, "📢 社区通知\n\n晚上请关好单元门\n\n—— 林", "已读 ✓")
	c.annSaid(l.ID, "已选：是\n\n上面是预览，和大家收到的一模一样。\n时间：每天 20:00\n发给：部分楼栋的群（3）\n接下来的发送时间：\n"+
		"• 3月2日（周一）20:00\n• 3月3日（周二）20:00\n• 3月4日（周三）20:00\n• 3月5日（周四）20:00\n• 3月6日（周五）20:00\n确定保存吗？", "确定 修改 取消")

	// The time, changed at the end: a one-off on a date, read as typed.
	c.say(l, "修改")
	c.annSaid(l.ID, "要修改哪一项？", "时间 几点 发给谁 楼栋 | 内容 已读按钮 | 返回 取消")
	c.say(l, "时间")
	c.annSaid(l.ID, "什么时候发送？", how)
	c.say(l, "只发一次")
	c.annSaid(l.ID, "已选：只发一次……\n\n什么时候？例如：明天 9:00、周六 9:00-11:00、12月5日 9:00", "返回 取消")
	c.say(l, "今天上午9点")
	c.annSaid(l.ID, "这个时间已经过去了。请给一个将来的时间。例如：明天 9:00、周六 9:00-11:00、12月5日 9:00", "返回 取消")
	c.say(l, "12月20日 上午10点")
	c.annSaid(l.ID, "📢 社区通知\n\n晚上请关好单元门\n\n—— 林", "已读 ✓")
	c.annSaid(l.ID, "上面是预览，和大家收到的一模一样。\n时间：仅一次，12月20日（周日）10:00\n发给：部分楼栋的群（3）\n接下来的发送时间：\n"+
		"• 12月20日（周日）10:00\n确定保存吗？", "确定 修改 取消")
	c.say(l, "确定")
	c.annSaid(l.ID, "已保存为定时通知 #1。", "")
	s := c.calSchedule()
	at := calAt(t, "2026-12-20 10:00")
	if s.Kind != storage.ScheduleOnce || s.Spec != strconv.FormatInt(at.UnixMilli(), 10) || s.Audience != storage.AudienceBuildingGroups ||
		s.Text != "晚上请关好单元门" || !s.Ack || len(s.Buildings) != 1 || s.Buildings[0] != "3" {
		t.Errorf("saved %+v", s)
	}
	if it := c.calPending("notice", s.ID); !it.DueAt.Equal(at) {
		t.Errorf("pending run %+v, want at %v", it, at)
	}

	// Deleting asks first; a word that is no answer asks again.
	detail := c.lookup(l.ID, func(m telegramtest.Message) bool { return hasButton(m, "sc:d:1") })
	c.tg.Press(l, detail, "sc:d:1")
	c.annSaid(l.ID, "确定删除定时通知 #1 吗？删除后不会再发送。", "🗑 删除 | 取消")
	c.say(l, "等等")
	c.annSaid(l.ID, "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n确定删除定时通知 #1 吗？删除后不会再发送。", "🗑 删除 | 取消")
	c.say(l, "是")
	c.annSaid(l.ID, "定时通知 #1 已删除，不会再发送。", "")
	if it := c.calPending("notice", s.ID); it.ID != 0 || c.calSchedules() != 0 {
		t.Errorf("after delete: pending %+v, %d schedules", it, c.calSchedules())
	}

	// A typed 取消 ends a new one.
	c.say(l, "/schedule")
	list = c.annSaid(l.ID, "定时通知\n暂无。", "➕ 新增定时通知")
	c.tg.Press(l, list, "sc:new")
	c.annSaid(l.ID, "什么时候发送？", how)
	c.say(l, "取消")
	c.annSaid(l.ID, "已取消。需要时再找我。", "*")
	if f := c.annFlow(l.ID); f != "" || c.calSchedules() != 0 {
		t.Errorf("after 取消: flow %q, %d schedules", f, c.calSchedules())
	}
}

// Staff schedule a notice in English: a one-off "tomorrow 9am" after one
// in the past, without Read ✓; at the confirmation the date is changed to
// "Dec 5 7:30pm" and saved so. Its time is then changed to every day at
// "8pm", and to a holiday; a typed cancel ends a change with the notice
// as it was.
func TestScheduleFlowTypedInEnglish(t *testing.T) {
	c := newCommunity(t)
	a := c.admin
	c.say(a, "/schedule")
	list := c.annSaid(a.ID, "Scheduled notices\nNone yet.", "➕ New scheduled notice")
	c.tg.Press(a, list, "sc:new")
	how := "1st and 15th of each month, 19:30 | Every Monday 09:00 | Every day at … | Once at … | On a holiday each year … | A cron expression | Cancel"
	c.annSaid(a.ID, "When should it go out?", how)
	c.say(a, "soon")
	c.annSaid(a.ID, "Please tap one of the buttons below, or reply with the words on it.\n\nWhen should it go out?", how)
	c.say(a, "once")
	c.annSaid(a.ID, "Chosen: Once at …\n\nWhen? e.g. tomorrow 9:00, Sat 9:00-11:00, Dec 5 9:00", "Back Cancel")
	c.say(a, "yesterday 9am")
	c.annSaid(a.ID, "That time has already passed. Please give a time in the future, e.g. tomorrow 9:00, Sat 9:00-11:00, Dec 5 9:00", "Back Cancel")
	c.say(a, "tomorrow 9am")
	aud := c.annSaid(a.ID, "When: once, at Tue 3 Mar 09:00\nWho should receive it?",
		"All linked groups | Some buildings' groups | All residents (in private) | Residents of some buildings (in private) | All building leaders | Back Cancel")
	c.tg.Press(a, aud, "fl:schedule:o:audience:residents")
	c.annSaid(a.ID, "Send the text of the notice.", "Back Cancel")
	c.say(a, "Water is off on Tuesday morning.")
	ack := c.annSaid(a.ID, "Put a Read ✓ button under it, to see who has read it?", "Yes No | Back Cancel")
	c.say(a, "perhaps")
	c.annSaid(a.ID, "Please tap one of the buttons below, or reply with the words on it.\n\nPut a Read ✓ button under it, to see who has read it?", "Yes No | Back Cancel")
	c.tg.Press(a, ack, "fl:schedule:o:ack:noack")
	c.annSaid(a.ID, "📢 Community notice\n\nWater is off on Tuesday morning.\n\n— Boss", "")
	ok := c.annSaid(a.ID, "Above is the preview, exactly as people will see it.\nWhen: once, at Tue 3 Mar 09:00\nTo: All residents (in private)\n"+
		"Next runs:\n• Tue 3 Mar 09:00\nSave it?", "Confirm Change Cancel")

	// The date, changed at the end by the buttons.
	c.tg.Press(c.admin, ok, "fl:schedule:c:ok")
	which := c.annSaid(a.ID, "What would you like to change?", "When | Date and time | Audience | Text | Read button | Back Cancel")
	c.tg.Press(a, which, "fl:schedule:w:ok:once")
	c.annSaid(a.ID, "Changing: Date and time", "")
	c.annSaid(a.ID, "When? e.g. tomorrow 9:00, Sat 9:00-11:00, Dec 5 9:00", "Back Cancel")
	c.say(a, "Dec 5 7:30pm")
	c.annSaid(a.ID, "Above is the preview, exactly as people will see it.\nWhen: once, at Sat 5 Dec 19:30\nTo: All residents (in private)\n"+
		"Next runs:\n• Sat 5 Dec 19:30\nSave it?", "Confirm Change Cancel")
	c.say(a, "ok")
	c.annSaid(a.ID, "Saved as scheduled notice #1.", "")
	if s := c.calSchedule(); s.Spec != strconv.FormatInt(calAt(t, "2026-12-05 19:30").UnixMilli(), 10) || s.Ack {
		t.Errorf("saved %+v", s)
	}

	// Its time: every day at 8pm.
	detail := c.lookup(a.ID, func(m telegramtest.Message) bool { return hasButton(m, "sc:ew:1") })
	c.tg.Press(a, detail, "sc:ew:1")
	c.annSaid(a.ID, "When should it go out?", how)
	c.say(a, "every day")
	c.annSaid(a.ID, "Chosen: Every day at …\n\nAt what time each day? e.g. 20:00, 8pm, 7:30am", "Back Cancel")
	c.say(a, "8pm")
	c.annSaid(a.ID, "The time of #1 is changed.", "")
	c.expect(a.ID, "#1 · every day at 20:00 · All residents (in private)", "Next runs:\n• Mon 2 Mar 20:00")
	if s := c.calSchedule(); s.Kind != storage.ScheduleCron || s.Spec != "0 20 * * *" {
		t.Errorf("changed to %+v", s)
	}

	// A holiday at a time of day read as typed.
	c.tg.Press(a, detail, "sc:ew:1")
	c.annSaid(a.ID, "When should it go out?", how)
	c.say(a, "holiday")
	c.expect(a.ID, "Which holiday?")
	c.say(a, "Mid-Autumn Festival")
	c.annSaid(a.ID, "Chosen: Mid-Autumn Festival\n\nAt what time on Mid-Autumn Festival? e.g. 20:00, 8pm, 7:30am", "Back Cancel")
	c.say(a, "7:30am")
	c.annSaid(a.ID, "The time of #1 is changed.", "")
	c.expect(a.ID, "every year on Mid-Autumn Festival at 07:30", "• Fri 25 Sep 07:30")

	// A typed cancel leaves it as it is.
	c.tg.Press(a, detail, "sc:ew:1")
	c.annSaid(a.ID, "When should it go out?", how)
	c.say(a, "cancel")
	c.annSaid(a.ID, "Cancelled. I am here when you need me.", "*")
	if s := c.calSchedule(); s.Kind != storage.ScheduleHoliday || s.Spec != "mid_autumn 07:30" || c.annFlow(a.ID) != "" {
		t.Errorf("after cancel: %+v, flow %q", s, c.annFlow(a.ID))
	}
}
