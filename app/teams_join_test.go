package app

import (
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

func TestTeamOpenJoinTwiceLeaveAndGroupLink(t *testing.T) {
	c := newTeamCast(t)
	join := "tm:join:" + itoa(c.sweep)
	list := c.teamList(c.wang, join)
	if !strings.Contains(list.Plain, "Sanitation · 0 人") || !strings.Contains(list.Plain, "Elder care · 1 人 · 需审批") {
		t.Errorf("list: %s", list.Plain)
	}
	c.tg.Press(c.wang, list, join)
	c.expect(c.wang.ID, "您已加入 Sanitation")
	if !c.teamIn(c.sweep, c.wang.ID) {
		t.Fatal("not in the open team after Join")
	}
	// Joining twice (the old list's button) is refused, nothing changes.
	c.tg.PressRaw(c.wang, telegramtest.PrivateChat(c.wang), list.ID, join)
	c.teamAnswer("您已经在 Sanitation 里了")

	// Leave asks first; No keeps the member, Yes removes them.
	page := c.teamPage(c.wang, "Sanitation", "队员：1 人")
	leave := "tm:leave:" + itoa(c.sweep)
	c.tg.Press(c.wang, page, leave)
	ask := c.expect(c.wang.ID, "确定退出 Sanitation 吗")
	c.tg.Press(c.wang, ask, "tm:stay:"+itoa(c.sweep))
	c.expect(c.wang.ID, "您仍在 Sanitation 里")
	if !c.teamIn(c.sweep, c.wang.ID) {
		t.Fatal("No, stay removed the member")
	}
	c.tg.Press(c.wang, page, leave)
	ask = c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool {
		return m.ID > ask.ID && hasButton(m, "tm:leavey:"+itoa(c.sweep))
	}, wait)
	c.tg.Press(c.wang, ask, "tm:leavey:"+itoa(c.sweep))
	c.expect(c.wang.ID, "您已退出 Sanitation")
	if c.teamIn(c.sweep, c.wang.ID) {
		t.Fatal("still in the team after leaving")
	}
	// Leaving a team one is not in.
	c.tg.PressRaw(c.wang, telegramtest.PrivateChat(c.wang), ask.ID, "tm:leavey:"+itoa(c.sweep))
	c.teamAnswer("您不在 Sanitation 里")

	// In a group: one line with a link to the private chat.
	group := c.tg.Group(-100300, "3号楼")
	c.tg.SendText(c.li, group, "/teams")
	m := c.expect(group.ID, "There are 2 volunteer teams")
	if len(m.Buttons) != 1 || !strings.HasSuffix(m.Buttons[0][0].URL, "?start=teams") {
		t.Errorf("group line buttons %+v", m.Buttons)
	}
	c.say(c.li, "/start teams")
	c.tg.WaitMessage(t, c.li.ID, func(m telegramtest.Message) bool { return hasButton(m, join) }, wait)

	// An archived team takes nobody and is no longer listed.
	sweepPage := c.teamPage(c.admin, "Sanitation", "Open team")
	c.tg.Press(c.admin, sweepPage, "tm:arch:"+itoa(c.sweep))
	confirm := c.expect(c.admin.ID, "Archive Sanitation?")
	c.tg.Press(c.admin, confirm, "tm:archy:"+itoa(c.sweep))
	c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool {
		return m.ID == confirm.ID && strings.Contains(m.Plain, "Archived")
	}, wait)
	c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), 1, join)
	c.teamAnswer("Sanitation is archived")
	if c.teamIn(c.sweep, c.li.ID) {
		t.Fatal("joined an archived team")
	}
	list = c.teamList(c.li, "tm:join:"+itoa(c.care))
	if strings.Contains(list.Plain, "Sanitation") {
		t.Errorf("archived team listed: %s", list.Plain)
	}
}

func TestTeamRestrictedRequestApproveDeclineForged(t *testing.T) {
	c := newTeamCast(t)
	join := "tm:join:" + itoa(c.care)
	list := c.teamList(c.li, join)
	c.tg.Press(c.li, list, join)
	c.expect(c.li.ID, "Your request to join Elder care was sent to its leads and staff (2 people)")
	// Each decider reads it in their own language.
	toLead := c.tg.WaitMessage(t, c.lead.ID, func(m telegramtest.Message) bool { return hasButton(m, "tm:ok:1") }, wait)
	if !strings.Contains(toLead.Plain, "Li（3 栋）申请加入 Elder care") {
		t.Errorf("lead got %q", toLead.Plain)
	}
	toAdmin := c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool { return hasButton(m, "tm:no:1") }, wait)
	if !strings.Contains(toAdmin.Plain, "Li (building 3) asks to join Elder care") {
		t.Errorf("admin got %q", toAdmin.Plain)
	}
	if c.teamIn(c.care, c.li.ID) {
		t.Fatal("a request joined the restricted team")
	}
	// A second request while one waits is refused politely.
	c.tg.Press(c.li, list, join)
	c.teamAnswer("still waiting for an answer")
	// A forged Approve by a resident who leads nothing changes nothing.
	c.tg.PressRaw(c.wang, telegramtest.PrivateChat(c.wang), toLead.ID, "tm:ok:1")
	c.teamAnswer("只有工作人员和 Elder care 的队长可以这样做")
	c.db(func(tx *storage.Tx) error {
		rq, err := tx.TeamRequest(1)
		if rq.State != storage.RequestPending {
			t.Errorf("forged approve decided the request: %+v", rq)
		}
		return err
	})
	// The lead approves: Li is told, every copy shows the outcome.
	c.settle()
	c.tg.Press(c.lead, toLead, "tm:ok:1")
	c.expect(c.li.ID, "Your request to join Elder care was approved")
	if !c.teamIn(c.care, c.li.ID) {
		t.Fatal("approved but not in the team")
	}
	for _, m := range []telegramtest.Message{toLead, toAdmin} {
		want := map[int64]string{c.lead.ID: "Li 申请加入 Elder care：已由 林批准", c.admin.ID: "Li asked to join Elder care: approved by 林"}[m.ChatID]
		c.tg.WaitMessage(t, m.ChatID, func(x telegramtest.Message) bool {
			return x.ID == m.ID && strings.Contains(x.Plain, want) && len(x.Buttons) == 0
		}, wait)
	}
	// Deciding an already decided request is refused.
	c.tg.PressRaw(c.admin, telegramtest.PrivateChat(c.admin), toAdmin.ID, "tm:no:1")
	c.teamAnswer("already decided: approved")
	if !c.teamIn(c.care, c.li.ID) {
		t.Fatal("a late Decline removed the member")
	}

	// 王阿姨 asks; staff decline.
	list = c.teamList(c.wang, join)
	c.tg.Press(c.wang, list, join)
	c.expect(c.wang.ID, "您加入 Elder care 的申请已发给队长和工作人员（2 人）")
	second := c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool { return hasButton(m, "tm:no:2") }, wait)
	c.tg.WaitMessage(t, c.lead.ID, func(m telegramtest.Message) bool { return hasButton(m, "tm:ok:2") }, wait)
	c.settle() // both copies sent: the decision edits them
	c.tg.Press(c.admin, second, "tm:no:2")
	c.expect(c.wang.ID, "您加入 Elder care 的申请未获通过")
	c.tg.WaitMessage(t, c.lead.ID, func(m telegramtest.Message) bool {
		return strings.Contains(m.Plain, "王阿姨 申请加入 Elder care：已由 Boss拒绝") && len(m.Buttons) == 0
	}, wait)
	if c.teamIn(c.care, c.wang.ID) {
		t.Fatal("declined but in the team")
	}
	// Staff need nobody's approval.
	list = c.teamList(c.admin, join)
	c.tg.Press(c.admin, list, join)
	c.expect(c.admin.ID, "You joined Elder care")
	if !c.teamIn(c.care, c.admin.ID) {
		t.Fatal("staff did not join the restricted team")
	}
}

// A copy of a request still queued when it is decided (here held back by a
// 429 to the lead) goes out as the outcome, never with live buttons.
func TestTeamRequestCopyQueuedWhenDecided(t *testing.T) {
	c := newTeamCast(t)
	c.settle()
	c.tg.FailNext("sendMessage", c.lead.ID, telegramtest.Fault{RetryAfter: 5})
	join := "tm:join:" + itoa(c.care)
	list := c.teamList(c.li, join)
	c.tg.Press(c.li, list, join)
	toAdmin := c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool { return hasButton(m, "tm:ok:1") }, wait)
	c.tg.Press(c.admin, toAdmin, "tm:ok:1")
	c.expect(c.li.ID, "Your request to join Elder care was approved")
	got := c.expect(c.lead.ID, "Li 申请加入 Elder care：已由 Boss批准")
	if len(got.Buttons) != 0 || got.Edits != 0 {
		t.Errorf("the lead's copy: %+v", got)
	}
	for _, m := range c.tg.Messages(c.lead.ID) {
		if hasButtonPrefix(m, "tm:") {
			t.Errorf("the lead got live buttons: %+v", m)
		}
	}
}
