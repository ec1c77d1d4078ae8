package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// The conversations of jobs, read message by message: /job, a job's
// change of time and /job clear, in Chinese and in English. The harness
// starts on Monday 2 March 2026 at 17:00 in Shanghai.

// jfSent is every message the bot sent or changed in u's chat for the
// latest action, update upd, read once upd is applied and all it caused
// is sent.
func (h *harness) jfSent(u models.User, upd int64) []telegramtest.Message {
	h.t.Helper()
	h.updateDone(upd)
	return h.tg.MessagesSince(h.mark(), u.ID)
}

// jfOne is the one message of update upd in u's chat.
func (h *harness) jfOne(u models.User, upd int64) telegramtest.Message {
	h.t.Helper()
	ms := h.jfSent(u, upd)
	if len(ms) != 1 {
		h.t.Fatalf("want one message to %d, got %d: %s", u.ID, len(ms), jfDump(ms))
	}
	return ms[0]
}

// jfSay types text as u and returns the one message answering it. What
// earlier actions caused is all sent first.
func (h *harness) jfSay(u models.User, text string) telegramtest.Message {
	h.t.Helper()
	h.settle()
	return h.jfOne(u, h.say(u, text))
}

// jfPress presses data on m as u and returns what changed in u's chat.
func (h *harness) jfPress(u models.User, m telegramtest.Message, data string) []telegramtest.Message {
	h.t.Helper()
	if !hasButton(m, data) {
		h.t.Fatalf("no button %s on %q: %s", data, m.Plain, buttonLabels(m))
	}
	h.settle()
	return h.jfSent(u, h.tg.Press(u, m, data))
}

// jfIs checks a message's text and its buttons ("a b | c", row by row).
func jfIs(t *testing.T, m telegramtest.Message, text, labels string) {
	t.Helper()
	if m.Plain != text || buttonLabels(m) != labels {
		t.Fatalf("got\n%q\n[%s]\nwant\n%q\n[%s]", m.Plain, buttonLabels(m), text, labels)
	}
}

func jfDump(ms []telegramtest.Message) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString("\n#" + itoa(int64(m.ID)) + " " + m.Plain + " [" + buttonLabels(m) + "]")
	}
	return b.String()
}

// jfFlow is u's conversation and its step, "" when none.
func (h *harness) jfFlow(u models.User) string {
	h.t.Helper()
	var f storage.Flow
	h.db(func(tx *storage.Tx) error {
		var err error
		if f, err = tx.Flow(u.ID); errors.Is(err, storage.ErrNotFound) {
			return nil
		}
		return err
	})
	if f.Name == "" {
		return ""
	}
	return f.Name + "/" + f.Step
}

// jfJob is the one job titled title.
func (c *jobCast) jfJob(title string) storage.Job {
	c.t.Helper()
	var found []storage.Job
	c.db(func(tx *storage.Tx) error {
		js, err := tx.UpcomingJobs(time.Time{}, 100)
		for _, j := range js {
			if j.Title == title {
				found = append(found, j)
			}
		}
		return err
	})
	if len(found) != 1 {
		c.t.Fatalf("%d jobs titled %q", len(found), title)
	}
	return found[0]
}

const (
	jfTitleZh = "是什么活动？请回复一个简短的标题（最多 200 字），例如：清扫E区小巷。"
	jfWhenZh  = "什么时候？请回复日期、开始和结束时间，例如：明天 9:00、周六 9:00-11:00、12月5日 9:00。"
	jfTeamZh  = "活动面向谁？请选择一个队伍，或所有人："
	jfTapZh   = "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n"
	jfTitleEn = "What is the job? Reply with a short title (at most 200 characters), e.g. Clean the E-district lanes."
	jfWhenEn  = "When? Reply with the day, start and end, e.g. tomorrow 9:00, Sat 9:00-11:00, Dec 5 9:00."
	jfTeamEn  = "Who is it for? Choose a team, or Everyone:"
	jfTapEn   = "Please tap one of the buttons below, or reply with the words on it.\n\n"
	// The main menu of a resident, shown when a conversation is cancelled.
	jfMenuZh = "📝 报告问题 🎁 微心愿 | 我的请求 帮助 | 🙋 志愿活动 🗓 我的日程 | 💡 提议题 🏛 社区服务站 | ⭐ 每月评星 🤝 双诺三评 | 📄 我的数据 语言 / Language"
	jfMenuEn = "📝 Report a problem 🎁 Make a wish | My requests Help | 🙋 Volunteer jobs 🗓 My agenda | 💡 Raise a topic 🏛 Service station | ⭐ Monthly stars 🤝 Pledges | 📄 My data 语言 / Language"
)

// 王阿姨, who leads the team with Lin, writes a job in Chinese by typing
// only: a day alone is refused, the end is asked for a start alone, and a
// day typed for the end moves the start to that day. A word where a
// button is expected asks the same step again; the time is changed at the
// end and the rest stands. She keeps the job when asked to cancel it, and
// cancels a new /job by typing 取消.
func TestJobFlowInChinese(t *testing.T) {
	c := newJobCast(t, nil)
	c.lgWrite(func(tx *storage.Tx) error { return tx.SetTeamLead(c.team, c.wang.ID, true, c.clock.Now()) })
	w := c.wang

	jfIs(t, c.jfSay(w, "/job"), jfTitleZh, "取消")
	jfIs(t, c.jfSay(w, "清扫E区小巷"), jfWhenZh, "返回 取消")
	jfIs(t, c.jfSay(w, "明天"), "看不出是哪天几点。请同时写明日期和时间，例如：明天 9:00、周六 9:00-11:00、12月5日 9:00。", "返回 取消")
	jfIs(t, c.jfSay(w, "明天 上午9点"),
		"3月3日（周二）09:00 开始。几点结束？请回复结束时间，例如：11:00。要改日期，请连同时间一起写，例如：后天 9:00-11:00。", "返回 取消")
	// The day typed with the end is a correction: the start moves to it.
	jfIs(t, c.jfSay(w, "后天 11点"), "时间：3月4日（周三）09:00-11:00\n\n在哪里？请回复地点（最多 100 字），例如：E区大门。", "返回 取消")
	jfIs(t, c.jfSay(w, "E区大门"), jfTeamZh, "Sanitation | 所有人 | 返回 取消")
	// A word where a button is expected: the same question, its buttons.
	jfIs(t, c.jfSay(w, "明天"), jfTapZh+jfTeamZh, "Sanitation | 所有人 | 返回 取消")
	if f := c.jfFlow(w); f != "job/team" {
		t.Fatalf("flow after a word for a button: %q", f)
	}
	jfIs(t, c.jfSay(w, "sanitation"), "已选：Sanitation\n\n需要多少人？点一个数字，或直接回复人数（1 到 500）。", "4 6 8 | 返回 取消")
	// A number typed is the number of people, not the button at its place.
	ask := c.jfSay(w, "2人")
	jfIs(t, ask, "已选：2\n\n2 人。开始前多久截止退出？", "0小时 2小时 12小时 24小时 | 48小时 | 返回 取消")
	got := c.jfPress(w, ask, "fl:job:o:withdraw:24")
	if len(got) != 2 {
		t.Fatalf("after the withdrawal's button: %s", jfDump(got))
	}
	jfIs(t, got[0], "2 人。开始前多久截止退出？\n已选：24小时", "")
	jfIs(t, got[1], "同时发到哪些群？点选后按“完成”。", "南门社区 | 不发群 | 返回 取消")
	jfIs(t, c.jfSay(w, "南门社区"), "同时发到哪些群？点选后按“完成”。", "✓ 南门社区 | 完成 | 返回 取消")
	jfIs(t, c.jfSay(w, "好"), "已选：南门社区\n\n清扫E区小巷\n🕘 3月4日（周三） 09:00-11:00\n📍 E区大门\n👥 Sanitation\n已报名 0/2\n"+
		"组织者：王阿姨 · 退出截止：3月3日（周二） 09:00\n\n以上就是大家将看到的样子。确定后私信发给 4 位队员；发到 1 个群：南门社区。", "确定 修改 取消")

	// The time changed at the end: asked again alone, the rest stands.
	jfIs(t, c.jfSay(w, "修改"), "要修改哪一项？", "标题 时间 地点 面向谁 | 人数 退出截止 群 | 返回 取消")
	jfIs(t, c.jfSay(w, "时间"), jfWhenZh, "返回 取消")
	jfIs(t, c.jfSay(w, "周六 9:00-11:00"), "清扫E区小巷\n🕘 3月7日（周六） 09:00-11:00\n📍 E区大门\n👥 Sanitation\n已报名 0/2\n"+
		"组织者：王阿姨 · 退出截止：3月6日（周五） 09:00\n\n以上就是大家将看到的样子。确定后私信发给 4 位队员；发到 1 个群：南门社区。", "确定 修改 取消")
	sent := c.jfSent(w, c.say(w, "确定"))
	if len(sent) != 2 {
		t.Fatalf("after confirming: %s", jfDump(sent))
	}
	var done, card telegramtest.Message
	for _, m := range sent {
		if hasButtonPrefix(m, "jb:cx:") {
			done = m
		} else {
			card = m
		}
	}
	jfIs(t, done, "已发布“清扫E区小巷”：私信发给 4 位队员；发到 1 个群：南门社区。活动结束后您会收到签到名单。", "取消活动 改时间")
	jfIs(t, card, "清扫E区小巷\n🕘 3月7日（周六） 09:00-11:00\n📍 E区大门\n👥 Sanitation\n已报名 0/2\n组织者：王阿姨 · 退出截止：3月6日（周五） 09:00", "报名 退出")
	c.expect(c.community.ID, "清扫E区小巷", "3月7日（周六） 09:00-11:00")
	j := c.jfJob("清扫E区小巷")
	if !j.Start.Equal(wallAt(t, "2026-03-07 09:00")) || !j.End.Equal(wallAt(t, "2026-03-07 11:00")) || j.Slots != 2 || j.WithdrawHours != 24 ||
		j.TeamID != c.team || j.Place != "E区大门" || j.OrganiserID != w.ID || c.jfFlow(w) != "" {
		t.Fatalf("job %+v, flow %q", j, c.jfFlow(w))
	}

	// Cancelling asks first, in the answer words; No keeps the job.
	got = c.jfPress(w, done, "jb:cx:"+itoa(j.ID))
	if len(got) != 1 {
		t.Fatalf("after Cancel the job: %s", jfDump(got))
	}
	jfIs(t, got[0], "取消清扫E区小巷？已报名和候补的人都会收到通知。", "是 否")
	got = c.jfPress(w, got[0], "jb:keep:"+itoa(j.ID))
	if len(got) != 1 {
		t.Fatalf("after No: %s", jfDump(got))
	}
	jfIs(t, got[0], "好的，“清扫E区小巷”照常进行。", "")

	// 取消 typed ends a new /job politely, and writes nothing.
	jfIs(t, c.jfSay(w, "/job"), jfTitleZh, "取消")
	jfIs(t, c.jfSay(w, "取消"), "已取消。需要时再找我。", jfMenuZh)
	if f := c.jfFlow(w); f != "" || c.jobTotal() != 1 {
		t.Fatalf("after 取消: flow %q, %d jobs", f, c.jobTotal())
	}
}

// Lin writes a job in English with the buttons: a word that is no time is
// refused, a day with both times typed for the end replaces the start,
// numbers are typed with their words, groups are ticked, and the time is
// changed at the end with the buttons; his job is published in both groups.
func TestJobFlowInEnglish(t *testing.T) {
	c := newJobCast(t, nil)
	l := c.lin

	jfIs(t, c.jfSay(l, "/job"), jfTitleEn, "Cancel")
	jfIs(t, c.jfSay(l, "Sweep the lanes"), jfWhenEn, "Back Cancel")
	jfIs(t, c.jfSay(l, "someday"), "I could not read that time. Please reply e.g. tomorrow 9:00, Sat 9:00-11:00, Dec 5 9:00.", "Back Cancel")
	jfIs(t, c.jfSay(l, "tomorrow 9am"),
		"It starts Tue 3 Mar 09:00. Until when? Reply with the end time, e.g. 11:00. To change the day, give it with the times, e.g. Thu 9:00-11:00.", "Back Cancel")
	jfIs(t, c.jfSay(l, "whenever"),
		"I could not read that end time. Reply with the end time, e.g. 11:00; to change the day, give it with the times, e.g. Thu 9:00-11:00.", "Back Cancel")
	jfIs(t, c.jfSay(l, "Thu 10:00-12:00"), "Time: Thu 5 Mar 10:00-12:00\n\nWhere? Reply with the place (at most 100 characters), e.g. E-district gate.", "Back Cancel")
	team := c.jfSay(l, "Lane 4")
	jfIs(t, team, jfTeamEn, "Sanitation | Everyone | Back Cancel")
	got := c.jfPress(l, team, "fl:job:o:team:"+itoa(c.team))
	if len(got) != 2 {
		t.Fatalf("after the team's button: %s", jfDump(got))
	}
	jfIs(t, got[0], jfTeamEn+"\nChosen: Sanitation", "")
	jfIs(t, got[1], "How many people are needed? Tap a number, or reply with any number (1 to 500).", "4 6 8 | Back Cancel")
	jfIs(t, c.jfSay(l, "lots"), jfTapEn+"How many people are needed? Tap a number, or reply with any number (1 to 500).", "4 6 8 | Back Cancel")
	jfIs(t, c.jfSay(l, "12 people"), "Chosen: 12\n\n12 people. How long before the start does withdrawal close?", "0h 2h 12h 24h | 48h | Back Cancel")
	groups := c.jfSay(l, "6 hours")
	jfIs(t, groups, "Chosen: 6h\n\nPost it in which groups too? Tap to choose, then Done.", "南门社区 | 3号楼 | No groups | Back Cancel")
	got = c.jfPress(l, groups, "fl:job:t:groups:"+itoa(c.group3.ID))
	if len(got) != 1 || got[0].ID != groups.ID {
		t.Fatalf("after a tick: %s", jfDump(got))
	}
	jfIs(t, got[0], "Post it in which groups too? Tap to choose, then Done.", "南门社区 | ✓ 3号楼 | Done | Back Cancel")
	got = c.jfPress(l, got[0], "fl:job:t:groups:"+itoa(c.community.ID))
	jfIs(t, got[0], "Post it in which groups too? Tap to choose, then Done.", "✓ 南门社区 | ✓ 3号楼 | Done | Back Cancel")
	got = c.jfPress(l, got[0], "fl:job:f:groups")
	if len(got) != 2 {
		t.Fatalf("after Done: %s", jfDump(got))
	}
	jfIs(t, got[0], "Post it in which groups too? Tap to choose, then Done.\nChosen: 南门社区, 3号楼", "")
	preview := func(when, closes string) string {
		return "Sweep the lanes\n🕘 " + when + "\n📍 Lane 4\n👥 Sanitation\n0/12 signed up\nOrganiser: Lin · withdraw until " + closes +
			"\n\nAbove is the job exactly as members will see it. On Confirm it goes in private to 4 team members; to 2 groups: 南门社区, 3号楼."
	}
	jfIs(t, got[1], preview("Thu 5 Mar 10:00-12:00", "Thu 5 Mar 04:00"), "Confirm Change Cancel")

	// The time changed with the buttons; the rest stands.
	got = c.jfPress(l, got[1], "fl:job:c:ok")
	if len(got) != 1 {
		t.Fatalf("after Change: %s", jfDump(got))
	}
	jfIs(t, got[0], "What would you like to change?", "Title | Time | Place | For whom | People needed | Withdrawal deadline | Groups | Back Cancel")
	got = c.jfPress(l, got[0], "fl:job:w:ok:when")
	if len(got) != 2 {
		t.Fatalf("after Time: %s", jfDump(got))
	}
	jfIs(t, got[0], "Changing: Time", "")
	jfIs(t, got[1], jfWhenEn, "Back Cancel")
	ok := c.jfSay(l, "Sat 9-11")
	jfIs(t, ok, preview("Sat 7 Mar 09:00-11:00", "Sat 7 Mar 03:00"), "Confirm Change Cancel")
	// Published: Lin, on the team, gets the job as everyone does.
	got = c.jfPress(l, ok, "fl:job:y:ok")
	if len(got) != 2 || got[0].ID != ok.ID {
		t.Fatalf("after Confirm: %s", jfDump(got))
	}
	done := got[0]
	jfIs(t, done, `Published "Sweep the lanes": sent in private to 4 team members; to 2 groups: 南门社区, 3号楼. You will get the list of who came after the end.`,
		"Cancel the job Change time")
	jfIs(t, got[1], "Sweep the lanes\n🕘 Sat 7 Mar 09:00-11:00\n📍 Lane 4\n👥 Sanitation\n0/12 signed up\nOrganiser: Lin · withdraw until Sat 7 Mar 03:00", "Sign up Withdraw")
	c.expect(c.group3.ID, "Sweep the lanes", "3月7日（周六） 09:00-11:00")
	c.expect(c.community.ID, "Sweep the lanes", "3月7日（周六） 09:00-11:00")
	j := c.jfJob("Sweep the lanes")
	if !j.Start.Equal(wallAt(t, "2026-03-07 09:00")) || !j.End.Equal(wallAt(t, "2026-03-07 11:00")) || j.Slots != 12 || j.WithdrawHours != 6 {
		t.Fatalf("job %+v", j)
	}

	// Cancel the job asks first with Yes and No.
	got = c.jfPress(l, done, "jb:cx:"+itoa(j.ID))
	if len(got) != 1 {
		t.Fatalf("after Cancel the job: %s", jfDump(got))
	}
	jfIs(t, got[0], "Cancel Sweep the lanes? Everyone signed up or waiting will be told.", "Yes No")

	// 取消 typed at a question with buttons ends it too.
	jfIs(t, c.jfSay(l, "/job"), jfTitleEn, "Cancel")
	jfIs(t, c.jfSay(l, "Water the trees"), jfWhenEn, "Back Cancel")
	jfIs(t, c.jfSay(l, "取消"), "Cancelled. I am here when you need me.", jfMenuEn)
	if f := c.jfFlow(l); f != "" || c.jobTotal() != 1 {
		t.Fatalf("after 取消: flow %q, %d jobs", f, c.jobTotal())
	}
}
