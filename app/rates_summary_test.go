package app

import (
	"strings"
	"testing"
	"time"

	"courtyard/config"
	"courtyard/storage"
)

// /summary of 2026-Q1 gives the four rates in its text, a chart of them by
// month and a sheet of them, on a fixture worked out by hand (respond
// within 2h, water due in 48h, the clock at 2 Mar 17:00):
//
//	Feb, building 3: #1 water, claimed in 1h, fixed, "yes", rated 5:
//	  response 1/1, completion 1/1, resolution 1/1, satisfaction 1/1.
//	Mar, building 1: #2 water, nobody acted; due 3 Mar, still to come:
//	  response 0/1, not yet due.
//	Mar, building 3: #3 lighting (no deadline), claimed in 30 min, fixed,
//	  "no" (reopened), rated 2: response 1/1, resolution 0/1,
//	  satisfaction 0/1.
func TestRatesInTheSummary(t *testing.T) {
	h := newHarness(t, func(c *config.Config) {
		c.Tickets.Categories = config.DefaultCategories()
		for i := range c.Tickets.Categories {
			if c.Tickets.Categories[i].Key == "water" {
				c.Tickets.Categories[i].Deadline = 48
			}
		}
	})
	adm := h.user(adminID, "Boss", "zh")
	h.register(adm, "1", "101")
	h.lgWrite(func(tx *storage.Tx) error {
		if err := lgReporters(tx, h.clock.Now()); err != nil {
			return err
		}
		hr := time.Hour
		a := lgTicket(t, tx, storage.Ticket{Category: "water", Building: "3", ReporterID: 2001}, lgAt(t, "2026-02-10 09:00"), 2002,
			lgStep{storage.ActClaim, hr}, lgStep{storage.ActResolve, 5 * hr}, lgStep{storage.ActConfirm, 6 * hr})
		lgTicket(t, tx, storage.Ticket{Category: "water", Building: "1", ReporterID: 2001}, lgAt(t, "2026-03-01 08:00"), 2002)
		c := lgTicket(t, tx, storage.Ticket{Category: "lighting", Building: "3", ReporterID: 2001}, lgAt(t, "2026-03-01 10:00"), 2002,
			lgStep{storage.ActClaim, 30 * time.Minute}, lgStep{storage.ActResolve, 2 * hr}, lgStep{storage.ActReopen, 3 * hr})
		if err := tx.SaveRating(storage.Rating{Kind: storage.RatingTicket, Ref: a, MemberID: 2001, Building: "3", Level: 5, At: lgAt(t, "2026-02-10 15:05")}); err != nil {
			return err
		}
		return tx.SaveRating(storage.Rating{Kind: storage.RatingTicket, Ref: c, MemberID: 2001, Building: "3", Level: 2, At: lgAt(t, "2026-03-01 13:05")})
	})
	h.say(adm, "/summary 2026-Q1")
	m := h.expect(adm.ID, "接诉即办四率")
	for _, want := range []string{
		"接诉即办四率（定义见 docs/rates.md）\n全部：响应率 67% (2/3) · 办结率 100% (1/1) · 解决率 50% (1/2) · 满意率 50% (1/2)\n" +
			"1 栋：响应率 0% (0/1) · 办结率 — · 解决率 — · 满意率 —\n" +
			"3 栋：响应率 100% (2/2) · 办结率 100% (1/1) · 解决率 50% (1/2) · 满意率 50% (1/2)",
	} {
		if !strings.Contains(m.Plain, want) {
			t.Errorf("/summary printed:\n%s\nwant in it:\n%s", m.Plain, want)
		}
	}
	if w, ht := h.sumPNG(adm.ID, "rates-2026-Q1.png"); w != 800 || ht != 450 {
		t.Errorf("the rates chart is %dx%d, want 800x450", w, ht)
	}
	f := h.sumXLSX(adm.ID, "summary-2026-Q1.xlsx")
	sumCells(t, f, "四率", map[string]string{
		"A1": "月份", "B1": "楼栋", "C1": "响应率", "D1": "办结率", "E1": "解决率", "F1": "满意率",
		"A2": "2026-01", "B2": "全部", "C2": "—", "D2": "—", "E2": "—", "F2": "—",
		"A3": "2026-02", "C3": "100% (1/1)", "D3": "100% (1/1)", "E3": "100% (1/1)", "F3": "100% (1/1)",
		"A4": "2026-03", "C4": "50% (1/2)", "D4": "—", "E4": "0% (0/1)", "F4": "0% (0/1)",
		"A5": "2026-Q1", "B5": "1", "C5": "0% (0/1)", "D5": "—",
		"B6": "3", "C6": "100% (2/2)", "D6": "100% (1/1)", "E6": "50% (1/2)", "F6": "50% (1/2)",
	})
}
