package app

import (
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// The resolution note and the ticket notes, in Chinese: a photo without
// words asks again, 取消 cancels without resolving or handing back; the
// reporter's answers keep their own words; what is still wrong is passed
// on; a hand back with its reason.
func TestTicketFlowNotes(t *testing.T) {
	c := newCommunity(t)
	c.tg.SendText(c.wang, c.group, "/report 东边路灯坏了")
	c.expect(c.group.ID, "#1")
	notice := c.expect(c.leader.ID, "新问题 #1")
	c.tg.Press(c.leader, notice, "tk:claim:1")
	work := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return m.ID == notice.ID && hasButton(m, "tk:res:1") }, wait)

	c.flowPress(c.leader, work, "已处理")
	flowIs(t, c.expect(c.leader.ID, "做了什么处理"), "#1：做了什么处理？请回复一句话，可以附照片。", "取消")
	c.tg.SendPhoto(c.leader, telegramtest.PrivateChat(c.leader), "")
	flowIs(t, c.expect(c.leader.ID, "请用一句话"), "请用一句话说说做了什么处理。", "取消")
	c.say(c.leader, "取消")
	c.expect(c.leader.ID, "已取消。需要时再找我。")
	c.flowNone(c.leader)
	if tk := c.ticket(1); tk.State != storage.TicketClaimed {
		t.Fatalf("cancelled, yet %s", tk.State)
	}

	c.flowPress(c.leader, work, "已处理")
	c.expect(c.leader.ID, "做了什么处理")
	c.tg.SendPhoto(c.leader, telegramtest.PrivateChat(c.leader), "换了灯泡")
	c.expect(c.leader.ID, "#1 已标记为处理完成，会请报告人确认。")
	q := c.expect(c.wang.ID, "问题解决了吗")
	if buttonLabels(q) != "解决了 部分解决 没解决" || q.Photo == "" {
		t.Errorf("is it fixed? [%s] photo %q", buttonLabels(q), q.Photo)
	}
	c.flowPress(c.wang, q, "没解决")
	ask := c.expect(c.wang.ID, "还有什么没解决")
	flowIs(t, ask, "#1：还有什么没解决？请回复一句话，我会转告处理的人。", "取消")
	c.say(c.wang, "   ")
	flowIs(t, c.expect(c.wang.ID, "请用一句话说明"), "请用一句话说明。", "取消")
	c.say(c.wang, "灯亮了但一直闪")
	c.expect(c.wang.ID, "已转告处理 #1 的人")
	c.expect(c.leader.ID, "报告人说还有问题：“灯亮了但一直闪”")
	c.flowNone(c.wang)

	again := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return m.ID > work.ID && hasButton(m, "tk:back:1") }, wait)
	c.flowPress(c.leader, again, "退回")
	flowIs(t, c.expect(c.leader.ID, "为什么退回"), "#1：为什么退回？请回复一句话，报告人和重新安排的人会看到。", "取消")
	c.say(c.leader, "算了")
	c.expect(c.leader.ID, "已取消。需要时再找我。")
	if tk := c.ticket(1); tk.AssigneeID != c.leader.ID {
		t.Fatalf("handed back without a reason: %+v", tk)
	}
	c.flowPress(c.leader, again, "退回")
	c.expect(c.leader.ID, "为什么退回")
	c.say(c.leader, "需要电工处理")
	c.expect(c.leader.ID, "#1 · 照明 · 3 栋 已退回。")
	c.expect(c.wang.ID, "林 退回了：“需要电工处理”")
	if tk := c.ticket(1); tk.State != storage.TicketOpen || tk.AssigneeID != 0 {
		t.Fatalf("after the hand back: %+v", tk)
	}
}

// The same in English: the Cancel button under the question, a typed
// "cancel", and the reporter's Partly.
func TestTicketFlowNotesInEnglish(t *testing.T) {
	c := newCommunity(t)
	c.tg.SendText(c.li, c.group, "/report the lamp by gate 2 is out")
	c.expect(c.group.ID, "#1")
	c.say(c.admin, "/ticket 1")
	d := c.expect(c.admin.ID, "#1 · Lighting · building 3", "· reported Mon 2 Mar 17:00\n", "History\nMon 2 Mar 17:00 · Li · ")
	c.flowPress(c.admin, d, "Claim")
	work := c.expect(c.admin.ID, "claimed by you")

	c.flowPress(c.admin, work, "Resolve")
	ask := c.expect(c.admin.ID, "what was done")
	flowIs(t, ask, "#1: what was done? Reply in a sentence; you can add a photo.", "Cancel")
	c.flowPress(c.admin, ask, "Cancel")
	c.expect(c.admin.ID, "Cancelled. I am here when you need me.")
	c.flowNone(c.admin)

	c.flowPress(c.admin, work, "Resolve")
	c.expect(c.admin.ID, "what was done")
	c.say(c.admin, "Replaced the bulb")
	c.expect(c.admin.ID, "#1 is marked fixed; the reporter will be asked to confirm.")
	q := c.expect(c.li.ID, "Is it fixed?")
	if buttonLabels(q) != "Yes Partly No" {
		t.Errorf("is it fixed? [%s]", buttonLabels(q))
	}
	c.flowPress(c.li, q, "Partly")
	ask = c.expect(c.li.ID, "what is still wrong")
	flowIs(t, ask, "#1: what is still wrong? Reply in a sentence and I will pass it on.", "Cancel")
	c.say(c.li, "cancel")
	c.expect(c.li.ID, "Cancelled. I am here when you need me.")
	c.flowNone(c.li)
	if tk := c.ticket(1); tk.State != storage.TicketReopened {
		t.Fatalf("after Partly: %+v", tk)
	}
}
