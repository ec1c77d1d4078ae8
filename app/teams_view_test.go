package app

import (
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

func TestTeamViewAsMemberLeadAndStaffAndLeadsManage(t *testing.T) {
	c := newTeamCast(t)
	// The lead adds 王阿姨 and Li to Elder care: leads may, without staff.
	c.say(c.lead, "/team add Elder care 2001")
	c.expect(c.lead.ID, "王阿姨 已加入 Elder care")
	c.expect(c.wang.ID, "您已加入志愿队伍“Elder care”")
	c.say(c.lead, "/team add Elder care 2002")
	c.expect(c.lead.ID, "Li 已加入 Elder care")
	c.say(c.lead, "/team add Elder care 2002")
	c.expect(c.lead.ID, "Li 已经在 Elder care 里了")

	// A member sees the leads and the count, not the names.
	page := c.teamPage(c.li, "Elder care", "Leads: 林")
	if !strings.Contains(page.Plain, "Members: 3") || strings.Contains(page.Plain, "王阿姨") {
		t.Errorf("member's view: %s", page.Plain)
	}
	if !hasButton(page, "tm:leave:"+itoa(c.care)) || hasButtonPrefix(page, "tm:leads:") {
		t.Errorf("member's buttons: %+v", page.Buttons)
	}
	// The lead and staff see the members by name; only staff get the
	// staff buttons.
	page = c.teamPage(c.lead, "Elder care", "队员（3 人）：王阿姨、Li、林")
	if hasButtonPrefix(page, "tm:leads:") || hasButtonPrefix(page, "tm:arch:") {
		t.Errorf("lead got staff buttons: %+v", page.Buttons)
	}
	staffPage := c.teamPage(c.admin, "Elder care", "Members (3): 王阿姨, Li, 林")
	for _, b := range []string{"tm:leads:", "tm:ren:", "tm:restr:", "tm:arch:", "tm:join:"} {
		if !hasButtonPrefix(staffPage, b) {
			t.Errorf("staff page lacks %s: %+v", b, staffPage.Buttons)
		}
	}
	// A resident who leads nothing may not add or remove, nor press staff
	// buttons, nor see another's hours.
	c.say(c.li, "/team remove Elder care 2001")
	c.expect(c.li.ID, "Only staff and the leads of Elder care may do that")
	c.tg.PressRaw(c.lead, telegramtest.PrivateChat(c.lead), page.ID, "tm:arch:"+itoa(c.care))
	c.teamAnswer("只有工作人员可以这样做")
	// The lead removes 王阿姨.
	c.say(c.lead, "/team remove Elder care 2001")
	c.expect(c.lead.ID, "王阿姨 已退出 Elder care")
	c.expect(c.wang.ID, "您已不在志愿队伍“Elder care”中")
	c.say(c.lead, "/team remove Elder care 2001")
	c.expect(c.lead.ID, "王阿姨 不在 Elder care 里")

	// Staff make Li a second lead with the lead picker.
	c.tg.Press(c.admin, staffPage, "tm:leads:"+itoa(c.care))
	picker := c.expect(c.admin.ID, "Leads of Elder care")
	c.tg.Press(c.admin, picker, "tm:lead:"+itoa(c.care)+":2002")
	c.expect(c.li.ID, `You are now a lead of the volunteer team "Elder care"`)
	c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool {
		return m.ID == picker.ID && m.Buttons[0][0].Text == "★ Li"
	}, wait)
	c.teamPage(c.wang, "Elder care", "队长：Li、林")
	c.say(c.admin, "/team unlead Elder care 3001")
	c.expect(c.admin.ID, "林 no longer leads Elder care (and stays a member)")
	c.db(func(tx *storage.Tx) error {
		leads, err := tx.TeamLeads(c.care)
		if len(leads) != 1 || leads[0].ID != c.li.ID {
			t.Errorf("leads %+v", leads)
		}
		return err
	})

	// Names: over 64 characters, taken, or renamed to by button.
	c.say(c.admin, "/team new "+strings.Repeat("长", 65))
	c.expect(c.admin.ID, "That name has 65 characters; a team's name may have at most 64")
	c.say(c.admin, "/team new elder CARE")
	c.expect(c.admin.ID, `There is already a team called "elder CARE"`)
	c.tg.Press(c.admin, staffPage, "tm:ren:"+itoa(c.care))
	ask := c.expect(c.admin.ID, "Send the new name for Elder care")
	c.tg.SendReply(c.admin, telegramtest.PrivateChat(c.admin), "Sanitation", ask)
	c.expect(c.admin.ID, `There is already a team called "Sanitation"`)
	c.tg.SendReply(c.admin, telegramtest.PrivateChat(c.admin), "Elders' friends", ask)
	c.expect(c.admin.ID, "Elder care is now called Elders' friends")
	if c.teamID("Elders' friends") != c.care {
		t.Error("rename did not stick")
	}
	c.say(c.admin, "/team Nowhere")
	c.expect(c.admin.ID, `There is no team called "Nowhere"`)
}
