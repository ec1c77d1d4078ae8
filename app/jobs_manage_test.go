package app

import (
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// jobManage returns the organiser's message with the job's Cancel and
// Change time buttons.
func (c *jobCast) jobManage(id int64) telegramtest.Message {
	c.t.Helper()
	return c.lookup(c.lin.ID, func(m telegramtest.Message) bool { return hasButton(m, "jb:cx:"+itoa(id)) })
}

func TestJobCancelTellsEveryoneAndStopsReminders(t *testing.T) {
	c := newJobCast(t, nil)
	id := c.jobCreate(c.lin, jobSaturday(c, "4"))
	group := c.jobCopy(c.group3.ID, id)
	c.jobPress(c.wang, c.jobCopy(c.wang.ID, id), "jb:su:"+itoa(id), "已报名")
	c.jobPress(c.li, c.jobCopy(c.li.ID, id), "jb:su:"+itoa(id), "signed up")

	// Someone else cannot cancel it, even with a forged press.
	c.jobForge(c.wang, telegramtest.PrivateChat(c.wang), group.ID, "jb:cxy:"+itoa(id), "只有活动组织者")

	c.tg.Press(c.lin, c.jobManage(id), "jb:cx:"+itoa(id))
	ask := c.tg.WaitMessage(c.t, c.lin.ID, func(m telegramtest.Message) bool { return hasButton(m, "jb:cxy:"+itoa(id)) }, wait)
	c.tg.Press(c.lin, ask, "jb:cxy:"+itoa(id))
	c.expect(c.lin.ID, "Cancelled \"Clean the E-district lanes\"; told 2 people.")
	c.expect(c.wang.ID, "已被 Lin 取消")
	c.expect(c.li.ID, "was cancelled by Lin")
	c.jobCopyShows(group, []string{"已取消", "Clean the E-district lanes"})
	c.jobForge(c.zhao, c.group3, group.ID, "jb:su:"+itoa(id), "这个活动已取消")

	c.jobAt("2026-03-07 07:30")
	c.jobTick()
	if n := c.jobCount(c.wang.ID, "⏰") + c.jobCount(c.li.ID, "⏰"); n != 0 {
		t.Errorf("%d reminders for a cancelled job", n)
	}
	if n := c.jobCount(c.lin.ID, "people:"); n != 0 {
		t.Errorf("%d short-of-people alerts for a cancelled job", n)
	}
}

func TestJobChangeOfTimeTellsEveryoneAndLetsThemWithdraw(t *testing.T) {
	c := newJobCast(t, nil)
	id := c.jobCreate(c.lin, jobSaturday(c, "4"))
	wangCopy := c.jobCopy(c.wang.ID, id)
	c.jobPress(c.wang, wangCopy, "jb:su:"+itoa(id), "已报名")
	c.jobPress(c.li, c.jobCopy(c.li.ID, id), "jb:su:"+itoa(id), "signed up")

	c.tg.Press(c.lin, c.jobManage(id), "jb:mv:"+itoa(id))
	c.tg.WaitMessage(c.t, c.lin.ID, func(m telegramtest.Message) bool {
		return hasButton(m, "fl:jobmove:x:when") && containsAll(m.Plain, "New time for", "When?")
	}, wait)
	c.say(c.lin, "2026-03-08 09:00-11:00")
	ok := c.tg.WaitMessage(c.t, c.lin.ID, func(m telegramtest.Message) bool { return hasButton(m, "fl:jobmove:y:ok") }, wait)
	if !containsAll(ok.Plain, "Clean the E-district lanes", "to Sun 8 Mar 09:00-11:00? Everyone signed up or waiting will be told.") {
		t.Errorf("confirmation: %q", ok.Plain)
	}
	c.tg.Press(c.lin, ok, "fl:jobmove:y:ok")
	c.expect(c.lin.ID, "is now Sun 8 Mar 09:00-11:00; told 2 people.")
	notice := c.expect(c.wang.ID, "时间改为 3月8日（周日） 09:00-11:00")
	c.expect(c.li.ID, "changed: now Sun 8 Mar 09:00-11:00")
	c.jobCopyShows(wangCopy, []string{"3月8日（周日）", "时间已更改"})

	// No reminder at the old time; the new one comes.
	c.jobAt("2026-03-06 09:00")
	c.jobTick()
	if n := c.jobCount(c.li.ID, "⏰"); n != 0 {
		t.Errorf("%d reminders at the old time", n)
	}
	c.jobAt("2026-03-07 09:00")
	c.jobTick()
	c.expect(c.li.ID, "⏰ Reminder", "Sun 8 Mar 09:00-11:00")

	// Past the new deadline the usual Withdraw is refused, the notice's works.
	c.jobPress(c.wang, wangCopy, "jb:wd:"+itoa(id), "退出已于")
	c.jobPress(c.wang, notice, "jb:wdx:"+itoa(id), "已退出")
	c.db(func(tx *storage.Tx) error {
		list, err := tx.JobSeats(id)
		if got := storage.CountSeats(list); err == nil && got.Signed != 1 {
			t.Errorf("after withdrawing: %+v", got)
		}
		return err
	})
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !stringsContains(s, p) {
			return false
		}
	}
	return true
}
