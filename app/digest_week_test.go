package app

import (
	"encoding/json"
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// A simulated week: a problem reported and solved in building 3, a topic
// raised and supported, a meeting coming, a volunteer job on Wednesday
// (09:00-11:30) that 王阿姨 (building 3) and 赵 (building 1) came to and Li
// (building 3) missed, and the Qingming visit round starting on Wednesday
// 11 March (25 days before 5 April) with a household on the care list.
// Staff preview the digest and add a line; on Sunday at 18:00 building 3's
// group gets its week and the community's group the totals, without a name
// and without the household.
func TestDigestOfASimulatedWeek(t *testing.T) {
	c := newPropCastWith(t, func(cfg *config.Config) {
		cfg.Visits = config.Visits{Holidays: []string{"qingming"}, DaysBefore: 25}
	})
	c.tg.SendText(c.wang, c.b3, "/report 东边路灯坏了")
	c.expect(c.b3.ID, "#1", "东边路灯坏了")
	fixed := c.resolveAs("1", "换了灯泡", c.wang)
	c.tg.Press(c.wang, fixed, "tk:fb:1:yes")
	post := c.propose(c.li, "Handrails in the stairwell", "For the elderly.", "b", "show", c.b3)
	c.tg.Press(c.wang, post, "pp:s:1")
	c.answered("谢谢支持")
	ask := c.calMeeting(c.admin, "半月谈", "2026-03-10 19:30", "服务站", "", false, "groups")
	c.calPost(c.admin, ask)
	c.digestJobHours()
	vis := &visCast{harness: c.harness, admin: c.admin}
	vis.visAdd(visHousehold{building: "3", unit: "5-0602", name: "张桂兰", reason: "lives_alone", contact: "13911112222", notes: "Knock twice"})
	c.tick() // lays the visit rounds out

	c.say(c.admin, "/digest line Thank you, everyone!")
	c.expect(c.admin.ID, "The next digest will end with: Thank you, everyone!")
	c.say(c.admin, "/digest")
	prev := c.fsWant(c.admin.ID, "Below is a preview", "Weekly digest: on. Next: Sun 8 Mar 18:00. Below is a preview from the data as it is now "+
		"(the community's group gets the totals, each building's group its own):\n\n"+
		"📋 The community this week (Sun 1 Mar to Sun 8 Mar)\nProblems received 1, solved 1\nBy category: Lighting 1\nMicro-wishes fulfilled: 0\n"+
		"Volunteer hours: 5.0 (2 people)\nResidents' topics:\n· 💡 #1 Handrails in the stairwell (gathering support, 2 supporters)\n"+
		"Coming up:\n· Tue 10 Mar 19:30 meeting: 半月谈\n· Wed 11 Mar holiday visits begin: Qingming\n"+
		"Response rate 100% (1/1) · satisfaction rate —\n\nThank you, everyone!", "-")
	prevB3 := c.fsWant(c.admin.ID, "📋 Building 3 this week", "📋 Building 3 this week (Sun 1 Mar to Sun 8 Mar)\nProblems received 1, solved 1\n"+
		"· #1 Lighting: 东边路灯坏了 (solved)\nMicro-wishes fulfilled: 0\nVolunteer hours by the building's residents: 2.5 (1 person)\n"+
		"Residents' topics:\n· 💡 #1 Handrails in the stairwell (gathering support, 2 supporters)\n"+
		"Coming up:\n· Tue 10 Mar 19:30 meeting: 半月谈\n· Wed 11 Mar holiday visits begin: Qingming\n"+
		"Response rate 100% (1/1) · satisfaction rate —\n\nThank you, everyone!", "-")

	c.calTo("2026-03-08 17:10")
	c.tick()
	c.calTo("2026-03-08 18:01")
	c.tick()
	b3 := c.fsWant(c.b3.ID, "3 栋本周公示", "📋 3 栋本周公示：3月1日（周日）至3月8日（周日）\n收到问题 1 件，解决 1 件\n· #1 照明：东边路灯坏了（已解决）\n"+
		"实现微心愿 0 个\n本栋居民志愿服务 2.5 小时（1 人）\n居民议题：\n· 💡 #1 Handrails in the stairwell（征集支持中，2 人支持）\n"+
		"下周安排：\n· 3月10日（周二）19:30 会议：半月谈\n· 3月11日（周三）节日走访开始：清明节\n"+
		"响应率 100% (1/1) · 满意率 —\n\nThank you, everyone!", "-")
	all := c.fsWant(c.group.ID, "社区本周公示", "📋 社区本周公示：3月1日（周日）至3月8日（周日）\n收到问题 1 件，解决 1 件\n按类别：照明 1\n实现微心愿 0 个\n"+
		"志愿服务 5.0 小时（2 人）\n居民议题：\n· 💡 #1 Handrails in the stairwell（征集支持中，2 人支持）\n"+
		"下周安排：\n· 3月10日（周二）19:30 会议：半月谈\n· 3月11日（周三）节日走访开始：清明节\n"+
		"响应率 100% (1/1) · 满意率 —\n\nThank you, everyone!", "-")
	for _, m := range []string{b3.Plain, all.Plain, prev.Plain, prevB3.Plain} {
		for _, name := range []string{"王阿姨", "林", "赵", "Boss", "提议人", "raised by", "报告人"} {
			if strings.Contains(m, name) {
				t.Errorf("the digest names %s:\n%s", name, m)
			}
		}
	}
	// No request to a group ever carried the household.
	c.settle()
	checked := 0
	for _, call := range c.tg.Calls("") {
		if id, _ := call.Params["chat_id"].(float64); int64(id) != c.b3.ID && int64(id) != c.group.ID {
			continue
		}
		checked++
		raw, _ := json.Marshal(call.Params)
		for _, secret := range []string{"张桂兰", "5-0602", "13911112222", "Knock twice"} {
			if strings.Contains(string(raw), secret) {
				t.Errorf("%s to group %v carries %q:\n%s", call.Method, call.Params["chat_id"], secret, limit(string(raw), 600))
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d requests to the groups checked", checked)
	}
}

// digestJobHours: staff post a job for Wednesday 09:00-11:30 to building
// 3's group; 王阿姨, Li and 赵 sign up there; when it ends staff mark 王阿姨
// and 赵 as came and Li as not: 150 minutes each for the two.
func (c *propCast) digestJobHours() {
	c.t.Helper()
	j := &jobCast{harness: c.harness, published: map[int64]telegramtest.Mark{}}
	id := j.jobCreate(c.admin, jobSpec{title: "Sweep the courtyard", when: "2026-03-04 09:00-11:30", place: "East gate",
		team: "0", slots: "4", withdraw: "24", chats: []int64{c.b3.ID}})
	copy := j.jobCopy(c.b3.ID, id)
	j.jobPress(c.wang, copy, "jb:su:"+itoa(id), "已报名")
	j.jobPress(c.li, copy, "jb:su:"+itoa(id), "signed up")
	j.jobPress(c.zhao, copy, "jb:su:"+itoa(id), "已报名")
	c.calTo("2026-03-04 11:30")
	c.tick()
	list := c.expect(c.admin.ID, "Who came to Sweep the courtyard")
	for _, mark := range []struct {
		who   int64
		came  string
		shows string
	}{{c.wang.ID, "1", "王阿姨 — came"}, {c.li.ID, "0", "Li — did not come"}, {c.zhao.ID, "1", "赵 — came"}} {
		c.tg.Press(c.admin, j.jobNow(list.ChatID, list.ID), "jb:at:"+itoa(id)+":"+itoa(mark.who)+":"+mark.came)
		j.jobCopyShows(list, []string{mark.shows})
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

// A week with nothing to tell posts nothing: the Qingming round laid out
// for Wednesday 11 March is not told of while the care list is empty (it
// would visit nobody), so it does not make the week worth a digest; the
// preview does not tell of volunteer hours nobody gave.
func TestDigestQuietWeekWithAnEmptyCareList(t *testing.T) {
	c := newPropCastWith(t, func(cfg *config.Config) {
		cfg.Visits = config.Visits{Holidays: []string{"qingming"}, DaysBefore: 25}
	})
	c.tick() // lays the visit rounds out
	c.say(c.admin, "/digest")
	prev := c.expect(c.admin.ID, "Below is a preview")
	if strings.Contains(prev.Plain, "Coming up") || strings.Contains(prev.Plain, "Qingming") {
		t.Errorf("the preview tells of a round that visits nobody:\n%s", prev.Plain)
	}
	if strings.Contains(prev.Plain, "Volunteer hours") {
		t.Errorf("a week without volunteer hours tells of them:\n%s", prev.Plain)
	}
	c.calTo("2026-03-08 17:10")
	c.tick()
	c.calTo("2026-03-08 18:01")
	c.tick()
	c.settle()
	c.db(func(tx *storage.Tx) error { // the week's digest did run
		items, err := tx.DueHistory("digest.week", "2026-03-08")
		if err == nil && (len(items) != 1 || items[0].State != storage.DueDone) {
			t.Errorf("the week's digest: %+v", items)
		}
		return err
	})
	for _, g := range []int64{c.b3.ID, c.group.ID} {
		for _, m := range c.tg.Messages(g) {
			if strings.Contains(m.Plain, "本周公示") {
				t.Errorf("a quiet week was posted: %q", m.Plain)
			}
		}
	}
}
