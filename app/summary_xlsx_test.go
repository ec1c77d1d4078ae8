package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/config"
)

func TestSummaryChartWithoutCJKFontFallsBackToEnglish(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.Summary.Font = "/nonexistent/cjk.ttc" })
	adm := h.user(adminID, "主任", "zh")
	h.register(adm, "1", "101")
	sumFixture(t, h, adm.ID, adm.ID, adm.ID)
	h.say(adm, "/summary")
	if w, ht := h.sumPNG(adm.ID, "summary-2026-03.png"); w != 800 || ht != 450 {
		t.Errorf("chart is %d×%d", w, ht)
	}
	h.say(adm, "/summary year")
	h.sumPNG(adm.ID, "summary-2026.png")
	if n := strings.Count(h.logs.String(), "no font with Chinese glyphs"); n != 1 {
		t.Errorf("%d log lines about the missing font, want 1", n)
	}
	// The text stays in the reader's language.
	h.expect(adm.ID, "2026 年度工作汇总", "收到问题（件）：6")
}

func TestExportOffersAWorkbookBesideTheCSV(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "主任", "zh")
	res := h.user(2001, "甲", "zh")
	for i, u := range []models.User{adm, res} {
		h.register(u, "1", "10"+itoa(int64(i)))
	}
	sumFixture(t, h, res.ID, res.ID, adm.ID)

	h.say(adm, "/export xlsx 2026-03")
	f := h.sumXLSX(adm.ID, "courtyard-2026-03.xlsx")
	rows, err := f.GetRows("工单 Tickets")
	if err != nil || len(rows) != 6 {
		t.Fatalf("ticket sheet: %d rows (%v), want a header and 5 tickets", len(rows), err)
	}
	sumCells(t, f, "工单 Tickets", map[string]string{"A1": "编号 ID", "C1": "类别 category", "A2": "3", "C2": "供水排污", "E2": "处理中"})
	sumCells(t, f, "志愿时长 Hours", map[string]string{"A1": "姓名 name", "D1": "月份 month", "D2": "2026-03"})
	sumFrozen(t, f, "工单 Tickets")
	sumFrozen(t, f, "志愿时长 Hours")
	if w, _ := f.GetColWidth("工单 Tickets", "F"); w < 20 {
		t.Errorf("text column is %v wide", w)
	}

	// The CSV carries an Excel button; a resident's forged press is refused.
	h.say(adm, "/export 2026-03")
	doc := h.tg.WaitMessage(t, adm.ID, func(m telegramtest.Message) bool { return m.DocumentName == "tickets-2026-03.csv" }, wait)
	if !hasButton(doc, "xl:20260301:20260401") {
		t.Fatalf("CSV lacks the Excel button: %+v", doc.Buttons)
	}
	h.tg.Press(adm, doc, "xl:20260301:20260401")
	f = h.sumXLSX(adm.ID, "courtyard-2026-03-01_2026-04-01.xlsx")
	if rows, _ := f.GetRows("工单 Tickets"); len(rows) != 6 {
		t.Errorf("workbook from the button: %d rows", len(rows))
	}
	h.tg.PressRaw(res, telegramtest.PrivateChat(res), doc.ID, "xl:20260301:20260401")
	h.expectAnswer("没有使用 /export 的权限")
	h.settle()
	for _, m := range h.tg.Messages(res.ID) {
		if m.Method == "sendDocument" {
			t.Errorf("a resident got a workbook: %s", m.DocumentName)
		}
	}
}
