package app

import (
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
	"courtyard/testkit"
)

// alertResolve has the leader claim and resolve ticket id from the notice
// and returns the reporter's "is it fixed?" question.
func (c *community) alertResolve(id string, note string) telegramtest.Message {
	c.t.Helper()
	notice := c.tg.WaitMessage(c.t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:claim:"+id) }, wait)
	c.tg.Press(c.leader, notice, "tk:claim:"+id)
	claimed := c.tg.WaitMessage(c.t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:res:"+id) }, wait)
	c.tg.Press(c.leader, claimed, "tk:res:"+id)
	ask := c.expect(c.leader.ID, "#"+id+"：做了什么处理")
	c.tg.SendReply(c.leader, telegramtest.PrivateChat(c.leader), note, ask)
	return c.tg.WaitMessage(c.t, c.wang.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:fb:"+id+":partly") }, wait)
}

// "Partly" asks what is still wrong and passes it on to the assignee.
func TestAlertPartlyAsksWhatIsStillWrong(t *testing.T) {
	c := newCommunity(t)
	c.tg.SendText(c.wang, c.group, "/report 东边路灯坏了")
	c.expect(c.group.ID, "#1")
	fixed := c.alertResolve("1", "换了灯泡")
	c.tg.Press(c.wang, fixed, "tk:fb:1:partly")
	c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool {
		return m.ID == fixed.ID && strings.Contains(m.Plain, "已重新打开") && strings.Contains(m.Plain, "已通知处理人 林")
	}, wait)
	ask := c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool {
		return hasButton(m, "fl:ticketnote:x:note") && strings.Contains(m.Plain, "还有什么没解决")
	}, wait)
	c.tg.SendReply(c.wang, telegramtest.PrivateChat(c.wang), "灯亮了但一直闪", ask)
	c.expect(c.wang.ID, "已转告处理 #1 的人")
	c.expect(c.leader.ID, "报告人说还有问题：“灯亮了但一直闪”")
	c.say(c.leader, "/ticket 1")
	c.expect(c.leader.ID, "部分解决：灯亮了但一直闪")
}

// /queue has Claim buttons; handing back asks for a reason, which the
// reporter and whoever rearranges it are told, and says who that is.
func TestAlertQueueClaimAndHandBackWithReason(t *testing.T) {
	c := newCommunity(t)
	c.tg.SendText(c.wang, c.group, "/report 楼道灯不亮")
	c.expect(c.group.ID, "#1")
	c.say(c.leader, "/queue")
	q := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:qclaim:1") }, wait)
	c.tg.Press(c.leader, q, "tk:qclaim:1")
	work := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return m.ID > q.ID && hasButton(m, "tk:back:1") }, wait)
	if got := c.ticket(1); got.AssigneeID != c.leader.ID {
		t.Fatalf("not claimed from the queue: %+v", got)
	}
	for _, m := range c.tg.Messages(c.leader.ID) {
		if m.ID == q.ID && m.Edits > 0 {
			t.Errorf("the queue list was overwritten: %q", m.Plain)
		}
	}
	c.tg.Press(c.leader, work, "tk:back:1")
	ask := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool {
		return hasButton(m, "fl:ticketnote:x:note") && strings.Contains(m.Plain, "为什么退回")
	}, wait)
	if got := c.ticket(1); got.State != storage.TicketClaimed {
		t.Fatalf("handed back before a reason was given: %s", got.State)
	}
	c.tg.SendReply(c.leader, telegramtest.PrivateChat(c.leader), "需要电工处理", ask)
	// The leader is the building's only leader: staff rearrange it.
	c.expect(c.leader.ID, "#1 · 照明 · 3 栋 已退回。", "已通知社区工作人员。由他们另行安排。")
	c.expect(c.admin.ID, "Handed back, needs someone", "Reason: 需要电工处理")
	c.expect(c.wang.ID, "林 退回了：“需要电工处理”")
	if got := c.ticket(1); got.State != storage.TicketOpen || got.AssigneeID != 0 {
		t.Errorf("after hand back: %+v", got)
	}
}

// /reject says the reporter was told only when they could be.
func TestAlertRejectToldOnlyWhenTrue(t *testing.T) {
	c := newCommunity(t)
	c.tg.SendText(c.wang, c.group, "/report 楼上太吵")
	c.expect(c.group.ID, "#1")
	c.tg.SendText(c.li, c.group, "/report my neighbour's dog barks")
	c.expect(c.group.ID, "#2")
	c.say(c.leader, "/reject 1 请联系物业")
	c.expect(c.leader.ID, "#1 已驳回，已把原因发给报告人。")
	c.expect(c.wang.ID, "被驳回：请联系物业")
	// Li blocked the bot; the bot learns it when a message is refused.
	c.tg.Block(c.li.ID)
	c.say(c.li, "/my")
	testkit.Await(t, wait, c.tg.Changed, func() bool {
		inactive := false
		c.db(func(tx *storage.Tx) error {
			m, err := tx.Member(c.li.ID)
			inactive = err == nil && !m.Active
			return err
		})
		return inactive
	}, "the bot did not learn that Li blocked it")
	c.say(c.leader, "/reject 2 请联系物业")
	c.expect(c.leader.ID, "#2 已驳回。在这里联系不上报告人")
}

// Read ✓ counts only presses by those the announcement was sent to.
func TestAlertAckOnlyFromRecipients(t *testing.T) {
	c := newCommunity(t)
	ctl := c.announce(c.admin, "leaders", "明天上午开楼栋长会")
	c.tg.Press(c.admin, ctl, annSend)
	got := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "an:ack:1") }, wait)
	// Li was not sent it and forges the press.
	c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), 1, "an:ack:1")
	c.expectAnswer("not sent to you")
	c.tg.Press(c.leader, got, "an:ack:1")
	c.expectAnswer("已读")
	c.settle()
	c.db(func(tx *storage.Tx) error {
		acks, err := tx.Acks(1)
		if err == nil && (len(acks) != 1 || acks[0] != c.leader.ID) {
			t.Errorf("acks: %v, want only the leader", acks)
		}
		return err
	})
}

// /cancel with nothing in progress says so; an empty export is said in words.
func TestAlertNothingToCancelAndEmptyExport(t *testing.T) {
	c := newCommunity(t)
	c.say(c.li, "/cancel")
	c.expect(c.li.ID, "There is nothing to cancel.")
	c.say(c.li, "/report")
	c.expect(c.li.ID, "What kind of problem?")
	c.say(c.li, "/cancel")
	c.expect(c.li.ID, "Cancelled.")
	c.say(c.admin, "/export 2026-05")
	c.expect(c.admin.ID, "No problems or wishes were reported for Fri 1 May to Sun 31 May,")
	c.settle()
	if n := c.tg.CallCount("sendDocument"); n != 0 {
		t.Errorf("%d documents sent for an empty period", n)
	}
}

// Dispatching to a team none of whose members can be reached says so.
func TestAlertTeamNobodyReachable(t *testing.T) {
	c := newCommunity(t)
	c.say(c.admin, "/team new Sanitation")
	c.expect(c.admin.ID, "Sanitation")
	c.tg.SendText(c.wang, c.group, "/report 垃圾没人收")
	c.expect(c.group.ID, "#1")
	c.say(c.admin, "/assign 1 Sanitation")
	c.expect(c.admin.ID, "none of its members can be reached")
	c.say(c.admin, "/team add Sanitation 2002")
	c.expect(c.admin.ID, "Li")
	c.tg.SendText(c.wang, c.group, "/report 垃圾又没人收")
	c.expect(c.group.ID, "#2")
	c.say(c.admin, "/assign 2 Sanitation")
	c.expect(c.admin.ID, "#2 is dispatched to the team Sanitation; its members can claim it.")
	c.expect(c.li.ID, "A ticket for Sanitation")
}
