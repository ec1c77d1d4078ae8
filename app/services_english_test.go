package app

import (
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// A resident in English books a time, applies for a certificate with a
// photo, is asked for a missing document in English by a Chinese-speaking
// staff member and answers with a photo, is told each step, is approved,
// consents to the care list, rates the service and is reminded of the
// review.
func TestServicesApprovedInEnglish(t *testing.T) {
	d := newServicesDesk(t, func(c *config.Config) {
		c.Services.Catalogue = config.DefaultServices()
		for i := range c.Services.Catalogue {
			if c.Services.Catalogue[i].Key == "certificate" {
				c.Services.Catalogue[i].Steps = append(c.Services.Catalogue[i].Steps, config.ServiceText{Zh: "已盖章", En: "stamped"})
				c.Services.Catalogue[i].ReviewMonths, c.Services.Catalogue[i].CareOffer = 1, true
			}
		}
	})
	d.svBookFirst(d.li, "certificate", 0, "Community service station", "Certificates", "please choose a day", "Tue 3 Mar: please choose a time",
		"Booked", "When: Tue 3 Mar 09:00", "Where: the community service station", "☐ ID card", "reminded the day before")

	d.say(d.li, "/services")
	list := d.expect(d.li.ID, "Community service station")
	d.tg.Press(d.li, list, "sv:o:certificate")
	view := d.expect(d.li.ID, "Certificates", "Usually done within 3 days.")
	d.tg.Press(d.li, view, "sv:ap:certificate")
	whom := d.expect(d.li.ID, "who in your household")
	d.tg.Press(d.li, whom, "fl:sv_apply:o:whom:self")
	d.expect(d.li.ID, "How many people")
	d.say(d.li, "1")
	d.expect(d.li.ID, "phone number")
	d.say(d.li, "13700000000")
	d.expect(d.li.ID, "describe your situation")
	d.say(d.li, "I need a proof of residence for my new job")
	d.expect(d.li.ID, "Please check your application")
	d.say(d.li, "ok")
	d.expect(d.li.ID, "Now please send a photo of each document")
	d.tg.SendPhoto(d.li, telegramtest.PrivateChat(d.li), "")
	d.expect(d.li.ID, "Photo 1 received")
	d.say(d.li, "done")
	d.expect(d.li.ID, "are in: 1 photo.")

	// The Chinese-speaking staff member asks for a document; Li reads it in English.
	d.say(d.staff, "/desk 1")
	cv := d.expect(d.staff.ID, "申请 #1（保密）", "各类证明开具")
	d.tg.Press(d.staff, cv, "sv:rq:1")
	d.expect(d.staff.ID, "还缺什么材料")
	d.say(d.staff, "租房合同 rental contract")
	ask := d.expect(d.li.ID, "Your application #1 (Certificates) needs one more document: 租房合同 rental contract", "Please send a photo of it here.")
	d.tg.Press(d.li, ask, "sv:doc:1")
	d.expect(d.li.ID, "Please send a photo of \"租房合同 rental contract\" for application #1")
	d.tg.SendPhoto(d.li, telegramtest.PrivateChat(d.li), "")
	d.expect(d.li.ID, "Photo 2 received")
	d.expect(d.staff.ID, "申请 #1 补交了材料")
	d.say(d.li, "done")
	d.tg.Press(d.staff, cv, "sv:st:1")
	d.expect(d.li.ID, "Your application #1 (Certificates) has moved on: it is now at \"stamped\".")

	d.tg.Press(d.staff, cv, "sv:dc:1")
	oc := d.expect(d.staff.ID, "审核结果是")
	d.tg.Press(d.staff, oc, "fl:sv_decide:o:outcome:approve")
	d.expect(d.staff.ID, "批准说明")
	d.say(d.staff, "请到服务站领取证明 collect it at the station")
	d.expect(d.staff.ID, "确认吗")
	d.say(d.staff, "确定")
	d.expect(d.li.ID, "🎉 Your application #1 (Certificates) is approved.", "collect it at the station")
	care := d.expect(d.li.ID, "care list", "Would you like that?")
	rate := d.expect(d.li.ID, "Were you satisfied with the service?")
	d.expect(d.li.ID, "is reviewed regularly; the next review is around Thu 2 Apr")
	d.tg.Press(d.li, care, "sv:care:1:y")
	d.expect(d.li.ID, "your household is on the community's care list")
	d.tg.Press(d.li, rate, "sv:rate:1:4")
	d.expect(d.li.ID, "Thank you for rating application #1: Satisfied.")
	if c := d.svCase(1); c.State != storage.CaseApproved {
		t.Errorf("case: %+v", c)
	}

	// Two weeks before the review, Li and his staff member hear of it.
	d.clock.Set(time.Date(2026, 3, 19, 9, 30, 0, 0, time.UTC))
	d.tick()
	d.expect(d.li.ID, "Reminder: your application #1 (Certificates) is reviewed on Thu 2 Apr")
	d.expect(d.staff.ID, "申请 #1（各类证明开具）将在 4月2日（周四） 复核")
	d.svDump(map[string]int64{"li": d.li.ID})
}
