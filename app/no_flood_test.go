package app

import (
	"testing"

	"courtyard/storage"
)

// A leader's recurring notice to their building's residents in private
// goes at most once a day: more often is refused with the reason, and
// nothing is saved; once a day is saved.
func TestPrivateNoticeAtMostOnceADay(t *testing.T) {
	c := newCommunity(t)
	l := c.leader
	schedule := func(how ...string) {
		t.Helper()
		c.say(l, "/schedule")
		list := c.expect(l.ID, "定时通知")
		c.tg.Press(l, list, "sc:new")
		c.expect(l.ID, "什么时候发送？")
		for _, s := range how {
			c.say(l, s)
		}
		c.expect(l.ID, "发给谁？")
		c.say(l, "部分楼栋的居民（私信）")
		c.expect(l.ID, "请点选楼栋")
		c.say(l, "3")
		c.say(l, "选好了")
		c.expect(l.ID, "请发送通知的内容。")
		c.say(l, "晚上请关好单元门")
		c.expect(l.ID, "已读 ✓")
		c.say(l, "否")
		c.expect(l.ID, "确定保存吗？")
		c.say(l, "确定")
	}
	schedule("cron 表达式", "* * * * *")
	c.expect(l.ID, "私信通知每天最多一次", "没有保存")
	if n := c.calSchedules(); n != 0 {
		t.Fatalf("%d schedules after a refused one", n)
	}
	schedule("cron 表达式", "0 8,20 * * *")
	c.expect(l.ID, "私信通知每天最多一次")
	if n := c.calSchedules(); n != 0 {
		t.Fatalf("%d schedules after a refused one", n)
	}
	schedule("每天", "晚上8点")
	c.expect(l.ID, "已保存为定时通知 #")
	s := c.calSchedule()
	if s.Spec != "0 20 * * *" || s.Audience != storage.AudienceBuildingPersons {
		t.Errorf("saved %+v", s)
	}
}
