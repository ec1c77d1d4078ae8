package app

import (
	"strings"
	"testing"

	"courtyard/storage"
)

// Choosing a visitor: those who may visit are offered as buttons (a
// leader, a volunteer, staff), a word that matches nobody asks again with
// the same buttons, a name typed narrows the list, a press chooses; who
// visits already is not offered again; 取消 / cancel typed ends it.
func TestCareFlowVisitor(t *testing.T) {
	c := newVisCast(t)
	page, h1 := c.visAdd(visHousehold{building: "3", unit: "7-0401", name: "刘秀英", reason: "lives_alone"})
	hint := "\nTap a name, or reply with a name or unit to search."
	ask := "Who should visit? Listed are building leaders, staff and volunteers of a team who registered with the bot."

	// English: by the button.
	pick := c.cfEdit(c.admin, page, "cr:vis:"+itoa(h1), "Visitors of Building 3, unit 7-0401 · 刘秀英 (lives alone)\nTap a name to take them off, or add one:\nNo visitor yet.", "➕ Add a visitor Done")
	who := c.cfPress(c.admin, pick, "cr:va:"+itoa(h1), ask+hint, "Li · 1 林 · 3 | Boss · 1 | Cancel")
	c.cfSay(c.admin, "someone", "Nobody on the list matches “someone”.\n\n"+ask+hint, "Li · 1 林 · 3 | Boss · 1 | Cancel")
	who = c.cfLast(c.admin)
	page = c.visPress(c.admin, who, "fl:care_vis:k:who:"+itoa(c.lin.ID), "cr:vis:", "✅ Saved.", "Visitors: 林", "Boss · assigned visitor 林")
	c.cfNow(c.admin.ID, who.ID, ask+"\nChosen: 林 · 3", "")
	c.expect(c.lin.ID, "您已被指定为社区关爱名单中一户住户的节日走访人")
	// 林 visits already: not offered again; "cancel" typed ends it.
	pick = c.cfEdit(c.admin, page, "cr:vis:"+itoa(h1), "Visitors of Building 3, unit 7-0401 · 刘秀英 (lives alone)\nTap a name to take them off, or add one:", "☑ 林 · 3 | ➕ Add a visitor Done")
	c.cfPress(c.admin, pick, "cr:va:"+itoa(h1), ask+hint, "Li · 1 Boss · 1 | Cancel")
	c.visSay(c.admin, "cancel", "", "Cancelled. I am here when you need me.")

	// Chinese: a name typed narrows the list to Li; 显示全部 shows all.
	zhang := c.cfStaff(1101, "张", "zh")
	zask := "请选择走访人。名单里是已登记的楼长、工作人员和志愿队伍成员。"
	list := c.visSay(zhang, "/care", "cr:v:"+itoa(h1), "关爱名单")
	page = c.visEdited(zhang, list, "cr:v:"+itoa(h1), "记录")
	pick = c.cfEdit(zhang, page, "cr:vis:"+itoa(h1), "走访人：3号楼 7-0401室 · 刘秀英（独居）\n点名字可取消其走访，也可以添加走访人：", "☑ 林 · 3 | ➕ 添加走访人 完成")
	c.cfPress(zhang, pick, "cr:va:"+itoa(h1), zask+"\n点名字选择，也可以回复名字或门牌号查找。", "Li · 1 张 · 2 | Boss · 1 | 取消")
	c.cfSay(zhang, "li", zask+"\n找到 1 位与“li”相符的人，点名字选择：", "Li · 1 | 显示全部 | 取消")
	who = c.cfLast(zhang)
	c.cfEdit(zhang, who, "fl:care_vis:q:who", zask+"\n点名字选择，也可以回复名字或门牌号查找。", "Li · 1 张 · 2 | Boss · 1 | 取消")
	c.cfSay(zhang, "楼上邻居", "没有找到与“楼上邻居”相符的人。\n\n"+zask+"\n点名字选择，也可以回复名字或门牌号查找。", "Li · 1 张 · 2 | Boss · 1 | 取消")
	who = c.cfLast(zhang)
	c.visPress(zhang, who, "fl:care_vis:k:who:"+itoa(c.li.ID), "cr:vis:", "✅ 已保存。", "张 · 指定走访人Li")
	c.expect(c.li.ID, "You are now a holiday visitor")
	// 取消 typed.
	pick = c.cfLookup(zhang, "cr:vis:"+itoa(h1))
	pick = c.visEdited(zhang, pick, "cr:vis:"+itoa(h1), "走访人：3号楼")
	c.cfPress(zhang, pick, "cr:va:"+itoa(h1), zask+"\n点名字选择，也可以回复名字或门牌号查找。", "张 · 2 Boss · 1 | 取消")
	c.visSay(zhang, "取消", "", "已取消。需要时再找我。")
	c.db(func(tx *storage.Tx) error {
		vs, err := tx.HouseholdVisitors(h1)
		if len(vs) != 2 {
			t.Errorf("visitors %+v, want 林 and Li", vs)
		}
		return err
	})
}

// A visit's note: 林 (Chinese) types a note, types a word where a button is
// expected and is asked again, and makes it a ticket by typing 工单; Li
// (English) skips one note with the button, goes back from the choice to
// the note and cancels another by typing.
func TestCareFlowVisitNote(t *testing.T) {
	c := newVisCast(t)
	page1, h1 := c.visAdd(visHousehold{building: "3", unit: "7-0401", name: "刘秀英", reason: "lives_alone"})
	c.visAssign(page1, h1, c.lin.ID)
	page2, h2 := c.visAdd(visHousehold{building: "1", unit: "9-1102", name: "Zhou Family", reason: "disabled"})
	c.visAssign(page2, h2, c.li.ID)
	page3, h3 := c.visAdd(visHousehold{building: "1", unit: "9-0303", name: "Wu", reason: "subsistence"})
	c.visAssign(page3, h3, c.li.ID)
	c.visRound()
	linList := c.expect(c.lin.ID, "刘秀英")
	liList := c.expect(c.li.ID, "Zhou Family", "Wu")
	v1, v2, v3 := c.visVisit(h1), c.visVisit(h2), c.visVisit(h3)
	groupBefore := len(c.tg.Messages(c.g3.ID))

	choice := "转为工单 转为微心愿 | 只保存备注 | 返回 取消"
	c.cfPress(c.lin, linList, "vi:done:"+itoa(v1.ID), "给刘秀英带了什么，或注意到什么？（可选，最多500个字）请直接发送，或点“跳过”。", "跳过 | 取消")
	c.answered("已标记走访，谢谢您！")
	c.cfSay(c.lin, "送了米和油；卫生间的灯坏了", "您的备注：“送了米和油；卫生间的灯坏了”\n要转为工单或微心愿吗？将隐去您的姓名，且不会发到任何群里。", choice)
	c.cfSay(c.lin, "随便", "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n您的备注：“送了米和油；卫生间的灯坏了”\n要转为工单或微心愿吗？将隐去您的姓名，且不会发到任何群里。", choice)
	done := c.visSay(c.lin, "工单", "", "已提交工单", "已隐去您的姓名。不会发到群里。")
	v := c.cfVisit(v1.ID)
	if v.Note != "送了米和油；卫生间的灯坏了" || v.TicketID == 0 || v.VisitedBy != c.lin.ID {
		t.Fatalf("visit %+v", v)
	}
	if !strings.Contains(done.Plain, "#"+itoa(v.TicketID)) {
		t.Errorf("the answer does not name ticket #%d: %q", v.TicketID, done.Plain)
	}
	c.db(func(tx *storage.Tx) error {
		tk, err := tx.Ticket(v.TicketID)
		if tk.Kind != storage.TicketKindReport || !tk.HideName || tk.GroupOutID != 0 || tk.Building != "3" {
			t.Errorf("ticket %+v", tk)
		}
		return err
	})

	// English: Skip by the button.
	c.cfPress(c.li, liList, "vi:done:"+itoa(v2.ID), "What did you bring to Zhou Family, or notice there? (optional, at most 500 characters) Send it, or Skip.", "Skip | Cancel")
	ask := c.cfLast(c.li)
	c.cfPress(c.li, ask, "fl:visit_note:s:note", "Thank you for the visit.", "")
	c.cfNow(c.li.ID, ask.ID, "What did you bring to Zhou Family, or notice there? (optional, at most 500 characters) Send it, or Skip.\nChosen: Skip", "")
	// Back from the choice to the note; "cancel" typed keeps no note.
	liList = c.cfLookup(c.li, "vi:done:"+itoa(v3.ID))
	c.cfPress(c.li, liList, "vi:done:"+itoa(v3.ID), "What did you bring to Wu, or notice there? (optional, at most 500 characters) Send it, or Skip.", "Skip | Cancel")
	c.cfSay(c.li, "rice", "Your note: “rice”\nShould it become a ticket or a micro-wish? It is filed with your name hidden and is not posted in any group.",
		"Make it a ticket Make it a micro-wish | Just keep the note | Back Cancel")
	c.cfSay(c.li, "back", "What did you bring to Wu, or notice there? (optional, at most 500 characters) Send it, or Skip.", "Skip | Cancel")
	c.visSay(c.li, "cancel", "", "Cancelled. I am here when you need me.")
	for _, id := range []int64{v2.ID, v3.ID} {
		if v := c.cfVisit(id); !v.Visited() || v.Note != "" || v.TicketID != 0 {
			t.Errorf("visit %+v", v)
		}
	}
	c.settle()
	if n := len(c.tg.Messages(c.g3.ID)); n != groupBefore {
		t.Errorf("the group got %d messages during the visits", n-groupBefore)
	}
}

// /holidays and /visits read the year in several ways, in both
// languages, and refuse what is no year with an example.
func TestCareFlowYears(t *testing.T) {
	c := newVisCast(t)
	for _, y := range []string{"明年", "2027年", "二〇二七", "２０２７"} {
		c.visSay(c.wang, "/holidays "+y, "", "2027年节日", "2月6日（周六） · 春节", "9月15日（周三） · 中秋节 · 走访")
	}
	c.visSay(c.wang, "/holidays 去年", "", "2025年节日", "1月29日（周三） · 春节")
	c.visSay(c.wang, "/holidays 下辈子", "", "“下辈子”不是可查询的年份：请发送1900至2100之间的年份（例如：2027、明年）。")
	c.visSay(c.admin, "/holidays next year", "", "Holidays 2027", "Wed 15 Sep · Mid-Autumn Festival · visits")
	c.visSay(c.admin, "/holidays Last Year", "", "Holidays 2025", "Mon 6 Oct · Mid-Autumn Festival · visits")
	c.visSay(c.admin, "/holidays someday", "", "“someday” is not a year I can give dates for: send a year from 1900 to 2100 (e.g. 2027, next year).")
	c.visSay(c.admin, "/visits 中秋 明年", "", "🏮 Mid-Autumn Festival 2027 (Wed 15 Sep 2027) · the round starts Wed 8 Sep 2027 09:00")
	c.visSay(c.admin, "/visits next year Mid-Autumn", "", "🏮 Mid-Autumn Festival 2027 (Wed 15 Sep 2027) · the round starts Wed 8 Sep 2027 09:00")
	c.visSay(c.admin, "/visits 2028 spring", "", "🏮 Spring Festival 2028 (Wed 26 Jan 2028) · the round starts Wed 19 Jan 2028 09:00")
	c.visSay(c.admin, "/visits mid_autumn 3000", "", "“3000” is not a year I can give dates for")
}

// cfVisit is visit id as stored.
func (c *visCast) cfVisit(id int64) storage.Visit {
	c.t.Helper()
	var v storage.Visit
	c.db(func(tx *storage.Tx) error {
		var err error
		v, err = tx.Visit(id)
		return err
	})
	return v
}
