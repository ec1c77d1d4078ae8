package app

import (
	"strings"
	"testing"

	"courtyard/storage"
)

// A date more than two years ahead is refused with the reason, in the
// reader's language, and writes nothing; one more than a year ahead is
// shown with its year wherever the job is shown. Now is Mon 2 Mar 2026.
func TestFarDatesRefusedOrShownWithTheYear(t *testing.T) {
	c := newJobCast(t, nil)
	c.lgWrite(func(tx *storage.Tx) error { return tx.SetTeamLead(c.team, c.wang.ID, true, c.clock.Now()) })
	w, l := c.wang, c.lin

	jfIs(t, c.jfSay(w, "/job"), jfTitleZh, "取消")
	jfIs(t, c.jfSay(w, "清扫E区小巷"), jfWhenZh, "返回 取消")
	jfIs(t, c.jfSay(w, "9999-12-31 09:00-11:00"),
		"这个日期太远了：只能安排两年之内的事，也就是2028年3月2日（周四）之前。请看看年份有没有写错，再回复一次。", "返回 取消")
	if f := c.jfFlow(w); f != "job/when" {
		t.Fatalf("after a far date the flow is %q", f)
	}
	jfIs(t, c.jfSay(w, "取消"), "已取消。需要时再找我。", jfMenuZh)

	jfIs(t, c.jfSay(l, "/job"), jfTitleEn, "Cancel")
	jfIs(t, c.jfSay(l, "Sweep the lanes"), jfWhenEn, "Back Cancel")
	jfIs(t, c.jfSay(l, "2028-03-03 09:00-11:00"),
		"That date is too far ahead: only dates within two years, up to Thu 2 Mar 2028, can be set. Please check the year and reply again.", "Back Cancel")
	jfIs(t, c.jfSay(l, "Cancel"), "Cancelled. I am here when you need me.", jfMenuEn)
	if n := c.jobTotal(); n != 0 {
		t.Fatalf("%d jobs after far dates", n)
	}

	// Eighteen months ahead: read, and the year is on every copy.
	id := c.jobCreate(l, jobSpec{title: "Spring clean", when: "2027-09-05 09:00-11:00", place: "Lane 4", team: itoa(c.team), slots: "4", withdraw: "2", chats: []int64{c.group3.ID}})
	var j storage.Job
	c.db(func(tx *storage.Tx) error {
		var err error
		j, err = tx.Job(id)
		return err
	})
	if !j.Start.Equal(wallAt(t, "2027-09-05 09:00")) {
		t.Fatalf("job starts %v", j.Start)
	}
	if m := c.jobCopy(c.group3.ID, id); !strings.Contains(m.Plain, "2027年9月5日（周日） 09:00-11:00") {
		t.Errorf("the group's copy: %q", m.Plain)
	}
	if m := c.jobCopy(l.ID, id); !strings.Contains(m.Plain, "Sun 5 Sep 2027 09:00-11:00") {
		t.Errorf("Lin's copy: %q", m.Plain)
	}
}
