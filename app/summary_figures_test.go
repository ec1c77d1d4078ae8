package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
)

func TestSummaryFiguresMatchTheLedger(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "主任", "zh")
	sam := h.user(staffID, "Sam", "en")
	a, b := h.user(2001, "甲", "zh"), h.user(2002, "乙", "zh")
	for i, u := range []models.User{adm, sam, a, b} {
		h.register(u, "1", "10"+itoa(int64(i)))
	}
	h.say(adm, "/grant 1001 staff")
	h.expect(adm.ID, "Sam")
	sumFixture(t, h, a.ID, a.ID, b.ID)
	sumLifeFixture(t, h, adm.ID, sam.ID, a.ID, b.ID)

	h.say(adm, "/summary")
	m := h.expect(adm.ID, "2026-03 月度工作汇总")
	// Now is 2026-03-02 17:00: the meeting set for 03-31 is not held yet.
	sumLines(t, m.Plain,
		"统计时段：3月1日（周日）至今，截至 3月2日（周一）17:00。本期尚未结束，只计已经发生的。",
		"收到问题（件）：4", "解决问题（件）：2", "实现微心愿（个）：1",
		"开展志愿服务活动（场）：2", "参与志愿者（人）：2", "志愿服务时长（小时）：5.0",
		"巡逻（班次）：5", "发布公告（条）：2", "发布定时通知（条）：1",
		"召开会议（次）：1", "议定事项（项）：4", "走访住户（户）：4",
		"调解成功纠纷（件）：1", "评选之星（名）：3", "兑现承诺（项）：7",
		"供水排污：2 / 0", "照明：1 / 2", "道路：1 / 0")
	if strings.Contains(m.Plain, "其他：") || strings.Contains(m.Plain, "secret") {
		t.Errorf("summary lists an empty category or a record's text:\n%s", m.Plain)
	}
	if w, ht := h.sumPNG(adm.ID, "summary-2026-03.png"); w != 800 || ht != 450 {
		t.Errorf("chart is %d×%d, want 800×450", w, ht)
	}
	if strings.Contains(h.logs.String(), "no font with Chinese glyphs") {
		t.Logf("chart drawn with English labels: no CJK font on this machine")
	} else {
		t.Logf("chart drawn with a CJK font")
	}
	f := h.sumXLSX(adm.ID, "summary-2026-03.xlsx")
	zh := f // the Chinese workbook of March, looked at again below
	sumCells(t, f, "汇总", map[string]string{"A1": "项目", "B1": "数值", "A2": "收到问题（件）", "B2": "4", "B7": "5",
		"A8": "巡逻（班次）", "B8": "5", "A9": "发布公告（条）", "B9": "2", "A10": "发布定时通知（条）", "B10": "1",
		"A11": "召开会议（次）", "B11": "1", "A12": "议定事项（项）", "B12": "4", "A13": "走访住户（户）", "B13": "4",
		"C1": "说明", "C11": "本期内时间已经到了、没有取消的会议次数；以后的会议不计入。", "C12": "上述会议记录的议定事项数。",
		"A14": "调解成功纠纷（件）", "B14": "1", "A15": "评选之星（名）", "B15": "3", "A16": "兑现承诺（项）", "B16": "7"})
	sumFrozen(t, f, "汇总")

	// The quarter, in English for an English reader.
	h.say(sam, "/summary quarter 2026-Q1")
	m = h.expect(sam.ID, "Quarterly report, 2026-Q1")
	sumLines(t, m.Plain, "Period: Thu 1 Jan to now (up to Mon 2 Mar 17:00; the period is not over, only what has happened counts)",
		"Problems received: 6", "Problems solved: 3", "Micro-wishes fulfilled: 1",
		"Volunteer jobs held: 3", "Volunteers taking part: 2", "Volunteer hours: 6.0",
		"Patrol shifts walked: 6", "Announcements published: 3", "Scheduled notices published: 2",
		"Meetings held: 2", "Decisions taken: 6", "Households visited: 5",
		"Disputes settled: 2", "Stars elected: 4", "Pledge items kept: 9",
		"Water & sewage: 3 / 1", "Lighting: 2 / 2", "Roads: 1 / 0")
	if w, ht := h.sumPNG(sam.ID, "summary-2026-Q1.png"); w != 800 || ht != 450 {
		t.Errorf("quarter chart is %d×%d", w, ht)
	}
	f = h.sumXLSX(sam.ID, "summary-2026-Q1.xlsx")
	sumCells(t, f, "Figures", map[string]string{"A8": "Patrol shifts walked", "B8": "6", "B9": "3",
		"A10": "Scheduled notices published", "B10": "2", "A11": "Meetings held", "B11": "2", "A12": "Decisions taken", "B12": "6", "C1": "What it counts",
		"A13": "Households visited", "B13": "5", "B14": "2", "A15": "Stars elected", "B15": "4", "A16": "Pledge items kept", "B16": "9"})
	sumCells(t, f, "By category", map[string]string{"A1": "Category", "B1": "Received", "C1": "Solved",
		"A2": "Water & sewage", "B2": "3", "C2": "1", "A3": "Lighting", "B3": "2", "C3": "2"})
	sumCells(t, f, "By month", map[string]string{"B1": "2026-01", "C1": "2026-02", "D1": "2026-03",
		"A2": "Water & sewage", "B2": "1", "C2": "0", "D2": "2", "B3": "0", "C3": "1", "D3": "1"})
	for _, s := range []string{"Figures", "By category", "By month"} {
		sumFrozen(t, f, s)
	}
	if w, err := f.GetColWidth("Figures", "A"); err != nil || w < float64(len("Scheduled notices published")) {
		t.Errorf("column A is %v wide (%v)", w, err)
	}

	// The same figures the other way round, once March is over: March in
	// English, the quarter in Chinese; the meeting of 03-31 has been held.
	h.clock.Set(wallAt(t, "2026-04-01 10:00"))
	h.say(sam, "/summary month 2026-03")
	m = h.expect(sam.ID, "Monthly report, 2026-03")
	sumLines(t, m.Plain, "Period: Sun 1 Mar to Tue 31 Mar",
		"Patrol shifts walked: 5", "Announcements published: 2", "Scheduled notices published: 1",
		"Meetings held: 2", "Decisions taken: 6", "Households visited: 4",
		"Disputes settled: 1", "Stars elected: 3", "Pledge items kept: 7")
	f = h.sumXLSX(sam.ID, "summary-2026-03.xlsx")
	sumCells(t, f, "Figures", map[string]string{"B8": "5", "B9": "2", "B10": "1", "B11": "2", "B12": "6",
		"B13": "4", "B14": "1", "B15": "3", "B16": "7"})
	h.say(adm, "/summary quarter 2026-Q1")
	m = h.expect(adm.ID, "2026-Q1 季度工作汇总")
	sumLines(t, m.Plain, "统计时段：1月1日（周四）至3月31日（周二）",
		"巡逻（班次）：6", "发布公告（条）：3", "发布定时通知（条）：2",
		"召开会议（次）：3", "议定事项（项）：8", "走访住户（户）：5",
		"调解成功纠纷（件）：2", "评选之星（名）：4", "兑现承诺（项）：9")
	f = h.sumXLSX(adm.ID, "summary-2026-Q1.xlsx")
	sumCells(t, f, "汇总", map[string]string{"B8": "6", "B9": "3", "B10": "2", "B11": "3", "B12": "8",
		"B13": "5", "B14": "2", "B15": "4", "B16": "9"})

	if w, _ := zh.GetColWidth("汇总", "A"); w < 20 {
		t.Errorf("Chinese column A is only %v wide", w)
	}
}

func TestSummaryRefusesFutureAndBeforeTheBot(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "主任", "zh")
	res := h.user(2001, "甲", "zh")
	h.register(adm, "1", "101")
	h.register(res, "1", "102")
	sumFixture(t, h, res.ID, res.ID, adm.ID)
	for _, c := range []struct{ cmd, want string }{
		{"/summary 2026-04", "2026-04 还没有开始"},
		{"/summary year 2027", "2027 还没有开始"},
		{"/summary 2025", "2025 在本机器人开始使用之前，最早的记录是 1月10日（周六），没有可汇总的数据。"},
		{"/summary month 2025-12", "2025-12 在本机器人开始使用之前"},
		{"/summary quarter 2026-Q5", "用法：/summary"},
		{"/summary 明年", "用法：/summary"},
	} {
		h.say(adm, c.cmd)
		h.expect(adm.ID, c.want)
	}
	h.say(res, "/summary")
	h.expect(res.ID, "没有使用 /summary 的权限")
	menu := h.lookup(res.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "登记好了") })
	if hasButton(menu, "menu:summary") {
		t.Errorf("a resident's menu offers the summary: %+v", menu.Buttons)
	}
	h.tg.PressRaw(res, telegramtest.PrivateChat(res), menu.ID, "menu:summary")
	h.expectAnswer("这个按钮不是给您用的") // the permission table's refusal
	h.settle()
	if n := h.tg.CallCount("sendPhoto") + h.tg.CallCount("sendDocument"); n != 0 {
		t.Errorf("refused summaries sent %d files", n)
	}
	// The staff menu's button gives this month's.
	menu = h.lookup(adm.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "登记好了") })
	h.tg.Press(adm, menu, "menu:summary")
	h.expect(adm.ID, "2026-03 月度工作汇总")
	// The current quarter, still running, is fine.
	h.say(adm, "/summary quarter")
	h.expect(adm.ID, "2026-Q1 季度工作汇总")
	h.tg.WaitMessage(t, adm.ID, func(m telegramtest.Message) bool { return m.DocumentName == "summary-2026-Q1.xlsx" }, wait)
}
