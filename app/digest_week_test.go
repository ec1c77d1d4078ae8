package app

import (
	"strings"
	"testing"
)

// A simulated week: a problem reported and solved in building 3, a topic
// raised and supported, a meeting coming. Staff preview the digest and add
// a line; on Sunday at 18:00 building 3's group gets its week and the
// community's group the totals, without a name.
func TestDigestOfASimulatedWeek(t *testing.T) {
	c := newPropCast(t)
	c.tg.SendText(c.wang, c.b3, "/report 东边路灯坏了")
	c.expect(c.b3.ID, "#1", "东边路灯坏了")
	fixed := c.resolveAs("1", "换了灯泡", c.wang)
	c.tg.Press(c.wang, fixed, "tk:fb:1:yes")
	post := c.propose(c.li, "Handrails in the stairwell", "For the elderly.", "b", "show", c.b3)
	c.tg.Press(c.wang, post, "pp:s:1")
	c.answered("谢谢支持")
	ask := c.calMeeting(c.admin, "半月谈", "2026-03-10 19:30", "服务站", "", false, "groups")
	c.calPost(c.admin, ask)

	c.say(c.admin, "/digest line Thank you, everyone!")
	c.expect(c.admin.ID, "The next digest will end with: Thank you, everyone!")
	c.say(c.admin, "/digest")
	prev := c.fsWant(c.admin.ID, "Below is a preview", "Weekly digest: on. Next: 2026-03-08 18:00. Below is a preview from the data as it is now "+
		"(the community's group gets the totals, each building's group its own):\n\n"+
		"📋 The community this week (Sun 1 Mar to Sun 8 Mar)\nProblems received 1, solved 1\nBy category: Lighting 1\nMicro-wishes fulfilled: 0\n"+
		"Volunteer hours: 0.0 (0 people)\nResidents' topics:\n· 💡 #1 Handrails in the stairwell (gathering support, 2 supporters)\n"+
		"Coming up:\n· 2026-03-10 19:30 meeting: 半月谈\nResponse rate 100% (1/1) · satisfaction rate —\n\nThank you, everyone!", "-")
	c.expect(c.admin.ID, "📋 Building 3 this week (Sun 1 Mar to Sun 8 Mar)")

	c.calTo("2026-03-08 17:10")
	c.tick()
	c.calTo("2026-03-08 18:01")
	c.tick()
	b3 := c.fsWant(c.b3.ID, "3 栋本周公示", "📋 3 栋本周公示：3月1日（周日）至3月8日（周日）\n收到问题 1 件，解决 1 件\n· #1 照明：东边路灯坏了（已解决）\n"+
		"实现微心愿 0 个\n居民议题：\n· 💡 #1 Handrails in the stairwell（征集支持中，2 人支持）\n下周安排：\n· 2026-03-10 19:30 会议：半月谈\n"+
		"响应率 100% (1/1) · 满意率 —\n\nThank you, everyone!", "-")
	all := c.fsWant(c.group.ID, "社区本周公示", "📋 社区本周公示：3月1日（周日）至3月8日（周日）\n收到问题 1 件，解决 1 件\n按类别：照明 1\n实现微心愿 0 个\n"+
		"志愿服务 0.0 小时（0 人次）\n居民议题：\n· 💡 #1 Handrails in the stairwell（征集支持中，2 人支持）\n下周安排：\n· 2026-03-10 19:30 会议：半月谈\n"+
		"响应率 100% (1/1) · 满意率 —\n\nThank you, everyone!", "-")
	for _, m := range []string{b3.Plain, all.Plain, prev.Plain} {
		for _, name := range []string{"王阿姨", "林", "Boss", "提议人", "raised by", "报告人"} {
			if strings.Contains(m, name) {
				t.Errorf("the digest names %s:\n%s", name, m)
			}
		}
	}
}

// Staff switch the digest off: Sunday passes without one; the line added
// is kept for the next.
func TestDigestSwitchedOff(t *testing.T) {
	c := newPropCast(t)
	c.say(c.admin, "/digest off")
	c.expect(c.admin.ID, "The weekly digest is switched off.")
	c.calTo("2026-03-08 17:10")
	c.tick()
	c.calTo("2026-03-08 18:01")
	c.tick()
	c.say(c.admin, "/digest")
	c.expect(c.admin.ID, "Weekly digest: switched off.")
	for _, g := range []int64{c.b3.ID, c.group.ID} {
		for _, m := range c.tg.Messages(g) {
			if strings.Contains(m.Plain, "本周公示") {
				t.Errorf("a digest was posted while switched off: %q", m.Plain)
			}
		}
	}
}
