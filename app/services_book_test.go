package app

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// A resident in Chinese finds a service, books a time, is reminded the day
// before and two hours before, moves the booking and cancels it; staff see
// the day's bookings at the desk and mark who came.
func TestServicesBookRemindMoveCancel(t *testing.T) {
	d := newServicesDesk(t, nil)
	// Monday 2 March, 17:00 in the community: the first day offered is
	// Tuesday, the second Wednesday.
	conf := d.svBookFirst(d.wang, "dibao", 1, "社区服务站", "最低生活保障（低保）", "请选一天", "3月4日（周三）：请选一个时间",
		"已预约", "3月4日（周三） 09:00", "地点：社区服务站", "☐ 身份证", "☐ 户口本", "前一天和开始前两小时会提醒您")
	d.answered("预约成功")
	bs := d.svBookings(d.wang.ID)
	if len(bs) != 1 || bs[0].State != storage.BookingBooked || bs[0].Service != "dibao" {
		t.Fatalf("bookings: %+v", bs)
	}

	// The day before at 09:00 local (01:00 UTC), then two hours before.
	d.clock.Set(time.Date(2026, 3, 3, 1, 0, 0, 0, time.UTC))
	d.tick()
	d.expect(d.wang.ID, "⏰ 提醒：您明天 3月4日（周三） 09:00 在社区服务站有预约", "最低生活保障", "☐ 身份证")
	d.clock.Set(time.Date(2026, 3, 3, 23, 0, 0, 0, time.UTC))
	d.tick()
	d.expect(d.wang.ID, "⏰ 提醒：您今天 09:00 在社区服务站有预约", "两小时后开始")

	// Moved to another day: the old seat is free, the new one held.
	d.clock.Set(time.Date(2026, 3, 3, 23, 5, 0, 0, time.UTC))
	d.tg.Press(d.wang, conf, d.buttonWith(conf, "sv:bm:"))
	days := d.expect(d.wang.ID, "请选一天")
	d.tg.Press(d.wang, days, d.buttonWith(days, "sv:bd:dibao:20260305"))
	times := d.expect(d.wang.ID, "3月5日（周四）：请选一个时间")
	d.tg.Press(d.wang, times, d.buttonWith(times, "sv:bt:"))
	moved := d.expect(d.wang.ID, "已改约", "3月5日（周四） 09:00")
	bs = d.svBookings(d.wang.ID)
	if len(bs) != 1 || bs[0].SlotAt.In(shanghai).Day() != 5 {
		t.Fatalf("after the move: %+v", bs)
	}

	// Staff see that day's bookings and mark that she came.
	d.clock.Set(time.Date(2026, 3, 5, 0, 30, 0, 0, time.UTC))
	d.say(d.staff, "/desk")
	desk := d.expect(d.staff.ID, "服务台", "今天的预约（3月5日（周四），共 1 个）", "09:00 · 社区服务站 · 王阿姨 · 最低生活保障")
	d.tg.Press(d.staff, desk, d.buttonWith(desk, "sv:day:"))
	day := d.expect(d.staff.ID, "3月5日（周四）的预约")
	d.tg.Press(d.staff, day, d.buttonWith(day, "sv:kept:"))
	d.answered("已记录")
	d.expect(d.staff.ID, "王阿姨 · 最低生活保障（低保） · 已到")
	if bs := d.svBookings(d.wang.ID); bs[0].State != storage.BookingKept {
		t.Errorf("marked kept: %+v", bs)
	}

	// A new booking, cancelled from /myservices: its reminders go too.
	d.svBookFirst(d.wang, "temporary", 2, "社区服务站", "临时救助", "请选一天", "请选一个时间", "已预约")
	d.say(d.wang, "/myservices")
	my := d.expect(d.wang.ID, "我的预约和申请", "临时救助")
	d.tg.Press(d.wang, my, d.buttonWith(my, "sv:bx:"))
	d.answered("已取消")
	d.expect(d.wang.ID, "已取消")
	var pending []storage.DueItem
	d.db(func(tx *storage.Tx) error {
		var err error
		pending, err = tx.PendingDue("services.booking", "")
		return err
	})
	if len(pending) != 0 {
		t.Errorf("reminders of cancelled bookings still pending: %+v", pending)
	}
	_ = moved
	d.svDump(map[string]int64{"wang": d.wang.ID, "staff": d.staff.ID})
}

// Two residents press the last free place of a slot at the same moment:
// exactly one gets it, the other is told and shown the day again.
func TestServicesLastSlotTakenOnce(t *testing.T) {
	d := newServicesDesk(t, func(c *config.Config) {
		c.Services.OfficeHours = config.OfficeHours{SlotMinutes: 30, PerSlot: 1, DaysAhead: 7, Sessions: []config.OfficeSession{
			{Days: []string{"tue"}, From: "09:00", To: "09:30", PlaceZh: "社区服务站", PlaceEn: "the service station"},
		}}
	})
	wangTimes := d.svOpenTimes(d.wang, "请选一个时间")
	liTimes := d.svOpenTimes(d.li, "please choose a time")
	data := d.buttonWith(wangTimes, "sv:bt:")
	if got := d.buttonWith(liTimes, "sv:bt:"); got != data {
		t.Fatalf("different slots offered: %s, %s", data, got)
	}
	d.act()
	var wg sync.WaitGroup
	for _, p := range []struct {
		u telegramtest.Message
		f func()
	}{
		{wangTimes, func() { d.tg.PressRaw(d.wang, telegramtest.PrivateChat(d.wang), wangTimes.ID, data) }},
		{liTimes, func() { d.tg.PressRaw(d.li, telegramtest.PrivateChat(d.li), liTimes.ID, data) }},
	} {
		wg.Add(1)
		go func(f func()) { defer wg.Done(); f() }(p.f)
	}
	wg.Wait()
	d.tg.WaitCall(t, "answerCallbackQuery", func(c telegramtest.Call) bool {
		s, _ := c.Params["text"].(string)
		return strings.Contains(s, "刚刚被别人约满") || strings.Contains(s, "Someone has just taken")
	}, wait)
	d.tg.WaitCall(t, "answerCallbackQuery", func(c telegramtest.Call) bool {
		s, _ := c.Params["text"].(string)
		return s == "预约成功" || s == "Booked"
	}, wait)
	got := len(d.svBookings(d.wang.ID)) + len(d.svBookings(d.li.ID))
	if got != 1 {
		t.Fatalf("%d bookings of a one-place slot", got)
	}
}

// svOpenTimes walks u to the times of the first day of dibao.
func (d *svDesk) svOpenTimes(u models.User, want string) telegramtest.Message {
	d.t.Helper()
	d.say(u, "/services")
	list := d.tg.WaitMessage(d.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, "sv:o:dibao") }, wait)
	d.tg.Press(u, list, "sv:o:dibao")
	view := d.tg.WaitMessage(d.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, "sv:bk:dibao") }, wait)
	d.tg.Press(u, view, "sv:bk:dibao")
	days := d.tg.WaitMessage(d.t, u.ID, func(m telegramtest.Message) bool { return hasButtonPrefix(m, "sv:bd:") }, wait)
	d.tg.Press(u, days, d.buttonWith(days, "sv:bd:"))
	return d.expect(u.ID, want)
}
