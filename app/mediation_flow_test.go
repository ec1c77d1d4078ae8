package app

import (
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

func TestMediationMovedFromTicketWithSessionsFollowUpAndOutcome(t *testing.T) {
	c := newCommunity(t)
	const dispute = "楼上邻居每晚十一点后还在敲打"
	id := c.reportInPrivate(c.wang, "neighbours", dispute)
	line := c.expect(c.group.ID, "#1 · 邻里纠纷 · 3 栋", dispute)

	// The building's leader opens the ticket and moves it in one step.
	after := c.medLast(c.leader.ID)
	c.say(c.leader, "/ticket 1")
	tk := c.medNext(c.leader.ID, after, "#1 · 邻里纠纷")
	if !hasButton(tk, "md:tk:1") {
		t.Fatalf("ticket view lacks the mediation button: %+v", tk.Buttons)
	}
	after = c.medLast(c.leader.ID)
	c.tg.Press(c.leader, tk, "md:tk:1")
	c.expectAnswer("工单 #1 已转入评理室")
	view := c.medNext(c.leader.ID, after, "评理室记录 #1", "当事人：王阿姨", "事由："+dispute, "由工单 #1 转入", "调解中")
	c.expect(c.wang.ID, "社区将当面调解处理这件事")
	c.tg.WaitMessage(t, c.group.ID, func(m telegramtest.Message) bool {
		return m.ID == line.ID && strings.Contains(m.Plain, "处理中") && !strings.Contains(m.Plain, dispute) && !strings.Contains(m.Plain, "王阿姨")
	}, wait)
	if got := c.ticket(id); got.State != storage.TicketClaimed || got.AssigneeID != c.leader.ID {
		t.Errorf("ticket after the move: %+v", got)
	}
	if d := c.medDispute(1); d.TicketID != id || d.MediatorID != c.leader.ID || d.Building != "3" {
		t.Errorf("record: %+v", d)
	}

	// Two sessions; a session in the future is refused.
	const notes1, notes2 = "双方同意晚上十点后不再装修", "回访时楼上已加装地垫"
	c.tg.Press(c.leader, view, "md:s:1")
	c.expect(c.leader.ID, "记录 #1：这次调解是哪天？")
	c.say(c.leader, "2026-03-09")
	c.expect(c.leader.ID, "调解还没发生")
	c.say(c.leader, "2026-03-01")
	c.expect(c.leader.ID, "3月1日（周日）的调解：请写下经过和约定")
	c.say(c.leader, notes1)
	c.expect(c.leader.ID, "记录 #1，3月1日（周日）的调解：\n"+notes1+"\n保存吗？")
	c.say(c.leader, "确定")
	c.expect(c.leader.ID, "已记入记录 #1")
	c.tg.Press(c.leader, view, "md:s:1")
	c.expect(c.leader.ID, "记录 #1：这次调解是哪天？")
	c.say(c.leader, "今天")
	c.expect(c.leader.ID, "3月2日（周一）的调解")
	c.say(c.leader, notes2)
	c.expect(c.leader.ID, "保存吗？")
	c.say(c.leader, "好")
	view = c.expect(c.leader.ID, "调解经过（2 次）", "3月1日（周日） · 林："+notes1, "3月2日（周一） · 林："+notes2)

	// A follow-up date reminds the mediator that morning.
	c.tg.Press(c.leader, view, "md:f:1")
	c.expect(c.leader.ID, "记录 #1：哪天回访？")
	c.say(c.leader, "2026-03-01")
	c.expect(c.leader.ID, "回访日期不能早于今天")
	c.say(c.leader, "2026-03-05")
	c.expect(c.leader.ID, "记录 #1：3月5日（周四）回访，当天 9 点提醒调解员。对吗？")
	c.say(c.leader, "对")
	view = c.expect(c.leader.ID, "回访日期：3月5日（周四）")
	c.db(func(tx *storage.Tx) error {
		items, err := tx.PendingDue("mediation.followup", "1")
		if len(items) != 1 || !items[0].DueAt.Equal(lgAt(t, "2026-03-05 09:00")) {
			t.Errorf("follow-up items: %+v", items)
		}
		return err
	})

	// The outcome.
	after = c.medLast(c.leader.ID)
	c.tg.Press(c.leader, view, "md:oc:1")
	ask := c.medNext(c.leader.ID, after, "评理室记录 #1 的结果是")
	c.tg.Press(c.leader, ask, "md:out:1:settled")
	c.expectAnswer("结果已记录")
	c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool {
		return m.ID == ask.ID && strings.Contains(m.Plain, "结果：调解成功 · 3月2日（周一）")
	}, wait)
	if d := c.medDispute(1); d.Outcome != storage.DisputeSettled {
		t.Errorf("outcome: %+v", d)
	}

	after = c.medLast(c.leader.ID)
	c.clock.Advance(lgAt(t, "2026-03-05 09:00").Sub(c.clock.Now()))
	c.tick()
	due := c.medNext(c.leader.ID, after, "回访提醒：评理室记录 #1")
	if !hasButton(due, "md:o:1") {
		t.Errorf("reminder lacks its button: %+v", due.Buttons)
	}

	// Nothing of the record went anywhere but the mediator's and staff's
	// private chats; the reporter heard only that it is handled in person.
	c.settle()
	if leaks := medLeaks(t, c.tg, []string{notes1, notes2, "回访提醒"}, map[int64]bool{c.leader.ID: true, c.admin.ID: true}); len(leaks) > 0 {
		t.Errorf("mediation text left the room: %q", leaks)
	}
	for _, m := range c.tg.Messages(c.group.ID) {
		if m.ID == line.ID && strings.Contains(m.Plain, dispute) {
			t.Errorf("the group line still quotes the dispute: %q", m.Plain)
		}
	}
}

func TestMediationRecordReadOnlyByStaffAndItsMediator(t *testing.T) {
	c := newCommunity(t)
	other := c.user(3002, "周", "zh")
	zhang := c.user(2003, "张", "zh")
	c.register(other, "3", "201")
	c.register(zhang, "1", "301")
	c.say(c.admin, "/grant 3002 leader 3")
	c.expect(c.admin.ID, "周 is now building leader")

	// Staff name a mediator, who records a dispute of their own.
	c.say(c.admin, "/mediator 2003")
	c.expect(c.admin.ID, "张 is now a mediator")
	c.expect(zhang.ID, "社区已指定您为近邻评理室的调解员")
	c.say(zhang, "/help")
	c.expect(zhang.ID, "/mediation — 近邻评理室：调解记录（保密）")
	c.say(c.admin, "/help")
	c.expect(c.admin.ID, "/mediation — Neighbours' mediation room", "/mediator — Name a mediator", "/summary — Report upward")
	const summary, party, notes = "晾衣杆滴水到楼下被子上", "赵大爷", "约定加装接水槽"
	c.say(zhang, "/mediation new")
	c.expect(zhang.ID, "是哪一栋的事？")
	c.say(zhang, "9")
	c.expect(zhang.ID, "没有“9”这栋楼")
	c.say(zhang, "3")
	c.expect(zhang.ID, "当事人是谁？")
	c.say(zhang, party+"、钱阿姨")
	c.expect(zhang.ID, "当事人：赵大爷、钱阿姨。还有谁？")
	c.say(zhang, "就这些")
	c.expect(zhang.ID, "请用几句话写下事由")
	c.say(zhang, summary)
	c.expect(zhang.ID, "新建评理室记录：")
	c.say(zhang, "确定")
	view := c.expect(zhang.ID, "评理室记录 #1", "当事人：赵大爷、钱阿姨", summary, "楼栋：3 栋 · 调解员：张")
	c.tg.Press(zhang, view, "md:s:1")
	c.expect(zhang.ID, "这次调解是哪天")
	c.say(zhang, "2026-03-02")
	c.expect(zhang.ID, "的调解：请写下经过和约定")
	c.say(zhang, notes)
	c.expect(zhang.ID, "保存吗？")
	c.say(zhang, "确定")
	c.expect(zhang.ID, "已记入记录 #1")

	// Staff read it; the list holds it.
	c.say(c.admin, "/mediation")
	list := c.expect(c.admin.ID, "Neighbours' mediation room", "#1 · building 3 · in mediation")
	if !hasButton(list, "md:o:1") || !hasButton(list, "md:new") {
		t.Errorf("list buttons: %+v", list.Buttons)
	}
	menu := c.lookup(c.admin.ID, func(m telegramtest.Message) bool { return hasButton(m, "menu:mediation") })
	after := c.medLast(c.admin.ID)
	c.tg.Press(c.admin, menu, "menu:mediation")
	c.medNext(c.admin.ID, after, "Neighbours' mediation room", "#1 · building 3")
	c.tg.Press(c.admin, list, "md:o:1")
	c.expect(c.admin.ID, "Mediation record #1", summary, notes)

	// A resident, a leader who is not its mediator, and forged buttons are
	// refused, and nothing changes.
	before := c.medDispute(1)
	c.say(c.li, "/mediation 1")
	c.expect(c.li.ID, "only for community staff and the mediators they named")
	c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), 1, "md:o:1")
	c.expectAnswer("Sorry, this button is not for you.")
	after = c.medLast(c.li.ID)
	c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), 1, "menu:mediation")
	c.medNext(c.li.ID, after, "only for community staff and the mediators they named")
	c.say(other, "/mediation")
	c.expect(other.ID, "评理室只对社区工作人员和社区指定的调解员开放")
	forged := c.tg.Mark()
	for _, data := range []string{"md:o:1", "md:s:1", "md:out:1:referred", "md:f:1"} {
		c.tg.PressRaw(other, telegramtest.PrivateChat(other), 1, data)
	}
	c.tg.WaitUntil(t, func() bool {
		n := 0
		for _, a := range c.tg.CallsSince(forged, "answerCallbackQuery") {
			if s, _ := a.Params["text"].(string); s == "抱歉，这个按钮不是给您用的。" {
				n++
			}
		}
		return n >= 4
	}, wait)
	// The building's own leader, named a mediator too, still may not read a
	// record that is not theirs.
	c.say(c.admin, "/mediator 3001")
	c.expect(c.admin.ID, "林 is now a mediator")
	c.say(c.leader, "/mediation 1")
	c.expect(c.leader.ID, "没有这条评理室记录，或者您无权查看。")
	c.say(c.leader, "/mediation")
	l := c.expect(c.leader.ID, "近邻评理室", "还没有您可以查看的记录")
	if hasButton(l, "md:o:1") {
		t.Errorf("the leader's list offers record 1: %+v", l.Buttons)
	}
	// In a group: refused, with a way to the private chat.
	c.tg.SendText(c.admin, c.group, "/mediation@"+telegramtest.BotUsername+" 1")
	c.expect(c.group.ID, "private chat")
	c.settle()
	if after := c.medDispute(1); after.Outcome != before.Outcome || !after.UpdatedAt.Equal(before.UpdatedAt) || c.medCount() != 1 {
		t.Errorf("record changed by refused requests: %+v → %+v", before, after)
	}
	if leaks := medLeaks(t, c.tg, []string{summary, party, notes}, map[int64]bool{zhang.ID: true, c.admin.ID: true}); len(leaks) > 0 {
		t.Errorf("mediation text left the room: %q", leaks)
	}
	// Staff take the role back.
	c.say(c.admin, "/mediator 2003 off")
	c.expect(c.admin.ID, "张 is no longer a mediator")
}
