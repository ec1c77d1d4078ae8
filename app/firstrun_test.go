package app

import (
	"context"
	"net"
	"sort"
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// frRefusedURL is the address of a port nothing listens on.
func frRefusedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

// TestUnreachableTelegramSaidOnce: without network the bot says once what to
// check, then retries quietly with backoff until stopped.
func TestUnreachableTelegramSaidOnce(t *testing.T) {
	cfg := testConfig(t, frRefusedURL(t))
	logs := &syncBuffer{}
	log := logs.Logger()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := Run(ctx, cfg, Options{Log: log}); err != nil {
		t.Fatalf("Run: %v", err)
	}
	var warns, debugs int
	for _, line := range strings.Split(logs.String(), "\n") {
		switch {
		case strings.Contains(line, "level=WARN"):
			warns++
			for _, want := range []string{"cannot reach Telegram at " + cfg.Telegram.APIURL, "network", "telegram.api_url", "proxy"} {
				if !strings.Contains(line, want) {
					t.Errorf("warning lacks %q: %s", want, line)
				}
			}
		case strings.Contains(line, "level=DEBUG") && strings.Contains(line, "still cannot reach Telegram"):
			debugs++
		}
	}
	if warns != 1 || debugs < 1 {
		t.Errorf("want one warning and quiet retries, got %d warnings, %d debug retries:\n%s", warns, debugs, logs.String())
	}
}

// frMenuCalls returns the private command menus set for one person, each as
// its commands and descriptions.
func frMenuCalls(h *harness, id int64) []map[string]string {
	var out []map[string]string
	for _, c := range h.tg.Commands() {
		scope, _ := c.Params["scope"].(map[string]any)
		if scope["type"] != "chat" || scope["chat_id"] != float64(id) {
			continue
		}
		menu := map[string]string{}
		cmds, _ := c.Params["commands"].([]any)
		for _, v := range cmds {
			m := v.(map[string]any)
			menu[m["command"].(string)] = m["description"].(string)
		}
		out = append(out, menu)
	}
	return out
}

// frWaitMenus waits until n private menus were set for id and returns them.
func frWaitMenus(h *harness, id int64, n int) []map[string]string {
	h.t.Helper()
	h.tg.WaitUntil(h.t, func() bool { return len(frMenuCalls(h, id)) >= n }, wait)
	h.settle()
	got := frMenuCalls(h, id)
	if len(got) != n {
		h.t.Fatalf("%d menus set for %d, want %d: %v", len(got), id, n, got)
	}
	return got
}

// TestNewAdminGetsAdminMenu: an administrator from the config who has never
// written to the bot gets the administrators' menu from their first
// message, in their language; /lang changes its language; it is not sent
// again on every message, nor after a restart.
func TestNewAdminGetsAdminMenu(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "en")
	h.say(adm, "/start")
	h.expect(adm.ID, "Welcome")
	menus := frWaitMenus(h, adm.ID, 1)
	if menus[0]["grant"] != "Give a role: /grant @user leader 3" || menus[0]["status"] == "" || menus[0]["queue"] == "" {
		t.Errorf("the first menu of an admin: %v", menus[0])
	}
	h.say(adm, "/help")
	h.expect(adm.ID, "/grant")
	frWaitMenus(h, adm.ID, 1)

	h.say(adm, "/lang")
	m := h.expect(adm.ID, "Choose a language")
	h.tg.Press(adm, m, "lang:zh")
	h.expect(adm.ID, "好的，以后用中文")
	menus = frWaitMenus(h, adm.ID, 2)
	if menus[1]["grant"] != "设置身份：/grant @用户 leader 3" {
		t.Errorf("after /lang zh the admin's menu: %v", menus[1])
	}

	h.shutdown()
	h.start()
	h.say(adm, "/help")
	h.expect(adm.ID, "/grant", "命令")
	frWaitMenus(h, adm.ID, 2)
}

// TestResidentMenuFollowsLang: a newcomer in Telegram's language has the
// default menu, the newcomer's; registering gives a resident's menu of
// their own; it follows /lang; a leader's menu follows /lang; a revoked
// leader's menu goes back to a resident's.
func TestResidentMenuFollowsLang(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "en")
	ann := h.user(2001, "Ann", "zh")
	h.say(ann, "/help")
	h.expect(ann.ID, "我能做什么")
	if got := frMenuCalls(h, ann.ID); len(got) != 0 {
		t.Fatalf("a newcomer in Telegram's language got a menu of her own: %v", got)
	}
	h.register(ann, "3", "301")
	menus := frWaitMenus(h, ann.ID, 1)
	if menus[0]["report"] == "" || menus[0]["help"] != "我能做什么" || menus[0]["queue"] != "" {
		t.Errorf("a registered resident's menu: %v", menus[0])
	}
	h.say(ann, "/lang")
	m := h.expect(ann.ID, "语言")
	h.tg.Press(ann, m, "lang:en")
	h.expect(ann.ID, "speak English")
	menus = frWaitMenus(h, ann.ID, 2)
	if menus[1]["help"] != "What can I do" || menus[1]["report"] == "" || menus[1]["queue"] != "" {
		t.Errorf("a resident's English menu: %v", menus[1])
	}

	h.say(adm, "/grant 2001 leader 3")
	h.expect(adm.ID, "Ann is now building leader")
	menus = frWaitMenus(h, ann.ID, 3)
	if menus[2]["queue"] == "" || menus[2]["help"] != "What can I do" || menus[2]["grant"] != "" {
		t.Errorf("a leader's English menu: %v", menus[2])
	}
	h.say(ann, "/lang")
	m = h.expect(ann.ID, "Choose a language")
	h.tg.Press(ann, m, "lang:zh")
	h.expect(ann.ID, "好的")
	menus = frWaitMenus(h, ann.ID, 4)
	if menus[3]["queue"] == "" || menus[3]["help"] != "我能做什么" {
		t.Errorf("a leader's menu after /lang zh: %v", menus[3])
	}

	h.say(adm, "/revoke 2001")
	h.expect(adm.ID, "Ann is now resident")
	menus = frWaitMenus(h, ann.ID, 5)
	if menus[4]["queue"] != "" || menus[4]["report"] == "" || menus[4]["help"] != "我能做什么" {
		t.Errorf("a revoked leader's menu: %v", menus[4])
	}
}

// TestNewcomerMenuIsShort: Telegram's default private menu, which someone
// who has not registered sees, holds only what a newcomer can do (start,
// help, language and the lists anyone may read), and so does their /help.
func TestNewcomerMenuIsShort(t *testing.T) {
	h := newHarness(t, nil)
	want := []string{"help", "holidays", "jobs", "lang", "start", "teams"}
	for _, c := range h.tg.Calls("setMyCommands") {
		scope, _ := c.Params["scope"].(map[string]any)
		if scope["type"] != "all_private_chats" {
			continue
		}
		var got []string
		cmds, _ := c.Params["commands"].([]any)
		for _, x := range cmds {
			got = append(got, x.(map[string]any)["command"].(string))
		}
		sort.Strings(got)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("default private menu (%v): %v, want %v", c.Params["language_code"], got, want)
		}
	}
	u := h.user(2009, "New", "en")
	h.say(u, "/help")
	help := h.expect(u.ID, "Commands you can use")
	for _, no := range []string{"/patrol", "/job ", "/mytasks", "/roster", "/report"} {
		if strings.Contains(help.Plain+" ", no) {
			t.Errorf("a newcomer's /help lists %s: %q", no, help.Plain)
		}
	}
	h.expect(u.ID, "Not registered yet")
}

// TestRefusalTellsTheID: someone refused a staff command in private learns
// their numeric id, which is what the config's admins list takes.
func TestRefusalTellsTheID(t *testing.T) {
	h := newHarness(t, nil)
	u := h.user(5012345678, "New Boss", "en")
	h.say(u, "/grant @someone staff")
	h.expect(u.ID, "may not use /grant", "Your numeric user id is 5012345678", "admins:")
	h.say(u, "/linkchat 3")
	h.expect(u.ID, "may not use /linkchat", "5012345678")
	zh := h.user(2003, "王", "zh")
	h.say(zh, "/status")
	h.expect(zh.ID, "数字用户 ID 是 2003")
	// Staff refused an administrator's step learn it too.
	adm := h.user(adminID, "Boss", "en")
	h.say(adm, "/grant 2003 staff")
	h.expect(adm.ID, "王 is now community staff")
	h.say(zh, "/grant 5012345678 staff")
	h.expect(zh.ID, "只有管理员可以设置或取消工作人员身份", "数字用户 ID 是 2003")
}

// TestAmbiguousUsernameRefused: two members hold the same stored @username
// (one renamed without writing to the bot since); /grant, /assign and /team
// add refuse to pick one and list both.
func TestAmbiguousUsernameRefused(t *testing.T) {
	c := newCommunity(t)
	old := c.user(2101, "Lin Old", "en")
	old.Username = "lin"
	c.say(old, "/help")
	c.expect(old.ID, "/teams") // a newcomer's help
	newer := c.user(2102, "Lin New", "en")
	newer.Username = "Lin"
	c.register(newer, "3", "601")

	frWantAmbiguous := func(text string) {
		t.Helper()
		c.say(c.admin, text)
		c.expect(c.admin.ID, "More than one person is known as @lin", "2101 Lin Old", "2102 Lin New", "numeric id")
	}
	frWantAmbiguous("/grant @lin leader 3")
	id := c.reportInPrivate(c.wang, "water", "下水道堵了，水漫到楼道里")
	frWantAmbiguous("/assign " + itoa(id) + " @lin")
	c.say(c.admin, "/team new Fixers")
	c.expect(c.admin.ID, "Fixers")
	frWantAmbiguous("/team add Fixers @lin")

	c.settle()
	c.db(func(tx *storage.Tx) error {
		for _, u := range []int64{old.ID, newer.ID} {
			m, err := tx.Member(u)
			if err != nil {
				return err
			}
			if m.Role != storage.RoleResident {
				t.Errorf("%d became %s", u, m.Role)
			}
		}
		tk, err := tx.Ticket(id)
		if err != nil {
			return err
		}
		if tk.AssigneeID != 0 {
			t.Errorf("ticket assigned to %d", tk.AssigneeID)
		}
		return nil
	})
	// The id works.
	c.say(c.admin, "/grant 2102 leader 3")
	c.expect(c.admin.ID, "Lin New is now building leader")
}

// TestReportInUnlinkedGroupRefused: a one-line /report in a group nobody
// linked is not filed; it points to the private chat. /linkchat off
// unlinks a linked group, in the community's language.
func TestReportInUnlinkedGroupRefused(t *testing.T) {
	c := newCommunity(t)
	loose := c.tg.Group(-100900, "闲聊群")
	c.tg.SendText(c.wang, loose, "/report 楼道灯坏了")
	m := c.expect(loose.ID, "本群还没有关联到楼栋", "/linkchat")
	if len(m.Buttons) != 1 || !strings.HasSuffix(m.Buttons[0][0].URL, "?start=report") {
		t.Errorf("want a button to report in private, got %+v", m.Buttons)
	}

	c.tg.SendText(c.li, c.group, "/linkchat off")
	c.expect(c.group.ID, "may not use /linkchat")
	c.tg.SendText(c.admin, c.group, "/linkchat off")
	c.expect(c.group.ID, "本群已取消关联")
	c.tg.SendText(c.admin, c.group, "/linkchat off")
	c.expect(c.group.ID, "本群没有关联")
	c.tg.SendText(c.li, c.group, "/report the lamp by door 2 is out")
	c.expect(c.group.ID, "本群还没有关联到楼栋")

	c.settle()
	c.db(func(tx *storage.Tx) error {
		if _, err := tx.Ticket(1); err != storage.ErrNotFound {
			t.Errorf("a ticket was filed from an unlinked group: %v", err)
		}
		ch, err := tx.Chat(c.group.ID)
		if err == nil && ch.Linked() {
			t.Errorf("still linked: %+v", ch)
		}
		return err
	})
}

// TestEnglishCounts: English says "1 member", "2 members".
func TestEnglishCounts(t *testing.T) {
	c := newCommunity(t)
	c.say(c.admin, "/team new Fixers")
	c.expect(c.admin.ID, "Fixers")
	c.say(c.admin, "/team add Fixers 2002")
	c.expect(c.admin.ID, "Li", "Fixers")
	c.say(c.admin, "/team")
	m := c.expect(c.admin.ID, "Fixers · 1 member")
	if strings.Contains(m.Plain, "1 members") {
		t.Errorf("got %q", m.Plain)
	}
	c.say(c.admin, "/team add Fixers 3001")
	c.expect(c.admin.ID, "林", "Fixers")
	c.say(c.admin, "/team")
	c.expect(c.admin.ID, "Fixers · 2 members")
	c.say(c.wang, "/team")
	c.expect(c.wang.ID, "Fixers · 2 人")
}

// TestStaffMaySkipTheHome: an administrator's first /start says that staff
// need not give a home and offers Skip; a resident is not offered it, and a
// forged Skip registers nobody without a home.
func TestStaffMaySkipTheHome(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "en")
	h.say(adm, "/start")
	ask := h.expect(adm.ID, "As community staff you need not give a home")
	if !hasButton(ask, "reg:skip") || !hasButton(ask, "reg:b:3") {
		t.Fatalf("the admin's building question: %+v", ask.Buttons)
	}
	h.tg.Press(adm, ask, "reg:skip")
	h.expect(adm.ID, "You are set up as administrator")
	h.say(adm, "/grant")
	h.expect(adm.ID, "Whose role would you like to set?")

	ann := h.user(2001, "Ann", "zh")
	h.say(ann, "/start")
	q := h.expect(ann.ID, "请问您住在哪一栋楼")
	if hasButton(q, "reg:skip") || strings.Contains(q.Plain, "跳过") {
		t.Errorf("a resident is offered Skip: %+v", q)
	}
	h.tg.PressRaw(ann, telegramtest.PrivateChat(ann), q.ID, "reg:skip")
	h.expectAnswer("")
	h.register(ann, "3", "301")
	h.db(func(tx *storage.Tx) error {
		m, err := tx.Member(ann.ID)
		if err == nil && (m.Building != "3" || !m.Registered()) {
			t.Errorf("the resident after a forged Skip and registering: %+v", m)
		}
		return err
	})
}
