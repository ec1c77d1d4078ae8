package app

import (
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// 林 types a list, types where a button is expected, changes the list at
// the preview and publishes it; a check-off he cancels by typing 取消 is
// not checked off.
func TestPledgeFlowChinese(t *testing.T) {
	c := newPledgeCast(t)
	c.say(c.lin, "/pledge")
	ask := "您在 2026 H2 的承诺。请回复您要为邻居做的具体事情，每行一项：1 到 10 项，每项最多 200 字。发布前会先给您预览。"
	c.fsWant(c.lin.ID, "您在 2026 H2 的承诺", ask, "取消")
	c.say(c.lin, "1. 每周帮独居老人买菜\n2. 修好楼道灯")
	preview := func(items string) string {
		return "承诺是公开的：发布后，下面这份清单会连同您的名字原样出现在社区群里，并在 /pledges 里显示进度和评分。\n\n" +
			"🤝 林 在 2026 H2 承诺：\n" + items + "\n\n点“确定”发布，点“修改”重写清单。"
	}
	two := "1. 每周帮独居老人买菜\n2. 修好楼道灯"
	c.fsWant(c.lin.ID, "承诺是公开的", preview(two), "确定 修改 取消")
	c.say(c.lin, "发布吧")
	c.fsWant(c.lin.ID, "承诺是公开的", "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n"+preview(two), "确定 修改 取消")
	groupBefore := len(c.tg.Messages(c.group.ID))
	c.say(c.lin, "修改")
	c.fsWant(c.lin.ID, "您在 2026 H2 的承诺", ask, "取消")
	c.say(c.lin, "1. 每周帮独居老人买菜\n2. 修好楼道灯\n3、组织一次楼院清洁")
	three := "1. 每周帮独居老人买菜\n2. 修好楼道灯\n3. 组织一次楼院清洁"
	m := c.fsWant(c.lin.ID, "承诺是公开的", preview(three), "确定 修改 取消")
	if n := len(c.tg.Messages(c.group.ID)); n != groupBefore {
		t.Fatal("the pledge reached the group before it was confirmed")
	}
	c.tg.Press(c.lin, m, "fl:pl_items:y:ok")
	c.fsWant(c.lin.ID, "已发布", "已发布（2026 H2）。做完一项就用 /pledge 打勾。", "-")
	c.expect(c.group.ID, "林 在 2026 H2 承诺：\n"+three)

	// A check-off cancelled by typing.
	p := c.pledgeOf(c.lin)
	c.say(c.lin, "/pledge")
	page := c.expect(c.lin.ID, "已完成 0/3")
	c.tg.Press(c.lin, page, "pl:d:"+itoa(p.ID)+":1")
	note := "第 1 项：每周帮独居老人买菜\n请回复一句说明做了什么（最多 300 字）；也可以发一张照片，把说明写在照片说明里。"
	c.fsWant(c.lin.ID, "第 1 项", note, "取消")
	c.say(c.lin, "取消")
	c.fsWant(c.lin.ID, "已取消", "已取消。需要时再找我。", "-")
	if got := c.pledgeOf(c.lin); !got.Items[0].DoneAt.IsZero() || got.Items[0].Note != "" {
		t.Fatalf("a cancelled check-off checked the item: %+v", got.Items[0])
	}
	c.tg.Press(c.lin, page, "pl:d:"+itoa(p.ID)+":1")
	c.fsWant(c.lin.ID, "第 1 项", note, "取消")
	c.say(c.lin, "买了米和油")
	c.fsWant(c.lin.ID, "打勾", "第 1 项已打勾：完成 1/3。", "-")
}

// Li cancels by typing, then pledges, changes the list with the button and
// confirms by typing; a photo without a caption is asked for again.
func TestPledgeFlowEnglish(t *testing.T) {
	c := newPledgeCast(t)
	c.say(c.admin, "/pledge allow 2002")
	c.expect(c.li.ID, "Staff invited you to make a public pledge")
	ask := "Your pledge for 2026 H2. Reply with the concrete things you will do for your neighbours, one per line: 1 to 10 items, each at most 200 characters. You will see a preview before anything is published."
	c.say(c.li, "/pledge")
	c.fsWant(c.li.ID, "Your pledge for", ask, "Cancel")
	c.say(c.li, "cancel")
	c.fsWant(c.li.ID, "Cancelled", "Cancelled. I am here when you need me.", "-")
	c.say(c.li, "/pledge")
	c.fsWant(c.li.ID, "Your pledge for", ask, "Cancel")
	c.say(c.li, "Teach English")
	preview := func(items string) string {
		return "Your pledge is public: by publishing it, this short list will appear in the community's group with your name, exactly as below, and in /pledges with your progress and ratings.\n\n" +
			"🤝 Li 在 2026 H2 承诺：\n" + items + "\n\nTap Confirm to publish it, or Change to write the list again."
	}
	m := c.fsWant(c.li.ID, "Your pledge is public", preview("1. Teach English"), "Confirm Change Cancel")
	c.tg.Press(c.li, m, "fl:pl_items:c:ok")
	c.fsWant(c.li.ID, "Your pledge for", ask, "Cancel")
	c.say(c.li, "Teach English to two kids\nRepair bikes")
	c.fsWant(c.li.ID, "Your pledge is public", preview("1. Teach English to two kids\n2. Repair bikes"), "Confirm Change Cancel")
	c.say(c.li, "ok")
	c.fsWant(c.li.ID, "Published", "Published for 2026 H2. Check items off with /pledge as you do them.", "-")
	c.expect(c.group.ID, "Li 在 2026 H2 承诺：\n1. Teach English to two kids\n2. Repair bikes")

	p := c.pledgeOf(c.li)
	c.say(c.li, "/pledge")
	page := c.expect(c.li.ID, "0/2 done")
	c.tg.Press(c.li, page, "pl:d:"+itoa(p.ID)+":2")
	c.fsWant(c.li.ID, "Item 2", "Item 2: Repair bikes\nReply with a short note on what you did (at most 300 characters); you may send a photo with the note as its caption.", "Cancel")
	c.tg.SendPhoto(c.li, telegramtest.PrivateChat(c.li), "")
	c.fsWant(c.li.ID, "Please write a note", "Please write a note (at most 300 characters), or send a photo with a caption.", "Cancel")
	c.tg.SendPhoto(c.li, telegramtest.PrivateChat(c.li), "Fixed three bikes")
	c.fsWant(c.li.ID, "checked off", "Item 2 checked off: 1 of 2 done.", "-")
	c.db(func(tx *storage.Tx) error {
		got, err := tx.Pledge(p.ID)
		if err == nil && (got.Items[1].Note != "Fixed three bikes" || got.Items[1].Photo == "" || !got.Items[0].DoneAt.IsZero()) {
			t.Errorf("items after the check-off: %+v", got.Items)
		}
		return err
	})
}

// The rating's optional word: 取消 typed ends it with no rating; the Skip
// button's words typed skip it, in either language.
func TestPledgeRateWordTyped(t *testing.T) {
	c := newPledgeCast(t)
	c.pledgeMake(c.lin, "修好楼道灯", "已发布")
	c.say(c.admin, "/pledge end")
	c.expect(c.admin.ID, "Period 2026 H2 ended")
	p := c.pledgeOf(c.lin)
	rate := func(u models.User, stars string) {
		t.Helper()
		page := c.pledgeOpen(u, p, "")
		c.tg.Press(u, page, "pl:r:"+itoa(p.ID))
		m := c.starAfter(u.ID, page.ID, "pl:rv:"+itoa(p.ID)+":"+stars, "")
		c.tg.Press(u, m, "pl:rv:"+itoa(p.ID)+":"+stars)
		c.tg.WaitMessage(t, u.ID, func(x telegramtest.Message) bool { return x.ID == m.ID && hasButton(x, "pl:rk") }, wait)
	}
	rate(c.zhao, "5")
	c.say(c.zhao, "取消")
	c.fsWant(c.zhao.ID, "已取消", "已取消。需要时再找我。", "-")
	rate(c.zhao, "4")
	c.say(c.zhao, "跳过")
	c.expect(c.zhao.ID, "谢谢：您给 林 的承诺打了 4★")
	rate(c.li, "3")
	c.say(c.li, "Skip")
	c.expect(c.li.ID, "Thank you: you rated 3★ for 林's pledge")
	c.db(func(tx *storage.Tx) error {
		got, err := tx.Pledge(p.ID)
		if err == nil && (got.Ratings != 2 || got.Average != 3.5) {
			t.Errorf("ratings %d, average %.1f; want 2 and 3.5", got.Ratings, got.Average)
		}
		words, err := tx.PledgeWords(p.ID)
		if len(words) != 0 {
			t.Errorf("a skipped word was kept: %q", words)
		}
		return err
	})
}
