package app

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
)

// visSecret is a piece of care-list text and whose household it is; a
// staff note is for staff alone.
type visSecret struct {
	text      string
	household int // 1, 2 or 3
	staffOnly bool
}

// Every care-list flow, then every request the bot made: no care-list text
// in a group, in a button's answer, or in the private chat of anyone but
// staff and that household's own visitor (never a staff note).
func TestVisitsCareLeakNothing(t *testing.T) {
	c := newVisCast(t)
	secrets := []visSecret{
		{"刘秀英", 1, false}, {"7-0401", 1, false}, {"13800001111", 1, false}, {"13900002222", 1, false}, {"钥匙在邻居家KEY", 1, true},
		{"Zhou Family", 2, false}, {"9-1102", 2, false}, {"zhou@example.org", 2, false}, {"after hip surgery", 2, false}, {"STAFFONLY-ZHOU", 2, true},
		{"Wu Archived", 3, false}, {"5-0505", 3, false}, {"wu-contact-55", 3, false}, {"NOTE-WU", 3, true},
	}
	visitorOf := map[int]int64{1: c.lin.ID, 2: c.li.ID}

	// Add, edit, assign, unassign, archive, restore.
	page1, h1 := c.visAdd(visHousehold{building: "3", unit: "7-0401", name: "刘秀英", reason: "lives_alone", contact: "13800001111", notes: "钥匙在邻居家KEY"})
	page1 = c.visAssign(page1, h1, c.lin.ID)
	page1 = c.visEdited(c.admin, page1, "cr:vis:"+itoa(h1), "Visitors of")
	page1 = c.visEdited(c.admin, page1, "cr:v:"+itoa(h1), "Record")
	page2, h2 := c.visAdd(visHousehold{building: "1", unit: "9-1102", name: "Zhou Family", reason: "subsistence", contact: "zhou@example.org", notes: "STAFFONLY-ZHOU"})
	page3, h3 := c.visAdd(visHousehold{building: "2", unit: "5-0505", name: "Wu Archived", reason: "disabled", contact: "wu-contact-55", notes: "NOTE-WU"})

	// Edit H1's contact, H2's reason (other, typed), H3's notes (cleared)
	// and building; visitors by the picker and by @username; archive.
	c.visPress(c.admin, page1, "cr:e:"+itoa(h1)+":contact", "fl:care:s:contact", "contact")
	c.visSay(c.admin, "13900002222", "cr:vis:", "Saved", "13900002222")
	q := c.visPress(c.admin, page2, "cr:e:"+itoa(h2)+":reason", "fl:care:o:reason:", "Why")
	c.visPress(c.admin, q, "fl:care:o:reason:other", "", "few words")
	page2 = c.visSay(c.admin, "after hip surgery", "cr:vis:", "Saved", "after hip surgery")
	pick := c.visEdited(c.admin, page2, "cr:vis:"+itoa(h2), "Visitors of")
	c.visPress(c.admin, pick, "cr:va:"+itoa(h2), "fl:care_vis:k:", "Who should visit?")
	c.visSay(c.admin, "@livol", "cr:vis:", "Saved", "Visitors: Li")
	q = c.visPress(c.admin, page3, "cr:e:"+itoa(h3)+":notes", "fl:care:s:notes", "Notes")
	page3 = c.visPress(c.admin, q, "fl:care:s:notes", "cr:vis:", "Saved")
	q = c.visPress(c.admin, page3, "cr:e:"+itoa(h3)+":building", "fl:care:o:building:", "Which building")
	page3 = c.visPress(c.admin, q, "fl:care:o:building:E12", "cr:vis:", "Building E12")
	page3 = c.visAssign(page3, h3, c.lin.ID)
	page3 = c.visEdited(c.admin, page3, "cr:vis:"+itoa(h3), "Visitors of")
	page3 = c.visEdited(c.admin, page3, "cr:vt:"+itoa(h3)+":"+itoa(c.lin.ID), "Visitors of")
	page3 = c.visEdited(c.admin, page3, "cr:v:"+itoa(h3), "Record")
	page3 = c.visEdited(c.admin, page3, "cr:x:"+itoa(h3), "Archive this household?")
	page3 = c.visEdited(c.admin, page3, "cr:xy:"+itoa(h3), "Archived: not in visit rounds")
	page3 = c.visEdited(c.admin, page3, "cr:x:"+itoa(h3), "Record")
	page3 = c.visEdited(c.admin, page3, "cr:x:"+itoa(h3), "Archive this household?")
	c.visEdited(c.admin, page3, "cr:xy:"+itoa(h3), "Archived: not in visit rounds")
	arch := c.visSay(c.admin, "/care", "cr:arch", "2 households")
	c.visEdited(c.admin, arch, "cr:arch", "Care list: archived", "1 household")

	// Everywhere else: /care in the group, by a resident, forged presses.
	c.tg.SendText(c.admin, c.g3, "/care")
	c.tg.SendText(c.wang, c.g3, "/care")
	c.tg.SendText(c.admin, c.g3, "/stats 2026-09")
	c.tg.SendText(c.admin, c.g3, "/visits")
	c.say(c.wang, "/care")
	c.say(c.wang, "/visits mid_autumn")
	for _, data := range []string{"cr:v:" + itoa(h1), "cr:vis:" + itoa(h2), "cr:list", "cr:arch", "cr:e:" + itoa(h1) + ":notes"} {
		c.tg.PressRaw(c.wang, telegramtest.PrivateChat(c.wang), c.visLast(c.wang.ID), data)
		c.tg.PressRaw(c.lin, c.g3, c.visLast(c.g3.ID), data)
		c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), c.visLast(c.li.ID), data)
	}

	// The round: lists, Visited, notes, a ticket and a wish; the reminder.
	c.visRound()
	linList := c.expect(c.lin.ID, "刘秀英")
	liList := c.expect(c.li.ID, "Zhou Family")
	v1, v2 := c.visVisit(h1), c.visVisit(h2)
	for _, u := range []models.User{c.wang, c.li} {
		c.tg.PressRaw(u, telegramtest.PrivateChat(u), c.visLast(u.ID), "vi:done:"+itoa(v1.ID))
	}
	c.tg.PressRaw(c.lin, c.g3, c.visLast(c.g3.ID), "vi:done:"+itoa(v1.ID))
	c.visPress(c.lin, linList, "vi:done:"+itoa(v1.ID), "fl:visit_note:s:note", "刘秀英")
	noted := c.visSay(c.lin, "送了米和油；卫生间的灯坏了", "fl:visit_note:o:file:report", "您的备注")
	c.visPress(c.lin, noted, "fl:visit_note:o:file:report", "", "已提交工单")
	c.visPress(c.li, liList, "vi:done:"+itoa(v2.ID), "fl:visit_note:s:note", "Zhou Family")
	noted = c.visSay(c.li, "the child would like picture books", "fl:visit_note:o:file:wish", "Your note")
	c.visPress(c.li, noted, "fl:visit_note:o:file:wish", "", "Micro-wish")
	c.say(c.wang, "/ticket 1")
	c.say(c.wang, "/ticket 2")
	c.say(c.admin, "/visits")
	c.say(c.admin, "/export 2026-09")
	c.say(c.admin, "/stats 2026-09")
	c.clock.Advance(visAt(t, "2026-09-22 09:00").Sub(c.clock.Now()))
	c.tick()
	c.expect(c.admin.ID, "🏮 Mid-Autumn Festival is on Fri 25 Sep: every household on the list (2 households) has been visited.")
	c.settle()

	// Every request the bot made.
	calls := c.tg.Calls("")
	checked := 0
	for _, call := range calls {
		chat := int64(0)
		if id, ok := call.Params["chat_id"].(float64); ok {
			chat = int64(id)
		}
		raw, _ := json.Marshal(call.Params)
		blob := string(raw)
		for _, v := range call.Params {
			if u, ok := v.(telegramtest.Upload); ok {
				blob += string(u.Data)
			}
		}
		checked++
		for _, s := range secrets {
			if !strings.Contains(blob, s.text) {
				continue
			}
			ok := chat == c.admin.ID || (chat != 0 && !s.staffOnly && visitorOf[s.household] == chat)
			if !ok {
				t.Errorf("%s to chat %d carries %q (household %d):\n%s", call.Method, chat, s.text, s.household, limit(blob, 600))
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d requests checked", checked)
	}
	// And the visitors did get their own households.
	for _, want := range []struct {
		chat int64
		text string
	}{{c.lin.ID, "13900002222"}, {c.li.ID, "after hip surgery"}} {
		found := false
		for _, m := range c.tg.Messages(want.chat) {
			found = found || strings.Contains(m.Plain, want.text)
		}
		if !found {
			t.Errorf("chat %d never got %q", want.chat, want.text)
		}
	}
}

func limit(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
