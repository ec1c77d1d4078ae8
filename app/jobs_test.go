package app

import (
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// The default job: Saturday 2026-03-07 09:00-11:00 in Shanghai, posted in
// both groups; the harness starts on Monday 2026-03-02 17:00 there.
func jobSaturday(c *jobCast, slots string) jobSpec {
	return jobSpec{title: "Clean the E-district lanes", when: "Sat 9:00-11:00", place: "E-district gate",
		team: itoa(c.team), slots: slots, withdraw: "24", chats: []int64{c.group3.ID, c.community.ID}}
}

func TestJobFillsUpWithTheCountEditedInEveryCopy(t *testing.T) {
	c := newJobCast(t, nil)
	id := c.jobCreate(c.lin, jobSaturday(c, "2"))
	chats := []int64{c.lin.ID, c.wang.ID, c.li.ID, c.zhao.ID, c.group3.ID, c.community.ID}
	copies := map[int64]telegramtest.Message{}
	for _, chat := range chats {
		copies[chat] = c.jobCopy(chat, id)
	}
	if !strings.Contains(copies[c.wang.ID].Plain, "已报名 0/2") || !strings.Contains(copies[c.li.ID].Plain, "0/2 signed up") {
		t.Fatalf("copies: %q / %q", copies[c.wang.ID].Plain, copies[c.li.ID].Plain)
	}
	if !strings.Contains(copies[c.li.ID].Plain, "Sat 7 Mar 09:00-11:00") || !strings.Contains(copies[c.wang.ID].Plain, "3月7日（周六） 09:00-11:00") {
		t.Fatalf("times: %q / %q", copies[c.li.ID].Plain, copies[c.wang.ID].Plain)
	}
	if n := len(c.tg.Messages(c.chen.ID)); c.jobCount(c.chen.ID, "Clean the E-district") != 0 {
		t.Fatalf("Chen is not in the team but got the job (%d messages)", n)
	}
	su := "jb:su:" + itoa(id)
	signups := c.tg.Mark()
	c.jobPress(c.wang, copies[c.wang.ID], su, "已报名")
	c.jobPress(c.li, copies[c.group3.ID], su, "You are signed up")
	c.jobPress(c.zhao, copies[c.community.ID], su, "候补")
	c.jobPress(c.wang, copies[c.wang.ID], su, "您已经报名了")
	for _, chat := range chats {
		waiting := "1 waiting"
		if chat == c.wang.ID || chat == c.zhao.ID || chat < 0 {
			waiting = "候补 1 人"
		}
		c.jobCopyShowsSince(signups, copies[chat], []string{"2/2", waiting})
	}
	c.settle()
	for _, chat := range chats {
		if e := c.jobNow(chat, copies[chat].ID).Edits; e > 3 {
			t.Errorf("chat %d: %d edits for 3 changes", chat, e)
		}
	}

	// Li withdraws: 赵 moves up and is told.
	c.jobPress(c.li, copies[c.li.ID], "jb:wd:"+itoa(id), "You withdrew")
	c.expect(c.zhao.ID, "有空位了", "Clean the E-district lanes")
	for _, chat := range chats {
		c.jobCopyShows(copies[chat], []string{"2/2"}, "waiting", "候补")
	}

	// After the deadline (Friday 09:00) 王 cannot withdraw; she is told whom to ask.
	c.jobAt("2026-03-06 09:00")
	c.jobPress(c.wang, copies[c.wang.ID], "jb:wd:"+itoa(id), "请联系组织者 Lin")
	c.db(func(tx *storage.Tx) error {
		list, err := tx.JobSeats(id)
		if got := storage.CountSeats(list); err == nil && got.Signed != 2 {
			t.Errorf("after a refused withdrawal: %+v", got)
		}
		return err
	})
}
