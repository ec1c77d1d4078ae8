package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

func TestLongAndMarkedUpUnitsAreRefusedClearly(t *testing.T) {
	h := newHarness(t, nil)
	u := h.user(2001, "Ann", "en")
	h.say(u, "/start")
	m := h.tg.WaitMessage(t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, "reg:b:2") }, wait)
	h.tg.Press(u, m, "reg:b:2")
	h.expect(u.ID, "Which unit?")

	h.say(u, strings.Repeat("5", 10000))
	h.expect(u.ID, "too long (at most 16 characters)")
	h.say(u, "<b>502</b>")
	h.expect(u.ID, "may only have letters, digits")
	h.say(u, "502 & 503")
	h.tg.WaitMessage(t, u.ID, func(m telegramtest.Message) bool {
		return strings.Count(m.Plain, "may only have letters") > 0 && m.ID > 0
	}, wait)
	h.tg.SendPhoto(u, telegramtest.PrivateChat(u), "")
	h.expect(u.ID, "Please type your unit number")
	h.db(func(tx *storage.Tx) error {
		me, err := tx.Member(u.ID)
		if err != nil {
			return err
		}
		if me.Registered() {
			t.Errorf("bad units registered the member: %+v", me)
		}
		return nil
	})
	// Direction marks and control characters are dropped, the rest kept.
	h.say(u, "\u200F5\u202E0\u00072")
	h.expect(u.ID, "Done: building 2, unit 502")
}

func TestNamesWithMarkupAreEscaped(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "en")
	evil := h.tg.User(2003, "<b>Bob</b> & <i>Co\u202E\u0007", "en")
	h.say(evil, "/start")
	h.expect(evil.ID, "Which building")
	h.say(adm, "/grant 2003 leader 1")
	m := h.expect(adm.ID, "<b>Bob</b> & <i>Co is now building leader")
	if strings.Contains(m.Text, "<b>Bob") {
		t.Errorf("user markup reached the bot's HTML unescaped: %q", m.Text)
	}
	if v := h.tg.Violations(); len(v) != 0 {
		t.Errorf("spec violations: %v", v)
	}
}

func TestUnknownCommandsAndStaleButtons(t *testing.T) {
	h := newHarness(t, nil)
	u := h.user(2001, "Ann", "en")
	chat := telegramtest.PrivateChat(u)
	h.say(u, "/frobnicate now")
	h.expect(u.ID, "There is no such command")

	// A press on a message the bot never sent, with data that looks real.
	h.tg.PressRaw(u, chat, 987654, "reg:b:3")
	h.expectAnswer("This button no longer works")
	// Forged data: an unknown language, a family of buttons that does not
	// exist, a building that does not exist, data naming another user.
	forged := h.tg.Mark()
	for _, data := range []string{"lang:xx", "grant:2002:staff", "reg:b:99", "reg:x", "menu:nothing", "\x00\xff"} {
		h.tg.PressRaw(u, chat, 1, data)
	}
	h.tg.WaitUntil(t, func() bool { return len(h.tg.CallsSince(forged, "answerCallbackQuery")) >= 6 }, wait)
	for _, a := range h.tg.CallsSince(forged, "answerCallbackQuery") {
		if s, _ := a.Params["text"].(string); s != "This button no longer works." {
			t.Errorf("forged press answered %q", s)
		}
	}
	h.db(func(tx *storage.Tx) error {
		me, err := tx.Member(u.ID)
		if err != nil {
			return err
		}
		if me.Language != "" || me.Registered() {
			t.Errorf("forged presses changed the member: %+v", me)
		}
		return nil
	})
}

func TestHugeArgumentsAndFlooding(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "en")
	h.say(adm, "/grant "+strings.Repeat("x", 10000))
	h.expect(adm.ID, "Usage: /grant")
	h.say(adm, "/grant 1000 "+strings.Repeat("角", 5000))
	h.expect(adm.ID, "Unknown role")

	u := h.user(2001, "Ann", "en")
	flood := h.tg.Mark()
	for i := 0; i < 35; i++ {
		h.say(u, "/help")
	}
	h.expectSince(flood, u.ID, "Too many requests")
	h.settle()
	helps, floods := 0, 0
	for _, m := range h.tg.Messages(u.ID) {
		switch {
		case strings.Contains(m.Plain, "Commands you can use"):
			helps++
		case strings.Contains(m.Plain, "Too many requests"):
			floods++
		}
	}
	if helps != 30 || floods != 1 {
		t.Errorf("flood limit: %d answers and %d warnings, want 30 and 1", helps, floods)
	}
}

func TestBotAddedAndRemovedFromGroup(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "en")
	g := h.tg.Group(-100777, "Lane 5")
	h.tg.AddUpdate(models.Update{MyChatMember: &models.ChatMemberUpdated{
		Chat: g, From: adm,
		OldChatMember: models.ChatMember{Type: models.ChatMemberTypeLeft, Left: &models.ChatMemberLeft{}},
		NewChatMember: models.ChatMember{Type: models.ChatMemberTypeMember, Member: &models.ChatMemberMember{}},
	}})
	h.expect(g.ID, "/linkchat")
	h.tg.SendText(adm, g, "/linkchat community")
	h.expect(g.ID, "全社区群")
	h.tg.AddUpdate(models.Update{MyChatMember: &models.ChatMemberUpdated{
		Chat: g, From: adm,
		OldChatMember: models.ChatMember{Type: models.ChatMemberTypeMember, Member: &models.ChatMemberMember{}},
		NewChatMember: models.ChatMember{Type: models.ChatMemberTypeBanned, Banned: &models.ChatMemberBanned{}},
	}})
	h.settle()
	h.db(func(tx *storage.Tx) error {
		c, err := tx.Chat(g.ID)
		if err != nil {
			return err
		}
		if c.Active {
			t.Errorf("chat still active after the bot was removed: %+v", c)
		}
		return nil
	})
}

func TestCommandMenusRegistered(t *testing.T) {
	h := newHarness(t, nil)
	calls := h.tg.Commands()
	seen := map[string]bool{}
	for _, c := range calls {
		scope, _ := c.Params["scope"].(map[string]any)
		lang, _ := c.Params["language_code"].(string)
		seen[scope["type"].(string)+"/"+lang] = true
	}
	for _, want := range []string{"all_private_chats/zh", "all_private_chats/en", "all_group_chats/zh", "all_group_chats/en"} {
		if !seen[want] {
			t.Errorf("no setMyCommands for %s (got %v)", want, seen)
		}
	}
}
