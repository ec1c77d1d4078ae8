package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// Bad input on the care list: /care in a group or by a resident, fields
// over their limits, a visitor who is not a member or neither a leader nor
// a volunteer. Each is refused in the person's language; nothing changes.
func TestVisitsCareBadInput(t *testing.T) {
	c := newVisCast(t)
	// In a group: a deep link to the private chat that says nothing more.
	last := c.visLast(c.g3.ID)
	c.tg.SendText(c.admin, c.g3, "/care")
	m := c.visNext(c.g3.ID, last, "")
	if len(m.Buttons) != 1 || !strings.HasSuffix(m.Buttons[0][0].URL, "?start=care") || strings.Contains(m.Plain, "关爱") {
		t.Errorf("/care in a group: %q %+v", m.Plain, m.Buttons)
	}
	c.tg.SendText(c.wang, c.g3, "/care")
	c.visNext(c.g3.ID, m.ID, "", "/care")
	// A resident in private.
	c.visSay(c.wang, "/care", "", "/care")
	c.visSay(c.wang, "/visits", "", "/visits")
	c.visSay(c.admin, "/start care", "cr:new", "Care list")
	// /help and the menus: staff see the three commands, residents /holidays.
	c.visSay(c.admin, "/help", "", "/care — The care list", "/visits — Holiday visits", "/holidays — The year's holidays")
	help := c.visSay(c.wang, "/help", "", "/holidays — 全年节日")
	if strings.Contains(help.Plain, "/care") || strings.Contains(help.Plain, "/visits") {
		t.Errorf("a resident's /help offers the care list: %q", help.Plain)
	}

	// Fields over their limits: refused, the question stands, nothing filed.
	list := c.visSay(c.admin, "/care", "cr:new", "Care list")
	q := c.visPress(c.admin, list, "cr:new", "fl:care:o:building:", "Which building")
	c.visPress(c.admin, q, "fl:care:o:building:3", "", "unit")
	c.visSay(c.admin, strings.Repeat("1", 17), "", "Unit: that has 17 characters; at most 16", "Nothing was saved")
	c.visSay(c.admin, "7-0401", "", "name")
	c.visSay(c.admin, strings.Repeat("刘", 65), "", "Name: that has 65 characters; at most 64")
	c.visSay(c.admin, "刘秀英", "fl:care:o:reason:", "Why")
	r := c.visSay(c.admin, "lonely", "fl:care:o:reason:", "Please tap one of the buttons below", "Why do they need care?")
	c.visPress(c.admin, r, "fl:care:o:reason:other", "", "few words")
	c.visSay(c.admin, strings.Repeat("x", 101), "", "Why: that has 101 characters; at most 100")
	c.visSay(c.admin, "after a fall", "fl:care:s:contact", "contact")
	c.visSay(c.admin, strings.Repeat("8", 101), "", "Contact: that has 101 characters; at most 100")
	c.visSay(c.admin, "13800001111", "fl:care:s:notes", "Notes")
	c.visSay(c.admin, strings.Repeat("注", 501), "", "Notes: that has 501 characters; at most 500")
	c.db(func(tx *storage.Tx) error {
		hs, err := tx.Households(false)
		if len(hs) != 0 {
			t.Errorf("filed before the last answer: %+v", hs)
		}
		return err
	})
	c.visSay(c.admin, "钥匙在邻居家", "fl:care:y:ok", "Add this household", "after a fall", "13800001111", "钥匙在邻居家")
	page := c.visSay(c.admin, "yes", "cr:vis:", "Household added", "after a fall", "13800001111", "钥匙在邻居家")
	var id int64
	c.db(func(tx *storage.Tx) error {
		hs, err := tx.Households(false)
		if len(hs) == 1 {
			id = hs[0].ID
		}
		return err
	})

	// Visitors: someone unknown, a resident, then a leader by @username.
	pick := c.visEdited(c.admin, page, "cr:vis:"+itoa(id), "Visitors of")
	who := c.visPress(c.admin, pick, "cr:va:"+itoa(id), "fl:care_vis:k:", "Who should visit?")
	c.visSay(c.admin, "@nobody", "fl:care_vis:k:", "Nobody on the list matches “@nobody”", "Who should visit?")
	c.visSay(c.admin, "2001", "fl:care_vis:k:", "Nobody on the list matches “2001”", "Who should visit?")
	c.tg.PressRaw(c.admin, telegramtest.PrivateChat(c.admin), who.ID, "fl:care_vis:k:who:2001") // not offered: forged
	c.visAnswered("That person is not on the list")
	c.tg.PressRaw(c.admin, telegramtest.PrivateChat(c.admin), pick.ID, "cr:vt:"+itoa(id)+":2001") // not offered: forged
	c.visAnswered("neither a building leader nor a volunteer")
	c.visSay(c.admin, "@linlead", "cr:vis:", "Saved", "Visitors: 林")
	c.db(func(tx *storage.Tx) error {
		vs, err := tx.HouseholdVisitors(id)
		if len(vs) != 1 || vs[0].ID != c.lin.ID {
			t.Errorf("visitors %+v", vs)
		}
		return err
	})
}

// Forged presses: a Visited, a ticket or a care-list button pressed by
// someone not entitled, or from a group, is refused and changes nothing.
func TestVisitsForgedPresses(t *testing.T) {
	c := newVisCast(t)
	page1, h1 := c.visAdd(visHousehold{building: "3", unit: "7-0401", name: "刘秀英", reason: "lives_alone"})
	c.visAssign(page1, h1, c.lin.ID)
	page2, h2 := c.visAdd(visHousehold{building: "1", unit: "9-1102", name: "Zhou Family", reason: "disabled"})
	c.visAssign(page2, h2, c.li.ID)
	c.visRound()
	c.expect(c.li.ID, "Zhou Family")
	v1, v2 := c.visVisit(h1), c.visVisit(h2)

	press := func(u models.User, inGroup bool, data, want string) {
		t.Helper()
		chat := telegramtest.PrivateChat(u)
		if inGroup {
			chat = c.g3
		}
		c.tg.PressRaw(u, chat, c.visLast(chat.ID), data)
		c.visAnswered(want)
	}
	press(c.wang, false, "vi:done:"+itoa(v1.ID), "这不是您负责的走访")
	press(c.li, false, "vi:done:"+itoa(v1.ID), "This visit is not yours")
	press(c.admin, false, "vi:done:"+itoa(v1.ID), "This visit is not yours")
	press(c.lin, true, "vi:done:"+itoa(v1.ID), "这不是您负责的走访")
	press(c.wang, false, "vi:done:99999", "这不是您负责的走访")
	press(c.li, false, "vi:tk:"+itoa(v1.ID), "This button no longer works")
	press(c.wang, false, "cr:v:"+itoa(h1), "只有工作人员")
	press(c.wang, false, "cr:x:"+itoa(h1), "只有工作人员")
	press(c.li, false, "cr:vt:"+itoa(h2)+":"+itoa(c.li.ID), "Only staff")
	press(c.admin, true, "cr:v:"+itoa(h1), "Only staff")
	// The note is a conversation now: its old buttons do nothing.
	press(c.li, false, "vi:tk:"+itoa(v2.ID), "This button no longer works")
	press(c.li, false, "fl:visit_note:o:file:report", "This button no longer works")
	c.settle()
	c.db(func(tx *storage.Tx) error {
		for _, id := range []int64{v1.ID, v2.ID} {
			v, err := tx.Visit(id)
			if err != nil {
				return err
			}
			if v.Visited() || v.TicketID != 0 {
				t.Errorf("visit %d changed by a forged press: %+v", id, v)
			}
		}
		h, err := tx.Household(h1)
		if h.Archived {
			t.Error("archived by a forged press")
		}
		return err
	})
	// The real visitor's press works.
	list := c.lookup(c.lin.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "刘秀英") })
	c.tg.Press(c.lin, list, "vi:done:"+itoa(v1.ID))
	c.visAnswered("已标记走访")
	c.tg.PressRaw(c.lin, telegramtest.PrivateChat(c.lin), list.ID, "vi:done:"+itoa(v1.ID))
	c.visAnswered("已标记为已走访")

	// A household added and given a visitor after the round began joins it.
	page3, h3 := c.visAdd(visHousehold{building: "1", unit: "9-0303", name: "Late Family", reason: "subsistence"})
	c.visAssign(page3, h3, c.li.ID)
	c.expect(c.li.ID, "Mid-Autumn Festival visits", "2 households for you", "Zhou Family", "Late Family")
	c.visVisit(h3)
}
