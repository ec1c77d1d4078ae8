package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// A staff member speaking Chinese adds a household by typing only: a word
// where a building button is expected asks again, 3号楼 picks building 3,
// a reason is typed as its words, contact is skipped with 跳过; at the
// confirm 修改 goes back to the reason, and a reason without words drops
// the words typed before; a typed number picks what to change. 取消
// typed ends another addition with nothing filed.
func TestCareFlowHouseholdZh(t *testing.T) {
	c := newVisCast(t)
	zhang := c.cfStaff(1101, "张", "zh")
	c.visSay(zhang, "/care", "cr:new", "关爱名单")
	q := c.cfPress(zhang, c.cfLast(zhang), "cr:new", "住户住在哪栋楼？", "1 2 3 E12 | 取消")
	c.cfSay(zhang, "楼下那户", "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n住户住在哪栋楼？", "1 2 3 E12 | 取消")
	c.cfSay(zhang, "3号楼", "已选：3\n\n房号（最多16个字）：", "返回 取消")
	c.cfSay(zhang, "7-0401", "住户姓名（走访人看到的称呼，最多64个字）：", "返回 取消")
	c.cfSay(zhang, "刘秀英", "需要关爱的原因？", "独居 残疾 低保 留守儿童 | 其他 | 返回 取消")
	c.cfSay(zhang, "不知道", "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n需要关爱的原因？", "独居 残疾 低保 留守儿童 | 其他 | 返回 取消")
	c.cfSay(zhang, "其他", "已选：其他\n\n请简单说明原因（最多100个字）：", "返回 取消")
	c.cfSay(zhang, "行动不便", "联系方式（电话、亲属等，可不填，最多100个字）：", "跳过 | 返回 取消")
	c.cfSay(zhang, "跳过", "已选：跳过\n\n仅供工作人员查看的备注（走访人看不到，可不填，最多500个字）：", "跳过 | 返回 取消")
	c.cfSay(zhang, "钥匙在邻居家", "把这户加入关爱名单吗？\n\n3号楼 7-0401室 · 刘秀英（行动不便）\n工作人员备注：钥匙在邻居家", "确定 修改 取消")
	c.cfNoHousehold("before the confirm")

	// 修改: the reason, now one without words; the rest stands.
	c.cfSay(zhang, "修改", "要修改哪一项？", "楼栋 房号 姓名 关爱原因 | 原因说明 联系方式 备注 | 返回 取消")
	c.cfSay(zhang, "关爱原因", "需要关爱的原因？", "独居 残疾 低保 留守儿童 | 其他 | 返回 取消")
	c.cfSay(zhang, "独居", "已选：独居\n\n把这户加入关爱名单吗？\n\n3号楼 7-0401室 · 刘秀英（独居）\n工作人员备注：钥匙在邻居家", "确定 修改 取消")
	// The building, by its number in the list of what to change.
	c.cfSay(zhang, "改", "要修改哪一项？", "楼栋 房号 姓名 关爱原因 | 联系方式 备注 | 返回 取消")
	q = c.cfSay(zhang, "1", "住户住在哪栋楼？", "1 2 3 E12 | 取消")
	c.cfPress(zhang, q, "fl:care:o:building:E12", "把这户加入关爱名单吗？\n\nE12号楼 7-0401室 · 刘秀英（独居）\n工作人员备注：钥匙在邻居家", "确定 修改 取消")
	c.cfNow(zhang.ID, q.ID, "住户住在哪栋楼？\n已选：E12", "")
	page := c.visSay(zhang, "好的", "cr:vis:", "✅ 已添加住户。", "E12号楼 7-0401室 · 刘秀英（独居）", "工作人员备注：钥匙在邻居家", "尚未指定走访人。", "9月16日（周三） 12:00 · 张 · 添加")
	if strings.Contains(page.Plain, "行动不便") || strings.Contains(page.Plain, "联系方式") {
		t.Errorf("the page keeps an answer that was changed or skipped: %q", page.Plain)
	}
	h := c.cfHousehold("刘秀英")
	if h.Building != "E12" || h.Unit != "7-0401" || h.Reason != "lives_alone" || h.ReasonText != "" || h.Contact != "" || h.Notes != "钥匙在邻居家" || h.CreatedBy != zhang.ID {
		t.Errorf("household stored %+v", h)
	}

	// Typed 取消 ends another addition; nothing is filed and what is typed
	// next is no longer an answer.
	c.visSay(zhang, "/care", "cr:new", "关爱名单")
	c.cfPress(zhang, c.cfLast(zhang), "cr:new", "住户住在哪栋楼？", "1 2 3 E12 | 取消")
	c.cfSay(zhang, "2", "已选：2\n\n房号（最多16个字）：", "返回 取消")
	c.visSay(zhang, "取消", "", "已取消。需要时再找我。")
	c.visSay(zhang, "5-0505", "", "没太明白")
	c.db(func(tx *storage.Tx) error {
		hs, err := tx.Households(false)
		if len(hs) != 1 {
			t.Errorf("households after the cancel: %+v", hs)
		}
		return err
	})

	// Changing a field: the reason, by its number, then its words.
	page = c.cfLookup(zhang, "cr:e:"+itoa(h.ID)+":reason")
	c.cfPress(zhang, page, "cr:e:"+itoa(h.ID)+":reason", "需要关爱的原因？", "独居 残疾 低保 留守儿童 | 其他 | 取消")
	c.cfSay(zhang, "5", "已选：其他\n\n请简单说明原因（最多100个字）：", "返回 取消")
	c.visSay(zhang, "腿脚不便", "cr:vis:", "✅ 已保存。", "E12号楼 7-0401室 · 刘秀英（腿脚不便）", "张 · 修改：关爱原因")

	// Archiving asks first, with the answer words; 取消 keeps it.
	page = c.cfLookup(zhang, "cr:x:"+itoa(h.ID))
	ask := c.cfEdit(zhang, page, "cr:x:"+itoa(h.ID), "归档这户吗？归档后不再参加节日走访；记录会保留，可以随时恢复。", "确定 取消")
	c.visEdited(zhang, ask, "cr:v:"+itoa(h.ID), "E12号楼 7-0401室", "记录")
	if c.cfHousehold("刘秀英").Archived {
		t.Fatal("archived without 确定")
	}
	ask = c.cfEdit(zhang, ask, "cr:x:"+itoa(h.ID), "归档这户吗？归档后不再参加节日走访；记录会保留，可以随时恢复。", "确定 取消")
	c.visEdited(zhang, ask, "cr:xy:"+itoa(h.ID), "🗄 已归档：不参加节日走访。", "张 · 归档")
	c.answered("✅ 已保存。")
	if !c.cfHousehold("刘秀英").Archived {
		t.Error("not archived after 确定")
	}
	c.visSay(zhang, "/visits", "", "🏮 中秋节 2026 · 节日：9月25日（周五） · 走访开始：9月18日（周五） 09:00")
}

// In English, with buttons and typed words mixed: a word where a button
// is expected asks again, "building 3" and a reason's number are read, a
// note is skipped with the button; Change at the confirm goes to the unit
// and the rest stands. A field is cleared with its Clear it; archiving
// asks first; "cancel" typed ends an addition.
func TestCareFlowHouseholdEn(t *testing.T) {
	c := newVisCast(t)
	c.visSay(c.admin, "/care", "cr:new", "Care list")
	c.cfPress(c.admin, c.cfLast(c.admin), "cr:new", "Which building does the household live in?", "1 2 3 E12 | Cancel")
	c.cfSay(c.admin, "the blue one", "Please tap one of the buttons below, or reply with the words on it.\n\nWhich building does the household live in?", "1 2 3 E12 | Cancel")
	c.cfSay(c.admin, "Building 3", "Chosen: 3\n\nThe unit (room number), at most 16 characters:", "Back Cancel")
	c.cfSay(c.admin, "9-1102", "The household's name, as visitors should know it (at most 64 characters):", "Back Cancel")
	reasons := "lives alone | disabled | subsistence allowance | left-behind child | other | Back Cancel"
	c.cfSay(c.admin, "Zhou Family", "Why do they need care?", reasons)
	c.cfSay(c.admin, "sad", "Please tap one of the buttons below, or reply with the words on it.\n\nWhy do they need care?", reasons)
	c.cfSay(c.admin, "2", "Chosen: disabled\n\nA contact (phone, a relative), optional, at most 100 characters:", "Skip | Back Cancel")
	q := c.cfSay(c.admin, "13800001111", "Notes for staff only (visitors never see them), optional, at most 500 characters:", "Skip | Back Cancel")
	confirm := c.cfPress(c.admin, q, "fl:care:s:notes", "Add this household to the care list?\n\nBuilding 3, unit 9-1102 · Zhou Family (disabled)\nContact: 13800001111", "Confirm Change Cancel")
	c.cfNow(c.admin.ID, q.ID, "Notes for staff only (visitors never see them), optional, at most 500 characters:\nChosen: Skip", "")

	which := c.cfEdit(c.admin, confirm, "fl:care:c:ok", "What would you like to change?", "Building Unit | Name Why | Contact Notes | Back Cancel")
	c.cfPress(c.admin, which, "fl:care:w:ok:unit", "The unit (room number), at most 16 characters:", "Back Cancel")
	c.cfNow(c.admin.ID, which.ID, "Changing: Unit", "")
	c.cfSay(c.admin, "9-1103", "Add this household to the care list?\n\nBuilding 3, unit 9-1103 · Zhou Family (disabled)\nContact: 13800001111", "Confirm Change Cancel")
	confirm = c.cfLast(c.admin)
	page := c.visPress(c.admin, confirm, "fl:care:y:ok", "cr:vis:", "✅ Household added.", "Building 3, unit 9-1103 · Zhou Family (disabled)", "Contact: 13800001111", "No visitor yet.", "Wed 16 Sep 12:00 · Boss · added it")
	c.cfNow(c.admin.ID, confirm.ID, "Add this household to the care list?\n\nBuilding 3, unit 9-1103 · Zhou Family (disabled)\nContact: 13800001111", "")
	h := c.cfHousehold("Zhou Family")
	if h.Building != "3" || h.Unit != "9-1103" || h.Reason != "disabled" || h.Contact != "13800001111" || h.Notes != "" {
		t.Errorf("household stored %+v", h)
	}

	// Clear the contact: Clear it, typed.
	c.cfPress(c.admin, page, "cr:e:"+itoa(h.ID)+":contact", "A contact (phone, a relative), optional, at most 100 characters:", "Clear it | Cancel")
	page = c.visSay(c.admin, "clear it", "cr:vis:", "✅ Saved.", "Building 3, unit 9-1103 · Zhou Family (disabled)", "Boss · changed: Contact")
	if strings.Contains(page.Plain, "13800001111") || c.cfHousehold("Zhou Family").Contact != "" {
		t.Errorf("the contact is still there: %q", page.Plain)
	}

	// Archive: Cancel keeps it, Confirm archives it.
	ask := c.cfEdit(c.admin, page, "cr:x:"+itoa(h.ID), "Archive this household? It leaves the visit rounds; its record is kept, and Restore brings it back.", "Confirm Cancel")
	page = c.visEdited(c.admin, ask, "cr:v:"+itoa(h.ID), "Building 3, unit 9-1103", "Record")
	ask = c.cfEdit(c.admin, page, "cr:x:"+itoa(h.ID), "Archive this household? It leaves the visit rounds; its record is kept, and Restore brings it back.", "Confirm Cancel")
	page = c.visEdited(c.admin, ask, "cr:xy:"+itoa(h.ID), "🗄 Archived: not in visit rounds.", "Boss · archived it")
	// Restore needs no confirm.
	c.visEdited(c.admin, page, "cr:x:"+itoa(h.ID), "Boss · restored it")
	if c.cfHousehold("Zhou Family").Archived {
		t.Error("still archived after Restore")
	}

	// "cancel" typed at the name: nothing filed.
	c.visSay(c.admin, "/care", "cr:new", "Care list")
	q = c.cfPress(c.admin, c.cfLast(c.admin), "cr:new", "Which building does the household live in?", "1 2 3 E12 | Cancel")
	c.cfPress(c.admin, q, "fl:care:o:building:1", "The unit (room number), at most 16 characters:", "Back Cancel")
	c.cfSay(c.admin, "1-0101", "The household's name, as visitors should know it (at most 64 characters):", "Back Cancel")
	c.visSay(c.admin, "Cancel", "", "Cancelled. I am here when you need me.")
	c.db(func(tx *storage.Tx) error {
		hs, err := tx.Households(false)
		if len(hs) != 1 {
			t.Errorf("households after the cancel: %+v", hs)
		}
		return err
	})
}

// cfStaff registers a person in building 2 and makes them staff.
func (c *visCast) cfStaff(id int64, name, lang string) models.User {
	c.t.Helper()
	u := c.user(id, name, lang)
	c.register(u, "2", "2"+itoa(id%100))
	c.say(c.admin, "/grant "+itoa(id)+" staff")
	c.expect(c.admin.ID, name)
	return u
}

// cfHousehold is the household named name, archived or not.
func (c *visCast) cfHousehold(name string) storage.Household {
	c.t.Helper()
	var out storage.Household
	c.db(func(tx *storage.Tx) error {
		for _, archived := range []bool{false, true} {
			hs, err := tx.Households(archived)
			if err != nil {
				return err
			}
			for _, h := range hs {
				if h.Name == name {
					out = h
				}
			}
		}
		return nil
	})
	if out.ID == 0 {
		c.t.Fatalf("no household %s", name)
	}
	return out
}

// cfNoHousehold checks that nothing was filed yet.
func (c *visCast) cfNoHousehold(when string) {
	c.t.Helper()
	c.db(func(tx *storage.Tx) error {
		hs, err := tx.Households(false)
		if len(hs) != 0 {
			c.t.Errorf("filed %s: %+v", when, hs)
		}
		return err
	})
}

// cfLookup is the newest message to u with a button data.
func (c *visCast) cfLookup(u models.User, data string) telegramtest.Message {
	c.t.Helper()
	ms := c.tg.Messages(u.ID)
	for i := len(ms) - 1; i >= 0; i-- {
		if hasButton(ms[i], data) {
			return ms[i]
		}
	}
	c.t.Fatalf("no message to %d has the button %q", u.ID, data)
	return telegramtest.Message{}
}
