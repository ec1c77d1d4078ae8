package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/commands/core"
	"courtyard/storage"
)

// flowIs checks a question's whole text and its buttons.
func flowIs(t *testing.T, m telegramtest.Message, text, keys string) {
	t.Helper()
	if m.Plain != text || buttonLabels(m) != keys {
		t.Errorf("got %q with [%s]\nwant %q with [%s]", m.Plain, buttonLabels(m), text, keys)
	}
}

// flowPress presses the button of m whose text is label.
func (h *harness) flowPress(u models.User, m telegramtest.Message, label string) {
	h.t.Helper()
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Text == label {
				h.tg.Press(u, m, b.Data)
				return
			}
		}
	}
	h.t.Fatalf("no button %q on %q: [%s]", label, m.Plain, buttonLabels(m))
}

// flowNone checks that u is in no conversation once all is applied.
func (h *harness) flowNone(u models.User) {
	h.t.Helper()
	h.settle()
	h.db(func(tx *storage.Tx) error {
		f, err := tx.Flow(u.ID)
		if core.IsNotFound(err) {
			return nil
		}
		if err == nil {
			h.t.Errorf("%d is still in the conversation %s/%s", u.ID, f.Name, f.Step)
		}
		return err
	})
}

// The category buttons of a report, in each language.
const (
	flowCatsZh = "供水排污 照明 | 道路 环境卫生 | 安全隐患 噪音 | 邻里纠纷 其他 | 取消"
	flowCatsEn = "Water & sewage Lighting | Roads Sanitation | Safety Noise | Neighbours Other | Cancel"
	// flowNameZh is the name question in building 3, which has a group.
	flowNameZh = "登记之前说一声：3 栋的群里会出现一行简短提示（类别、楼栋和您写的内容，不会有门牌号）。要显示您的名字吗？\n" +
		"如果隐藏，只有 3 栋的楼栋长、社区工作人员和负责处理的那一个人能看到您的名字和门牌号。"
	flowTapZh = "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n"
	// The photo question after the description, before the name question.
	flowPhotosZh     = "有照片吗？现在发过来就行（最多 10 张照片），也可以发位置（📎 → 位置）。没有就点“不加照片，继续”。"
	flowPhotoKeysZh  = "不加照片，继续 | 取消"
	flowPhotosEn     = "Would a photo help? Send one or more now (at most 10 photos), or a location (📎 → Location). Or tap Send without."
	flowPhotoKeysEn  = "Send without a photo | Cancel"
	flowPhotosDoneEn = "Done, go on | Cancel"
	flowTapEn        = "Please tap one of the buttons below, or reply with the words on it.\n\n"
)

// A report by typing only: a yes where a category is expected asks
// again; the description typed instead is kept and a category offered,
// taken with a typed 好; a typed 没有 passes the photo question; where
// hiding the name is advised a typed 好 does not show it and the question
// comes again, nothing filed; the first button's number hides it; after
// filing, 取消 stops adding to it.
func TestTicketFlowReportTyped(t *testing.T) {
	c := newCommunity(t)
	c.say(c.wang, "/report")
	flowIs(t, c.expect(c.wang.ID, "遇到了什么问题"), "遇到了什么问题？请点选类别：", flowCatsZh)
	c.say(c.wang, "好")
	flowIs(t, c.expect(c.wang.ID, "遇到了什么问题"), flowTapZh+"遇到了什么问题？请点选类别：", flowCatsZh)
	c.say(c.wang, "隔壁邻居天天在楼道堆东西")
	flowIs(t, c.expect(c.wang.ID, "看起来是"), "您写的内容已经记下了。看起来是“邻里纠纷”：点 ✓ 或回复“好”确认，也可以选别的类别。",
		"✓ 邻里纠纷 | "+flowCatsZh)
	c.say(c.wang, "好")
	c.expect(c.wang.ID, "类别：邻里纠纷 · 楼栋：3 栋")
	flowIs(t, c.expect(c.wang.ID, "有照片吗"), flowPhotosZh, flowPhotoKeysZh)
	c.say(c.wang, "没有")
	const advised = flowNameZh + "\n邻里纠纷建议隐藏名字。"
	const keys = "✓ 隐藏我的名字 （推荐） 显示我的名字 | 取消"
	flowIs(t, c.expect(c.wang.ID, "要显示您的名字吗"), advised, keys)
	c.say(c.wang, "好")
	flowIs(t, c.expect(c.wang.ID, "要显示您的名字吗"), flowTapZh+advised, keys)
	c.settle()
	if n := c.privCount(); n != 0 {
		t.Fatalf("%d tickets filed before the choice", n)
	}
	privNoMessage(t, c.tg.Messages(c.group.ID), "堆东西")
	c.say(c.wang, "1")
	c.expect(c.wang.ID, "已对邻居隐藏您的名字。只有 3 栋的楼栋长、社区工作人员和负责处理的那一个人能看到您的名字和门牌号。")
	c.expect(c.wang.ID, "已登记问题 #1 · 邻里纠纷 · 3 栋。")
	if tk := c.ticket(1); !tk.HideName || tk.Category != "neighbours" || tk.Text != "隔壁邻居天天在楼道堆东西" {
		t.Fatalf("ticket %+v", tk)
	}
	line := c.expect(c.group.ID, "#1 · 邻里纠纷 · 3 栋")
	if strings.Contains(line.Plain, "王阿姨") {
		t.Errorf("the group line shows the hidden name: %q", line.Plain)
	}
	c.say(c.wang, "取消")
	c.expect(c.wang.ID, "好的。#1 已经登记，之后发的消息不会再加到上面。")
	c.flowNone(c.wang)
	if tk := c.ticket(1); tk.State != storage.TicketOpen {
		t.Fatalf("取消 after filing changed the ticket: %+v", tk)
	}
}

// A category and a building typed by name, a word where the buildings
// are offered asks again, 取消 at the description cancels; then a
// category by its number, a typed 继续 at the photo question, and a
// typed 不 hides the name.
func TestTicketFlowReportBuildingAndCancel(t *testing.T) {
	c := newCommunity(t)
	c.say(c.wang, "/report")
	c.expect(c.wang.ID, "遇到了什么问题")
	c.say(c.wang, "照明")
	chosen := c.expect(c.wang.ID, "类别：照明 · 楼栋：3 栋")
	flowIs(t, chosen, "类别：照明 · 楼栋：3 栋", "不是这栋楼")
	c.expect(c.wang.ID, "请用一句话说说")
	c.tg.Press(c.wang, chosen, "tk:bld")
	flowIs(t, c.expect(c.wang.ID, "问题在哪一栋楼"), "问题在哪一栋楼？", "1 2 3 E12")
	c.say(c.wang, "东边那栋")
	flowIs(t, c.expect(c.wang.ID, "问题在哪一栋楼"), flowTapZh+"问题在哪一栋楼？", "1 2 3 E12")
	c.say(c.wang, "1号楼")
	c.expect(c.wang.ID, "类别：照明 · 楼栋：1 栋")
	c.expect(c.wang.ID, "请用一句话说说")
	c.say(c.wang, "取消")
	c.expect(c.wang.ID, "已取消。需要时再找我。")
	c.flowNone(c.wang)
	if n := c.privCount(); n != 0 {
		t.Fatalf("%d tickets after cancelling", n)
	}

	c.say(c.wang, "/report")
	c.expect(c.wang.ID, "遇到了什么问题")
	c.say(c.wang, "３") // the third button, typed full-width
	c.expect(c.wang.ID, "类别：道路 · 楼栋：3 栋")
	c.say(c.wang, "门口的井盖松了")
	flowIs(t, c.expect(c.wang.ID, "有照片吗"), flowPhotosZh, flowPhotoKeysZh)
	c.say(c.wang, "继续")
	flowIs(t, c.expect(c.wang.ID, "要显示您的名字吗"), flowNameZh, "显示我的名字 隐藏我的名字 | 取消")
	c.say(c.wang, "不")
	c.expect(c.wang.ID, "已对邻居隐藏您的名字")
	c.expect(c.wang.ID, "已登记问题 #1 · 道路 · 3 栋。")
	if tk := c.ticket(1); !tk.HideName || tk.Category != "roads" || tk.Building != "3" {
		t.Fatalf("ticket %+v", tk)
	}
}

// In English: a yes where a category is expected asks again, the
// category typed by its name, "skip" at the photo question, a word at the
// name question asks again, a
// yes shows the name; "cancel" ends a wish.
func TestTicketFlowReportTypedInEnglish(t *testing.T) {
	c := newCommunity(t)
	c.say(c.li, "/report")
	flowIs(t, c.expect(c.li.ID, "What kind of problem"), "What kind of problem? Tap one:", flowCatsEn)
	c.say(c.li, "yes")
	flowIs(t, c.expect(c.li.ID, "What kind of problem"), flowTapEn+"What kind of problem? Tap one:", flowCatsEn)
	c.say(c.li, "noise")
	c.expect(c.li.ID, "Category: Noise · building 3")
	c.say(c.li, "the dogs bark all night")
	flowIs(t, c.expect(c.li.ID, "Would a photo help"), flowPhotosEn, flowPhotoKeysEn)
	c.say(c.li, "skip")
	const name = "Before I file it: a short line about it (category, building and your words, never your unit) will appear in the group of building 3. Show your name in it?\n" +
		"If you hide it, only the leaders of building 3, the community staff and the one person assigned to it see your name and unit."
	flowIs(t, c.expect(c.li.ID, "Show your name"), name, "Show my name Hide my name | Cancel")
	c.say(c.li, "whatever")
	flowIs(t, c.expect(c.li.ID, "Show your name"), flowTapEn+name, "Show my name Hide my name | Cancel")
	c.say(c.li, "Yes")
	c.expect(c.li.ID, "Your name is shown with it.")
	c.expect(c.li.ID, "Problem #1 · Noise · building 3 opened.")
	c.expect(c.group.ID, "#1 · 噪音 · 3 栋", "Li")
	if tk := c.ticket(1); tk.HideName || tk.Category != "noise" {
		t.Fatalf("ticket %+v", tk)
	}

	c.say(c.li, "/wish")
	c.expect(c.li.ID, "What kind of wish")
	c.say(c.li, "Cancel")
	c.expect(c.li.ID, "Cancelled. I am here when you need me.")
	c.flowNone(c.li)

	// A photo with words where the category is expected: both kept, a
	// category offered and taken with a typed yes; the photo question
	// counts the photo and a typed done goes on; the second button's
	// number hides the name.
	c.say(c.li, "/report")
	c.expect(c.li.ID, "What kind of problem")
	c.tg.SendPhoto(c.li, telegramtest.PrivateChat(c.li), "the lamp by gate 2 is dark")
	flowIs(t, c.expect(c.li.ID, "It looks like"), "I kept what you wrote. It looks like “Lighting”: tap ✓ or reply “yes” to confirm, or pick another category.",
		"✓ Lighting | "+flowCatsEn)
	c.say(c.li, "yes")
	c.expect(c.li.ID, "Category: Lighting · building 3")
	flowIs(t, c.expect(c.li.ID, "Added so far"), "Added so far: 1 photo. Send another, or tap Done.", flowPhotosDoneEn)
	c.say(c.li, "done")
	c.expect(c.li.ID, "Show your name")
	c.say(c.li, "2")
	c.expect(c.li.ID, "Your name is hidden from neighbours.")
	c.expect(c.li.ID, "Problem #2 · Lighting · building 3 opened.")
	if tk := c.ticket(2); !tk.HideName || len(tk.Photos) != 1 || tk.Text != "the lamp by gate 2 is dark" {
		t.Fatalf("ticket %+v", tk)
	}
}
