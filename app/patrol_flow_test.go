package app

import (
	"reflect"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// pfCrew is patCrew in lang: a team (Night patrol, or 夜巡队) of a lead
// and four members, and one person outside it, with usernames.
func pfCrew(t *testing.T, lang string) *patCrew {
	t.Helper()
	c := &patCrew{harness: newHarness(t, nil)}
	names := map[string][]string{"en": {"Night patrol", "Lena", "Ann", "Bo", "Cy", "Di", "Ed"},
		"zh": {"夜巡队", "林娜", "安", "博", "程", "邓", "尔"}}[lang]
	users := []string{"lena", "ann", "bo", "cy", "di", "ed"}
	person := func(i int) models.User {
		id := int64(4001 + i)
		u := c.user(id, names[i+1], lang)
		c.lgWrite(func(tx *storage.Tx) error {
			if err := tx.TouchMember(id, names[i+1], users[i], lang, c.clock.Now()); err != nil {
				return err
			}
			return tx.Register(id, "3", "10"+itoa(int64(i+1)), c.clock.Now())
		})
		c.say(u, "/help") // opens the private chat, as people do
		c.expect(u.ID, "/shifts")
		return u
	}
	c.lead, c.a, c.b, c.c, c.d, c.other = person(0), person(1), person(2), person(3), person(4), person(5)
	now := c.clock.Now()
	c.lgWrite(func(tx *storage.Tx) error {
		var err error
		if c.team, err = tx.CreateTeam(names[0], c.lead.ID, false, now); err != nil {
			return err
		}
		for _, u := range []models.User{c.a, c.b, c.c, c.d} {
			if err := tx.AddTeamMember(c.team, u.ID, now); err != nil {
				return err
			}
		}
		return nil
	})
	return c
}

// pfShown is a message as these tests read it: its text, then a tab and
// its buttons row by row ("a b | c") when it has any.
func pfShown(m telegramtest.Message) string {
	if len(m.Buttons) == 0 {
		return m.Plain
	}
	return m.Plain + "\t" + buttonLabels(m)
}

// pfExpect checks everything the latest action, update upd, sent or
// changed in u's chat, in order, once it is all handled: each as pfShown
// shows it; a want ending in "\t*" takes any buttons.
func (h *harness) pfExpect(upd int64, u models.User, want ...string) {
	h.t.Helper()
	h.updateDone(upd)
	var got []string
	for _, m := range h.tg.MessagesSince(h.mark(), u.ID) {
		got = append(got, pfShown(m))
	}
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		if w, any := strings.CutSuffix(want[i], "\t*"); any {
			ok = strings.SplitN(got[i], "\t", 2)[0] == w && strings.Contains(got[i], "\t")
		} else {
			ok = got[i] == want[i]
		}
	}
	if !ok {
		h.t.Fatalf("%d's chat got:\n%q\nwant:\n%q", u.ID, got, want)
	}
}

// pfTap presses the button labelled label on the newest message in u's
// chat that has it, and returns the update.
func (h *harness) pfTap(u models.User, label string) int64 {
	h.t.Helper()
	ms := h.tg.Messages(u.ID)
	for i := len(ms) - 1; i >= 0; i-- {
		for _, row := range ms[i].Buttons {
			for _, b := range row {
				if b.Text == label {
					return h.tg.Press(u, ms[i], b.Data)
				}
			}
		}
	}
	h.t.Fatalf("no button %q in %d's chat", label, u.ID)
	return 0
}

// pfFlow is the conversation u is in ("" none).
func (h *harness) pfFlow(u models.User) string {
	h.t.Helper()
	name := ""
	h.db(func(tx *storage.Tx) error {
		f, err := tx.Flow(u.ID)
		if err == nil {
			name = f.Name + "/" + f.Step
		}
		return nil
	})
	return name
}

// pfTemplates are the team's templates.
func (c *patCrew) pfTemplates() []storage.PatrolTemplate {
	c.t.Helper()
	var out []storage.PatrolTemplate
	c.db(func(tx *storage.Tx) error {
		var err error
		out, err = tx.PatrolTemplates(c.team)
		return err
	})
	return out
}

func pfCheckTemplate(t *testing.T, got []storage.PatrolTemplate, spec string, minutes, slots int, area string, rotation ...int64) {
	t.Helper()
	if len(got) != 1 {
		t.Fatalf("%d templates, want 1", len(got))
	}
	p := got[0]
	if p.Spec != spec || p.Minutes != minutes || p.Slots != slots || p.Area != area || !reflect.DeepEqual(p.Rotation, rotation) {
		t.Fatalf("template %q %d min %d people %q %v; want %q %d %d %q %v", p.Spec, p.Minutes, p.Slots, p.Area, p.Rotation,
			spec, minutes, slots, area, rotation)
	}
}

// In English: a preset by its typed words, the time as 20:00 and, after
// going back, as 8pm; the rotation by a tap and an @username; a word
// typed at the preview asks it again; the time corrected to hours (7-9pm)
// gives the length, and the saved template is 19:00 for 2 h. Typed
// "取消" ends a second one.
func TestPatrolTemplateFlowEnglish(t *testing.T) {
	c := pfCrew(t, "en") // Monday 2026-03-02 17:00 in Shanghai
	lead := c.lead
	var upd int64
	const (
		sched    = "When do shifts start? Tap a preset, or send a cron expression in the community's time zone (minute hour day-of-month month day-of-week), e.g. 0 20 * * * for every day at 20:00."
		atTime   = "At what time does a shift start? e.g. 20:00 or 8pm; or give its hours, e.g. 8-10pm, and its length is set too."
		length   = "How long is a shift? Tap, or send e.g. 3h, 90m or 2h30m (at most 24 h)."
		people   = "How many people on each shift? Tap or send a number from 1 to 100."
		area     = "Where does the patrol go? Send the area or route (at most 100 characters), e.g. east gate -> E-district lanes."
		rot      = "Rotation (optional): who takes the shifts in turn? Tap the first member, or send several in order, e.g. @wang @chen. Or tap No rotation."
		hint     = "\nTap a name, or reply with a name or unit to search."
		tap      = "Please tap one of the buttons below, or reply with the words on it.\n\n"
		navBoth  = "Back Cancel"
		page     = "Patrol shifts of Night patrol"
		addLabel = "+ Add a shift template"
	)
	upd = c.say(lead, "/patrol")
	c.pfExpect(upd, lead, page+"\nNo shift templates yet.\t"+addLabel)
	upd = c.pfTap(lead, addLabel)
	c.pfExpect(upd, lead, sched+"\tEvery day Weekdays Weekends | Cancel")

	upd = c.say(lead, "hello")
	c.pfExpect(upd, lead, "hello is not a cron expression I can use. Five fields: minute hour day-of-month month day-of-week, e.g. 0 20 * * *. Nothing was changed.\n\n"+
		sched+"\tEvery day Weekdays Weekends | Cancel")
	upd = c.say(lead, "every day")
	c.pfExpect(upd, lead, "Chosen: Every day\n\n"+atTime+"\t"+navBoth)
	upd = c.say(lead, "25:00")
	c.pfExpect(upd, lead, "I could not read that time. Send when a shift starts, e.g. 20:00, 8pm, 7:30am; or its hours, e.g. 19:30-21:00, 7-9pm, 22:00-02:00.\t"+navBoth)
	upd = c.say(lead, "20:00")
	c.pfExpect(upd, lead, "Noted: every day 20:00.\n"+length+"\t2h 3h 4h | "+navBoth)
	upd = c.say(lead, "back")
	c.pfExpect(upd, lead, atTime+"\t"+navBoth)
	upd = c.say(lead, "8pm")
	c.pfExpect(upd, lead, "Noted: every day 20:00.\n"+length+"\t2h 3h 4h | "+navBoth)
	upd = c.say(lead, "3h")
	c.pfExpect(upd, lead, "Chosen: 3h\n\n"+people+"\t1 2 3 4 | "+navBoth)
	upd = c.say(lead, "2")
	c.pfExpect(upd, lead, "Chosen: 2\n\n"+area+"\t"+navBoth)
	upd = c.say(lead, "east gate")
	c.pfExpect(upd, lead, rot+hint+"\tLena Ann | Bo Cy | Di | No rotation | "+navBoth)

	// The rotation by a tap, then an @username, then That's all.
	upd = c.pfTap(lead, "Ann")
	next := "Rotation so far: Ann. Who comes next? Tap a member, or That's all."
	c.pfExpect(upd, lead, rot+"\nChosen: Ann", next+hint+"\tLena Bo | Cy Di | That's all | "+navBoth)
	upd = c.say(lead, "@bo")
	next = "Rotation so far: Ann, Bo. Who comes next? Tap a member, or That's all."
	c.pfExpect(upd, lead, "Chosen: Bo\n\n"+next+hint+"\tLena Cy | Di | That's all | "+navBoth)
	upd = c.pfTap(lead, "That's all")
	preview := "The shifts will be: every day 20:00 · 3h · 2 per shift · east gate · rotation: Ann, Bo\nSave?"
	c.pfExpect(upd, lead, next+"\nChosen: That's all", preview+"\tConfirm Change Cancel")
	upd = c.say(lead, "maybe")
	c.pfExpect(upd, lead, tap+preview+"\tConfirm Change Cancel")

	// The time corrected to hours: the length comes from them, the rest stands.
	upd = c.say(lead, "change")
	c.pfExpect(upd, lead, "What would you like to change?\tStart days | Start time | Length | People | Route | Rotation | "+navBoth)
	upd = c.say(lead, "start time")
	c.pfExpect(upd, lead, atTime+"\t"+navBoth)
	upd = c.say(lead, "7-9pm")
	preview = "The shifts will be: every day 19:00 · 2h · 2 per shift · east gate · rotation: Ann, Bo\nSave?"
	c.pfExpect(upd, lead, preview+"\tConfirm Change Cancel")
	upd = c.say(lead, "ok")
	line := "every day 19:00 · 2h · 2 per shift · east gate · rotation: Ann, Bo"
	c.pfExpect(upd, lead, "Saved: "+line+". Its shifts are laid out for the coming days.",
		page+"\n1. "+line+"\tChange 1 Pause 1 Remove 1 | "+addLabel)
	pfCheckTemplate(t, c.pfTemplates(), "0 19 * * *", 120, 2, "east gate", c.a.ID, c.b.ID)

	upd = c.pfTap(lead, addLabel)
	c.pfExpect(upd, lead, sched+"\tEvery day Weekdays Weekends | Cancel")
	upd = c.say(lead, "取消")
	c.pfExpect(upd, lead, "Cancelled. I am here when you need me.\t*")
	if f := c.pfFlow(lead); f != "" || len(c.pfTemplates()) != 1 {
		t.Fatalf("after cancelling: flow %q, %d templates", f, len(c.pfTemplates()))
	}
}

// In Chinese: the preset tapped, the time as 晚上8点 then, after going
// back, as hours 晚上8点到10点 (no length asked); a word typed at the
// people's buttons asks them again; the rotation tapped and ended by
// typing 就这些; the time corrected to 20:00 asks the length (3小时), and
// the saved template is 20:00 for 3 h. Typed 取消 ends a second one.
func TestPatrolTemplateFlowChinese(t *testing.T) {
	c := pfCrew(t, "zh")
	lead := c.lead
	var upd int64
	const (
		sched   = "班次什么时候开始？点选常用设置，或发送社区时区的 cron 表达式（分 时 日 月 星期），例如 0 20 * * * 表示每天 20:00。"
		atTime  = "几点开始？例如：晚上8点、20:00；也可以写起止时间，例如：晚上8点到10点，就不用再问时长。"
		length  = "每班多长时间？点选，或发送例如 3小时、90分钟、2h30m（最长 24 小时）。"
		people  = "每班几人？点选或发送 1 到 100 的数字。"
		area    = "巡逻区域或路线？（最多 100 字），例如：东门 -> E 区小巷。"
		rot     = "轮值（可选）：谁依次上班？点第一位队员，也可以按顺序一次发送几位，例如 @wang @chen。不需要就点“不轮值”。"
		hint    = "\n点名字选择，也可以回复名字或门牌号查找。"
		navBoth = "返回 取消"
		page    = "夜巡队的巡逻班次"
		add     = "+ 添加班次模板"
	)
	upd = c.say(lead, "/patrol")
	c.pfExpect(upd, lead, page+"\n还没有班次模板。\t"+add)
	upd = c.pfTap(lead, add)
	c.pfExpect(upd, lead, sched+"\t每天 工作日 周末 | 取消")
	upd = c.pfTap(lead, "每天")
	c.pfExpect(upd, lead, sched+"\n已选：每天", atTime+"\t"+navBoth)
	upd = c.say(lead, "晚上8点")
	c.pfExpect(upd, lead, "好的：每天 20:00。\n"+length+"\t2 小时 3 小时 4 小时 | "+navBoth)
	upd = c.say(lead, "返回")
	c.pfExpect(upd, lead, atTime+"\t"+navBoth)
	upd = c.say(lead, "晚上8点到10点")
	c.pfExpect(upd, lead, "好的：每天 20:00-22:00。\n"+people+"\t1 2 3 4 | "+navBoth)
	upd = c.say(lead, "两个人")
	c.pfExpect(upd, lead, "请发送 1 到 100 的数字。\n\n好的：每天 20:00-22:00。\n"+people+"\t1 2 3 4 | "+navBoth)
	upd = c.pfTap(lead, "2")
	c.pfExpect(upd, lead, "好的：每天 20:00-22:00。\n"+people+"\n已选：2", area+"\t"+navBoth)
	upd = c.say(lead, "东门")
	c.pfExpect(upd, lead, rot+hint+"\t林娜 安 | 博 程 | 邓 | 不轮值 | "+navBoth)
	upd = c.pfTap(lead, "博")
	next := "轮值顺序：博。下一位是谁？点队员的名字，没有了就点“就这些”。"
	c.pfExpect(upd, lead, rot+"\n已选：博", next+hint+"\t林娜 安 | 程 邓 | 就这些 | "+navBoth)
	upd = c.say(lead, "就这些")
	preview := "班次设置为：每天 20:00 · 2小时 · 每班 2 人 · 东门 · 轮值：博\n保存吗？"
	c.pfExpect(upd, lead, "已选：就这些\n\n"+preview+"\t确定 修改 取消")

	// The time corrected to a start alone: the length is asked, the rest stands.
	upd = c.say(lead, "修改")
	c.pfExpect(upd, lead, "要修改哪一项？\t开班时间 几点开始 人数 路线 | 轮值 | "+navBoth)
	upd = c.pfTap(lead, "几点开始")
	c.pfExpect(upd, lead, "修改：几点开始", atTime+"\t"+navBoth)
	upd = c.say(lead, "20:00")
	c.pfExpect(upd, lead, "好的：每天 20:00。\n"+length+"\t2 小时 3 小时 4 小时 | "+navBoth)
	upd = c.say(lead, "3小时")
	preview = "班次设置为：每天 20:00 · 3小时 · 每班 2 人 · 东门 · 轮值：博\n保存吗？"
	c.pfExpect(upd, lead, preview+"\t确定 修改 取消")
	upd = c.pfTap(lead, "确定")
	line := "每天 20:00 · 3小时 · 每班 2 人 · 东门 · 轮值：博"
	c.pfExpect(upd, lead, preview, "已保存："+line+"。接下来几天的班次已排出。", page+"\n1. "+line+"\t修改 1 暂停 1 删除 1 | "+add)
	pfCheckTemplate(t, c.pfTemplates(), "0 20 * * *", 180, 2, "东门", c.b.ID)

	upd = c.pfTap(lead, add)
	c.pfExpect(upd, lead, sched+"\t每天 工作日 周末 | 取消")
	upd = c.say(lead, "取消")
	c.pfExpect(upd, lead, "已取消。需要时再找我。\t*")
	if f := c.pfFlow(lead); f != "" || len(c.pfTemplates()) != 1 {
		t.Fatalf("after cancelling: flow %q, %d templates", f, len(c.pfTemplates()))
	}
}
