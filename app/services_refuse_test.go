package app

import (
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// A resident in English applies for temporary assistance with a sentence
// and a photo; the case passes its usual days (its staff member is
// alerted once, all staff a week later); it is refused with a reason,
// which he is told with what he can do next.
func TestServicesRefusedInEnglishWithOverdueAlerts(t *testing.T) {
	d := newServicesDesk(t, nil)
	d.say(d.li, "/services")
	list := d.expect(d.li.ID, "Community service station")
	d.tg.Press(d.li, list, "sv:o:temporary")
	view := d.expect(d.li.ID, "Temporary assistance", "What to bring:", "☐ ID card", "Usually done within 15 days.")
	d.tg.Press(d.li, view, "sv:ap:temporary")
	whom := d.expect(d.li.ID, "who in your household is it for")
	d.say(d.li, "my grandson")
	d.expect(d.li.ID, "How many people live in your household")
	d.say(d.li, "2")
	d.expect(d.li.ID, "Please leave a phone number")
	d.say(d.li, "+86 139-0000-1111")
	d.expect(d.li.ID, "describe your situation")
	d.say(d.li, "Our flat flooded and we lost the furniture")
	d.expect(d.li.ID, "Please check your application", "For: my grandson", "Household: 2", "Phone: 8613900001111", "Our flat flooded")
	d.say(d.li, "yes")
	d.expect(d.li.ID, "Application #1 (Temporary assistance) received.", "Usually done within 15 days.")
	d.expect(d.li.ID, "Now please send a photo of each document")
	d.say(d.li, "what documents?")
	d.expect(d.li.ID, "Only document photos go here")
	d.tg.SendPhoto(d.li, telegramtest.PrivateChat(d.li), "")
	done := d.expect(d.li.ID, "Photo 1 received")
	d.tg.Press(d.li, done, "sv:doc:1:end")
	d.expect(d.li.ID, "The documents of application #1 are in: 1 photo.")
	_ = whom

	// Taken by the admin; past 15 days only he hears, a week later all staff.
	d.say(d.admin, "/desk 1")
	cv := d.expect(d.admin.ID, "Application #1 (confidential)", "Applicant: Li (3-301) · for: my grandson · household of 2")
	d.tg.Press(d.admin, cv, "sv:as:1")
	pick := d.expect(d.admin.ID, "Who handles application #1?")
	d.tg.Press(d.admin, pick, "sv:as:1:"+itoa(adminID))
	d.expect(d.admin.ID, "Handled by: Boss · received Mon 2 Mar · usual time 15 days")
	d.clock.Set(time.Date(2026, 3, 17, 9, 5, 0, 0, time.UTC))
	d.tick()
	d.expect(d.admin.ID, "⏰ Application #1 (Temporary assistance) was received 15 days ago, past its usual time (15 days).")
	staffSince := d.mark()
	d.clock.Set(time.Date(2026, 3, 24, 9, 10, 0, 0, time.UTC))
	d.tick()
	d.expect(d.staff.ID, "⏰ 申请 #1（临时救助）已受理 22 天，超过了一般办理时限（15 天）。")
	d.expect(d.admin.ID, "was received 22 days ago")
	for _, m := range d.tg.MessagesSince(staffSince, d.staff.ID) {
		if strings.Contains(m.Plain, "已受理 15 天") {
			t.Errorf("the first alert went to staff too: %q", m.Plain)
		}
	}
	d.clock.Set(time.Date(2026, 4, 24, 9, 10, 0, 0, time.UTC))
	d.tick()
	for _, m := range d.tg.MessagesSince(d.mark(), d.admin.ID) {
		if strings.Contains(m.Plain, "past its usual time") {
			t.Errorf("a third alert: %q", m.Plain)
		}
	}

	// Refused: he is told the reason and what he can do.
	d.say(d.admin, "/desk 1")
	cv = d.expect(d.admin.ID, "Application #1 (confidential)")
	d.tg.Press(d.admin, cv, "sv:dc:1")
	oc := d.expect(d.admin.ID, "what is the decision?")
	d.tg.Press(d.admin, oc, "fl:sv_decide:o:outcome:refuse")
	d.expect(d.admin.ID, "Please write the reason for the refusal")
	d.say(d.admin, "Insurance already covered the damage")
	d.expect(d.admin.ID, "Application #1: ✖ Refuse", "Reason: Insurance already covered the damage")
	d.say(d.admin, "yes")
	d.expect(d.li.ID, "Your application #1 (Temporary assistance) was not approved this time.", "Reason: Insurance already covered the damage", "What you can do")
	d.expect(d.admin.ID, "Application #1 is recorded as not approved; Li was told.")
	rate := d.expect(d.li.ID, "Application #1 (Temporary assistance) is done. Were you satisfied")
	d.tg.Press(d.li, rate, "sv:rate:1:2")
	rated := d.expect(d.li.ID, "Thank you for rating application #1: Dissatisfied.", "The staff lead has been told")
	d.expect(d.admin.ID, "The applicant of #1 (Temporary assistance) rated it \"Dissatisfied\". See /desk 1.")
	d.tg.Press(d.li, rated, "sv:rword:1")
	d.expect(d.li.ID, "Would you like to add a word")
	d.say(d.li, "Nobody called me back for two weeks")
	d.expect(d.li.ID, "your words are kept with your rating")
	d.expect(d.admin.ID, "rated it \"Dissatisfied\": Nobody called me back for two weeks")
	for _, m := range d.tg.Messages(d.staff.ID) {
		if strings.Contains(m.Plain, "Nobody called me back") {
			t.Errorf("a low rating reached staff who are not admins: %q", m.Plain)
		}
	}
	if c := d.svCase(1); c.State != storage.CaseRefused || c.DecidedAt.IsZero() {
		t.Errorf("case: %+v", c)
	}
	// A decided case takes no more steps.
	d.tg.PressRaw(d.admin, telegramtest.PrivateChat(d.admin), cv.ID, "sv:st:1")
	d.answered("Application #1 is already decided.")
	d.say(d.li, "/myservices")
	d.expect(d.li.ID, "#1 Temporary assistance: not approved (sent Mon 2 Mar)", "Note: Insurance already covered the damage")
	d.svDump(map[string]int64{"li": d.li.ID, "admin": d.admin.ID})
}

// Only staff read a case: a resident, the applicant himself, a leader, a
// forged button or a group get the same refusal, and nothing of it.
func TestServicesCaseReadByStaffOnly(t *testing.T) {
	d := newServicesDesk(t, nil)
	d.svApplyQuick(d.wang, "秘密情况说明")
	since := d.mark()
	for _, u := range []struct {
		name string
		id   int64
	}{{"wang", d.wang.ID}, {"li", d.li.ID}, {"leader", d.leader.ID}} {
		user := d.user(u.id, "", "")
		d.tg.PressRaw(user, telegramtest.PrivateChat(user), 1, "sv:c:1")
		d.tg.WaitCall(t, "answerCallbackQuery", func(c telegramtest.Call) bool { return c.Params["text"] != "" }, wait)
		d.say(user, "/desk 1")
		d.tg.WaitMessage(t, u.id, func(m telegramtest.Message) bool { return m.Plain != "" }, wait)
	}
	d.tg.SendText(d.wang, d.group, "/desk 1")
	d.tg.SendText(d.admin, d.group, "/desk 1")
	d.expect(d.group.ID, "")
	for _, chat := range []int64{d.wang.ID, d.li.ID, d.leader.ID, d.group.ID} {
		for _, m := range d.tg.MessagesSince(since, chat) {
			if strings.Contains(m.Plain, "秘密情况说明") || strings.Contains(m.Plain, "13800001111") {
				t.Errorf("chat %d got the case: %q", chat, m.Plain)
			}
		}
	}
}

// svApplyQuick files an application for dibao by u, in Chinese, and
// ends the photos.
func (d *svDesk) svApplyQuick(u models.User, situation string) {
	d.t.Helper()
	d.say(u, "/services")
	list := d.expect(u.ID, "社区服务站")
	d.tg.Press(u, list, "sv:o:dibao")
	view := d.expect(u.ID, "最低生活保障")
	d.tg.Press(u, view, "sv:ap:dibao")
	whom := d.expect(u.ID, "为家里的谁申请")
	d.tg.Press(u, whom, "fl:sv_apply:o:whom:self")
	d.expect(u.ID, "几口人")
	d.say(u, "2")
	d.expect(u.ID, "电话")
	d.say(u, "13800001111")
	d.expect(u.ID, "情况")
	d.say(u, situation)
	d.expect(u.ID, "请核对申请")
	d.say(u, "确定")
	d.expect(u.ID, "请现在把申请")
	d.tg.SendPhoto(u, telegramtest.PrivateChat(u), "")
	d.expect(u.ID, "已收到第 1 张照片")
	d.say(u, "好了")
	d.expect(u.ID, "材料已收好")
}
