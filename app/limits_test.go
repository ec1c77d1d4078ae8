package app

import (
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
	"courtyard/testkit"
)

// limStartPhotoAnnouncement opens /announce to the linked groups and
// answers the text step with a photo captioned caption.
func limStartPhotoAnnouncement(c *community, u models.User, caption string) {
	c.t.Helper()
	c.annStart(u, "groups")
	c.tg.SendPhoto(u, telegramtest.PrivateChat(u), caption)
}

// limRefused counts calls of method that the fake Telegram refused.
func limRefused(tg *fakeTG, method string) int {
	n := 0
	for _, c := range tg.Calls(method) {
		if c.Status != 200 {
			n++
		}
	}
	return n
}

// A photo announcement's caption is counted as Telegram counts it: UTF-16
// units of the visible text, with the notice's heading and the sender's
// name. 600 emoji are 600 characters but 1,200 units: the composer is told
// at the preview by how much it is over, and nothing reaches Telegram that
// Telegram would refuse.
func TestLimPhotoAnnouncementCaptionCountedInUTF16(t *testing.T) {
	c := newCommunity(t)
	limStartPhotoAnnouncement(c, c.admin, strings.Repeat("🎉", 600))
	// "📢 Community notice\n\n" + text + "\n\n— Boss": 29 units around the text.
	c.expect(c.admin.ID, "205 characters too long", "at most 1024")
	if n := limRefused(c.tg, "sendPhoto"); n != 0 {
		t.Fatalf("Telegram refused %d photos", n)
	}
	// Still at the text step: a caption that fits exactly is accepted.
	fits := strings.Repeat("🎉", 497)
	c.tg.SendPhoto(c.admin, telegramtest.PrivateChat(c.admin), fits)
	pin := c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool { return hasButton(m, annNoPin) }, wait)
	c.tg.Press(c.admin, pin, annNoPin)
	c.tg.Press(c.admin, c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool { return hasButton(m, annRoutine) }, wait), annRoutine)
	ctl := c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool { return hasButton(m, annSend) }, wait)
	c.tg.Press(c.admin, ctl, annSend)
	c.tg.WaitMessage(t, c.group.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Caption, fits) }, wait)
	c.settle()
	if n := limRefused(c.tg, "sendPhoto"); n != 0 {
		t.Fatalf("Telegram refused %d photos", n)
	}
}

// The same in Chinese: the composer reads the count in their language.
func TestLimAnnouncementTooLongToldInChinese(t *testing.T) {
	c := newCommunity(t)
	c.say(c.admin, "/grant 3001 staff")
	c.expect(c.admin.ID, "staff")
	c.settle()
	limStartPhotoAnnouncement(c, c.leader, strings.Repeat("好", 1000)+strings.Repeat("👍", 20))
	// en heading (29) with the name 林 (1): 26 + 1,040 = 1,066, 42 over.
	c.expect(c.leader.ID, "超出 42 个字", "最多 1024 个字")
}

// limGroupRate is the group limit both the bot and the fake Telegram keep to
// in the chatter test: 120 a minute, six times Telegram's 20, so the test
// takes seconds; every figure below scales by 6 at Telegram's rate.
const limGroupRate = 120

// limCommunity is newCommunity with an edited config and server options.
func limCommunity(t *testing.T, edit func(*config.Config), opts ...telegramtest.Option) *community {
	t.Helper()
	return newCommunityWith(t, edit, opts...)
}

// limSentAt is when the fake Telegram accepted the first message to chat
// whose text contains part, and how many messages that chat got before it
// since the message with id after.
func limSentAt(tg *fakeTG, chat int64, after int, part string) (time.Time, int, bool) {
	before := 0
	for _, m := range tg.Messages(chat) {
		if m.ID <= after {
			continue
		}
		if strings.Contains(m.Plain, part) {
			for _, c := range tg.Calls("sendMessage") {
				if c.Status == 200 && c.Params["chat_id"] == float64(chat) && strings.Contains(c.Params["text"].(string), part) {
					return c.At, before, true
				}
			}
		}
		before++
	}
	return time.Time{}, before, false
}

// limInboxEmpty reports that every update received was handled.
func limOutboxEmpty(h *harness) bool {
	empty := false
	h.db(func(tx *storage.Tx) error {
		hl, err := tx.OutboxHealth(time.Now())
		empty = hl.Pending == 0
		return err
	})
	return empty
}

func limInboxEmpty(h *harness) bool {
	empty := false
	h.db(func(tx *storage.Tx) error {
		in, err := tx.PendingUpdates(1)
		empty = len(in) == 0
		return err
	})
	return empty
}

// Five residents ask the bot things in their building's group, each within
// their own limit, then one reports a problem in one line and staff send an
// announcement to the groups. The group gets
// 20 messages a minute (here 120): the ticket's line goes out ahead of the
// answers still queued, within four of the group's sending slots (measured: one), behind at
// most the answer in flight; each
// answer goes out once a minute however often it is asked, and /help in a
// group is one line with the button to the private chat.
func TestLimTicketLineGoesAheadOfGroupChatter(t *testing.T) {
	c := limCommunity(t, func(cfg *config.Config) { cfg.Telegram.Limits.PerGroupPerMinute = limGroupRate },
		telegramtest.WithLimits(telegramtest.Limits{PerGroupPerMinute: limGroupRate}))
	ctl := c.announce(c.admin, "groups", "今晚 8 点停水，请提前储水")
	c.settle()
	last := c.tg.Messages(c.group.ID)
	start := last[len(last)-1].ID
	people := []models.User{c.wang, c.li, c.user(2003, "张伯", "zh"), c.user(2004, "赵姐", "zh"), c.user(2005, "Kim", "en")}
	for round := 0; round < 3; round++ {
		for _, u := range people {
			c.tg.SendText(u, c.group, "/help")
		}
	}
	for _, cmd := range []string{"/status", "/export", "/queue", "/ledger", "/assign"} {
		for _, u := range people {
			c.tg.SendText(u, c.group, cmd)
		}
	}
	testkit.Await(t, wait, c.tg.Changed, func() bool { return limInboxEmpty(c.harness) }, "the inbox did not empty")
	// The answers are going out, one a slot, when the report comes.
	c.tg.WaitUntil(t, func() bool { return limRepliesAfter(c.tg, c.group.ID, start, "") >= 2 }, wait)
	mark := limLastID(c.tg, c.group.ID)
	reported := time.Now()
	c.tg.SendText(c.wang, c.group, "/report 3 栋二单元楼道灯坏了")
	report := c.mark()
	c.tg.Press(c.admin, ctl, annSend)
	// Long enough to measure the old behaviour (every answer first).
	c.tg.WaitMessageSince(t, report, c.group.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "楼道灯坏了") }, 60*time.Second)
	at, ahead, _ := limSentAt(c.tg, c.group.ID, mark, "楼道灯坏了")
	delay := at.Sub(reported)
	slot := time.Duration(float64(time.Minute) / limGroupRate)
	t.Logf("ticket line sent %v after the report, %d answers sent in between (one group slot is %v)", delay.Round(time.Millisecond), ahead, slot)
	if delay > 4*slot || ahead > 1 {
		t.Errorf("ticket line waited %v behind %d answers; want within four slots (%v) and at most the answer in flight", delay, ahead, 4*slot)
	}
	// The announcement, sent just after, goes next: behind the ticket line
	// and at most the answer in flight.
	c.tg.WaitMessage(t, c.group.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "今晚 8 点停水") }, 60*time.Second)
	annAt, annAhead, _ := limSentAt(c.tg, c.group.ID, mark, "今晚 8 点停水")
	t.Logf("announcement sent %v after it was, %d messages sent in between", annAt.Sub(reported).Round(time.Millisecond), annAhead)
	if annAhead > 2 {
		t.Errorf("announcement waited behind %d messages; want the ticket line and at most the answer in flight", annAhead)
	}
	// The answers still queued go out one a group slot: give them the time
	// that takes on a busy machine before settling.
	testkit.Await(t, 60*time.Second, c.tg.Changed, func() bool { return limOutboxEmpty(c.harness) }, "the outbox did not empty")
	c.settle()
	var helps, answers int
	for _, m := range c.tg.Messages(c.group.ID) {
		if m.ID <= start || strings.Contains(m.Plain, "楼道灯坏了") || strings.Contains(m.Plain, "今晚 8 点停水") {
			continue
		}
		answers++
		if strings.Contains(m.Plain, "/report") {
			helps++
			if len(m.Buttons) == 0 || strings.Count(m.Plain, "\n") > 0 {
				t.Errorf("group help is not one short line with a button: %q", m.Plain)
			}
		}
	}
	// 40 questions: /help in two languages, five other questions in two.
	if helps != 2 || answers != 12 {
		t.Errorf("the group got %d answers (%d to /help) to 40 questions; want 12 (2)", answers, helps)
	}
	if n := limRefused(c.tg, "sendMessage"); n != 0 {
		t.Errorf("Telegram refused %d sends", n)
	}
	// A minute later the same question is answered again.
	c.clock.Advance(61 * time.Second)
	c.tg.SendText(c.li, c.group, "/help")
	c.tg.WaitUntil(t, func() bool {
		n := 0
		for _, m := range c.tg.Messages(c.group.ID) {
			if strings.Contains(m.Plain, "report a problem in one line") {
				n++
			}
		}
		return n == 2
	}, wait)
	// The button opens the full list in private.
	c.say(c.li, "/start help")
	c.expect(c.li.ID, "Commands you can use", "/my")
}

// limRepliesAfter counts the messages chat got after message id after.
func limRepliesAfter(tg *fakeTG, chat int64, after int, part string) int {
	n := 0
	for _, m := range tg.Messages(chat) {
		if m.ID > after && strings.Contains(m.Plain, part) {
			n++
		}
	}
	return n
}

// limLastID is the id of the last message in chat, 0 when there is none.
func limLastID(tg *fakeTG, chat int64) int {
	ms := tg.Messages(chat)
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].ID
}

// A thousand plain messages from one person get twenty answers and one
// warning, not a thousand answers; the person can still report a problem
// while held back, and is answered again after the minute.
func TestLimPlainMessagesAreLimited(t *testing.T) {
	c := newCommunity(t)
	c.settle()
	start := limLastID(c.tg, c.wang.ID)
	for i := 0; i < 1000; i++ {
		c.say(c.wang, "在吗")
	}
	c.settle()
	answers := limRepliesAfter(c.tg, c.wang.ID, start, "")
	warned := limRepliesAfter(c.tg, c.wang.ID, start, "消息发得太快了")
	t.Logf("1000 plain messages: %d answers, %d of them the warning", answers, warned)
	if answers != 21 || warned != 1 {
		t.Errorf("1000 plain messages got %d answers (%d warnings); want 20 and one warning", answers, warned)
	}
	// Held back from chatter, not from reporting.
	id := c.reportInPrivate(c.wang, "lighting", "三单元门口的路灯不亮")
	c.expect(c.group.ID, "三单元门口的路灯不亮")
	if tk := c.ticket(id); tk.Text != "三单元门口的路灯不亮" {
		t.Fatalf("ticket %+v", tk)
	}
	c.say(c.wang, "/cancel")
	c.settle()
	// Silence for the minute after the warning, then answers again.
	c.clock.Advance(30 * time.Second)
	mark := limLastID(c.tg, c.wang.ID)
	c.say(c.wang, "在吗")
	c.settle()
	if n := limLastID(c.tg, c.wang.ID); n != mark {
		t.Errorf("answered within the minute after the warning")
	}
	c.clock.Advance(31 * time.Second)
	c.say(c.wang, "在吗")
	c.tg.WaitUntil(t, func() bool { return limLastID(c.tg, c.wang.ID) > mark }, wait)
}

// 300 photos sent after a report: the ticket keeps tickets.max_photos (10),
// the reporter reads why the rest were not added, and the answers stop at
// the conversation's allowance (three times messages_per_minute).
func TestLimPhotosPerTicketAreCapped(t *testing.T) {
	c := newCommunity(t)
	id := c.reportInPrivate(c.li, "roads", "Pothole by the east gate")
	c.settle()
	start := limLastID(c.tg, c.li.ID)
	for i := 0; i < 300; i++ {
		c.tg.SendPhoto(c.li, telegramtest.PrivateChat(c.li), "")
	}
	c.settle()
	if n := len(c.ticket(id).Photos); n != 10 {
		t.Errorf("ticket has %d photos, want 10", n)
	}
	added := limRepliesAfter(c.tg, c.li.ID, start, "Photo added")
	capped := limRepliesAfter(c.tg, c.li.ID, start, "at most 10 photos; this one was not added")
	all := limRepliesAfter(c.tg, c.li.ID, start, "")
	t.Logf("300 photos: %d added, %d told the cap, %d answers in all", added, capped, all)
	if added != 10 || capped == 0 || all > 61 {
		t.Errorf("300 photos: %d added, %d told the cap, %d answers; want 10, some, at most 61", added, capped, all)
	}
}

// Photos sent before the description are capped too, and the cap is told
// in Chinese to a Chinese reader.
func TestLimPhotosBeforeTheTextAreCapped(t *testing.T) {
	c := newCommunity(t)
	c.say(c.wang, "/report")
	m := c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:cat:water") }, wait)
	c.tg.Press(c.wang, m, "tk:cat:water")
	c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool { return m.ForceReply }, wait)
	for i := 0; i < 12; i++ {
		c.tg.SendPhoto(c.wang, telegramtest.PrivateChat(c.wang), "")
	}
	c.expect(c.wang.ID, "一个请求最多 10 张照片，这张没有加上。")
	c.settle()
	c.say(c.wang, "楼下下水道堵了")
	c.expect(c.wang.ID, "已附：10 张照片。")
	c.privChooseName(c.wang, "tk:nm:show")
	c.expect(c.group.ID, "楼下下水道堵了")
	var tk storage.Ticket
	c.db(func(tx *storage.Tx) error {
		var err error
		tk, err = tx.Ticket(1)
		return err
	})
	if len(tk.Photos) != 10 {
		t.Errorf("ticket has %d photos, want 10", len(tk.Photos))
	}
}

// A ticket may hold 2,000 characters: 2,000 emoji are 4,000 UTF-16 units,
// and with the view's own lines over Telegram's 4,096. The view is cut to
// what Telegram takes, counted as Telegram counts, instead of refused.
func TestLimLongEmojiTicketIsCutToTelegramsLimit(t *testing.T) {
	c := newCommunity(t)
	text := strings.Repeat("🚰", 2000)
	id := c.reportInPrivate(c.li, "water", text)
	c.say(c.li, "/ticket "+itoa(id))
	m := c.tg.WaitMessage(t, c.li.ID, func(m telegramtest.Message) bool {
		return strings.Contains(m.Plain, "🚰🚰🚰") && strings.HasSuffix(m.Plain, "…")
	}, wait)
	c.settle()
	if n := limRefused(c.tg, "sendMessage"); n != 0 {
		t.Errorf("Telegram refused %d messages", n)
	}
	t.Logf("the view has %d characters of %d", len([]rune(m.Plain)), 4096)
}
