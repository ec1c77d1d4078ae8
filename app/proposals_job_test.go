package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// propLineShows waits until the copy post reads want exactly.
func (c *propCast) propLineShows(post telegramtest.Message, want string) {
	c.t.Helper()
	c.tg.WaitMessage(c.t, post.ChatID, func(m telegramtest.Message) bool { return m.ID == post.ID && m.Plain == want }, wait)
}

// A topic of building 3 raised by 王阿姨 (Chinese), supported by Li
// (English) and 林 (Chinese), is accepted at the half-month talk and made
// a volunteer job for Saturday 09:00-11:00. Each of the three hears it
// became a job; when its end passes each hears, once, that it was done,
// and the topic's line in both of building 3's groups says so; marking
// who came tells nobody again.
func TestProposalsJourneyToAJobHeld(t *testing.T) {
	c := newPropCast(t)
	b3b := c.tg.Group(-100301, "3号楼二群")
	c.tg.SendText(c.admin, b3b, "/linkchat 3")
	c.expect(b3b.ID, "3")
	post, made := c.acceptedTopic("清理自行车棚", "车棚里堆满了废旧自行车。")
	second := c.tg.WaitMessage(t, b3b.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "议题 #1") }, wait)

	copy := c.topicJob(made, "2026-03-07 9:00-11:00", c.b3.ID)
	c.expect(c.wang.ID, "您提出或支持的议题 #1“清理自行车棚”已转为志愿活动 #1“清理自行车棚”，时间：3月7日（周六）09:00。办完时会告诉您。")
	c.expect(c.li.ID, "Topic #1 \"清理自行车棚\", which you raised or supported, became volunteer job #1 \"清理自行车棚\" on Sat 7 Mar 09:00; you will hear when it is done.")
	c.expect(c.lin.ID, "您提出或支持的议题 #1“清理自行车棚”已转为志愿活动 #1")
	line := "💡 议题 #1【3 栋】清理自行车棚\n“车棚里堆满了废旧自行车。”\n提议人：王阿姨 · 👍 3 人支持\n✅ 会议已采纳\n落实：志愿活动 #1“清理自行车棚” · 3月7日（周六）09:00"
	c.propLineShows(post, line)
	c.propLineShows(second, line)
	if p := c.proposal(1); p.JobID != 1 || p.JobEnd != "" {
		t.Errorf("the topic's job is #%d ended %q, want #1 not ended", p.JobID, p.JobEnd)
	}

	c.tg.Press(c.li, copy, "jb:su:1")
	c.expectAnswer("signed up")
	c.calTo("2026-03-07 11:00")
	c.tick()
	list := c.expect(c.admin.ID, "Who came to 清理自行车棚")
	wangDone := "您提出或支持的议题 #1“清理自行车棚”已经落实：志愿活动 #1“清理自行车棚”已经办完了。谢谢您的支持！"
	liDone := "Done: topic #1 \"清理自行车棚\", which you raised or supported, was carried out: volunteer job #1 \"清理自行车棚\" took place. Thank you for your support!"
	c.fsWant(c.wang.ID, "已经落实", wangDone, "-")
	c.fsWant(c.li.ID, "carried out", liDone, "-")
	c.fsWant(c.lin.ID, "已经落实", wangDone, "-")
	c.propLineShows(post, line+" · 已办完")
	c.propLineShows(second, line+" · 已办完")

	c.tg.Press(c.admin, list, "jb:at:1:"+itoa(c.li.ID)+":1")
	c.expectAnswer("Saved")
	c.tick()
	c.settle()
	for _, who := range []struct {
		u    models.User
		part string
	}{{c.wang, "已经落实"}, {c.li, "carried out"}, {c.lin, "已经落实"}} {
		if n := c.calCount(who.u.ID, who.part); n != 1 {
			t.Errorf("%s heard %d times that the job was done, want once", who.u.FirstName, n)
		}
		if n := c.calCount(who.u.ID, "%!"); n != 0 {
			t.Errorf("%s got %d badly made messages", who.u.FirstName, n)
		}
	}
	if p := c.proposal(1); p.JobEnd != storage.ProposalJobHeld {
		t.Errorf("the topic's job ended %q, want held", p.JobEnd)
	}
}

// The job a topic became is cancelled before its day: the proposer and
// both supporters hear it once, each in their language, the group line
// says so, and its end passing later tells nobody it was done.
func TestProposalsJobCancelled(t *testing.T) {
	c := newPropCast(t)
	post, made := c.acceptedTopic("清理自行车棚", "车棚里堆满了废旧自行车。")
	c.topicJob(made, "2026-03-07 9:00-11:00", c.b3.ID)
	c.expect(c.wang.ID, "已转为志愿活动 #1")
	done := c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool { return hasButton(m, "jb:cx:1") }, wait)
	c.tg.Press(c.admin, done, "jb:cx:1")
	ask := c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool { return hasButton(m, "jb:cxy:1") }, wait)
	c.tg.Press(c.admin, ask, "jb:cxy:1")
	c.fsWant(c.wang.ID, "已取消", "您提出或支持的议题 #1“清理自行车棚”转成的志愿活动 #1“清理自行车棚”已取消。", "-")
	c.fsWant(c.li.ID, "was cancelled", "Topic #1 \"清理自行车棚\", which you raised or supported: volunteer job #1 \"清理自行车棚\", made of it, was cancelled.", "-")
	c.fsWant(c.lin.ID, "已取消", "您提出或支持的议题 #1“清理自行车棚”转成的志愿活动 #1“清理自行车棚”已取消。", "-")
	c.propLineShows(post, "💡 议题 #1【3 栋】清理自行车棚\n“车棚里堆满了废旧自行车。”\n提议人：王阿姨 · 👍 3 人支持\n✅ 会议已采纳\n"+
		"落实：志愿活动 #1“清理自行车棚” · 3月7日（周六）09:00 · 已取消")

	c.calTo("2026-03-07 11:30")
	c.tick()
	c.settle()
	for _, who := range []struct {
		u          models.User
		told, done string
	}{{c.wang, "已取消", "已经落实"}, {c.li, "was cancelled", "carried out"}, {c.lin, "已取消", "已经落实"}} {
		if n := c.calCount(who.u.ID, who.told); n != 1 {
			t.Errorf("%s heard %d times that the job was cancelled, want once", who.u.FirstName, n)
		}
		if n := c.calCount(who.u.ID, who.done); n != 0 {
			t.Errorf("%s heard a cancelled job was done", who.u.FirstName)
		}
	}
	if p := c.proposal(1); p.JobEnd != storage.ProposalJobCancelled {
		t.Errorf("the topic's job ended %q, want cancelled", p.JobEnd)
	}
}
