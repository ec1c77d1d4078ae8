package app

import (
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
)

// 王阿姨 raises a topic for building 3 in Chinese, reading every question
// and the preview; nothing reaches the group before she confirms. Li
// supports it from the group, the count is edited; a second press, a
// resident of building 1 and someone not registered are refused with a
// reason.
func TestProposalsProposeAndSupportChinese(t *testing.T) {
	c := newPropCast(t)
	c.say(c.wang, "/propose")
	c.fsWant(c.wang.ID, "标题", "请用一句话写下议题的标题（最多 60 字），例如：楼道加装扶手。", "取消")
	c.say(c.wang, "楼道加装扶手")
	c.fsWant(c.wang.ID, "几句话", "请用几句话说明为什么、想怎么做（最多 1000 字）；也可以直接发一条语音。", "返回 取消")
	c.say(c.wang, "老人上下楼不方便，希望每层都加装扶手。")
	m := c.fsWant(c.wang.ID, "照片", "有照片的话请发一张；没有就点“不加照片”。", "不加照片 | 返回 取消")
	c.say(c.wang, "好的")
	c.fsWant(c.wang.ID, "照片", "请发一张照片，或点“不加照片”。", "不加照片 | 返回 取消")
	c.tg.Press(c.wang, m, "fl:propose:s:photo")
	m = c.fsWant(c.wang.ID, "整个社区", "这个议题是关于您住的楼栋，还是整个社区？", "🏠 我住的 3 栋 | 🏘 全社区 | 返回 取消")
	c.tg.Press(c.wang, m, "fl:propose:o:where:b")
	m = c.fsWant(c.wang.ID, "看到是您提的", "群里的邻居可以看到是您提的吗？", "显示我的名字 | 隐藏我的名字 | 返回 取消")
	groupBefore := len(c.tg.Messages(c.b3.ID))
	c.tg.Press(c.wang, m, "fl:propose:o:name:show")
	line := "💡 议题 #1【3 栋】楼道加装扶手\n“老人上下楼不方便，希望每层都加装扶手。”\n提议人：王阿姨 · 👍 1 人支持"
	m = c.fsWant(c.wang.ID, "发布前请看一下", "发布前请看一下：确定后，下面这段会原样发到3 栋的群，邻居可以点“支持”。门牌号不会出现。\n\n"+
		strings.Replace(line, "议题 #1", "议题", 1)+"\n\n点“确定”发布，点“修改”改一项。", "确定 修改 取消")
	if n := len(c.tg.Messages(c.b3.ID)); n != groupBefore {
		t.Fatal("the proposal reached the group before it was confirmed")
	}
	c.tg.Press(c.wang, m, "fl:propose:y:ok")
	c.fsWant(c.wang.ID, "已发布", "议题 #1 已发布。支持的人越多，越可能列入半月谈。用 /proposals 可以看所有议题。", "-")
	post := c.fsWant(c.b3.ID, "楼道加装扶手", line, "👍 支持")
	if n := len(c.tg.Messages(c.group.ID)); n != 1 {
		t.Errorf("a building's proposal reached the community group: %d messages", n)
	}

	c.tg.Press(c.li, post, "pp:s:1")
	c.answered("Thank you! 2 supporters now.")
	c.tg.WaitMessage(t, c.b3.ID, func(x telegramtest.Message) bool {
		return x.ID == post.ID && x.Plain == line[:len(line)-len("1 人支持")]+"2 人支持"
	}, wait)
	c.tg.Press(c.li, post, "pp:s:1")
	c.answered("You support it already; each person counts once.")
	c.tg.Press(c.zhao, post, "pp:s:1")
	c.answered("这个议题是 3 栋的，只有 3 栋登记的居民可以支持。")
	stranger := c.user(4040, "路人", "zh")
	c.tg.Press(stranger, post, "pp:s:1")
	c.answered("请先私聊我登记楼栋和门牌号")
	if p := c.proposal(1); p.Supports != 2 {
		t.Errorf("supports = %d, want 2 (王阿姨 and Li)", p.Supports)
	}
}

// From a resident to supports in the group, onto the half-month talk's
// agenda, to an accepted decision, a ticket, and the supporters hearing it
// was done: 王阿姨 reads Chinese, Li and the admin English.
func TestProposalsJourneyToATicketDone(t *testing.T) {
	c := newPropCast(t)
	post := c.propose(c.wang, "楼道加装扶手", "老人上下楼不方便。", "b", "show", c.b3)
	c.tg.Press(c.li, post, "pp:s:1")
	c.answered("Thank you! 2 supporters now.")

	ask := c.calMeetingPull(c.admin, "半月谈", "2026-03-04 19:30", "服务站", "", "pp", "bgroups", "fl:meeting:t:buildings:3")
	c.lookup(c.admin.ID, func(m telegramtest.Message) bool {
		return strings.HasSuffix(m.Plain, "to the agenda?\nChosen: 💡 Add proposals (1)")
	})
	c.calPost(c.admin, ask)
	c.expect(c.b3.ID, "半月谈", "💡 议题 #1 · 3 栋 · 2 人支持：楼道加装扶手")
	c.expect(c.wang.ID, "您提出或支持的议题 #1“楼道加装扶手”已列入会议“半月谈”的议程，会议时间 3月4日（周三）19:30。会后会告诉您结果。")
	c.expect(c.li.ID, "Topic #1 \"楼道加装扶手\", which you raised or supported, is on the agenda of \"半月谈\" (Wed 4 Mar 19:30). You will hear the outcome after the meeting.")
	c.tg.WaitMessage(t, c.b3.ID, func(m telegramtest.Message) bool {
		return m.ID == post.ID && strings.Contains(m.Plain, "📅 已列入半月谈议程")
	}, wait)

	c.say(c.admin, "/proposals")
	list := c.fsWant(c.admin.ID, "Topics gathering support", "Topics gathering support (most supported first):\n"+
		"1. Topic #1 [building 3] 楼道加装扶手 · 👍 2 supporters · 📅 on the half-month talk's agenda", "#1")
	c.tg.Press(c.admin, list, "pp:v:1")
	page := c.fsWant(c.admin.ID, "Topic #1", "💡 Topic #1 [building 3] 楼道加装扶手\n“老人上下楼不方便。”\nraised by 王阿姨 · 👍 2 supporters\n"+
		"📅 on the half-month talk's agenda", "📝 Meeting outcome")
	c.tg.Press(c.admin, page, "pp:o:1")
	q := c.fsWant(c.admin.ID, "What did the meeting decide", "What did the meeting decide about topic #1 \"楼道加装扶手\"?",
		"✅ Accepted | ✖️ Not accepted | ⏸ Postponed | Cancel")
	c.tg.Press(c.admin, q, "fl:pp_outcome:o:outcome:accepted")
	made := c.fsWant(c.admin.ID, "recorded as accepted", "Topic #1 is recorded as accepted, among the meeting's decisions. Make it a ticket or a volunteer job:",
		"🎫 Ticket, building 3 | 🙋 Make it a volunteer job")
	c.expect(c.wang.ID, "好消息：您提出或支持的议题 #1“楼道加装扶手”在会上被采纳了。落实的进展会告诉您。")
	c.fsWant(c.li.ID, "Good news", "Good news: topic #1 \"楼道加装扶手\", which you raised or supported, was accepted at the meeting. You will hear how it goes.", "-")
	c.tg.WaitMessage(t, c.b3.ID, func(m telegramtest.Message) bool {
		return m.ID == post.ID && strings.Contains(m.Plain, "✅ 会议已采纳")
	}, wait)

	c.tg.Press(c.admin, made, "pp:ot:1:3")
	c.answered("Ticket #1")
	c.expect(c.admin.ID, "Topic #1 became ticket #1 (building 3). Its supporters will hear how it goes.")
	c.expect(c.wang.ID, "您提出或支持的议题 #1“楼道加装扶手”已转为工单 #1，处理完成时会告诉您。")
	c.expect(c.li.ID, "Topic #1 \"楼道加装扶手\", which you raised or supported, became ticket #1; you will hear when it is done.")
	c.tg.WaitMessage(t, c.b3.ID, func(m telegramtest.Message) bool {
		return m.ID == post.ID && strings.Contains(m.Plain, "落实：工单 #1")
	}, wait)

	// 林, building 3's leader, claims and resolves it: the supporters hear.
	notice := c.tg.WaitMessage(t, c.lin.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:claim:1") }, wait)
	c.tg.Press(c.lin, notice, "tk:claim:1")
	claimed := c.tg.WaitMessage(t, c.lin.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:res:1") }, wait)
	c.tg.Press(c.lin, claimed, "tk:res:1")
	res := c.expect(c.lin.ID, "#1：做了什么处理")
	c.tg.SendReply(c.lin, telegramtest.PrivateChat(c.lin), "每层都装好了扶手", res)
	c.expect(c.li.ID, "每层都装好了扶手")
	c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:fb:1:partly") }, wait)
	c.tg.WaitMessage(t, c.b3.ID, func(m telegramtest.Message) bool {
		return m.ID == post.ID && m.Plain == "💡 议题 #1【3 栋】楼道加装扶手\n“老人上下楼不方便。”\n提议人：王阿姨 · 👍 2 人支持\n✅ 会议已采纳\n落实：工单 #1 · 已处理，待确认"
	}, wait)
	for _, m := range c.tg.Messages(c.li.ID) {
		if strings.Contains(m.Plain, "%!") {
			t.Errorf("a message to Li is badly made: %q", m.Plain)
		}
	}
	for _, m := range c.tg.Messages(c.wang.ID) {
		if strings.Contains(m.Plain, "%!") {
			t.Errorf("a message to 王阿姨 is badly made: %q", m.Plain)
		}
	}
}
