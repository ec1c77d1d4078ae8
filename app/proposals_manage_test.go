package app

import (
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
)

// Li (English) raises a topic for the whole community with his name
// hidden, 王阿姨 raises the same one; building 3's leader may not merge a
// community's topic, staff merge the second into the first (supports
// combined, each person once) and then decline it with a reason: every
// proposer and supporter is told, and the group lines show it.
func TestProposalsMergeAndDeclineEnglish(t *testing.T) {
	c := newPropCast(t)
	one := c.propose(c.li, "Benches in the garden", "The elderly need somewhere to rest.", "all", "hide", c.group)
	if want := "💡 议题 #1【全社区】Benches in the garden\n“The elderly need somewhere to rest.”\n👍 1 人支持"; one.Plain != want {
		t.Errorf("the community group's line:\n got %q\nwant %q", one.Plain, want)
	}
	two := c.propose(c.wang, "花园里放长椅", "想在花园里坐坐。", "all", "show", c.group)
	c.tg.Press(c.zhao, two, "pp:s:2")
	c.answered("谢谢支持！现在 2 人支持。")
	c.tg.Press(c.wang, one, "pp:s:1")
	c.answered("谢谢支持！现在 2 人支持。")

	c.tg.PressRaw(c.lin, telegramtest.PrivateChat(c.lin), 1, "pp:m:2")
	c.answered("只有社区工作人员和该楼栋的楼栋长可以这样做。")

	c.say(c.admin, "/proposals")
	list := c.fsWant(c.admin.ID, "Topics gathering support", "Topics gathering support (most supported first):\n"+
		"1. Topic #1 [whole community] Benches in the garden · 👍 2 supporters\n"+
		"2. Topic #2 [whole community] 花园里放长椅 · 👍 2 supporters", "#1 #2")
	c.tg.Press(c.admin, list, "pp:v:2")
	page := c.fsWant(c.admin.ID, "Topic #2", "💡 Topic #2 [whole community] 花园里放长椅\n“想在花园里坐坐。”\nraised by 王阿姨 · 👍 2 supporters",
		"👍 Support | 🔗 Merge duplicate ✖️ Decline")
	c.tg.Press(c.admin, page, "pp:m:2")
	pick := c.fsWant(c.admin.ID, "Merge topic #2", "Merge topic #2 into which one? Supports are combined; each person counts once.", "#1 Benches in the garden")
	c.tg.Press(c.admin, pick, "pp:mi:2:1")
	c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool {
		return m.ID == pick.ID && m.Plain == "Topic #2 is merged into #1, which now has 👍 3 supporters."
	}, wait)
	c.expect(c.zhao.ID, "您提出或支持的议题 #2“花园里放长椅”和 #1“Benches in the garden”内容重复，已合并：您的支持算在 #1 上。")
	c.tg.WaitMessage(t, c.group.ID, func(m telegramtest.Message) bool {
		return m.ID == two.ID && strings.HasSuffix(m.Plain, "\n已并入议题 #1") && len(m.Buttons) == 0
	}, wait)
	c.tg.WaitMessage(t, c.group.ID, func(m telegramtest.Message) bool {
		return m.ID == one.ID && strings.Contains(m.Plain, "👍 3 人支持")
	}, wait)
	if p := c.proposal(1); p.Supports != 3 {
		t.Errorf("topic #1 has %d supports after the merge, want 3 (Li, 王阿姨 once, 赵)", p.Supports)
	}

	c.say(c.admin, "/proposals")
	list = c.expect(c.admin.ID, "Topics gathering support")
	c.tg.Press(c.admin, list, "pp:v:1")
	page = c.expect(c.admin.ID, "💡 Topic #1")
	if !strings.Contains(page.Plain, "raised by Li") {
		t.Errorf("staff do not see who raised a topic with the name hidden: %q", page.Plain)
	}
	c.tg.Press(c.admin, page, "pp:d:1")
	c.fsWant(c.admin.ID, "Why is topic #1 declined", "Why is topic #1 declined? Write one sentence (at most 300 characters); the proposer and supporters will read it.", "Cancel")
	c.say(c.admin, "The garden is being rebuilt next year, with benches in the plan.")
	c.fsWant(c.admin.ID, "is declined", "Topic #1 is declined; the proposer and supporters were told why.", "-")
	c.expect(c.li.ID, "Topic #1 \"Benches in the garden\", which you raised or supported, was declined. Reason: The garden is being rebuilt next year, with benches in the plan.")
	c.expect(c.zhao.ID, "您提出或支持的议题 #1“Benches in the garden”未予采纳。理由：The garden is being rebuilt")
	c.expect(c.wang.ID, "未予采纳")
	c.tg.WaitMessage(t, c.group.ID, func(m telegramtest.Message) bool {
		return m.ID == one.ID && strings.HasSuffix(m.Plain, "未予采纳：The garden is being rebuilt next year, with benches in the plan.")
	}, wait)
	c.tg.PressRaw(c.zhao, c.group, one.ID, "pp:s:1") // a press on the button as it was
	c.answered("这个议题已不再征集支持。")
}

// 赵 speaks his topic as a voice message with a photo, for building 1,
// which has no linked group: it is kept, and said so.
func TestProposalsVoiceAndPhotoWithoutAGroup(t *testing.T) {
	c := newPropCast(t)
	c.say(c.zhao, "/propose 修补 1 栋门口的路")
	ask := c.expect(c.zhao.ID, "几句话")
	c.tg.SendVoice(c.zhao, telegramtest.PrivateChat(c.zhao), 12, "")
	c.expect(c.zhao.ID, "有照片的话请发一张")
	c.tg.SendPhoto(c.zhao, telegramtest.PrivateChat(c.zhao), "")
	where := c.expect(c.zhao.ID, "还是整个社区")
	c.tg.Press(c.zhao, where, "fl:propose:o:where:b")
	name := c.expect(c.zhao.ID, "看到是您提的")
	c.tg.Press(c.zhao, name, "fl:propose:o:name:hide")
	ok := c.fsWant(c.zhao.ID, "发布前请看一下", "发布前请看一下：确定后，下面这段会原样发到1 栋的群，邻居可以点“支持”。门牌号不会出现。\n\n"+
		"💡 议题【1 栋】修补 1 栋门口的路\n👍 1 人支持\n（附照片一张）\n（附您的语音）\n\n点“确定”发布，点“修改”改一项。", "确定 修改 取消")
	c.tg.Press(c.zhao, ok, "fl:propose:y:ok")
	c.fsWant(c.zhao.ID, "已保存", "议题 #1 已保存；还没有关联的群，所以没有发到群里。邻居可以在 /proposals 里支持它。", "-")
	p := c.proposal(1)
	if p.Voice == "" || p.VoiceSecs != 12 || p.Photo == "" || !p.HideName || p.Building != "1" {
		t.Errorf("the proposal stored: %+v", p)
	}
	_ = ask
}
