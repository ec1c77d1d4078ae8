package app

import (
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
	"courtyard/testkit"
)

// quietOn turns the community's quiet hours on (the test config has them
// off), with jobs reminded ten hours ahead: a Saturday 09:00 job is
// reminded at 23:00 the evening before.
func quietOn(cfg *config.Config) {
	cfg.Notify.QuietHours = "21:30-07:30"
	cfg.Jobs.RemindBefore = []time.Duration{10 * time.Hour}
	cfg.Tickets.UrgentCategories = []string{"safety"}
}

// pendingTo counts the messages to chat waiting in the outbox.
func (h *harness) pendingTo(chat int64) int {
	h.t.Helper()
	n := 0
	h.db(func(tx *storage.Tx) error {
		rows, err := tx.PendingOut(10000)
		for _, m := range rows {
			if m.ChatID == chat {
				n++
			}
		}
		return err
	})
	return n
}

// A routine message to a resident at 23:00 (a job called off) waits for
// the end of the quiet hours and arrives at 07:30, not before; the job's
// reminder, queued for the morning and withdrawn with the job, never
// arrives: the notice is the one message about it.
func TestQuietRoutineWaitsTillMorningAndACancelledJobsReminderIsWithdrawn(t *testing.T) {
	c := newJobCast(t, quietOn)
	id := c.jobCreate(c.lin, jobSaturday(c, "2"))
	c.jobPress(c.wang, c.jobCopy(c.wang.ID, id), "jb:su:"+itoa(id), "已报名")

	c.jobAt("2026-03-06 23:00")
	c.jobTick()
	if n := c.jobCount(c.wang.ID, "⏰"); n != 0 {
		t.Fatalf("a reminder reached 王阿姨 at 23:00 (%d)", n)
	}
	if n := c.pendingTo(c.wang.ID); n != 1 {
		t.Fatalf("%d messages wait for 王阿姨 at 23:00, want the reminder", n)
	}

	c.jobAt("2026-03-06 23:10")
	c.tg.Press(c.lin, c.lookup(c.lin.ID, func(m telegramtest.Message) bool { return hasButton(m, "jb:cx:"+itoa(id)) }), "jb:cx:"+itoa(id))
	ask := c.tg.WaitMessage(t, c.lin.ID, func(m telegramtest.Message) bool { return hasButton(m, "jb:cxy:"+itoa(id)) }, wait)
	c.tg.Press(c.lin, ask, "jb:cxy:"+itoa(id))
	c.expect(c.lin.ID, "Clean the E-district lanes")
	c.settle()
	if n := c.jobCount(c.wang.ID, "已被 Lin 取消"); n != 0 {
		t.Fatalf("the notice reached 王阿姨 at night")
	}

	c.jobAt("2026-03-07 07:29")
	c.jobTick()
	if n := c.jobCount(c.wang.ID, "已被 Lin 取消") + c.jobCount(c.wang.ID, "⏰"); n != 0 {
		t.Fatalf("%d messages reached 王阿姨 before 07:30", n)
	}
	c.jobAt("2026-03-07 07:30")
	c.tick()
	c.expect(c.wang.ID, "❌", "Clean the E-district lanes", "已被 Lin 取消")
	c.settle()
	if n := c.jobCount(c.wang.ID, "⏰"); n != 0 {
		t.Errorf("the withdrawn reminder reached 王阿姨 (%d)", n)
	}
	if n := c.jobCount(c.wang.ID, "已被 Lin 取消"); n != 1 {
		t.Errorf("王阿姨 got %d notices, want 1", n)
	}
	c.db(func(tx *storage.Tx) error {
		counts, err := tx.RefCounts(storage.DueRef("job.remind", itoa(id)+":600"))
		if err == nil && counts[storage.OutFailed] != 1 {
			t.Errorf("reminder rows by state: %v; want one ended as withdrawn", counts)
		}
		return err
	})
}

// At 23:00 a report in an urgent category reaches the building's leader at
// once; a routine one waits for the morning, and so does its line in the
// building's group.
func TestQuietUrgentReportGoesAtOnceRoutineOneAndTheGroupWait(t *testing.T) {
	c := newJobCast(t, quietOn)
	c.jobAt("2026-03-02 23:00")
	c.tg.SendText(c.wang, c.group3, "/report 楼道电线冒火花")
	c.tg.WaitMessage(t, c.lin.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:claim:1") }, wait)
	c.expect(c.group3.ID, "电线冒火花")

	c.jobAt("2026-03-02 23:05")
	c.tg.SendText(c.zhao, telegramtest.PrivateChat(c.zhao), "/report")
	cats := c.tg.WaitMessage(t, c.zhao.ID, func(x telegramtest.Message) bool { return hasButton(x, "tk:cat:lighting") }, wait)
	c.tg.Press(c.zhao, cats, "tk:cat:lighting")
	ask := c.tg.WaitMessage(t, c.zhao.ID, func(x telegramtest.Message) bool { return x.ForceReply }, wait)
	c.tg.SendReply(c.zhao, telegramtest.PrivateChat(c.zhao), "3栋门口路灯不亮", ask)
	choice := c.sendWithoutPhoto(c.zhao)
	c.tg.Press(c.zhao, choice, "tk:nm:show")
	c.expect(c.zhao.ID, "#2")
	c.settle()
	claim2 := func(m telegramtest.Message) bool { return hasButton(m, "tk:claim:2") }
	for _, chat := range []int64{c.lin.ID, c.group3.ID} {
		for _, m := range c.tg.Messages(chat) {
			if claim2(m) || strings.Contains(m.Plain, "路灯不亮") {
				t.Fatalf("the routine report reached chat %d at night: %q", chat, m.Plain)
			}
		}
	}
	c.jobAt("2026-03-03 07:30")
	c.tick()
	c.tg.WaitMessage(t, c.lin.ID, claim2, wait)
	c.expect(c.group3.ID, "路灯不亮")
}

// A night patrol's start reminder, due at 22:00 inside the quiet hours,
// goes out on time.
func TestQuietNightPatrolReminderGoesOnTime(t *testing.T) {
	c := patNewCrew(t, func(cfg *config.Config) { cfg.Notify.QuietHours = "21:30-07:30" })
	tpl := c.patTemplate("0 23 * * *", 120, 1, "east gate")
	c.patPut(c.patShifts(tpl)[0].ID, c.a)
	c.clock.Set(wallAt(t, "2026-03-02 21:59"))
	c.tick()
	c.settle()
	if n := c.patCount(c.a.ID, "Patrol soon"); n != 0 {
		t.Fatalf("reminded before 22:00")
	}
	c.clock.Set(wallAt(t, "2026-03-02 22:00"))
	c.tick()
	c.expect(c.a.ID, "Patrol soon", "23:00")
}

// A reminder held up by an outage past the start of its job is dropped,
// never sent late, and /status counts it.
func TestQuietReminderPastItsJobsStartIsDroppedAndCounted(t *testing.T) {
	c := newJobCast(t, func(cfg *config.Config) { cfg.Jobs.RemindBefore = []time.Duration{2 * time.Hour} })
	id := c.jobCreate(c.lin, jobSaturday(c, "2"))
	c.jobPress(c.wang, c.jobCopy(c.wang.ID, id), "jb:su:"+itoa(id), "已报名")

	c.tg.FailNext("sendMessage", c.wang.ID, telegramtest.Fault{RetryAfter: 3})
	c.jobAt("2026-03-07 07:00")
	c.tick()
	c.tg.WaitCall(t, "sendMessage", func(call telegramtest.Call) bool { return call.Status == 429 }, wait)
	c.jobAt("2026-03-07 09:01")
	ok := testkit.AwaitOK(wait, c.tg.Changed, func() bool {
		late := 0
		c.db(func(tx *storage.Tx) error {
			h, err := tx.OutboxHealth(c.clock.Now())
			late = h.LateLastDay
			return err
		})
		return late == 1
	})
	if !ok {
		t.Fatalf("the late reminder was not dropped\n%s", c.logs.String())
	}
	if n := c.jobCount(c.wang.ID, "⏰"); n != 0 {
		t.Errorf("the reminder went out after the job's start (%d)", n)
	}
	c.say(c.admin, "/status")
	c.expect(c.admin.ID, "Dropped as too late (last 24 hours): 1")
}

// A person chooses their own quiet hours with /quiet: 王阿姨 types hers,
// read by the time parser; Lin turns them off and hears of a routine report
// at 23:05 at once (the group it was made in is answered at once anyway).
func TestQuietPersonChoosesTheirOwnHours(t *testing.T) {
	c := newJobCast(t, quietOn)
	c.say(c.lin, "/quiet")
	m := c.tg.WaitMessage(t, c.lin.ID, func(x telegramtest.Message) bool { return hasButton(x, "qt:off") }, wait)
	if !strings.Contains(m.Plain, "Quiet hours: 21:30-07:30 next day (the community's)") {
		t.Errorf("/quiet shows %q", m.Plain)
	}
	c.tg.Press(c.lin, m, "qt:off")
	c.expect(c.lin.ID, "OK. Quiet hours: off, messages come at any time.")

	c.say(c.wang, "/quiet")
	m = c.tg.WaitMessage(t, c.wang.ID, func(x telegramtest.Message) bool { return hasButton(x, "qt:type") }, wait)
	c.tg.Press(c.wang, m, "qt:type")
	c.expect(c.wang.ID, "请输入免打扰时段")
	c.say(c.wang, "很晚的时候")
	c.expect(c.wang.ID, "没看懂这个时段")
	c.say(c.wang, "晚上11点半到早上6点")
	c.expect(c.wang.ID, "好的。免打扰时段：23:30-次日06:00（您自己设的）。")
	c.db(func(tx *storage.Tx) error {
		q, err := tx.Quiet(c.wang.ID)
		if q != "23:30-06:00" {
			t.Errorf("王阿姨's quiet hours stored as %q", q)
		}
		return err
	})

	c.jobAt("2026-03-02 23:05")
	c.tg.SendText(c.zhao, c.group3, "/report 3栋门口路灯不亮")
	c.tg.WaitMessage(t, c.lin.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:claim:1") }, wait)
	c.settle()
	if n := c.pendingTo(c.group3.ID); n != 0 {
		t.Errorf("%d messages wait for the group; its answer to a report in it goes at once", n)
	}
}

// A job moved while its reminder waits for the morning: the old reminder
// is withdrawn, the change notice is the one message about it, and the
// reminder of the new time comes in its turn.
func TestQuietMovedJobsQueuedReminderGivesWayToTheNotice(t *testing.T) {
	c := newJobCast(t, quietOn)
	id := c.jobCreate(c.lin, jobSaturday(c, "2"))
	c.jobPress(c.wang, c.jobCopy(c.wang.ID, id), "jb:su:"+itoa(id), "已报名")
	c.jobAt("2026-03-06 23:00")
	c.jobTick()

	c.jobAt("2026-03-06 23:10")
	c.tg.Press(c.lin, c.jobManage(id), "jb:mv:"+itoa(id))
	c.tg.WaitMessage(t, c.lin.ID, func(m telegramtest.Message) bool { return hasButton(m, "fl:jobmove:x:when") }, wait)
	c.say(c.lin, "2026-03-08 09:00-11:00")
	ok := c.tg.WaitMessage(t, c.lin.ID, func(m telegramtest.Message) bool { return hasButton(m, "fl:jobmove:y:ok") }, wait)
	c.tg.Press(c.lin, ok, "fl:jobmove:y:ok")
	c.expect(c.lin.ID, "told 1 person")
	c.settle()

	c.jobAt("2026-03-07 07:30")
	c.tick()
	c.expect(c.wang.ID, "时间改为 3月8日（周日） 09:00-11:00")
	c.settle()
	if n := c.jobCount(c.wang.ID, "⏰"); n != 0 {
		t.Fatalf("the reminder of the old time reached 王阿姨 (%d)", n)
	}
	c.jobAt("2026-03-07 23:00")
	c.jobTick()
	c.jobAt("2026-03-08 07:30")
	c.tick()
	c.expect(c.wang.ID, "⏰", "3月8日（周日） 09:00-11:00")
}
