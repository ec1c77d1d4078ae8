package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot"
	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

func TestRegistrationThroughButtonsAndTypedUnit(t *testing.T) {
	h := newHarness(t, nil)
	u := h.user(2001, "王阿姨", "zh-hans")
	h.say(u, "/start")
	m := h.expect(u.ID, "欢迎来到南门社区", "哪一栋楼")
	if len(m.Buttons) == 0 || m.Buttons[0][0].Data != "reg:b:1" {
		t.Fatalf("building buttons missing: %+v", m.Buttons)
	}
	h.tg.Press(u, m, "reg:b:3")
	h.expect(u.ID, "已选择：3 栋")
	ask := h.expect(u.ID, "请回复您的门牌号")
	if !ask.ForceReply {
		t.Errorf("the unit question must ask for a reply")
	}
	h.tg.SendReply(u, telegramtest.PrivateChat(u), "502", ask)
	h.expect(u.ID, "登记好了：3 栋 502")
	h.db(func(tx *storage.Tx) error {
		me, err := tx.Member(u.ID)
		if err != nil {
			return err
		}
		if me.Building != "3" || me.Unit != "502" || !me.Registered() || me.Role != storage.RoleResident {
			t.Errorf("stored member: %+v", me)
		}
		return nil
	})
	// /start again shows the profile and lets them change it.
	h.say(u, "/start")
	p := h.expect(u.ID, "我的资料", "3 栋 502")
	if !hasButton(p, "reg:change") {
		t.Errorf("profile lacks a change button: %+v", p.Buttons)
	}
}

func TestHelpDiffersByRole(t *testing.T) {
	h := newHarness(t, nil)
	res := h.user(2001, "Ann", "en")
	adm := h.user(adminID, "Boss", "en")
	h.register(res, "1", "101")
	h.say(res, "/help")
	rh := h.expect(res.ID, "Commands you can use", "/lang")
	h.say(adm, "/help")
	ah := h.expect(adm.ID, "Commands you can use", "administrator")
	if strings.Contains(rh.Plain, "/grant") || strings.Contains(rh.Plain, "/linkchat") {
		t.Errorf("resident help lists staff commands:\n%s", rh.Plain)
	}
	for _, c := range []string{"/grant", "/revoke", "/linkchat", "/status"} {
		if !strings.Contains(ah.Plain, c) {
			t.Errorf("admin help lacks %s:\n%s", c, ah.Plain)
		}
	}
}

func TestGrantByStaffAndRefusedForResident(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "en")
	staff := h.user(staffID, "Sue", "en")
	res := h.user(2001, "Ann", "en")
	lin := h.tg.User(2002, "Lin", "zh")
	h.register(res, "1", "101")
	h.register(lin, "3", "301")
	h.say(staff, "/start")
	h.expect(staff.ID, "Which building")

	// A resident may not grant.
	h.say(res, "/grant 2002 leader 3")
	h.expect(res.ID, "may not use /grant")
	// The admin makes Sue staff; Sue makes Lin leader of 3.
	h.say(adm, "/grant 1001 staff")
	h.expect(adm.ID, "Sue is now community staff")
	h.expect(staff.ID, "Your role is now: community staff")
	h.say(staff, "/grant 2002 leader 3 E12")
	h.expect(staff.ID, "Lin is now building leader (buildings 3, E12)")
	h.expect(lin.ID, "您的身份已更新为：楼栋长（3、E12 栋）")
	// Staff cannot grant staff, nor change their own role.
	h.say(staff, "/grant 2001 staff")
	h.expect(staff.ID, "Only an administrator")
	h.say(staff, "/revoke 1001")
	h.expect(staff.ID, "cannot change your own role")
	h.say(staff, "/grant 2002 leader 99")
	h.expect(staff.ID, `There is no building "99"`)
	h.say(staff, "/grant 424242 leader 3")
	h.expect(staff.ID, "I don't know that person yet")
	h.say(staff, "/revoke 2002")
	h.expect(staff.ID, "Lin is now resident")
	h.settle()
	h.db(func(tx *storage.Tx) error {
		l, err := tx.Member(lin.ID)
		if err != nil {
			return err
		}
		if l.Role != storage.RoleResident || len(l.Leads) != 0 {
			t.Errorf("after revoke: %+v", l)
		}
		s, err := tx.Member(staff.ID)
		if err != nil {
			return err
		}
		if s.Role != storage.RoleStaff {
			t.Errorf("staff role: %+v", s)
		}
		return nil
	})
}

func TestStartInGroupAnswersWithDeepLink(t *testing.T) {
	h := newHarness(t, nil)
	u := h.user(2001, "Ann", "en")
	g := h.tg.Group(-100501, "Building 3")
	h.tg.SendText(u, g, "/start@"+telegramtest.BotUsername)
	m := h.expect(g.ID, "private chat")
	if len(m.Buttons) != 1 || m.Buttons[0][0].URL != "https://t.me/"+telegramtest.BotUsername+"?start=start" {
		t.Fatalf("want one deep-link button, got %+v", m.Buttons)
	}
	// A command addressed to another bot is not ours.
	h.tg.SendText(u, g, "/start@some_other_bot")
	h.tg.SendText(u, g, "/help@"+telegramtest.BotUsername)
	h.expect(g.ID, "report a problem in one line") // the list itself is for the private chat
	for _, msg := range h.tg.Messages(g.ID) {
		if strings.Contains(msg.Plain, "private chat") && msg.ID != m.ID {
			t.Errorf("answered a command for another bot: %q", msg.Plain)
		}
	}
}

func TestLinkchatRefusedForResidentAndDoneByStaff(t *testing.T) {
	h := newHarness(t, nil)
	res := h.user(2001, "Ann", "en")
	adm := h.user(adminID, "Boss", "en")
	g := h.tg.Group(-100501, "Building 3")
	h.tg.SendText(res, g, "/linkchat 3")
	h.expect(g.ID, "may not use /linkchat")
	h.tg.SendText(adm, g, "/linkchat@"+telegramtest.BotUsername+" 3")
	h.expect(g.ID, "本群已关联到 3 栋")
	h.settle()
	h.db(func(tx *storage.Tx) error {
		c, err := tx.Chat(g.ID)
		if err != nil {
			return err
		}
		if c.Building != "3" {
			t.Errorf("chat not linked: %+v", c)
		}
		return nil
	})
	h.tg.SendText(adm, g, "/linkchat 77")
	h.expect(g.ID, `There is no building "77"`)
}

func TestPanicInHandlerDoesNotStopTheBot(t *testing.T) {
	h := newHarnessWith(t, Options{Routes: []bot.Route{{
		Name:  "/boom",
		Match: func(u *models.Update) bool { return u.Message != nil && u.Message.Text == "/boom" },
		Handle: func(ctx context.Context, tx *storage.Tx, u *models.Update) error {
			var m map[string]int
			m["x"]++ // a nil map write panics
			return errors.New("unreachable")
		},
	}}})
	u := h.user(2001, "Ann", "en")
	id := h.say(u, "/boom")
	h.expect(u.ID, "something went wrong")
	h.say(u, "/help")
	h.expect(u.ID, "Commands you can use")
	if !strings.Contains(h.logs.String(), "handler panicked") || !strings.Contains(h.logs.String(), "update_id="+itoa(id)) {
		t.Errorf("panic not logged with its update id:\n%s", h.logs.String())
	}
}

func hasButton(m telegramtest.Message, data string) bool {
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Data == data {
				return true
			}
		}
	}
	return false
}

func TestGrantUpdatesThePersonsMenu(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "en")
	lin := h.user(2002, "Lin", "en")
	h.register(lin, "3", "301")
	// Registering gives Lin a resident's menu; the grant, a leader's.
	isLins := func(c telegramtest.Call) bool {
		scope, _ := c.Params["scope"].(map[string]any)
		return scope["type"] == "chat" && scope["chat_id"] == float64(lin.ID)
	}
	h.tg.WaitCall(t, "setMyCommands", isLins, wait)
	h.say(adm, "/grant 2002 leader 3")
	h.expect(adm.ID, "Lin is now building leader")
	call := h.tg.WaitCall(t, "setMyCommands", isLins, wait)
	cmds, _ := call.Params["commands"].([]any)
	names := ""
	for _, c := range cmds {
		names += c.(map[string]any)["command"].(string) + " "
	}
	if !strings.Contains(names, "queue") || strings.Contains(names, "grant") {
		t.Errorf("a leader's menu: %s", names)
	}
}
