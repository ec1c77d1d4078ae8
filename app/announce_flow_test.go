package app

import (
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// annSaid waits for the message to chat, since the latest action, whose
// text is exactly text, and checks its buttons are labels ("*": any).
func (h *harness) annSaid(chat int64, text, labels string) telegramtest.Message {
	h.t.Helper()
	m := h.tg.WaitMessage(h.t, chat, func(m telegramtest.Message) bool { return m.Plain == text }, wait)
	if got := buttonLabels(m); got != labels && labels != "*" {
		h.t.Errorf("%q: buttons %q, want %q", text, got, labels)
	}
	return m
}

// annFlow is the person's conversation, "name/step", "" when none.
func (h *harness) annFlow(id int64) string {
	h.t.Helper()
	h.settle()
	var f storage.Flow
	found := true
	h.db(func(tx *storage.Tx) error {
		var err error
		f, err = tx.Flow(id)
		if err == storage.ErrNotFound {
			found = false
			return nil
		}
		return err
	})
	if !found {
		return ""
	}
	return f.Name + "/" + f.Step
}

// A leader announces to their building's residents by typing, in Chinese:
// a word where a button is expected asks the same question again, a
// number picks, finishing with no building is refused, the preview comes
// with the confirmation, the change asks what to change, and a typed 取消
// ends it with nothing sent.
func TestAnnounceFlowTypedInChinese(t *testing.T) {
	c := newCommunity(t)
	l := c.leader
	c.say(l, "/announce")
	ask := c.annSaid(l.ID, "通知发给谁？", "部分楼栋的群 | 部分楼栋的居民（私信） | 取消")
	c.say(l, "明天")
	c.annSaid(l.ID, "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n通知发给谁？", "部分楼栋的群 | 部分楼栋的居民（私信） | 取消")
	if f := c.annFlow(l.ID); f != "announce/audience" {
		t.Fatalf("flow after a typed word: %q", f)
	}
	c.say(l, "2")
	c.annSaid(l.ID, "已选：部分楼栋的居民（私信）\n\n请点选楼栋（可多选），选好后点“选好了”。", "3 | 选好了 | 返回 取消")
	c.say(l, "好")
	c.annSaid(l.ID, "请至少选一栋楼。\n\n请点选楼栋（可多选），选好后点“选好了”。", "3 | 选好了 | 返回 取消")
	c.say(l, "3")
	pick := c.annSaid(l.ID, "请点选楼栋（可多选），选好后点“选好了”。", "✓ 3 | 选好了 | 返回 取消")
	c.tg.Press(l, pick, annBuilt)
	c.annSaid(l.ID, "请发送通知内容。可以附一张照片（把文字写在照片说明里）。", "返回 取消")
	c.say(l, "周六上午九点在广场开会")
	c.annSaid(l.ID, "这是紧急通知吗？紧急通知会马上发出，夜里也发；普通通知在免打扰时段（晚上）会等到早上再发。", "普通 紧急，马上发 | 返回 取消")
	c.say(l, "普通")
	preview := c.annSaid(l.ID, "📢 社区通知\n\n周六上午九点在广场开会\n\n—— 林", "已读 ✓")
	c.annSaid(l.ID, "已选：普通\n\n上面是预览，大家收到的就是这样。\n发给：部分楼栋的居民（私信）（3），共 3 个接收方。\n确定发送吗？", "确定 修改 取消")
	c.tg.Press(l, preview, "an:ack:0")
	c.expectAnswer("这是预览，不计入阅读。")
	c.say(l, "修改")
	c.annSaid(l.ID, "要修改哪一项？", "发给谁 楼栋 内容 紧急 | 返回 取消")
	c.say(l, "取消")
	c.annSaid(l.ID, "已取消。需要时再找我。", "*") // with the main menu
	if f := c.annFlow(l.ID); f != "" {
		t.Fatalf("flow after 取消: %q", f)
	}
	c.tg.Press(l, ask, annAudience+"bresidents")
	c.expectAnswer("这个按钮已经失效了。")
	c.settle()
	for _, u := range []int64{c.wang.ID, c.li.ID} {
		for _, m := range c.tg.Messages(u) {
			if strings.Contains(m.Plain, "广场开会") {
				t.Errorf("%d got a cancelled announcement: %q", u, m.Plain)
			}
		}
	}
}

// Staff announce a photo to the groups in English, then change the
// audience at the confirmation: the pin question goes with the groups,
// the photo and its caption stay, and it goes to the residents only.
func TestAnnounceFlowCorrectedInEnglish(t *testing.T) {
	c := newCommunity(t)
	a := c.admin
	c.annStart(a, "groups")
	c.tg.SendPhoto(a, telegramtest.PrivateChat(a), "Bring old clothes on Saturday")
	pin := c.annSaid(a.ID, "Pin it in the groups once it is sent?", "Pin it Don't pin | Back Cancel")
	c.say(a, "maybe")
	c.annSaid(a.ID, "Please tap one of the buttons below, or reply with the words on it.\n\nPin it in the groups once it is sent?", "Pin it Don't pin | Back Cancel")
	c.tg.Press(a, pin, annPin)
	urgent := c.annSaid(a.ID, "Is it urgent? An urgent notice goes out at once, even at night; a routine one waits through quiet hours until morning.", "Routine Urgent, send now | Back Cancel")
	c.tg.Press(a, urgent, annRoutine)
	c.tg.WaitMessage(t, a.ID, func(m telegramtest.Message) bool {
		return m.Photo != "" && strings.Contains(m.Caption, "Bring old clothes")
	}, wait)
	c.annSaid(a.ID, "Above is the preview, exactly as people will get it.\nTo: All linked groups, 1 recipient, pinned in the groups once sent.\nSend it?", "Confirm Change Cancel")
	c.say(a, "change")
	which := c.annSaid(a.ID, "What would you like to change?", "Audience Text | Pin Urgent | Back Cancel")
	c.tg.Press(a, which, "fl:announce:w:ok:audience")
	c.annSaid(a.ID, "Changing: Audience", "")
	ask := c.annSaid(a.ID, "Who should receive it?", "All linked groups | Some buildings' groups | All residents (in private) | Residents of some buildings (in private) | All building leaders | Cancel")
	c.tg.Press(a, ask, annAudience+"residents")
	photo := c.tg.WaitMessage(t, a.ID, func(m telegramtest.Message) bool {
		return m.Photo != "" && strings.Contains(m.Caption, "Bring old clothes")
	}, wait)
	if photo.Caption != "📢 <b>Community notice</b>\n\nBring old clothes on Saturday\n\n— Boss" {
		t.Errorf("the preview after the change: %q", photo.Caption)
	}
	c.annSaid(a.ID, "Above is the preview, exactly as people will get it.\nTo: All residents (in private), 4 recipients.\nSend it?", "Confirm Change Cancel")
	c.say(a, "OK")
	c.annSaid(a.ID, "Announcement #1 is going out to 4 recipients. Send /announcements to see delivery and who read it.", "")
	got := c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool { return m.Photo != "" }, wait)
	if got.Caption != "📢 <b>社区通知</b>\n\nBring old clothes on Saturday\n\n—— Boss" || buttonLabels(got) != "已读 ✓" {
		t.Errorf("a resident got %q %q", got.Caption, buttonLabels(got))
	}
	c.settle()
	for _, m := range c.tg.Messages(c.group.ID) {
		if strings.Contains(m.Caption, "old clothes") {
			t.Errorf("the group got it after the audience was changed: %q", m.Caption)
		}
	}
	c.db(func(tx *storage.Tx) error {
		ann, err := tx.Announcement(1)
		if err == nil && (ann.Audience != storage.AudienceResidents || ann.Photo == "" || ann.Pin) {
			t.Errorf("stored %+v", ann)
		}
		return err
	})
}
