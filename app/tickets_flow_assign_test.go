package app

import (
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/storage"
)

// flowTeam makes a volunteer of building 3 (Xu, English) and puts them in
// a team named name, created by the admin.
func (c *community) flowTeam(name string) models.User {
	c.t.Helper()
	vol := c.user(4001, "Xu", "en")
	c.register(vol, "3", "202")
	c.say(c.admin, "/team new "+name)
	c.expect(c.admin.ID, "created")
	c.say(c.admin, "/team add "+name+" 4001")
	c.expect(c.admin.ID, "Xu joined "+name)
	return vol
}

// The leader gives a ticket by buttons: a word typed at the choice asks
// it again, Back from the person list returns to it and a team is
// chosen; then a person is chosen by button; 取消 ends it.
func TestTicketFlowAssignByButtons(t *testing.T) {
	c := newCommunity(t)
	vol := c.flowTeam("保洁队")
	c.tg.SendText(c.wang, c.group, "/report 楼道灯不亮")
	c.expect(c.group.ID, "#1 · 照明 · 3 栋")

	c.say(c.leader, "/assign 1")
	q := c.expect(c.leader.ID, "派给谁")
	flowIs(t, q, "#1 · 照明 · 3 栋 派给谁？点一个队伍，或者点“某个人”从名单里选。", "某个人 保洁队 | 取消")
	c.say(c.leader, "随便")
	q = c.expect(c.leader.ID, "派给谁")
	flowIs(t, q, "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n#1 · 照明 · 3 栋 派给谁？点一个队伍，或者点“某个人”从名单里选。",
		"某个人 保洁队 | 取消")
	c.flowPress(c.leader, q, "某个人")
	p := c.expect(c.leader.ID, "点名字选择")
	flowIs(t, p, "#1 · 照明 · 3 栋 派给谁？\n点名字选择，也可以回复名字或门牌号查找。", "林 · 楼栋长 Xu · 保洁队 | Boss · 管理员 | 返回 取消")
	// Back, and the team typed by its name instead.
	c.say(c.leader, "返回")
	q = c.expect(c.leader.ID, "派给谁")
	flowIs(t, q, "#1 · 照明 · 3 栋 派给谁？点一个队伍，或者点“某个人”从名单里选。", "某个人 保洁队 | 取消")
	c.say(c.leader, "保洁队")
	c.expect(c.leader.ID, "#1 已派给队伍 保洁队，队员可以认领。")
	c.expect(vol.ID, "A ticket for 保洁队: #1 · Lighting · building 3")
	if tk := c.ticket(1); tk.TeamID == 0 || tk.AssigneeID != 0 || tk.State != storage.TicketOpen {
		t.Fatalf("after the team: %+v", tk)
	}
	c.flowNone(c.leader)

	// A person by button.
	c.say(c.leader, "/assign 1")
	q = c.expect(c.leader.ID, "派给谁")
	c.flowPress(c.leader, q, "某个人")
	p = c.expect(c.leader.ID, "点名字选择")
	c.flowPress(c.leader, p, "Xu · 保洁队")
	c.expect(c.leader.ID, "#1 已派给 Xu。")
	c.expect(vol.ID, "A ticket for you: #1 · Lighting · building 3")
	if tk := c.ticket(1); tk.AssigneeID != vol.ID || tk.State != storage.TicketClaimed {
		t.Fatalf("after the person: %+v", tk)
	}

	// Cancelled by typing.
	c.say(c.leader, "/assign 1")
	c.expect(c.leader.ID, "派给谁")
	c.say(c.leader, "取消")
	c.expect(c.leader.ID, "已取消。需要时再找我。")
	c.flowNone(c.leader)
	if tk := c.ticket(1); tk.AssigneeID != vol.ID {
		t.Fatalf("cancelled, yet: %+v", tk)
	}
}

// /assign alone asks for the number; a word and a ticket the leader may
// not give are asked again; a name typed narrows the list.
func TestTicketFlowAssignAsksTheNumber(t *testing.T) {
	c := newCommunity(t)
	c.flowTeam("保洁队")
	c.tg.SendText(c.wang, c.group, "/report 楼道灯不亮")
	c.expect(c.group.ID, "#1 · 照明 · 3 栋")

	c.say(c.leader, "/assign")
	flowIs(t, c.expect(c.leader.ID, "要派哪张工单"), "要派哪张工单？请回复工单号，例如 12。", "取消")
	c.say(c.leader, "那个路灯")
	flowIs(t, c.expect(c.leader.ID, "要派哪张工单"), "要派哪张工单？请回复工单号，例如 12。", "取消")
	c.say(c.leader, "99")
	flowIs(t, c.expect(c.leader.ID, "没有找到 #99"), "没有找到 #99，或者您没有查看它的权限。\n要派哪张工单？请回复工单号，例如 12。", "取消")
	c.say(c.leader, "#1")
	q := c.expect(c.leader.ID, "派给谁")
	flowIs(t, q, "#1 · 照明 · 3 栋 派给谁？点一个队伍，或者点“某个人”从名单里选。", "某个人 保洁队 | 返回 取消")
	c.say(c.leader, "1") // the first button
	p := c.expect(c.leader.ID, "点名字选择")
	flowIs(t, p, "已选：某个人\n\n#1 · 照明 · 3 栋 派给谁？\n点名字选择，也可以回复名字或门牌号查找。", "林 · 楼栋长 Xu · 保洁队 | Boss · 管理员 | 返回 取消")
	c.say(c.leader, "王")
	p = c.expect(c.leader.ID, "没有找到与“王”相符的人")
	flowIs(t, p, "没有找到与“王”相符的人。\n\n#1 · 照明 · 3 栋 派给谁？\n点名字选择，也可以回复名字或门牌号查找。", "林 · 楼栋长 Xu · 保洁队 | Boss · 管理员 | 返回 取消")
	c.say(c.leader, "xu")
	p = c.expect(c.leader.ID, "找到 1 位")
	flowIs(t, p, "#1 · 照明 · 3 栋 派给谁？\n找到 1 位与“xu”相符的人，点名字选择：", "Xu · 保洁队 | 显示全部 | 返回 取消")
	c.flowPress(c.leader, p, "Xu · 保洁队")
	c.expect(c.leader.ID, "#1 已派给 Xu。")
}

// In English, from the ticket's details: a typed word asks again, the
// person is chosen by typing the option and pressing a name; "cancel"
// typed ends another.
func TestTicketFlowAssignInEnglish(t *testing.T) {
	c := newCommunity(t)
	c.flowTeam("Sanitation")
	c.tg.SendText(c.wang, c.group, "/report 楼道灯不亮")
	c.expect(c.group.ID, "#1 · 照明 · 3 栋")

	c.say(c.admin, "/ticket 1")
	d := c.expect(c.admin.ID, "#1 · Lighting · building 3", "History")
	c.flowPress(c.admin, d, "Dispatch")
	q := c.expect(c.admin.ID, "To whom")
	flowIs(t, q, "To whom should #1 · Lighting · building 3 go? Tap a team, or “A person” to choose from the list.", "A person Sanitation | Cancel")
	c.say(c.admin, "later")
	q = c.expect(c.admin.ID, "To whom")
	flowIs(t, q, "Please tap one of the buttons below, or reply with the words on it.\n\nTo whom should #1 · Lighting · building 3 go? Tap a team, or “A person” to choose from the list.",
		"A person Sanitation | Cancel")
	c.say(c.admin, "a person")
	p := c.expect(c.admin.ID, "Tap a name")
	flowIs(t, p, "Chosen: A person\n\nTo whom should #1 · Lighting · building 3 go?\nTap a name, or reply with a name or unit to search.",
		"林 · building leader Xu · Sanitation | Boss · administrator | Back Cancel")
	c.flowPress(c.admin, p, "林 · building leader")
	c.expect(c.admin.ID, "#1 is dispatched to 林.")
	c.expect(c.leader.ID, "派给您的工单：#1 · 照明 · 3 栋")
	if tk := c.ticket(1); tk.AssigneeID != c.leader.ID {
		t.Fatalf("after the person: %+v", tk)
	}

	c.say(c.admin, "/assign 1")
	c.expect(c.admin.ID, "To whom")
	c.say(c.admin, "Cancel")
	c.expect(c.admin.ID, "Cancelled. I am here when you need me.")
	c.flowNone(c.admin)
}
