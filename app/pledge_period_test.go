package app

import (
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// TestPledgePeriod: pledges made and published, items checked off with a
// note and a photo, the period ended, self-review, staff's comment,
// residents' ratings, the window's close.
func TestPledgePeriod(t *testing.T) {
	c := newPledgeCast(t)
	// Only leaders, team members and those staff allow may pledge.
	c.say(c.zhao, "/pledge")
	c.expect(c.zhao.ID, "承诺由楼栋长、志愿队员和工作人员邀请的人作出")

	groupBefore := len(c.tg.Messages(c.group.ID))
	ask := c.pledgeAsk(c.lin)
	c.tg.SendReply(c.lin, telegramtest.PrivateChat(c.lin), "1. 每周帮独居老人买菜\n2. 修好楼道灯\n3、组织一次楼院清洁", ask)
	preview := c.starAfter(c.lin.ID, ask.ID, "fl:pl_items:y:ok", "承诺是公开的")
	if !strings.Contains(preview.Plain, "林 在 2026 H2 承诺：\n1. 每周帮独居老人买菜\n2. 修好楼道灯\n3. 组织一次楼院清洁") {
		t.Errorf("preview: %s", preview.Plain)
	}
	if n := len(c.tg.Messages(c.group.ID)); n != groupBefore {
		t.Fatal("the pledge reached the group before it was published")
	}
	c.tg.Press(c.lin, preview, "fl:pl_items:y:ok")
	c.expect(c.group.ID, "林 在 2026 H2 承诺：", "1. 每周帮独居老人买菜", "3. 组织一次楼院清洁")
	c.expect(c.lin.ID, "已发布（2026 H2）")
	c.pledgeMake(c.wang, "陪楼下张奶奶聊天\n教邻居用手机挂号", "已发布")
	c.say(c.admin, "/pledge allow 2002")
	c.expect(c.li.ID, "Staff invited you to make a public pledge")
	c.pledgeMake(c.li, "Teach English to two kids every Saturday", "Published for 2026 H2")

	lin := c.pledgeOf(c.lin)
	c.pledgeCheck(c.lin, lin, 1, "买了米和油送到3号楼", true, "第 1 项已打勾：完成 1/3")
	c.pledgeCheck(c.lin, lin, 2, "换了两个灯泡", false, "第 2 项已打勾：完成 2/3")
	c.starForge(c.lin, "pl:d:"+itoa(lin.ID)+":1", "第 1 项已经打过勾了")
	c.starForge(c.wang, "pl:d:"+itoa(lin.ID)+":3", "只有承诺人本人可以这样做")
	c.starForge(c.zhao, "pl:rv:"+itoa(lin.ID)+":5", "这份承诺现在不在评议期")

	// Staff end the period: the review window opens.
	c.say(c.admin, "/pledge end")
	c.expect(c.admin.ID, "Period 2026 H2 ended; 3 pledgers were asked for a self-review. Ratings are open until Mon 9 Mar 17:00;")
	c.expect(c.lin.ID, "承诺期 2026 H2 已结束。请用 /pledge", "群众评议截止到 3月9日（周一）17:00。")
	c.expect(c.li.ID, "The pledge period 2026 H2 has ended.", "Residents rate pledges until Mon 9 Mar 17:00.")
	c.expect(c.group.ID, "2026 H2 的承诺开始群众评议", "截止到 3月9日（周一）17:00。")

	last := c.starLast(c.lin.ID)
	c.say(c.lin, "/pledge")
	m := c.starAfter(c.lin.ID, last, "pl:sr:"+itoa(lin.ID), "已完成 2/3")
	c.tg.Press(c.lin, m, "pl:sr:"+itoa(lin.ID))
	ask = c.starAfter(c.lin.ID, m.ID, "fl:pl_text:x:text", "请回复您的自我述评")
	c.tg.SendReply(c.lin, telegramtest.PrivateChat(c.lin), "买菜和修灯做到了，清洁活动下月补上。", ask)
	c.expect(c.lin.ID, "自我述评已保存。群众评议截止到 3月9日（周一）17:00。")

	page := c.pledgeOpen(c.admin, lin, "Self-review: 买菜和修灯做到了")
	c.tg.Press(c.admin, page, "pl:c:"+itoa(lin.ID))
	ask = c.starAfter(c.admin.ID, page.ID, "fl:pl_text:x:text", "Reply with your comment on 林's pledge")
	c.tg.SendReply(c.admin, telegramtest.PrivateChat(c.admin), "做得扎实，清洁活动社区来配合。", ask)
	c.expect(c.admin.ID, "Comment on 林's pledge saved")
	c.expect(c.lin.ID, "社区对您在 2026 H2 的承诺作了点评：做得扎实")

	c.starForge(c.zhao, "pl:c:"+itoa(lin.ID), "只有社区工作人员可以这样做")
	// Residents rate: once each, not their own.
	c.pledgeRate(c.zhao, lin, 5, "很负责", "谢谢：您给 林 的承诺打了 5★")
	c.pledgeRate(c.li, lin, 4, "", "Thank you: you rated 4★ for 林's pledge")
	c.starForge(c.lin, "pl:rv:"+itoa(lin.ID)+":5", "不能给自己的承诺打分")
	c.starForge(c.zhao, "pl:r:"+itoa(lin.ID), "您已经评过这份承诺了：每人只能评一次，没有改动")
	c.starForge(c.zhao, "pl:rv:"+itoa(lin.ID)+":1", "您已经评过这份承诺了")
	c.db(func(tx *storage.Tx) error {
		p, err := tx.Pledge(lin.ID)
		if p.Ratings != 2 || p.Average != 4.5 || p.Items[0].Photo == "" || p.Items[0].Note != "买了米和油送到3号楼" {
			t.Errorf("pledge after ratings %+v", p)
		}
		return err
	})
	c.say(c.li, "/pledges")
	c.expect(c.li.ID, "Pledges 2026 H2 (under review): 3 pledges", "1. 林 · 2/3 done · 4.5★ from 2 ratings", "3. Li · 0/1 done")
	c.pledgeOpen(c.wang, lin, "说明：买了米和油送到3号楼 （有照片）")

	// The window closes: pledgers hear their result; ratings stop.
	c.starAdvance(7*starDay + time.Minute)
	c.expect(c.lin.ID, "2026 H2 的群众评议已结束。您的承诺：完成 2/3 项，2 人评议，平均 4.5★")
	c.starForge(c.wang, "pl:rv:"+itoa(lin.ID)+":5", "这份承诺现在不在评议期")
	c.db(func(tx *storage.Tx) error {
		n, kept, total, err := tx.PledgeFigures(c.clock.Now().Add(-30*starDay), c.clock.Now())
		if n != 3 || kept != 2 || total != 6 {
			t.Errorf("figures: %d pledges, %d of %d items kept", n, kept, total)
		}
		return err
	})
	if v := c.tg.Violations(); len(v) != 0 {
		t.Errorf("spec violations: %v", v)
	}
}

// TestPledgeBadItems: no items and 50 items are refused, nothing is stored,
// and the member may try again.
func TestPledgeBadItems(t *testing.T) {
	c := newPledgeCast(t)
	ask := c.pledgeAsk(c.wang)
	c.tg.SendReply(c.wang, telegramtest.PrivateChat(c.wang), "1.\n2、", ask)
	ask = c.starAfter(c.wang.ID, ask.ID, "", "没有读到任何一项。请回复 1 到 10 项")
	var fifty []string
	for i := 0; i < 50; i++ {
		fifty = append(fifty, "帮邻居做一件事")
	}
	c.tg.SendReply(c.wang, telegramtest.PrivateChat(c.wang), strings.Join(fifty, "\n"), ask)
	ask = c.starAfter(c.wang.ID, ask.ID, "", "一共 50 项，最多 10 项")
	c.tg.SendReply(c.wang, telegramtest.PrivateChat(c.wang), strings.Repeat("长", 201), ask)
	c.starAfter(c.wang.ID, ask.ID, "", "第 1 项有 201 字，最多 200 字")
	c.db(func(tx *storage.Tx) error {
		per, err := tx.CurrentPledgePeriod()
		if err != nil {
			return err
		}
		ps, err := tx.Pledges(per.ID)
		if len(ps) != 0 {
			t.Errorf("a refused pledge was stored: %+v", ps)
		}
		return err
	})
	c.pledgeMake(c.wang, "陪张奶奶聊天", "已发布")
}
