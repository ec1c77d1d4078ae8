package app

import (
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// After "yes, fixed" the reporter may rate the handling on the five-level
// scale; a rating below satisfied reaches the admins without the
// reporter's name, and so does the word added to it. Nobody else can rate.
func TestTicketRatingAfterFixed(t *testing.T) {
	c := newCommunity(t)
	c.tg.SendText(c.wang, c.group, "/report 3栋东边的路灯坏了")
	notice := c.expect(c.leader.ID, "新问题 #1")
	c.tg.Press(c.leader, notice, "tk:claim:1")
	claimed := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool {
		return m.ID == notice.ID && hasButton(m, "tk:res:1")
	}, wait)
	c.tg.Press(c.leader, claimed, "tk:res:1")
	ask := c.expect(c.leader.ID, "做了什么")
	c.tg.SendReply(c.leader, telegramtest.PrivateChat(c.leader), "换了灯泡", ask)
	q := c.expect(c.wang.ID, "问题解决了吗")
	c.tg.Press(c.wang, q, "tk:fb:1:yes")
	rateQ := c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool {
		return m.ID == q.ID && strings.Contains(m.Plain, "您对这次处理满意吗") && hasButton(m, "tk:rate:1:2")
	}, wait)
	for _, label := range []string{"非常满意", "满意", "基本满意", "不满意", "非常不满意"} {
		if !strings.Contains(buttonLabels(rateQ), label) {
			t.Errorf("the scale lacks %s: %v", label, buttonLabels(rateQ))
		}
	}

	// Another resident's forged press rates nothing.
	c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), q.ID, "tk:rate:1:5")
	c.expectAnswer("")
	c.tg.Press(c.wang, rateQ, "tk:rate:1:2")
	rated := c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool {
		return m.ID == q.ID && strings.Contains(m.Plain, "谢谢您的评价：不满意") && hasButton(m, "tk:rword:1")
	}, wait)
	if !strings.Contains(rated.Plain, "已告知社区工作人员") {
		t.Errorf("the reporter is not told that staff know: %q", rated.Plain)
	}
	low := c.expect(c.admin.ID, "was rated “Dissatisfied” by its reporter")
	if strings.Contains(low.Plain, "王阿姨") {
		t.Errorf("the admin's notice names the reporter: %q", low.Plain)
	}
	var got []storage.Rating
	c.db(func(tx *storage.Tx) error {
		var err error
		got, err = tx.RatingsBetween(storage.RatingTicket, c.clock.Now().AddDate(0, 0, -1), c.clock.Now().AddDate(0, 0, 1))
		return err
	})
	if len(got) != 1 || got[0].Ref != 1 || got[0].MemberID != c.wang.ID || got[0].Level != 2 || got[0].Building != "3" {
		t.Fatalf("ratings: %+v", got)
	}

	// The word goes with the rating, and to the admins.
	c.tg.Press(c.wang, rated, "tk:rword:1")
	word := c.expect(c.wang.ID, "您想说一句吗")
	c.tg.SendReply(c.wang, telegramtest.PrivateChat(c.wang), "修了三个星期才来", word)
	c.expect(c.wang.ID, "您的话已和评价一起记下")
	c.expect(c.admin.ID, "修了三个星期才来")
	c.db(func(tx *storage.Tx) error {
		r, err := tx.RatingBy(storage.RatingTicket, 1, c.wang.ID)
		if err == nil && (r.Note != "修了三个星期才来" || r.Level != 2) {
			t.Errorf("rating after the word: %+v", r)
		}
		return err
	})
}
