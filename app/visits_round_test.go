package app

import (
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// A Mid-Autumn round: the care list made with /care, the visitors'
// lists seven days before, staff's summary, Visited with a note that
// becomes a ticket, the households not yet visited listed to staff three
// days before, /visits, /export and /stats.
func TestVisitsRoundFromListToUnvisited(t *testing.T) {
	c := newVisCast(t)
	page1, h1 := c.visAdd(visHousehold{building: "3", unit: "7-0401", name: "刘秀英", reason: "lives_alone", contact: "13800001111", notes: "钥匙在邻居家"})
	c.visAssign(page1, h1, c.lin.ID)
	c.expect(c.lin.ID, "节日走访人")
	page2, h2 := c.visAdd(visHousehold{building: "1", unit: "9-1102", name: "Zhou Family", reason: "left_behind", contact: "zhou@example.org"})
	c.visAssign(page2, h2, c.li.ID)
	_, h3 := c.visAdd(visHousehold{building: "2", unit: "5-0505", name: "Wu", reason: "disabled"})

	// The round: nothing before its moment; then each visitor gets their
	// own households, staff the summary naming the one without a visitor.
	c.tick()
	c.settle()
	if ms := c.tg.Messages(c.lin.ID); strings.Contains(ms[len(ms)-1].Plain, "刘秀英") {
		t.Fatal("the list came before the round")
	}
	c.visRound()
	linList := c.expect(c.lin.ID, "🏮 中秋节走访：请在9月25日（周五）前走访，您负责1户。", "7-0401", "刘秀英", "独居", "13800001111")
	if strings.Contains(linList.Plain, "钥匙") || strings.Contains(linList.Plain, "Zhou") {
		t.Errorf("林's list shows more than his household's visit fields: %q", linList.Plain)
	}
	c.expect(c.li.ID, "🏮 Mid-Autumn Festival visits (by Fri 25 Sep): 1 household for you.", "9-1102", "Zhou Family", "left-behind child", "zhou@example.org")
	c.expect(c.admin.ID, "🏮 Mid-Autumn Festival visits (holiday on Fri 25 Sep) have started: 3 households; lists went to 2 visitors", "Without a visitor yet (1 household)", "5-0505", "Wu")

	// 林 visits: the list ticks it, a note becomes a ticket in one step.
	v1 := c.visVisit(h1)
	last := c.visLast(c.lin.ID)
	c.tg.Press(c.lin, linList, "vi:done:"+itoa(v1.ID))
	c.visNext(c.lin.ID, last, "fl:visit_note:s:note", "刘秀英")
	c.tg.WaitMessage(t, c.lin.ID, func(m telegramtest.Message) bool {
		return m.ID == linList.ID && strings.Contains(m.Plain, "已走访") && !hasButtonPrefix(m, "vi:done:")
	}, wait)
	noted := c.visSay(c.lin, "送了米和油；卫生间的灯坏了", "fl:visit_note:o:file:report", "您的备注")
	done := c.visPress(c.lin, noted, "fl:visit_note:o:file:report", "", "已提交工单")
	var tk storage.Ticket
	c.db(func(tx *storage.Tx) error {
		v, err := tx.Visit(v1.ID)
		if err != nil {
			return err
		}
		if !v.Visited() || v.VisitedBy != c.lin.ID || v.Note != "送了米和油；卫生间的灯坏了" || v.TicketID == 0 {
			t.Errorf("visit %+v", v)
		}
		tk, err = tx.Ticket(v.TicketID)
		return err
	})
	if tk.ReporterID != c.lin.ID || tk.Building != "3" || !tk.HideName || tk.Kind != storage.TicketKindReport || tk.GroupOutID != 0 {
		t.Errorf("ticket %+v", tk)
	}
	if !strings.Contains(done.Plain, "#"+itoa(tk.ID)) {
		t.Errorf("answer %q", done.Plain)
	}
	// The building's leader (林 himself) has it with a Claim button.
	c.tg.WaitMessage(t, c.lin.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:claim:"+itoa(tk.ID)) }, wait)

	// Three days before: staff hear of the two households not visited,
	// with their visitors.
	c.clock.Advance(visAt(t, "2026-09-22 09:00").Sub(c.clock.Now()))
	c.tick()
	rem := c.expect(c.admin.ID, "🏮 Mid-Autumn Festival is on Fri 25 Sep: 2 of 3 households not visited yet:", "9-1102", "Zhou Family (left-behind child) — Li", "5-0505", "no visitor")
	if strings.Contains(rem.Plain, "7-0401") {
		t.Errorf("the visited household is listed: %q", rem.Plain)
	}

	// /visits shows the plan and what is done.
	plan := c.visSay(c.admin, "/visits", "", "🏮 Mid-Autumn Festival 2026 (Fri 25 Sep) · the round starts Fri 18 Sep 09:00", "1 of 3 households visited")
	for _, want := range []string{"✓ Building 3, unit 7-0401 · 刘秀英", "visited by 林 on Fri 18 Sep", "卫生间的灯坏了", "#" + itoa(tk.ID), "○ Building 1, unit 9-1102", "— Li"} {
		if !strings.Contains(plan.Plain, want) {
			t.Errorf("/visits lacks %q:\n%s", want, plan.Plain)
		}
	}
	c.visSay(c.admin, "/visits 中秋节 2026", "", "1 of 3 households visited")
	c.visSay(c.admin, "/visits 中秋 2026", "", "1 of 3 households visited")
	c.visSay(c.admin, "/visits Mid-Autumn", "", "1 of 3 households visited")
	c.visSay(c.admin, "/visits 重阳", "", "Double Ninth (Elders' Day) 2026", "brings no visit round")
	c.visSay(c.admin, "/visits easter 2026", "", "I do not know the holiday “easter”", "mid_autumn (Mid-Autumn Festival)")
	c.visSay(c.admin, "/visits spring 1899", "", "“1899” is not a year")

	// /export: the visits are a third document; /stats counts them.
	last = c.visLast(c.admin.ID)
	c.say(c.admin, "/export 2026-09")
	doc := c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool {
		return m.ID > last && strings.HasPrefix(m.DocumentName, "visits-")
	}, wait)
	csv := string(doc.DocumentData)
	if !strings.HasPrefix(csv, "\uFEFF节日 holiday") || strings.Count(csv, "\r\n") != 4 ||
		!strings.Contains(csv, "中秋节,2026,3,7-0401,刘秀英,独居,林,2026-09-18 09:00,送了米和油；卫生间的灯坏了,"+itoa(tk.ID)) {
		t.Errorf("visits CSV:\n%s", csv)
	}
	if strings.Contains(csv, "13800001111") || strings.Contains(csv, "钥匙") {
		t.Errorf("the CSV carries contacts or staff notes:\n%s", csv)
	}
	c.visSay(c.admin, "/stats 2026-09", "", "Holiday visits: 1 made, to 1 household; 1 became tickets or wishes.")

	// Every read by staff is in the household's record, shown on its page.
	pg := c.visSay(c.admin, "/care", "cr:v:"+itoa(h1), "3 households")
	pg = c.visEdited(c.admin, pg, "cr:v:"+itoa(h1), "Record", "Tue 22 Sep 09:00 · Boss · saw it in the list")
	for _, want := range []string{"added it", "saw it in the list", "assigned visitor 林", "visited (林)", "made the visit's note ticket #", "saw it in a visit plan", "exported it", "the bot · started a visit round"} {
		if !strings.Contains(pg.Plain, want) && !c.visLogged(h1, want) {
			t.Errorf("the record lacks %q:\n%s", want, pg.Plain)
		}
	}
	_ = h3
}

// visLogged reports whether household id's record has an entry whose
// action, as the English page says it, is want (the page shows ten).
func (c *visCast) visLogged(id int64, want string) bool {
	actions := map[string]string{"added it": "create", "saw it in the list": "list", "assigned visitor 林": "assign",
		"visited (林)": "visited", "made the visit's note ticket #": "ticket", "saw it in a visit plan": "plan",
		"exported it": "export", "the bot · started a visit round": "round"}
	found := false
	c.db(func(tx *storage.Tx) error {
		log, _, err := tx.CareLog(id, 1000)
		for _, e := range log {
			found = found || e.Action == actions[want]
		}
		return err
	})
	return found
}

// A round that fell due while the bot was down until the holiday is not
// sent late: staff are told once, and the next year's round is laid out.
func TestVisitsRoundMissedAfterDowntime(t *testing.T) {
	c := newVisCast(t)
	page, h1 := c.visAdd(visHousehold{building: "3", unit: "7-0401", name: "刘秀英", reason: "lives_alone"})
	c.visAssign(page, h1, c.lin.ID)
	c.tick() // lays the round out
	c.settle()
	c.shutdown()
	c.clock.Advance(visAt(t, "2026-09-26 10:00").Sub(c.clock.Now()))
	c.start()
	restarted := c.mark()
	c.tick()
	c.tick()
	c.expectSince(restarted, c.admin.ID, "The Mid-Autumn Festival visit round of 2026 (due Fri 18 Sep 09:00) fell due while the bot was down and was not sent")
	c.settle()
	n := 0
	for _, m := range c.tg.Messages(c.admin.ID) {
		if strings.Contains(m.Plain, "fell due while the bot was down") {
			n++
		}
	}
	for _, m := range c.tg.Messages(c.lin.ID) {
		if strings.Contains(m.Plain, "刘秀英") {
			t.Errorf("the stale list was sent: %q", m.Plain)
		}
	}
	if n != 1 {
		t.Errorf("staff told %d times, want once", n)
	}
	c.db(func(tx *storage.Tx) error {
		items, err := tx.PendingDue("visits.round", "")
		if len(items) != 1 || items[0].Key != "mid_autumn:2027" || !items[0].DueAt.Equal(visAt(t, "2027-09-08 09:00")) {
			t.Errorf("pending rounds %+v", items)
		}
		return err
	})
}

// Rounds follow the configuration: each configured holiday's next round
// and reminder are laid out once; a holiday taken out of visits.holidays
// loses its pending round at the next start.
func TestVisitsRoundsFollowTheConfig(t *testing.T) {
	c := newVisCast(t)
	c.shutdown()
	c.cfg.Visits.Holidays = []string{"mid_autumn", "spring"}
	c.cfg.Visits.DaysBefore = 10
	c.start()
	c.tick()
	c.tick()
	pending := func() map[string]time.Time {
		out := map[string]time.Time{}
		c.db(func(tx *storage.Tx) error {
			for _, kind := range []string{"visits.round", "visits.remind"} {
				items, err := tx.PendingDue(kind, "")
				if err != nil {
					return err
				}
				for _, it := range items {
					out[kind+" "+it.Key] = it.DueAt
				}
			}
			return nil
		})
		return out
	}
	got := pending()
	// Mid-Autumn 2026-09-25: its round (ten days before, 09-15) is past
	// and runs at once; Spring Festival 2027-02-06: 01-27 and 02-03.
	want := map[string]time.Time{
		"visits.remind mid_autumn:2026": visAt(t, "2026-09-22 09:00"),
		"visits.round spring:2027":      visAt(t, "2027-01-27 09:00"),
		"visits.remind spring:2027":     visAt(t, "2027-02-03 09:00"),
	}
	if len(got) != len(want) {
		t.Errorf("pending %v, want %v", got, want)
	}
	for k, at := range want {
		if !got[k].Equal(at) {
			t.Errorf("%s at %v, want %v", k, got[k], at)
		}
	}
	c.shutdown()
	c.cfg.Visits.Holidays = []string{"spring"}
	c.start()
	c.tick()
	got = pending()
	if _, ok := got["visits.round spring:2027"]; len(got) != 2 || !ok {
		t.Errorf("after taking Mid-Autumn out: %v", got)
	}
}
