package app

import (
	"testing"

	"courtyard/storage"
)

// pfOffer lays out a night template, puts Ann on tomorrow's shift and
// today's, and brings her to the question whom to offer tomorrow's to:
// the update of that last press comes back with the shifts.
func pfOffer(t *testing.T, lang string) (*patCrew, storage.PatrolShift, storage.PatrolShift, int64) {
	t.Helper()
	var upd int64
	c := pfCrew(t, lang) // Monday 2026-03-02 17:00 in Shanghai
	shs := c.patShifts(c.patTemplate("0 20 * * *", 180, 2, map[string]string{"en": "east gate", "zh": "东门"}[lang]))
	c.patPut(shs[0].ID, c.a)
	c.patPut(shs[1].ID, c.a)
	upd = c.say(c.a, "/shifts")
	list := c.patWait(c.a, 0, "", "pt:offer:"+patSID(shs[1]))
	upd = c.tg.Press(c.a, list, "pt:offer:"+patSID(shs[1]))
	choice := c.patWait(c.a, list.ID, "", "pt:offm:"+patSID(shs[1]))
	upd = c.tg.Press(c.a, choice, "pt:offm:"+patSID(shs[1]))
	return c, shs[0], shs[1], upd
}

// In English: a word typed at the members' buttons matches nobody and
// asks again with them; a tap offers the shift; typed "cancel" ends a
// second offer, and /found.
func TestPatrolOfferFlowEnglish(t *testing.T) {
	c, today, tomorrow, upd := pfOffer(t, "en")
	const label = "Night patrol · tomorrow 20:00-23:00 · east gate"
	ask := "To which team member do you offer " + label + "?"
	hint := "\nTap a name, or reply with a name or unit to search."
	c.pfExpect(upd, c.a, ask+hint+"\tLena Bo | Cy Di | Cancel")
	upd = c.say(c.a, "tomorrow")
	c.pfExpect(upd, c.a, "Nobody on the list matches “tomorrow”.\n\n"+ask+hint+"\tLena Bo | Cy Di | Cancel")
	upd = c.pfTap(c.a, "Di")
	c.pfExpect(upd, c.a, ask+"\nChosen: Di", "Offered "+label+" to Di. You stay on it until they take it.")
	c.pfExpect(upd, c.d, "Ann asks you to take their place on "+label+".\tTake it")
	if d := c.patDuty(tomorrow.ID); d[c.a.ID].State != storage.DutyOn {
		t.Fatalf("Ann left before anyone took it: %+v", d)
	}

	upd = c.say(c.a, "/shifts")
	list := c.patWait(c.a, 0, "", "pt:offer:"+patSID(today))
	upd = c.tg.Press(c.a, list, "pt:offer:"+patSID(today))
	choice := c.patWait(c.a, list.ID, "", "pt:offm:"+patSID(today))
	upd = c.tg.Press(c.a, choice, "pt:offm:"+patSID(today))
	c.pfExpect(upd, c.a, "To which team member do you offer Night patrol · today 20:00-23:00 · east gate?"+hint+"\tLena Bo | Cy Di | Cancel")
	upd = c.say(c.a, "cancel")
	c.pfExpect(upd, c.a, "Cancelled. I am here when you need me.\t*")
	if f := c.pfFlow(c.a); f != "" {
		t.Fatalf("flow after cancelling: %q", f)
	}

	c.patAt("2026-03-02 19:45")
	upd = c.say(c.a, "/found")
	c.pfExpect(upd, c.a, "What did you find near east gate? Describe it in a sentence; a photo or a location is welcome.")
	upd = c.say(c.a, "cancel")
	c.pfExpect(upd, c.a, "Cancelled. I am here when you need me.\t*")
	pfNoTickets(t, c)
}

// In Chinese: a name typed narrows the members to one, who is tapped; 取消
// typed ends a second offer, and /found.
func TestPatrolOfferFlowChinese(t *testing.T) {
	c, today, _, upd := pfOffer(t, "zh")
	const label = "夜巡队 · 明天 20:00-23:00 · 东门"
	ask := "把" + label + "转给哪位队员？"
	c.pfExpect(upd, c.a, ask+"\n点名字选择，也可以回复名字或门牌号查找。\t林娜 博 | 程 邓 | 取消")
	upd = c.say(c.a, "程")
	c.pfExpect(upd, c.a, ask+"\n找到 1 位与“程”相符的人，点名字选择：\t程 | 显示全部 | 取消")
	upd = c.pfTap(c.a, "程")
	c.pfExpect(upd, c.a, ask+"\n已选：程", "已把"+label+"转给 程。对方接手之前仍由您负责。")
	c.pfExpect(upd, c.c, "安 想请您接替"+label+"。\t我来")

	upd = c.say(c.a, "/shifts")
	list := c.patWait(c.a, 0, "", "pt:offer:"+patSID(today))
	upd = c.tg.Press(c.a, list, "pt:offer:"+patSID(today))
	choice := c.patWait(c.a, list.ID, "", "pt:offm:"+patSID(today))
	upd = c.tg.Press(c.a, choice, "pt:offm:"+patSID(today))
	c.pfExpect(upd, c.a, "把夜巡队 · 今天 20:00-23:00 · 东门转给哪位队员？\n点名字选择，也可以回复名字或门牌号查找。\t林娜 博 | 程 邓 | 取消")
	upd = c.say(c.a, "取消")
	c.pfExpect(upd, c.a, "已取消。需要时再找我。\t*")

	c.patAt("2026-03-02 19:45")
	upd = c.say(c.a, "/found")
	c.pfExpect(upd, c.a, "在东门附近发现了什么？请用一句话描述，欢迎附上照片或位置。")
	upd = c.say(c.a, "取消")
	c.pfExpect(upd, c.a, "已取消。需要时再找我。\t*")
	pfNoTickets(t, c)
}

// pfNoTickets: nothing was filed.
func pfNoTickets(t *testing.T, c *patCrew) {
	t.Helper()
	c.db(func(tx *storage.Tx) error {
		tks, err := tx.ReporterTickets(c.a.ID, 10)
		if len(tks) != 0 {
			t.Errorf("tickets filed: %+v", tks)
		}
		return err
	})
}
