package app

import (
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// jfMove presses Change time of job id on m as u and returns the question.
func (c *jobCast) jfMove(u models.User, m telegramtest.Message, id int64) telegramtest.Message {
	c.t.Helper()
	got := c.jfPress(u, m, "jb:mv:"+itoa(id))
	if len(got) != 1 {
		c.t.Fatalf("after Change time: %s", jfDump(got))
	}
	return got[0]
}

// 王阿姨 moves her job in Chinese: the end is asked for a start alone, a
// day typed for the end moves the start to it, a word at the confirmation
// asks it again, 取消 leaves the job as it was; the second time she
// confirms and Li, signed up, is told.
func TestJobMoveFlowInChinese(t *testing.T) {
	c := newJobCast(t, nil)
	c.lgWrite(func(tx *storage.Tx) error { return tx.SetTeamLead(c.team, c.wang.ID, true, c.clock.Now()) })
	w := c.wang
	s := jobSaturday(c, "4")
	s.title, s.chats = "清扫E区小巷", []int64{c.community.ID}
	id := c.jobCreate(w, s)
	c.jobPress(c.li, c.jobCopy(c.li.ID, id), "jb:su:"+itoa(id), "You are signed up")
	manage := c.lookup(w.ID, func(m telegramtest.Message) bool { return hasButton(m, "jb:mv:"+itoa(id)) })

	jfIs(t, c.jfMove(w, manage, id), "为“清扫E区小巷”设置新时间。\n"+jfWhenZh, "取消")
	jfIs(t, c.jfSay(w, "下周一 晚上7点"),
		"3月9日（周一）19:00 开始。几点结束？请回复结束时间，例如：11:00。要改日期，请连同时间一起写，例如：后天 9:00-11:00。", "返回 取消")
	const moved = "把“清扫E区小巷”改到 3月10日（周二）19:00-21:00？已报名和候补的人都会收到通知。"
	jfIs(t, c.jfSay(w, "下周二 晚上9点"), moved, "确定 修改 取消")
	jfIs(t, c.jfSay(w, "什么？"), jfTapZh+moved, "确定 修改 取消")
	if f := c.jfFlow(w); f != "jobmove/ok" {
		t.Fatalf("flow after a word at the confirmation: %q", f)
	}
	jfIs(t, c.jfSay(w, "取消"), "已取消。需要时再找我。", jfMenuZh)
	if j := c.jfJob("清扫E区小巷"); !j.Start.Equal(wallAt(t, "2026-03-07 09:00")) || c.jfFlow(w) != "" {
		t.Fatalf("after 取消: %+v, flow %q", j, c.jfFlow(w))
	}

	jfIs(t, c.jfMove(w, manage, id), "为“清扫E区小巷”设置新时间。\n"+jfWhenZh, "取消")
	ok := c.jfSay(w, "下周一 19:00-21:00")
	jfIs(t, ok, "把“清扫E区小巷”改到 3月9日（周一）19:00-21:00？已报名和候补的人都会收到通知。", "确定 修改 取消")
	// Her own copy of the job (she is on the team) shows the new time.
	got := c.jfPress(w, ok, "fl:jobmove:y:ok")
	if len(got) != 2 || got[1].ID != ok.ID {
		t.Fatalf("after confirming: %s", jfDump(got))
	}
	jfIs(t, got[0], "清扫E区小巷\n🕘 3月9日（周一） 19:00-21:00\n📍 E-district gate\n👥 Sanitation\n已报名 1/4\n"+
		"组织者：王阿姨 · 退出截止：3月8日（周日） 19:00\n⚠️ 活动时间已更改。", "报名 退出")
	jfIs(t, got[1], "“清扫E区小巷”改为 3月9日（周一） 19:00-21:00，已通知 1 人。", "取消活动 改时间")
	c.expect(c.li.ID, "The time of 清扫E区小巷 changed: now Mon 9 Mar 19:00-21:00 (changed by 王阿姨).")
	if j := c.jfJob("清扫E区小巷"); !j.Start.Equal(wallAt(t, "2026-03-09 19:00")) || !j.End.Equal(wallAt(t, "2026-03-09 21:00")) {
		t.Fatalf("moved job: %+v", j)
	}
}

// Lin moves his job in English: cancel typed at the end's question leaves
// it; then a start and an end, a word at the confirmation asking it
// again, Change going straight back to the time (the only answer to
// change), and yes typed.
func TestJobMoveFlowInEnglish(t *testing.T) {
	c := newJobCast(t, nil)
	l := c.lin
	id := c.jobCreate(l, jobSaturday(c, "4"))
	manage := c.lookup(l.ID, func(m telegramtest.Message) bool { return hasButton(m, "jb:mv:"+itoa(id)) })
	const ask = "New time for \"Clean the E-district lanes\".\n" + jfWhenEn

	jfIs(t, c.jfMove(l, manage, id), ask, "Cancel")
	jfIs(t, c.jfSay(l, "Sat 2pm"), "It starts Sat 7 Mar 14:00. Until when? Reply with the end time, e.g. 11:00. To change the day, give it with the times, e.g. Thu 9:00-11:00.", "Back Cancel")
	jfIs(t, c.jfSay(l, "cancel"), "Cancelled. I am here when you need me.", jfMenuEn)

	jfIs(t, c.jfMove(l, manage, id), ask, "Cancel")
	jfIs(t, c.jfSay(l, "next Mon 7pm"), "It starts Mon 9 Mar 19:00. Until when? Reply with the end time, e.g. 11:00. To change the day, give it with the times, e.g. Thu 9:00-11:00.", "Back Cancel")
	const monday = "Move \"Clean the E-district lanes\" to Mon 9 Mar 19:00-21:00? Everyone signed up or waiting will be told."
	jfIs(t, c.jfSay(l, "9pm"), monday, "Confirm Change Cancel")
	ok := c.jfSay(l, "maybe")
	jfIs(t, ok, jfTapEn+monday, "Confirm Change Cancel")
	got := c.jfPress(l, ok, "fl:jobmove:c:ok")
	if len(got) != 1 || got[0].ID != ok.ID {
		t.Fatalf("after Change: %s", jfDump(got))
	}
	jfIs(t, got[0], ask, "Cancel")
	jfIs(t, c.jfSay(l, "Sun 8 Mar 9:00-11:00"), "Move \"Clean the E-district lanes\" to Sun 8 Mar 09:00-11:00? Everyone signed up or waiting will be told.", "Confirm Change Cancel")
	// Lin is on the team: his copy of the job shows the new time too.
	c.settle()
	got = c.jfSent(l, c.say(l, "yes"))
	if len(got) != 2 {
		t.Fatalf("after yes: %s", jfDump(got))
	}
	jfIs(t, got[0], "Clean the E-district lanes\n🕘 Sun 8 Mar 09:00-11:00\n📍 E-district gate\n👥 Sanitation\n0/4 signed up\n"+
		"Organiser: Lin · withdraw until Sat 7 Mar 09:00\n⚠️ The time has changed.", "Sign up Withdraw")
	jfIs(t, got[1], "\"Clean the E-district lanes\" is now Sun 8 Mar 09:00-11:00; told 0 people.", "Cancel the job Change time")
	if j := c.jfJob("Clean the E-district lanes"); !j.Start.Equal(wallAt(t, "2026-03-08 09:00")) || c.jfFlow(l) != "" {
		t.Fatalf("moved job: %+v, flow %q", j, c.jfFlow(l))
	}
}

// Li and 赵 missed a job. Lin lets Li sign up again by her button (a word
// matching nobody asks again); 王阿姨, who leads the team too, finds 赵 by
// his unit, cancels with 取消, then lets him with his button; then nobody
// is left.
func TestJobClearFlow(t *testing.T) {
	c := newJobCast(t, nil)
	c.lgWrite(func(tx *storage.Tx) error { return tx.SetTeamLead(c.team, c.wang.ID, true, c.clock.Now()) })
	s := jobSaturday(c, "4")
	s.when = "2026-03-04 09:00-11:00"
	id := c.jobCreate(c.lin, s)
	c.jobPress(c.li, c.jobCopy(c.li.ID, id), "jb:su:"+itoa(id), "You are signed up")
	c.jobPress(c.zhao, c.jobCopy(c.zhao.ID, id), "jb:su:"+itoa(id), "已报名")
	c.jobAt("2026-03-04 11:00")
	c.jobTick()
	list := c.expect(c.lin.ID, "Who came to")
	c.jobAttendPress(list, id, c.li.ID, false, "Li — did not come")
	c.jobAttendPress(list, id, c.zhao.ID, false, "赵 — did not come")

	const whom = "Whom should I let sign up again? These are the people with no-shows in the last 90 days whom you can let."
	jfIs(t, c.jfSay(c.lin, "/job clear"), whom+"\nTap a name, or reply with a name or unit to search.", "Li 赵 | Cancel")
	ask := c.jfSay(c.lin, "yes")
	jfIs(t, ask, "Nobody on the list matches “yes”.\n\n"+whom+"\nTap a name, or reply with a name or unit to search.", "Li 赵 | Cancel")
	got := c.jfPress(c.lin, ask, "fl:jobclear:k:who:"+itoa(c.li.ID))
	if len(got) != 2 {
		t.Fatalf("after Li's button: %s", jfDump(got))
	}
	jfIs(t, got[0], whom+"\nChosen: Li", "")
	jfIs(t, got[1], "Li can sign up for jobs again.", "")
	c.expect(c.li.ID, "You can sign up for volunteer jobs again.")

	w := c.wang
	const whomZh = "要让谁可以再次报名？以下是最近 90 天内有缺席记录、您可以解除的人。"
	jfIs(t, c.jfSay(w, "/job clear"), whomZh+"\n点名字选择，也可以回复名字或门牌号查找。", "赵 | 取消")
	jfIs(t, c.jfSay(w, "105"), whomZh+"\n找到 1 位与“105”相符的人，点名字选择：", "赵 | 显示全部 | 取消")
	jfIs(t, c.jfSay(w, "取消"), "已取消。需要时再找我。", jfMenuZh)
	ask = c.jfSay(w, "/job clear")
	got = c.jfPress(w, ask, "fl:jobclear:k:who:"+itoa(c.zhao.ID))
	if len(got) != 2 {
		t.Fatalf("after 赵's button: %s", jfDump(got))
	}
	jfIs(t, got[0], whomZh+"\n已选：赵", "")
	jfIs(t, got[1], "赵 可以再次报名活动了。", "")
	c.expect(c.zhao.ID, "您可以再次报名志愿活动了。")
	jfIs(t, c.jfSay(w, "/job clear"), "目前没有您可以解除缺席记录的人。", "")
}
