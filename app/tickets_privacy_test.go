package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// privChooseName presses data ("tk:nm:show" or "tk:nm:hide") on the newest
// name question in u's chat, waits for the filing and returns the new
// ticket's number.
func (h *harness) privChooseName(u models.User, data string) int64 {
	h.t.Helper()
	q := h.privNameQuestion(u)
	h.tg.Press(u, q, data)
	h.tg.WaitMessage(h.t, u.ID, func(m telegramtest.Message) bool {
		return m.ID > q.ID && strings.Contains(m.Plain, "#") && strings.Contains(m.Plain, " · ")
	}, wait)
	var id int64
	h.db(func(tx *storage.Tx) error {
		tks, err := tx.ReporterTickets(u.ID, 1)
		if len(tks) == 1 {
			id = tks[0].ID
		}
		return err
	})
	if id == 0 {
		h.t.Fatalf("no ticket filed by %d", u.ID)
	}
	return id
}

// privNameQuestion waits for the name question the test's last action
// caused and returns the newest one. When that action described the
// report, the photo question comes first and is passed with
// sendWithoutPhoto.
func (h *harness) privNameQuestion(u models.User) telegramtest.Message {
	h.t.Helper()
	m := h.tg.WaitMessage(h.t, u.ID, func(m telegramtest.Message) bool {
		return hasButton(m, "tk:ph:go") || hasButton(m, "tk:nm:show")
	}, wait)
	if hasButton(m, "tk:ph:go") {
		return h.sendWithoutPhoto(u)
	}
	return h.newestNameQuestion(u)
}

// sendWithoutPhoto waits for the photo question the test's last action
// caused (the report described), presses its Send without button, waits
// for the question to say what goes with the report (or that no photo
// does), and returns the name question that follows.
func (h *harness) sendWithoutPhoto(u models.User) telegramtest.Message {
	h.t.Helper()
	q := h.tg.WaitMessage(h.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:ph:go") }, wait)
	h.tg.Press(u, q, "tk:ph:go")
	h.tg.WaitMessage(h.t, u.ID, func(m telegramtest.Message) bool {
		return m.ID == q.ID && len(m.Buttons) == 0 &&
			(m.Plain == "不加照片。" || m.Plain == "No photo." ||
				strings.HasPrefix(m.Plain, "随报告一起：") || strings.HasPrefix(m.Plain, "With the report: "))
	}, wait)
	h.tg.WaitMessage(h.t, u.ID, func(m telegramtest.Message) bool { return m.ID > q.ID && hasButton(m, "tk:nm:show") }, wait)
	return h.newestNameQuestion(u)
}

// newestNameQuestion is the newest name question in u's chat.
func (h *harness) newestNameQuestion(u models.User) telegramtest.Message {
	h.t.Helper()
	var q telegramtest.Message
	for _, m := range h.tg.Messages(u.ID) {
		if hasButton(m, "tk:nm:show") {
			q = m
		}
	}
	return q
}

// privDescribe walks u through /report, past the photo question without a
// photo, up to the name question.
func (c *community) privDescribe(u models.User, category, text string) telegramtest.Message {
	c.t.Helper()
	c.say(u, "/report")
	m := c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool {
		return hasButton(m, "tk:cat:"+category) && !hasButtonPrefix(m, "tk:nm:")
	}, wait)
	c.tg.Press(u, m, "tk:cat:"+category)
	ask := c.tg.WaitMessage(c.t, u.ID, func(x telegramtest.Message) bool { return x.ForceReply && x.ID > m.ID }, wait)
	c.tg.SendReply(u, telegramtest.PrivateChat(u), text, ask)
	return c.sendWithoutPhoto(u)
}

func (c *community) privCount() int {
	c.t.Helper()
	n := 0
	c.db(func(tx *storage.Tx) error {
		_, total, err := tx.Ledger(storage.LedgerFilter{}, 1, 0)
		n = total
		return err
	})
	return n
}

func (c *community) privFollowers(id int64) []int64 {
	c.t.Helper()
	var ids []int64
	c.db(func(tx *storage.Tx) error {
		var err error
		ids, err = tx.TicketFollowers(id)
		return err
	})
	return ids
}

func privNoMessage(t *testing.T, msgs []telegramtest.Message, parts ...string) {
	t.Helper()
	for _, m := range msgs {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(m.Plain, p)
		}
		if all {
			t.Errorf("unexpected message %q", m.Plain)
		}
	}
}

// Point 1: nothing is filed or posted before the reporter chose about
// their name, and they are told where a line will appear.
func TestPrivNameIsAskedBeforeAnythingIsPosted(t *testing.T) {
	c := newCommunity(t)
	q := c.privDescribe(c.wang, "noise", "楼上每天半夜装修很吵")
	if !strings.Contains(q.Plain, "3 栋的群里会出现") || !strings.Contains(q.Plain, "只有 3 栋的楼栋长、社区工作人员和负责处理的那一个人") {
		t.Errorf("question: %q", q.Plain)
	}
	if q.Buttons[0][0].Data != "tk:nm:show" {
		t.Errorf("a noise report should not advise hiding: %+v", q.Buttons)
	}
	c.settle()
	if n := c.privCount(); n != 0 {
		t.Fatalf("%d tickets filed before the choice", n)
	}
	privNoMessage(t, c.tg.Messages(c.group.ID), "装修")
	privNoMessage(t, c.tg.Messages(c.leader.ID), "装修")

	// A photo sent now is kept and acknowledged, and the question asked again.
	c.tg.SendPhoto(c.wang, telegramtest.PrivateChat(c.wang), "")
	c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool {
		return m.ID > q.ID && hasButton(m, "tk:nm:hide") && strings.HasPrefix(m.Plain, "第 1 张照片已添加。\n")
	}, wait)
	id := c.privChooseName(c.wang, "tk:nm:hide")
	c.expect(c.wang.ID, "已对邻居隐藏您的名字", "负责处理的那一个人")
	line := c.expect(c.group.ID, "装修")
	if strings.Contains(line.Plain, "王阿姨") || strings.Contains(line.Plain, "502") {
		t.Errorf("group line names a hidden reporter: %q", line.Plain)
	}
	if tk := c.ticket(id); !tk.HideName || len(tk.Photos) != 1 {
		t.Errorf("ticket %+v", tk)
	}

	// A dispute with a neighbour: hiding is offered first, as recommended.
	q = c.privDescribe(c.li, "neighbours", "The neighbour's dog barks all night")
	if q.Buttons[0][0].Data != "tk:nm:hide" || !strings.Contains(q.Buttons[0][0].Text, "recommended") {
		t.Errorf("neighbours: %+v", q.Buttons)
	}
	if !strings.Contains(q.Plain, "group of building 3") || !strings.Contains(q.Plain, "only the leaders of building 3, the community staff and the one person assigned to it") {
		t.Errorf("question: %q", q.Plain)
	}
	c.privChooseName(c.li, "tk:nm:show")
	c.expect(c.group.ID, "dog barks", "Li")

	// Building 2 has no group: nothing is said about one.
	zhao := c.user(2201, "Zhao", "en")
	c.register(zhao, "2", "201")
	q = c.privDescribe(zhao, "roads", "Pothole at gate 1")
	if strings.Contains(q.Plain, "group") {
		t.Errorf("no group, yet: %q", q.Plain)
	}
	c.privChooseName(zhao, "tk:nm:show")
}

// Point 2: a hidden reporter is known to the building's leaders, staff and
// the one assignee, not to the members of a team it is dispatched to.
func TestPrivHiddenReporterNotShownToTeam(t *testing.T) {
	c := newCommunity(t)
	vol := c.user(4001, "Xu", "en")
	c.register(vol, "2", "202")
	c.say(c.admin, "/team new Sanitation")
	c.expect(c.admin.ID, `Team "Sanitation" created`)
	c.say(c.admin, "/team add Sanitation 4001")
	c.expect(c.admin.ID, "Xu joined Sanitation")
	// A ticket whose reporter hid their name (as the report flow records it).
	c.tg.SendText(c.wang, c.group, "/report 楼道里堆满了垃圾")
	c.expect(c.group.ID, "#1")
	id := int64(1)
	c.lgWrite(func(tx *storage.Tx) error { return tx.SetTicketHideName(id, true, c.clock.Now()) })
	c.say(c.admin, "/assign "+itoa(id)+" Sanitation")
	offer := c.expect(vol.ID, "A ticket for Sanitation")
	if strings.Contains(offer.Plain, "王阿姨") || strings.Contains(offer.Plain, "502") {
		t.Errorf("team notice names the reporter: %q", offer.Plain)
	}
	c.tg.Press(vol, offer, "tk:info:"+itoa(id))
	details := c.expect(vol.ID, "History", "楼道里堆满了垃圾")
	c.say(vol, "/ticket "+itoa(id))
	again := c.tg.WaitMessage(t, vol.ID, func(m telegramtest.Message) bool { return m.ID > details.ID && strings.Contains(m.Plain, "History") }, wait)
	for _, m := range []telegramtest.Message{details, again} {
		if strings.Contains(m.Plain, "王阿姨") || strings.Contains(m.Plain, "502") || !strings.Contains(m.Plain, "the reporter") {
			t.Errorf("a team member sees a hidden reporter: %q", m.Plain)
		}
	}
	// The building's leader and staff do.
	c.say(c.leader, "/ticket "+itoa(id))
	c.expect(c.leader.ID, "报告人：王阿姨（3 栋 502）", "（对邻居隐藏）")
	c.say(c.admin, "/ticket "+itoa(id))
	c.expect(c.admin.ID, "Reporter: 王阿姨 (building 3, unit 502)")
	// The one who takes it on does.
	c.tg.Press(vol, offer, "tk:claim:"+itoa(id))
	c.tg.WaitMessage(t, vol.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:res:"+itoa(id)) }, wait)
	c.say(vol, "/ticket "+itoa(id))
	c.expect(vol.ID, "Reporter: 王阿姨 (building 3, unit 502)")
}

// Point 3: one rule for who sees and follows a ticket, in every view,
// button and deep link.
func TestPrivOnlyResidentsOfTheBuildingFollowAndSee(t *testing.T) {
	c := newCommunity(t)
	zhao := c.user(2201, "赵", "zh")
	c.register(zhao, "2", "201")
	g2 := c.tg.Group(-100200, "2号楼")
	c.tg.SendText(c.admin, g2, "/linkchat 2")
	linked := c.expect(g2.ID, "本群已关联到 2 栋")
	c.tg.SendText(c.wang, c.group, "/report 自行车棚旁边的下水道又堵了")
	line := c.expect(c.group.ID, "#1 · 供水排污")

	// A resident of another building cannot follow it: not by a forged
	// button, not by a deep link, and cannot read it.
	c.tg.PressRaw(zhao, telegramtest.PrivateChat(zhao), line.ID, "tk:me:1")
	c.expectAnswer("这个按钮不是给您用的") // the permission table's refusal
	c.say(zhao, "/start me_1")
	c.expect(zhao.ID, "只有 3 栋的住户可以关注 #1")
	c.say(zhao, "/ticket 1")
	c.expect(zhao.ID, "没有找到 #1")
	if f := c.privFollowers(1); len(f) != 0 {
		t.Fatalf("followers %v", f)
	}
	// Me too and Details pressed in a group the line does not belong to.
	c.tg.PressRaw(c.li, g2, linked.ID, "tk:me:1")
	c.expectAnswer("This button no longer works")
	c.tg.PressRaw(zhao, g2, linked.ID, "tk:info:1")
	c.expectAnswer("这个按钮已经失效了")
	c.settle()
	for _, call := range c.tg.Calls("answerCallbackQuery") {
		if s, _ := call.Params["text"].(string); strings.Contains(s, "供水") {
			t.Errorf("details of #1 answered in another group: %q", s)
		}
	}
	// In its own group Details answers; a resident of the building follows.
	c.tg.Press(c.li, line, "tk:info:1")
	c.expectAnswer("#1 · Water & sewage · building 3")
	c.tg.Press(c.li, line, "tk:me:1")
	c.expectAnswer("You follow #1")
	c.say(c.li, "/ticket 1")
	c.expect(c.li.ID, "History")

	// A "my requests" press in a group does not post the list there.
	c.tg.PressRaw(c.wang, c.group, line.ID, "menu:my")
	c.expectAnswer("菜单请在和我的私聊里使用")
	c.settle()
	privNoMessage(t, c.tg.Messages(c.group.ID), "我的问题")

	// /duplicate across buildings: a leader only within their buildings;
	// staff may, but nobody is subscribed to what they may not see.
	c.tg.SendText(zhao, g2, "/report 2栋门口的下水道堵了")
	c.expect(g2.ID, "#2 · 供水排污 · 2 栋")
	c.say(c.leader, "/duplicate 1 2")
	c.expect(c.leader.ID, "没有找到 #2")
	c.say(c.admin, "/duplicate 1 2")
	c.expect(c.admin.ID, "#1 is marked a duplicate of #2")
	c.expect(c.wang.ID, "与另一条正在处理的报告是同一个问题")
	c.expect(c.li.ID, "the same problem as another report")
	if f := c.privFollowers(2); len(f) != 0 {
		t.Errorf("followers of #2: %v", f)
	}
	privNoMessage(t, c.tg.Messages(c.wang.ID), "#2")
	privNoMessage(t, c.tg.Messages(c.li.ID), "#2")
	c.say(c.wang, "/ticket 2")
	c.expect(c.wang.ID, "没有找到 #2")
}

// Point 7: a deep link pressed before registering is finished after it.
func TestPrivDeepLinkFinishedAfterRegistering(t *testing.T) {
	c := newCommunity(t)
	c.tg.SendText(c.wang, c.group, "/report 路灯不亮")
	line := c.expect(c.group.ID, "#1 · 照明")

	// Me too by someone who never started the bot.
	zhang := c.user(2999, "张", "zh")
	c.tg.Press(zhang, line, "tk:me:1")
	c.tg.WaitCall(t, "answerCallbackQuery", func(call telegramtest.Call) bool {
		u, _ := call.Params["url"].(string)
		return strings.HasSuffix(u, "?start=me_1")
	}, wait)
	c.privRegisterVia(zhang, "/start me_1", "3", "601")
	c.expect(zhang.ID, "已关注 #1")
	if f := c.privFollowers(1); len(f) != 1 || f[0] != zhang.ID {
		t.Errorf("followers %v", f)
	}

	// A report link: registration, then the report starts.
	ann := c.user(2998, "Ann", "en")
	c.privRegisterVia(ann, "/start report", "3", "602")
	c.expect(ann.ID, "What kind of problem?")

	// A wish link in English.
	bob := c.user(2997, "Bob", "en")
	c.privRegisterVia(bob, "/start wish", "1", "103")
	c.expect(bob.ID, "What kind of wish is yours?")

	// A follow link for another building's ticket is refused after registering.
	zhou := c.user(2996, "周", "zh")
	c.privRegisterVia(zhou, "/start me_1", "2", "201")
	c.expect(zhou.ID, "只有 3 栋的住户可以关注 #1")

	// /ticket 12 in a group keeps the number in its link.
	c.tg.SendText(c.leader, c.group, "/ticket 1")
	c.tg.WaitMessage(t, c.group.ID, func(m telegramtest.Message) bool { return privHasURL(m, "?start=t_1") }, wait)
	c.say(c.leader, "/start t_1")
	c.expect(c.leader.ID, "#1 · 照明 · 3 栋", "报告人：王阿姨（3 栋 502）")
	chen := c.user(2995, "Chen", "en")
	c.privRegisterVia(chen, "/start t_1", "3", "603")
	c.expect(chen.ID, "There is no #1, or you may not see it.")
}

// privRegisterVia sends a /start link as a newcomer and registers.
func (c *community) privRegisterVia(u models.User, start, building, unit string) {
	c.t.Helper()
	c.say(u, start)
	m := c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, "reg:b:"+building) }, wait)
	c.tg.Press(u, m, "reg:b:"+building)
	ask := c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return m.ForceReply }, wait)
	c.tg.SendReply(u, telegramtest.PrivateChat(u), unit, ask)
	c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return m.ID > ask.ID && strings.Contains(m.Plain, unit) }, wait)
}

func privHasURL(m telegramtest.Message, suffix string) bool {
	for _, row := range m.Buttons {
		for _, b := range row {
			if strings.HasSuffix(b.URL, suffix) {
				return true
			}
		}
	}
	return false
}

// Typing the problem at the category step keeps it and suggests a category;
// a sentence after filing is added to the ticket.
func TestPrivTypedTextKeptAndAddedAfterFiling(t *testing.T) {
	c := newCommunity(t)
	c.say(c.li, "/report")
	cats := c.expect(c.li.ID, "What kind of problem?")
	c.say(c.li, "The street lamp by gate 2 is dark")
	guess := c.tg.WaitMessage(t, c.li.ID, func(m telegramtest.Message) bool { return m.ID > cats.ID && hasButton(m, "tk:cat:other") }, wait)
	if !strings.Contains(guess.Plain, "Lighting") || guess.Buttons[0][0].Data != "tk:cat:lighting" {
		t.Fatalf("guess: %q %+v", guess.Plain, guess.Buttons)
	}
	c.tg.Press(c.li, guess, "tk:cat:lighting")
	id := c.privChooseName(c.li, "tk:nm:show")
	if tk := c.ticket(id); tk.Text != "The street lamp by gate 2 is dark" || tk.Category != "lighting" {
		t.Fatalf("ticket %+v", tk)
	}
	c.say(c.li, "It has been dark since Monday")
	c.expect(c.li.ID, "#"+itoa(id)+": your words are added")
	c.say(c.leader, "/ticket "+itoa(id))
	c.expect(c.leader.ID, "It has been dark since Monday")
}
