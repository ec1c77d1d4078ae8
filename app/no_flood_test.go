package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/storage"
)

// scheduleForResidents walks leader l through /schedule: the time as
// typed (how), building 3's residents in private, text, no Read button,
// and Confirm.
func (c *community) scheduleForResidents(l models.User, text string, how ...string) {
	c.t.Helper()
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
	c.say(l, text)
	c.expect(l.ID, "已读 ✓")
	c.say(l, "否")
	c.expect(l.ID, "确定保存吗？")
	c.say(l, "确定")
}

// A leader's recurring notice to their building's residents in private
// goes at most once a day: more often is refused with the reason, and
// nothing is saved; once a day is saved.
func TestPrivateNoticeAtMostOnceADay(t *testing.T) {
	c := newCommunity(t)
	l := c.leader
	c.scheduleForResidents(l, "晚上请关好单元门", "cron 表达式", "* * * * *")
	c.expect(l.ID, "私信通知每天最多一次", "没有保存")
	if n := c.calSchedules(); n != 0 {
		t.Fatalf("%d schedules after a refused one", n)
	}
	c.scheduleForResidents(l, "晚上请关好单元门", "cron 表达式", "0 8,20 * * *")
	c.expect(l.ID, "私信通知每天最多一次")
	if n := c.calSchedules(); n != 0 {
		t.Fatalf("%d schedules after a refused one", n)
	}
	c.scheduleForResidents(l, "晚上请关好单元门", "每天", "晚上8点")
	c.expect(l.ID, "已保存为定时通知 #")
	s := c.calSchedule()
	if s.Spec != "0 20 * * *" || s.Audience != storage.AudienceBuildingPersons {
		t.Errorf("saved %+v", s)
	}
}

// A person gets at most notify.max_scheduled_per_day (3) scheduled notices
// a day in private; the day's others come in one digest at 20:00.
func TestScheduledNoticesOverTheDailyLimitGoInADigest(t *testing.T) {
	c := newCommunity(t) // Monday 2026-03-02 17:00 in Shanghai
	l := c.leader
	texts := []string{"通知一", "通知二", "通知三", "通知四", "通知五"}
	for i, text := range texts {
		c.scheduleForResidents(l, text, "只发一次", "今天 17:"+itoa(int64(1+i))+"0")
		c.expect(l.ID, "已保存为定时通知 #")
	}
	c.clock.Set(wallAt(t, "2026-03-02 17:55"))
	c.tick()
	c.settle()
	got := func() []string {
		var out []string
		for _, m := range c.tg.Messages(c.wang.ID) {
			if strings.Contains(m.Plain, "社区通知") {
				out = append(out, m.Plain)
			}
		}
		return out
	}
	if n := len(got()); n != 3 {
		t.Fatalf("王阿姨 got %d notices one by one, want 3: %q", n, got())
	}
	c.clock.Set(wallAt(t, "2026-03-02 20:00"))
	c.tick()
	d := c.expect(c.wang.ID, "今天的其他定时通知（2 条")
	if !strings.Contains(d.Plain, "通知四") || !strings.Contains(d.Plain, "通知五") || strings.Contains(d.Plain, "通知一") {
		t.Errorf("the digest: %q", d.Plain)
	}
	c.settle()
	if n := len(got()); n != 3 {
		t.Errorf("王阿姨 got %d notices one by one after the digest, want 3", n)
	}
	// Every one of the five went to her, by the record.
	c.db(func(tx *storage.Tx) error {
		n, err := tx.ScheduledToChatSince(c.wang.ID, wallAt(t, "2026-03-02 00:00"))
		if n != 5 {
			t.Errorf("recorded %d scheduled notices to her today, want 5", n)
		}
		return err
	})
}
