package app

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
)

// pollAsk walks u through /poll and returns the confirmation's message id
// after it is sent.
func (c *propCast) pollAsk(u models.User, q, opts, multi, per, where, how, closes string) {
	c.t.Helper()
	last := c.starLast(u.ID)
	c.say(u, "/poll")
	c.starAfter(u.ID, last, "fl:poll:x:q", "")
	last = c.starLast(u.ID)
	c.say(u, q)
	c.starAfter(u.ID, last, "fl:poll:x:opts", "")
	last = c.starLast(u.ID)
	c.say(u, opts)
	m := c.starAfter(u.ID, last, "fl:poll:o:multi:"+multi, "")
	for _, p := range []string{"fl:poll:o:multi:" + multi, "fl:poll:o:per:" + per, "fl:poll:o:where:" + where, "fl:poll:o:how:" + how} {
		m = c.starAfter(u.ID, m.ID-1, p, "")
		c.tg.Press(u, m, p)
	}
	c.starAfter(u.ID, m.ID, "fl:poll:x:closes", "")
	last = c.starLast(u.ID)
	c.say(u, closes)
	ok := c.starAfter(u.ID, last, "fl:poll:y:ok", "")
	c.tg.Press(u, ok, "fl:poll:y:ok")
}

// A poll by household asked in private and in building 3's group: 王阿姨
// and 王叔 of one unit vote, the later replaces the earlier; Li changes his
// vote; 赵 of building 1 is refused. Nothing about a count reaches anyone
// before the close (every request the fake server received is read); at
// the close the results per building and in total, with the turnout
// against the registered households, reach the group and the admin.
func TestPollsByHouseholdNothingLeaksBeforeTheClose(t *testing.T) {
	c := newPropCast(t)
	uncle := c.user(2004, "王叔", "zh")
	c.register(uncle, "3", "502")
	c.pollAsk(c.admin, "How should we spend the garden budget?", "Benches\nFlowers\nLights", "one", "unit", "b:3", "both", "2026-03-03 20:00")
	c.expect(c.admin.ID, "Poll #1 is out (5 chats). It closes on Tue 3 Mar 20:00")
	dm := c.fsWant(c.wang.ID, "社区想听听您的意见", "社区想听听您的意见：\n🗳 How should we spend the garden budget?\n1. Benches\n2. Flowers\n3. Lights\n"+
		"（选一个；截止前可以改）\n范围：3 栋 · 私信和群里都发 · 每户一票 · 截止：3月3日（周二）20:00。截止前谁也看不到票数。",
		"1. Benches | 2. Flowers | 3. Lights")
	post := c.expect(c.b3.ID, "How should we spend the garden budget?")
	liDM := c.expect(c.li.ID, "The community would like your view:")

	c.tg.Press(c.wang, dm, "po:v:1:0")
	c.answered("已记下您家的选择：Benches。同一户后投的会替换先投的；3月3日（周二）20:00 截止前可以改。")
	c.tg.Press(uncle, post, "po:v:1:1")
	c.answered("已记下您家的选择：Flowers。")
	c.tg.Press(c.li, liDM, "po:v:1:2")
	c.answered("Your household's choice is noted: Lights.")
	c.tg.Press(c.li, liDM, "po:v:1:0")
	c.answered("Your household's choice is noted: Benches.")
	c.tg.Press(c.zhao, post, "po:v:1:0")
	c.answered("这个投票只问别的楼栋的居民。")

	// Every request so far: no count, no result, nobody's vote but the
	// voter's own.
	counted := regexp.MustCompile(`(Benches|Flowers|Lights) \d|投票结果|Poll results|户 / 登记|registered households voted`)
	for _, call := range c.tg.Calls("") {
		raw, _ := json.Marshal(call.Params)
		if s := string(raw); counted.MatchString(s) {
			t.Errorf("a count before the close, in %s: %s", call.Method, s)
		}
		if call.Method == "answerCallbackQuery" {
			s, _ := call.Params["text"].(string)
			if strings.Contains(s, "Flowers") && strings.Contains(s, "Benches") {
				t.Errorf("an answer shows someone else's vote: %q", s)
			}
		}
	}

	c.calTo("2026-03-03 20:01")
	c.tick()
	want := "🗳 投票结果：How should we spend the garden budget?\n" +
		"3 栋：Benches 1 · Flowers 1 · Lights 0（投票 2 户 / 登记 3 户，参与率 67%）\n" +
		"合计：Benches 1 · Flowers 1 · Lights 0（投票 2 户 / 登记 3 户，参与率 67%）"
	c.fsWant(c.b3.ID, "投票结果", want, "-")
	c.fsWant(c.admin.ID, "Poll results", "🗳 Poll results: How should we spend the garden budget?\n"+
		"building 3: Benches 1 · Flowers 1 · Lights 0 (2 of 3 registered households voted, 67%)\n"+
		"All: Benches 1 · Flowers 1 · Lights 0 (2 of 3 registered households voted, 67%)", "-")
	c.tg.Press(c.wang, dm, "po:v:1:2")
	c.answered("这个投票已经截止了。")
}

// A quick question as Telegram's own poll in every linked group: sent with
// the parameters the Bot API table accepts (anonymous, results hidden
// until it closes) and stopped at the time set.
func TestPollsNativeGroupPollIsStoppedAtItsTime(t *testing.T) {
	c := newPropCast(t)
	c.pollAsk(c.admin, "Clean-up on Saturday or Sunday?", "Saturday\nSunday", "one", "person", "all", "native", "2026-03-02 20:00")
	c.expect(c.admin.ID, "Poll #1 is out (2 chats)")
	sent := c.tg.WaitCall(t, "sendPoll", func(telegramtest.Call) bool { return true }, wait)
	if sent.Params["is_anonymous"] != true || sent.Params["hide_results_until_closes"] != true {
		t.Errorf("sendPoll with %v", sent.Params)
	}
	for _, g := range []models.Chat{c.b3, c.group} {
		c.tg.WaitMessage(t, g.ID, func(m telegramtest.Message) bool {
			return m.Poll != nil && m.Poll.Question == "Clean-up on Saturday or Sunday?"
		}, wait)
	}
	c.calTo("2026-03-02 20:01")
	c.tick()
	for _, g := range []models.Chat{c.b3, c.group} {
		c.tg.WaitMessage(t, g.ID, func(m telegramtest.Message) bool { return m.Poll != nil && m.Poll.Closed }, wait)
	}
	c.expect(c.b3.ID, "🗳 投票“Clean-up on Saturday or Sunday?”已截止，结果就显示在上面的投票里。")
	if v := c.tg.Violations(); len(v) != 0 {
		t.Errorf("requests the Bot API table refuses: %v", v)
	}
}
