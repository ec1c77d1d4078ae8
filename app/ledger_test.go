package app

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// lgWrite writes fixtures straight into the bot's database while it runs.
func (h *harness) lgWrite(fn func(tx *storage.Tx) error) {
	h.t.Helper()
	h.write(fn)
}

// lgAt is a wall-clock time in the community's zone.
// lgReporters writes the two people the rate fixtures' tickets come from
// (2001) and are acted on by (2002).
func lgReporters(tx *storage.Tx, now time.Time) error {
	for _, id := range []int64{2001, 2002} {
		if err := tx.TouchMember(id, "R"+itoa(id), "", "zh", now); err != nil {
			return err
		}
	}
	return nil
}

func lgAt(t *testing.T, s string) time.Time {
	t.Helper()
	return wallAt(t, s)
}

// lgStep is an action on a fixture ticket, taken after it was created.
type lgStep struct {
	act   storage.TicketAction
	after time.Duration
}

// lgTicket files a ticket at the given time and walks it through steps.
func lgTicket(t *testing.T, tx *storage.Tx, tk storage.Ticket, at time.Time, actor int64, steps ...lgStep) int64 {
	t.Helper()
	if tk.Kind == "" {
		tk.Kind = storage.TicketKindReport
	}
	id, err := tx.CreateTicket(tk, at)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range steps {
		if _, _, err := tx.Transition(id, s.act, actor, storage.TransitionOpts{Note: "ok"}, at.Add(s.after)); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

var lgIDRE = regexp.MustCompile(`#(\d+) · `)

// lgIDs are the ticket numbers a ledger page lists, in order.
func lgIDs(plain string) []int {
	var out []int
	for _, m := range lgIDRE.FindAllStringSubmatch(plain, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}

// lgPage checks the tickets a ledger page lists and its buttons' data.
func lgPage(t *testing.T, m telegramtest.Message, ids []int, buttons ...string) {
	t.Helper()
	var data []string
	for _, row := range m.Buttons {
		for _, b := range row {
			data = append(data, b.Data)
		}
	}
	if got := lgIDs(m.Plain); !slices.Equal(got, ids) || !slices.Equal(data, buttons) {
		t.Errorf("ledger page lists %v with buttons %q, want %v and %q:\n%s", got, data, ids, buttons, m.Plain)
	}
}

// lgTurn presses a page button and waits for the message to show page.
func (h *harness) lgTurn(u models.User, m telegramtest.Message, data, page string) telegramtest.Message {
	h.t.Helper()
	h.tg.Press(u, m, data)
	return h.tg.WaitMessage(h.t, m.ChatID, func(x telegramtest.Message) bool {
		return x.ID == m.ID && strings.Contains(x.Plain, page)
	}, wait)
}

func TestLedgerPagesFiltersAndLeaderScope(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "zh")
	lin := h.user(2002, "林", "zh")
	ann := h.user(2001, "Ann", "en")
	h.register(lin, "3", "301")
	h.register(ann, "1", "101")
	h.say(adm, "/grant 2002 leader 3")
	h.expect(adm.ID, "楼栋长")

	// 27 February tickets, one an hour: building 3 every third, water
	// and lighting in turn, every fourth claimed; then two in March.
	h.lgWrite(func(tx *storage.Tx) error {
		if err := tx.TouchMember(adminID, "Boss", "", "zh", h.clock.Now()); err != nil {
			return err
		}
		base := lgAt(t, "2026-02-20 10:00")
		for i := range 27 {
			tk := storage.Ticket{Category: "lighting", Building: "1", ReporterID: ann.ID}
			if i%2 == 0 {
				tk.Category = "water"
			}
			if i%3 == 0 {
				tk.Building = "3"
			}
			var steps []lgStep
			if i%4 == 0 {
				steps = append(steps, lgStep{storage.ActClaim, time.Hour})
			}
			lgTicket(t, tx, tk, base.Add(time.Duration(i)*time.Hour), adminID, steps...)
		}
		lgTicket(t, tx, storage.Ticket{Category: "noise", Building: "2", ReporterID: ann.ID}, lgAt(t, "2026-03-01 12:00"), adminID)
		lgTicket(t, tx, storage.Ticket{Category: "noise", Building: "2", ReporterID: ann.ID, Text: "楼上 <装修> 太吵"},
			lgAt(t, "2026-03-01 13:00"), adminID, lgStep{storage.ActClaim, time.Minute})
		return nil
	})

	// Staff: everything, ten a page, newest first, paged in place.
	h.say(adm, "/ledger")
	m := h.expect(adm.ID, "工单台账", "共 29 张 · 第 1/3 页")
	lgPage(t, m, []int{29, 28, 27, 26, 25, 24, 23, 22, 21, 20}, "lg:1::::")
	if !strings.Contains(m.Plain, "#29 · 噪音 · 2 栋 · 处理中 · 3月1日（周日）13:00") || !strings.Contains(m.Plain, "楼上 <装修> 太吵") {
		t.Errorf("ticket line:\n%s", m.Plain)
	}
	p2 := h.lgTurn(adm, m, "lg:1::::", "第 2/3 页")
	lgPage(t, p2, []int{19, 18, 17, 16, 15, 14, 13, 12, 11, 10}, "lg:0::::", "lg:2::::")
	p3 := h.lgTurn(adm, p2, "lg:2::::", "第 3/3 页")
	lgPage(t, p3, []int{9, 8, 7, 6, 5, 4, 3, 2, 1}, "lg:1::::")
	h.lgTurn(adm, p3, "lg:1::::", "第 2/3 页")

	// Filters in any order, as Chinese labels or English keys.
	h.say(adm, "/ledger 2026-02 待认领 3栋")
	lgPage(t, h.expect(adm.ID, "待认领 · 3 栋 · 2026-02", "共 6 张 · 第 1/1 页"), []int{22, 19, 16, 10, 7, 4})
	h.say(adm, "/ledger claimed 3")
	lgPage(t, h.expect(adm.ID, "处理中 · 3 栋", "共 3 张"), []int{25, 13, 1})
	h.say(adm, "/ledger 照明 2026-02")
	f := h.expect(adm.ID, "照明 · 2026-02", "共 13 张 · 第 1/2 页")
	lgPage(t, f, []int{26, 24, 22, 20, 18, 16, 14, 12, 10, 8}, "lg:1::1:202602:")
	lgPage(t, h.lgTurn(adm, f, "lg:1::1:202602:", "第 2/2 页"), []int{6, 4, 2}, "lg:0::1:202602:")
	h.say(adm, "/ledger 2026-01")
	h.expect(adm.ID, "2026-01", "没有符合条件的工单")

	// Words it does not know, or two of a kind, are named back with help.
	h.say(adm, "/ledger 待认领 明天")
	h.expect(adm.ID, "看不懂筛选词“明天”", "状态：待认领 处理中 已处理", "楼栋：1 2 3 E12", "例如：/ledger")
	h.say(adm, "/ledger open closed")
	h.expect(adm.ID, "“closed”：同一种筛选只能写一个")

	// A leader sees only the buildings they lead.
	h.say(lin, "/ledger")
	l := h.expect(lin.ID, "工单台账", "只含您负责的楼栋：3", "共 9 张")
	lgPage(t, l, []int{25, 22, 19, 16, 13, 10, 7, 4, 1})
	h.say(lin, "/ledger 1")
	h.expect(lin.ID, "您不负责 1 栋", "只能查看您负责的楼栋：3")

	// Forged page buttons are authorised again.
	h.tg.PressRaw(lin, telegramtest.PrivateChat(lin), l.ID, "lg:0::::0")
	h.expectAnswer("您不负责 1 栋")
	h.tg.PressRaw(ann, telegramtest.PrivateChat(ann), l.ID, "lg:1::::")
	h.expectAnswer("may not use /ledger")
	h.tg.PressRaw(adm, telegramtest.PrivateChat(adm), m.ID, "lg:1:99:::")
	h.expectAnswer("按钮已经失效")
	h.settle()
	for _, x := range h.tg.Messages(lin.ID) {
		if x.ID == l.ID && x.Edits != 0 {
			t.Errorf("a refused press edited the leader's ledger:\n%s", x.Plain)
		}
	}

	// Below their role: a resident may use none of the three commands, a
	// leader neither /export nor /stats.
	for _, c := range []string{"/ledger", "/export", "/stats"} {
		h.say(ann, c+" 2026-03")
		h.expect(ann.ID, "may not use "+c)
	}
	for _, c := range []string{"/export", "/stats"} {
		h.say(lin, c)
		h.expect(lin.ID, "您没有使用 "+c+" 的权限")
	}
	h.settle()
	for _, x := range append(h.tg.Messages(ann.ID), h.tg.Messages(lin.ID)...) {
		if x.Method == "sendDocument" || strings.Contains(x.Plain, "Ticket ledger") || strings.Contains(x.Plain, "工单统计") {
			t.Errorf("staff output reached %d:\n%s", x.ChatID, x.Plain)
		}
	}
}

func TestStatsHandCountedMonth(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "zh")
	sue := h.user(staffID, "Sue", "en")
	h.say(sue, "/start")
	h.expect(sue.ID, "Which building")
	h.say(adm, "/grant 1001 staff")
	h.expect(adm.ID, "Sue")

	h.lgWrite(func(tx *storage.Tx) error {
		for _, id := range []int64{2001, 2002} {
			if err := tx.TouchMember(id, "R"+itoa(id), "", "zh", h.clock.Now()); err != nil {
				return err
			}
		}
		const hr, mn = time.Hour, time.Minute
		at := func(i int) time.Time { return lgAt(t, "2026-03-03 08:00").Add(time.Duration(i) * hr) }
		claim := func(d time.Duration) lgStep { return lgStep{storage.ActClaim, d} }
		resolve := func(d time.Duration) lgStep { return lgStep{storage.ActResolve, d} }
		confirm := func(d time.Duration) lgStep { return lgStep{storage.ActConfirm, d} }
		tk := func(kind, cat, b string) storage.Ticket {
			return storage.Ticket{Kind: kind, Category: cat, Building: b, ReporterID: 2001}
		}
		rep, wish := storage.TicketKindReport, storage.TicketKindWish
		lgTicket(t, tx, tk(rep, "water", "1"), at(0), 2002, claim(hr), resolve(5*hr), confirm(6*hr))
		lgTicket(t, tx, tk(rep, "water", "1"), at(1), 2002, claim(2*hr), resolve(27*hr))
		lgTicket(t, tx, tk(rep, "water", "3"), at(2), 2002)
		lgTicket(t, tx, tk(rep, "lighting", "3"), at(3), 2002, claim(30*mn))
		lgTicket(t, tx, tk(rep, "lighting", "3"), at(4), 2002, claim(3*hr+20*mn), resolve(10*hr))
		lgTicket(t, tx, tk(rep, "lighting", "1"), at(5), 2002, lgStep{storage.ActReject, hr})
		lgTicket(t, tx, tk(wish, "sanitation", "3"), at(6), 2002, claim(4*hr), resolve(51*hr), confirm(52*hr))
		lgTicket(t, tx, tk(wish, "sanitation", "3"), at(7), 2002, claim(6*hr))
		lgTicket(t, tx, tk(wish, "sanitation", "1"), lgAt(t, "2026-03-01 00:00"), 2002) // the month's first minute
		// Outside March: the last minute of February and the first of April.
		lgTicket(t, tx, tk(rep, "water", "1"), lgAt(t, "2026-02-28 23:59"), 2002)
		lgTicket(t, tx, tk(rep, "noise", "E12"), lgAt(t, "2026-04-01 00:00"), 2002, claim(45*mn), resolve(51*hr))
		return nil
	})

	// Claims 0:30 1:00 2:00 3:20 4:00 6:00 → median 2:40.
	// Resolves 5 h, 10 h, 27 h, 51 h → median 18:30.
	h.say(adm, "/stats")
	m := h.expect(adm.ID, "2026-03 工单统计")
	want := "2026-03 工单统计\n工单总数：9\n\n" +
		"按类别和状态\n供水排污 3：待认领 1 · 已处理 1 · 已办结 1\n照明 3：处理中 1 · 已处理 1 · 已驳回 1\n环境卫生 3：待认领 1 · 处理中 1 · 已办结 1\n\n" +
		"按楼栋（前 10）\n3 栋：5\n1 栋：4\n\n" +
		"认领用时中位数：2小时40分（6 张已认领）\n处理用时中位数：18小时30分（4 张已处理）\n微心愿：已实现 1 / 共 3\n\n" +
		// Within 2h: building 1's claims at 1h and 2h and its rejection
		// at 1h, not its untouched wish; building 3's claim at 0:30 only
		// (not 3:20, 4h, 6h, nor the untouched one). No category has a
		// deadline here; the two "yes" answers are one per building.
		"接诉即办四率（定义见 docs/rates.md）\n全部：响应率 44% (4/9) · 办结率 — · 解决率 100% (2/2) · 满意率 —\n" +
		"1 栋：响应率 75% (3/4) · 办结率 — · 解决率 100% (1/1) · 满意率 —\n3 栋：响应率 20% (1/5) · 办结率 — · 解决率 100% (1/1) · 满意率 —"
	if m.Plain != want {
		t.Errorf("/stats printed:\n%s\nwant:\n%s", m.Plain, want)
	}
	h.say(sue, "/stats 2026-03")
	h.expect(sue.ID, "Tickets in 2026-03", "Total tickets: 9", "Lighting 3: being handled 1 · fixed 1 · rejected 1",
		"building 3: 5", "Median time to claim: 2 h 40 min (6 claimed)", "Median time to resolve: 18 h 30 min (4 resolved)",
		"Micro-wishes: 1 fulfilled of 3", "All: response 44% (4/9) · completion — · resolution 100% (2/2) · satisfaction —",
		"Building 3: response 20% (1/5) · completion — · resolution 100% (1/1) · satisfaction —")
	h.say(adm, "/stats 2026-04")
	h.expect(adm.ID, "2026-04 工单统计", "工单总数：1", "噪音 1：已处理 1", "E12 栋：1",
		"认领用时中位数：45分钟（1 张已认领）", "处理用时中位数：2天3小时（1 张已处理）", "微心愿：已实现 0 / 共 0")
	h.say(adm, "/stats 2026-02")
	h.expect(adm.ID, "2026-02 工单统计", "工单总数：1", "认领用时中位数：—（0 张已认领）", "处理用时中位数：—（0 张已处理）")
	h.say(adm, "/stats 2026-05")
	h.expect(adm.ID, "工单总数：0", "这个月没有工单")
	h.say(adm, "/stats 三月")
	h.expect(adm.ID, "看不懂月份“三月”", "/stats 2026-03")
}

// lgDocument waits for the CSV named name in chat and returns its rows,
// checking the byte order mark Excel needs.
func (h *harness) lgDocument(chat int64, name string, caption ...string) [][]string {
	h.t.Helper()
	m := h.tg.WaitMessage(h.t, chat, func(x telegramtest.Message) bool {
		return x.Method == "sendDocument" && x.DocumentName == name
	}, wait)
	for _, c := range caption {
		if !strings.Contains(m.Plain, c) {
			h.t.Errorf("%s caption %q lacks %q", name, m.Plain, c)
		}
	}
	data, ok := bytes.CutPrefix(m.DocumentData, []byte{0xEF, 0xBB, 0xBF})
	if !ok {
		h.t.Fatalf("%s has no UTF-8 byte order mark: % x", name, m.DocumentData[:min(8, len(m.DocumentData))])
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		h.t.Fatalf("%s is not CSV: %v\n%s", name, err, data)
	}
	header := []string{"编号 ID", "类型 kind", "类别 category", "楼栋 building", "状态 state", "内容 text",
		"报告人 reporter", "处理人 assignee", "队伍 team", "提交时间 created", "认领时间 claimed",
		"处理时间 resolved", "办结时间 closed", "处理结果 resolution", "重复于 duplicate_of",
		"照片数 photos", "位置 location (lat,lon)"}
	if len(rows) == 0 || !slices.Equal(rows[0], header) {
		h.t.Fatalf("%s header: %q", name, rows)
	}
	return rows[1:]
}

func TestExportCSVOfRealTickets(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "zh")
	lin := h.user(2002, "林", "zh")
	ann := h.user(2001, "王芳", "zh")
	bob := h.user(2003, "李强", "zh")
	carol := h.user(2004, "赵敏", "zh")
	g := h.tg.Group(-100777, "3号楼邻里群")
	h.register(lin, "3", "301")
	h.register(ann, "3", "502")
	h.register(carol, "3", "1201")
	h.say(adm, "/grant 2002 leader 3")
	h.expect(adm.ID, "楼栋长")
	h.tg.SendText(adm, g, "/linkchat 3")
	h.expect(g.ID, "已关联到 3 栋")
	h.lgWrite(func(tx *storage.Tx) error {
		_, err := tx.CreateTeam("环境卫生队", 0, false, h.clock.Now())
		return err
	})

	// 17:00 Shanghai: one-line reports in the group, a private report
	// with the name hidden, and a wish.
	h.tg.SendText(ann, g, "/report 3栋东边路灯坏了一周")
	alert1 := h.tg.WaitMessage(t, lin.ID, func(x telegramtest.Message) bool { return hasButton(x, "tk:claim:1") }, wait)
	h.clock.Advance(10 * time.Minute)
	h.tg.SendText(bob, g, "/report 东边路灯不亮")
	h.tg.WaitMessage(t, lin.ID, func(x telegramtest.Message) bool { return hasButton(x, "tk:claim:2") }, wait)
	h.clock.Advance(10 * time.Minute)
	h.say(carol, "/report")
	cats := h.tg.WaitMessage(t, carol.ID, func(x telegramtest.Message) bool { return hasButton(x, "tk:cat:water") }, wait)
	h.tg.Press(carol, cats, "tk:cat:water")
	ask := h.tg.WaitMessage(t, carol.ID, func(x telegramtest.Message) bool { return x.ForceReply }, wait)
	h.tg.SendReply(carol, telegramtest.PrivateChat(carol), "楼道里下水管漏水，\"很急\"", ask)
	choice := h.privNameQuestion(carol)
	h.tg.Press(carol, choice, "tk:nm:hide")
	h.expect(carol.ID, "已对邻居隐藏")
	h.clock.Advance(10 * time.Minute)
	h.tg.SendText(bob, g, "/wish 希望楼下放几把长椅")
	h.tg.WaitMessage(t, lin.ID, func(x telegramtest.Message) bool { return hasButton(x, "tk:claim:4") }, wait)

	// 18:30 the leader claims #1, 20:30 resolves it, marks #2 a duplicate
	// and dispatches the wish to a team; 23:30 the reporter confirms.
	h.clock.Advance(time.Hour)
	h.tg.Press(lin, alert1, "tk:claim:1")
	work := h.tg.WaitMessage(t, lin.ID, func(x telegramtest.Message) bool { return hasButton(x, "tk:res:1") }, wait)
	h.clock.Advance(2 * time.Hour)
	h.tg.Press(lin, work, "tk:res:1")
	ask = h.expect(lin.ID, "#1：做了什么处理")
	h.tg.SendReply(lin, telegramtest.PrivateChat(lin), "已更换灯泡", ask)
	h.expect(lin.ID, "#1 已标记为处理完成")
	fixed := h.tg.WaitMessage(t, ann.ID, func(x telegramtest.Message) bool { return hasButton(x, "tk:fb:1:yes") }, wait)
	h.say(lin, "/duplicate 2 1 同一盏灯")
	h.expect(lin.ID, "#2 已标记为 #1 的重复")
	h.say(lin, "/assign 4 环境卫生队")
	h.expect(lin.ID, "#4 已派给队伍 环境卫生队")
	h.clock.Advance(3 * time.Hour)
	h.tg.Press(ann, fixed, "tk:fb:1:yes")
	h.expect(ann.ID, "谢谢确认")

	// Around the month's edges, straight into the database: #5 in
	// February (text that looks like a formula), #6 in March's first
	// minute, #7 in April's first minute.
	h.lgWrite(func(tx *storage.Tx) error {
		lgTicket(t, tx, storage.Ticket{Category: "roads", Building: "2", ReporterID: ann.ID, Text: "=1+1 公式"}, lgAt(t, "2026-02-28 23:59"), 0)
		lgTicket(t, tx, storage.Ticket{Category: "roads", Building: "2", ReporterID: ann.ID, Text: "2号楼门口有个坑"}, lgAt(t, "2026-03-01 00:00"), 0)
		lgTicket(t, tx, storage.Ticket{Category: "roads", Building: "2", ReporterID: ann.ID, Text: "四月"}, lgAt(t, "2026-04-01 00:00"), 0)
		return nil
	})
	h.db(func(tx *storage.Tx) error {
		tk, err := tx.Ticket(3)
		if err == nil && !tk.HideName {
			t.Errorf("#3 should hide its reporter's name: %+v", tk)
		}
		return err
	})

	// No arguments: the current month, oldest first.
	h.say(adm, "/export")
	rows := h.lgDocument(adm.ID, "tickets-2026-03.csv", "3月1日（周日）至3月31日（周二）", "共 5 条")
	want := [][]string{
		{"6", "问题", "道路", "2", "待认领", "2号楼门口有个坑", "王芳", "", "", "2026-03-01 00:00", "", "", "", "", "", "0", ""},
		{"1", "问题", "照明", "3", "已办结", "3栋东边路灯坏了一周", "王芳", "林", "", "2026-03-02 17:00", "2026-03-02 18:30", "2026-03-02 20:30", "2026-03-02 23:30", "已更换灯泡", "", "0", ""},
		{"2", "问题", "照明", "3", "重复", "东边路灯不亮", "李强", "", "", "2026-03-02 17:10", "", "", "", "", "1", "0", ""},
		{"3", "问题", "供水排污", "3", "待认领", "楼道里下水管漏水，\"很急\"", "赵敏", "", "", "2026-03-02 17:20", "", "", "", "", "", "0", ""},
		{"4", "心愿", "其他", "3", "待认领", "希望楼下放几把长椅", "李强", "", "环境卫生队", "2026-03-02 17:30", "", "", "", "", "", "0", ""},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("March export rows:\n got %q\nwant %q", rows, want)
	}

	// A month, a range [from, to), an empty day.
	h.say(adm, "/export 2026-02")
	rows = h.lgDocument(adm.ID, "tickets-2026-02.csv", "2月1日（周日）至2月28日（周六）", "共 1 条")
	if len(rows) != 1 || rows[0][0] != "5" || rows[0][5] != "'=1+1 公式" {
		t.Errorf("February export: %q", rows)
	}
	h.say(adm, "/export 2026-03-01 2026-03-02")
	rows = h.lgDocument(adm.ID, "tickets-2026-03-01_2026-03-02.csv", "工单导出：3月1日（周日），共 1 条。")
	if len(rows) != 1 || rows[0][0] != "6" {
		t.Errorf("one-day range export: %q", rows)
	}
	// An empty period is said in words, not sent as an empty file.
	h.say(adm, "/export 2026-03-05")
	h.expect(adm.ID, "3月5日（周四）期间没有登记任何问题或心愿")

	// Bad dates are named with an example; the export never goes to a group.
	h.say(adm, "/export 2026-3")
	h.expect(adm.ID, "看不懂日期“2026-3”", "例如 /export 2026-03")
	h.say(adm, "/export 2026-03-10 2026-03-01")
	h.expect(adm.ID, "结束日期要晚于开始日期")
	h.say(adm, "/export 2026-02-30")
	h.expect(adm.ID, "看不懂日期“2026-02-30”")
	h.tg.SendText(adm, g, "/export")
	h.expect(g.ID, "这一步需要私聊完成")
	h.settle()
	for _, x := range h.tg.Messages(g.ID) {
		if x.Method == "sendDocument" {
			t.Errorf("an export reached the group: %s", x.DocumentName)
		}
	}
}
