package app

import (
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
)

// Staff publicise a notice of their own (how a repair fund was spent) to
// one group for three days: previewed first, posted with its objection
// link, and edited to "ended" with a summary to staff when the days are
// over; an objection after the end is turned away.
func TestServicesNoticeOfItsOwn(t *testing.T) {
	d := newServicesDesk(t, nil)
	d.say(d.staff, "/desk")
	desk := d.expect(d.staff.ID, "服务台")
	d.tg.Press(d.staff, desk, "sv:np")
	d.expect(d.staff.ID, "请写下要公示的内容")
	d.say(d.staff, "3号楼维修基金支出：更换单元门 4800 元")
	days := d.expect(d.staff.ID, "公示几天")
	d.tg.Press(d.staff, days, "fl:sv_notice:o:days:3")
	where := d.expect(d.staff.ID, "发到哪些群")
	d.tg.Press(d.staff, where, "fl:sv_notice:o:where:"+itoa(d.group.ID))
	d.expect(d.staff.ID, "预览", "发到：3号楼", "3号楼维修基金支出：更换单元门 4800 元", "公示期至 3月5日（周四）")
	if n := len(d.tg.Messages(d.group.ID)); n != 1 {
		t.Fatalf("the group got %d messages before the notice was confirmed", n)
	}
	d.say(d.staff, "确定")
	d.expect(d.staff.ID, "公示 #1 已发到 1 个群，公示期至 3月5日（周四）")
	notice := d.expect(d.group.ID, "📣 公示", "更换单元门 4800 元", "公示期至 3月5日（周四）")
	if !strings.Contains(urlWith(notice, "start=obj_1"), "obj_1") {
		t.Fatalf("no objection link: %+v", notice.Buttons)
	}
	d.clock.Set(time.Date(2026, 3, 5, 16, 0, 0, 0, time.UTC))
	d.tick()
	d.tg.WaitMessage(t, d.group.ID, func(m telegramtest.Message) bool {
		return m.ID == notice.ID && strings.HasSuffix(m.Plain, "【公示已结束】") && len(m.Buttons) == 0
	}, wait)
	d.expect(d.staff.ID, "公示 #1 已结束，共收到 0 条异议")
	d.say(d.wang, "/start obj_1")
	d.expect(d.wang.ID, "这条公示已经结束了")
}
