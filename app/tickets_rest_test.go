package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// restVoices are the voice notes (file_ids) the bot sent to chat since
// mark since (the zero Mark: ever).
func (c *community) restVoices(since telegramtest.Mark, chat int64) []string {
	var out []string
	for _, m := range c.tg.MessagesSince(since, chat) {
		if m.Voice != "" {
			out = append(out, m.Voice)
		}
	}
	return out
}

// restAskText walks u through /report (or /wish) to the description
// question after tapping category.
func (c *community) restAskText(u models.User, cmd, category string) telegramtest.Message {
	c.t.Helper()
	c.say(u, cmd)
	m := c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool {
		return hasButton(m, "tk:cat:"+category) && !hasButtonPrefix(m, "tk:nm:")
	}, wait)
	c.tg.Press(u, m, "tk:cat:"+category)
	return c.tg.WaitMessage(c.t, u.ID, func(x telegramtest.Message) bool { return x.ForceReply && x.ID > m.ID }, wait)
}

// A voice note is a report's whole description: kept on the ticket, sent
// to the building's leader after the notice and to the assignee, offered
// behind Details, never posted to the group.
func TestRestVoiceNoteIsTheReport(t *testing.T) {
	c := newCommunity(t)
	c.restAskText(c.wang, "/report", "lighting")
	c.tg.SendVoice(c.wang, telegramtest.PrivateChat(c.wang), 42, "")
	c.expect(c.wang.ID, "有照片吗？")
	if q := c.privNameQuestion(c.wang); !strings.Contains(q.Plain, "您的语音不会发到群里") {
		t.Errorf("name question: %q", q.Plain)
	}
	id := c.privChooseName(c.wang, "tk:nm:hide")
	tk := c.ticket(id)
	if tk.Text != "" || len(tk.Voices) != 1 || tk.Voices[0].Seconds != 42 || tk.Voices[0].Audio {
		t.Fatalf("ticket %+v", tk)
	}
	voice := tk.Voices[0].FileID
	c.expect(c.wang.ID, "已登记问题 #1 · 照明 · 3 栋")
	c.expect(c.leader.ID, "🔔 新问题 #1 · 照明 · 3 栋", "“（语音）”")
	c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool {
		return m.Voice == voice && m.Method == "sendVoice" && strings.Contains(m.Plain, "#1 · 报告人的语音")
	}, wait)
	line := c.expect(c.group.ID, "#1 · 照明 · 3 栋", "（语音）")
	if strings.Contains(line.Plain, "王阿姨") {
		t.Errorf("group line names a hidden reporter: %q", line.Plain)
	}

	// A second voice note, after filing, is added and passed on; one over
	// five minutes is refused.
	c.tg.SendVoice(c.wang, telegramtest.PrivateChat(c.wang), 20, "就在东门口")
	c.expect(c.wang.ID, "语音已加到 #1")
	c.tg.SendVoice(c.wang, telegramtest.PrivateChat(c.wang), 301, "")
	c.expect(c.wang.ID, "这条语音太长了：最长 5 分钟")
	c.settle()
	tk = c.ticket(id)
	if len(tk.Voices) != 2 {
		t.Fatalf("voices after adding: %+v", tk.Voices)
	}
	if got := c.restVoices(telegramtest.Mark{}, c.leader.ID); len(got) != 2 || got[1] != tk.Voices[1].FileID {
		t.Errorf("leader heard %v, want both of %+v", got, tk.Voices)
	}
	for _, m := range c.tg.Messages(c.group.ID) {
		if m.Voice != "" || m.Audio != "" {
			t.Errorf("a voice note reached the group: %+v", m)
		}
	}

	// Details offers the voice notes to the leader, not to a neighbour.
	c.say(c.leader, "/ticket 1")
	details := c.expect(c.leader.ID, "“（语音）”", "🎙 2 条语音")
	c.tg.Press(c.leader, details, "tk:media:1")
	pressed := c.mark()
	c.tg.WaitUntil(t, func() bool { return len(c.restVoices(pressed, c.leader.ID)) == 2 }, wait)
	c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), details.ID, "tk:media:1")
	c.expectAnswer("this button is not for you") // the permission table's refusal
	if got := c.restVoices(telegramtest.Mark{}, c.li.ID); len(got) != 0 {
		t.Errorf("a neighbour heard %v", got)
	}

	// The person it is assigned to gets the voice notes, with the text in
	// their own language.
	c.say(c.admin, "/assign 1 2002")
	c.expect(c.li.ID, "(voice message)")
	c.tg.WaitUntil(t, func() bool { return len(c.restVoices(telegramtest.Mark{}, c.li.ID)) == 2 }, wait)
	if v := c.tg.Violations(); len(v) != 0 {
		t.Errorf("violations: %v", v)
	}
}

// An audio recording with a caption: the caption is the text, the
// recording is kept and sent as audio.
func TestRestAudioWithCaption(t *testing.T) {
	c := newCommunity(t)
	c.restAskText(c.li, "/report", "water")
	c.tg.SendAudio(c.li, telegramtest.PrivateChat(c.li), 30, "the drain by door 2")
	id := c.privChooseName(c.li, "tk:nm:show")
	tk := c.ticket(id)
	if tk.Text != "the drain by door 2" || len(tk.Voices) != 1 || !tk.Voices[0].Audio {
		t.Fatalf("ticket %+v", tk)
	}
	c.expect(c.leader.ID, "🔔 新问题 #1", "the drain by door 2")
	c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool {
		return m.Method == "sendAudio" && m.Audio == tk.Voices[0].FileID
	}, wait)
	c.expect(c.group.ID, "#1 · 供水排污 · 3 栋", "the drain by door 2")
	if v := c.tg.Violations(); len(v) != 0 {
		t.Errorf("violations: %v", v)
	}
}

// A voice note sent before a category is chosen is kept too.
func TestRestVoiceBeforeCategory(t *testing.T) {
	c := newCommunity(t)
	c.say(c.wang, "/report")
	c.expect(c.wang.ID, "遇到了什么问题")
	c.tg.SendVoice(c.wang, telegramtest.PrivateChat(c.wang), 15, "")
	m := c.expect(c.wang.ID, "语音收到了。请再点选一个类别")
	c.tg.Press(c.wang, m, "tk:cat:roads")
	id := c.privChooseName(c.wang, "tk:nm:show")
	if tk := c.ticket(id); tk.Category != "roads" || len(tk.Voices) != 1 {
		t.Errorf("ticket %+v", tk)
	}
	// Outside any report, a voice note is pointed to the report button.
	c.tg.SendVoice(c.li, telegramtest.PrivateChat(c.li), 10, "")
	c.expect(c.li.ID, "To report a problem, tap “Report a problem”")
}

// /wish explains what a micro-wish is and offers the wish categories,
// which every view then names.
func TestRestWishHasItsOwnCategories(t *testing.T) {
	c := newCommunity(t)
	c.say(c.wang, "/wish")
	m := c.expect(c.wang.ID, "微心愿是一件邻居或志愿者能帮您办成的具体小事", "台灯")
	if !hasButton(m, "tk:cat:items") || !hasButton(m, "tk:cat:home_help") || hasButton(m, "tk:cat:water") {
		t.Fatalf("wish categories: %+v", m.Buttons)
	}
	// A report category pressed in a wish (a forged press) is refused.
	c.tg.PressRaw(c.wang, telegramtest.PrivateChat(c.wang), m.ID, "tk:cat:water")
	c.expectAnswer("这个按钮已经失效了")
	c.tg.Press(c.wang, m, "tk:cat:items")
	ask := c.expect(c.wang.ID, "希望别人帮您做什么")
	if p, _ := c.tg.Calls("sendMessage")[len(c.tg.Calls("sendMessage"))-1].Params["reply_markup"].(map[string]any); p == nil ||
		!strings.Contains(p["input_field_placeholder"].(string), "米") {
		t.Errorf("wish placeholder: %+v", p)
	}
	c.tg.SendReply(c.wang, telegramtest.PrivateChat(c.wang), "给爷爷添一盏台灯", ask)
	id := c.privChooseName(c.wang, "tk:nm:show")
	if tk := c.ticket(id); tk.Kind != storage.TicketKindWish || tk.Category != "items" {
		t.Fatalf("wish %+v", tk)
	}
	c.expect(c.leader.ID, "🔔 新心愿 #1 · 物品 · 3 栋")
	wline := c.expect(c.group.ID, "#1 · 物品 · 3 栋")
	if len(wline.Buttons) == 0 || wline.Buttons[0][0].Text != "关注" {
		t.Errorf("a wish's group line offers %+v, want 关注 (not 我也遇到)", wline.Buttons)
	}
	c.say(c.admin, "/ledger")
	c.expect(c.admin.ID, "Items")
	c.say(c.admin, "/stats")
	c.expect(c.admin.ID, "Items")
	c.say(c.admin, "/export")
	doc := c.tg.WaitMessage(t, c.admin.ID, func(x telegramtest.Message) bool {
		return x.Method == "sendDocument" && strings.HasSuffix(x.DocumentName, ".csv") && strings.Contains(string(x.DocumentData), "给爷爷")
	}, wait)
	if !strings.Contains(string(doc.DocumentData), ",物品,") {
		t.Errorf("export lacks the wish category's label:\n%s", doc.DocumentData)
	}
	// A one-line wish in the group is filed under a wish category by its words.
	c.tg.SendText(c.li, c.group, "/wish someone to visit grandma on Sundays")
	c.expect(c.group.ID, "#2 · 陪伴探访 · 3 栋")
}

// Counts in English take the singular for one.
func TestRestEnglishPlurals(t *testing.T) {
	c := &community{}
	h := newHarness(t, func(cfg *config.Config) { cfg.Tickets.AutoCloseDays = 1; cfg.Tickets.MaxPhotos = 1 })
	c.harness = h
	c.admin, c.leader, c.li = h.user(adminID, "Boss", "en"), h.user(3001, "Lin", "en"), h.user(2002, "Li", "en")
	h.register(c.admin, "1", "101")
	h.register(c.leader, "3", "101")
	h.register(c.li, "3", "301")
	h.say(c.admin, "/grant 3001 leader 3")
	h.expect(c.admin.ID, "is now building leader")
	id := c.reportInPrivate(c.li, "lighting", "the lamp is out")
	asked := false
	for _, call := range h.tg.Calls("sendMessage") {
		s, _ := call.Params["text"].(string)
		asked = asked || strings.HasPrefix(s, "Would a photo help? Send one or more now (at most 1 photo), ")
	}
	if !asked {
		t.Errorf("the photo question was not asked in the singular")
	}
	h.tg.SendPhoto(c.li, telegramtest.PrivateChat(c.li), "")
	h.expect(c.li.ID, "Photo added")
	h.tg.SendPhoto(c.li, telegramtest.PrivateChat(c.li), "")
	h.expect(c.li.ID, "at most 1 photo;")
	notice := h.lookup(c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:claim:"+itoa(id)) })
	h.tg.Press(c.leader, notice, "tk:claim:"+itoa(id))
	claimed := h.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:res:"+itoa(id)) }, wait)
	h.tg.Press(c.leader, claimed, "tk:res:"+itoa(id))
	ask := h.expect(c.leader.ID, "what was done")
	h.tg.SendReply(c.leader, telegramtest.PrivateChat(c.leader), "new bulb", ask)
	h.expect(c.li.ID, "Without an answer within 1 day it is closed.")
	for _, m := range h.tg.Messages(c.li.ID) {
		if strings.Contains(m.Plain, "1 days") || strings.Contains(m.Plain, "1 photos") {
			t.Errorf("singular wanted: %q", m.Plain)
		}
	}
}

// restDump logs every message the bot sent to each chat, for reading.
func (c *community) restDump(chats map[string]int64) {
	for name, id := range chats {
		for _, m := range c.tg.Messages(id) {
			what := m.Plain
			switch {
			case m.Voice != "":
				what = "[voice] " + what
			case m.Photo != "":
				what = "[photo] " + what
			}
			var buttons []string
			for _, row := range m.Buttons {
				for _, b := range row {
					buttons = append(buttons, b.Text)
				}
			}
			c.t.Logf("%s #%d %s %q %v", name, m.ID, m.Method, what, buttons)
		}
	}
	for _, method := range []string{"sendMessage", "editMessageText", "editMessageCaption", "sendPhoto", "sendVoice"} {
		for _, call := range c.tg.Calls(method) {
			text, _ := call.Params["text"].(string)
			if text == "" {
				text, _ = call.Params["caption"].(string)
			}
			c.t.Logf("call %s %v %q", method, call.Params["chat_id"], text)
		}
	}
	for _, a := range c.tg.Answers() {
		if s, _ := a.Params["text"].(string); s != "" {
			c.t.Logf("toast %q", s)
		}
	}
}

// The whole flow once, as a resident (zh), a leader (zh) and staff (en):
// a voice report, the name choice, claim, a fix with a photo, "Partly"
// with what is still wrong, a second fix, "Yes"; then a wish.
func TestRestWalkthrough(t *testing.T) {
	c := newCommunity(t)
	staff := c.user(4001, "Sue", "en")
	c.register(staff, "1", "102")
	c.say(c.admin, "/grant 4001 staff")
	c.expect(c.admin.ID, "Sue")

	c.restAskText(c.wang, "/report", "water")
	c.tg.SendVoice(c.wang, telegramtest.PrivateChat(c.wang), 35, "")
	c.privChooseName(c.wang, "tk:nm:hide")
	c.expect(c.wang.ID, "已登记问题 #1")

	notice := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:claim:1") }, wait)
	c.tg.Press(c.leader, notice, "tk:claim:1")
	claimed := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:res:1") }, wait)
	c.tg.Press(c.leader, claimed, "tk:res:1")
	c.expect(c.leader.ID, "#1：做了什么处理")
	c.tg.SendPhoto(c.leader, telegramtest.PrivateChat(c.leader), "疏通了下水道")
	fixed := c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:fb:1:partly") }, wait)
	c.tg.Press(c.wang, fixed, "tk:fb:1:partly")
	ask := c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool {
		return hasButton(m, "fl:ticketnote:x:note") && strings.Contains(m.Plain, "还有什么没解决")
	}, wait)
	c.tg.SendReply(c.wang, telegramtest.PrivateChat(c.wang), "还是有点慢", ask)
	c.expect(c.leader.ID, "报告人说还有问题：“还是有点慢”")
	c.say(c.leader, "/mytasks")
	c.expect(c.leader.ID, "#1")
	c.say(c.leader, "/ticket 1")
	details := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool {
		return hasButton(m, "tk:res:1") && strings.Contains(m.Plain, "还是有点慢")
	}, wait)
	c.tg.Press(c.leader, details, "tk:res:1")
	again := c.tg.WaitMessage(t, c.leader.ID, func(m telegramtest.Message) bool { return hasButton(m, "fl:resolve:x:note") && m.ID > details.ID }, wait)
	c.tg.SendReply(c.leader, telegramtest.PrivateChat(c.leader), "换了一段管子", again)
	fixed2 := c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:fb:1:yes") && m.ID > fixed.ID }, wait)
	c.tg.Press(c.wang, fixed2, "tk:fb:1:yes")
	c.expect(c.wang.ID, "谢谢确认！")
	c.say(staff, "/ticket 1")
	c.expect(staff.ID, "#1 · Water")
	c.say(staff, "/ledger")
	c.expect(staff.ID, "#1")

	c.say(c.wang, "/wish")
	m := c.expect(c.wang.ID, "微心愿")
	c.tg.Press(c.wang, m, "tk:cat:company")
	w := c.expect(c.wang.ID, "希望别人帮您做什么")
	c.tg.SendReply(c.wang, telegramtest.PrivateChat(c.wang), "周末有人陪我去医院", w)
	c.privChooseName(c.wang, "tk:nm:show")
	c.expect(c.leader.ID, "🔔 新心愿 #2")

	// Building 2 has no leader: staff (in English) get it, voice and all.
	zhao := c.user(2201, "赵大爷", "zh")
	c.register(zhao, "2", "101")
	c.restAskText(zhao, "/report", "safety")
	c.tg.SendVoice(zhao, telegramtest.PrivateChat(zhao), 50, "")
	c.privChooseName(zhao, "tk:nm:show")
	c.expect(zhao.ID, "已登记问题 #3", "已通知社区工作人员")
	snotice := c.expect(staff.ID, "🔔 New: Problem #3 · Safety · building 2", "“(voice message)”")
	c.tg.WaitMessage(t, staff.ID, func(m telegramtest.Message) bool {
		return m.Voice != "" && strings.Contains(m.Plain, "#3 · voice message from the reporter")
	}, wait)
	c.tg.Press(staff, snotice, "tk:claim:3")
	sclaimed := c.tg.WaitMessage(t, staff.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:res:3") }, wait)
	c.tg.Press(staff, sclaimed, "tk:res:3")
	c.expect(staff.ID, "#3: what was done?")
	c.tg.SendPhoto(staff, telegramtest.PrivateChat(staff), "wire covered")
	zfixed := c.tg.WaitMessage(t, zhao.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:fb:3:no") }, wait)
	c.tg.Press(zhao, zfixed, "tk:fb:3:no")
	zask := c.tg.WaitMessage(t, zhao.ID, func(m telegramtest.Message) bool {
		return hasButton(m, "fl:ticketnote:x:note") && strings.Contains(m.Plain, "还有什么没解决")
	}, wait)
	c.tg.SendReply(zhao, telegramtest.PrivateChat(zhao), "电线还露在外面", zask)
	c.expect(staff.ID, "电线还露在外面")
	c.settle()
	c.restDump(map[string]int64{"wang": c.wang.ID, "leader": c.leader.ID, "staff": staff.ID, "group": c.group.ID, "zhao": zhao.ID, "admin": c.admin.ID})
	if v := c.tg.Violations(); len(v) != 0 {
		t.Errorf("violations: %v", v)
	}
}
