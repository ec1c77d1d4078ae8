package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
)

// limStartPhotoAnnouncement opens /announce to the linked groups and
// answers the text step with a photo captioned caption.
func limStartPhotoAnnouncement(c *community, u models.User, caption string) {
	c.t.Helper()
	c.tg.SendText(u, telegramtest.PrivateChat(u), "/announce")
	m := c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, "an:a:groups") }, wait)
	c.tg.Press(u, m, "an:a:groups")
	c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return m.ForceReply }, wait)
	c.tg.SendPhoto(u, telegramtest.PrivateChat(u), caption)
}

// limRefused counts calls of method that the fake Telegram refused.
func limRefused(tg *telegramtest.Server, method string) int {
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
	ctl := c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool { return hasButtonPrefix(m, "an:send:") }, wait)
	c.tg.Press(c.admin, ctl, "an:send:1")
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
