package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/config"
)

// sumCJKFonts are the fonts with Chinese glyphs Debian installs (the first
// from fonts-wqy-microhei, which CI installs).
var sumCJKFonts = []string{
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
}

// sumMarchChart waits for the chart of March's summary in chat and
// returns the PNG.
func (h *harness) sumMarchChart(chat int64) []byte {
	h.t.Helper()
	m := h.tg.WaitMessage(h.t, chat, func(x telegramtest.Message) bool {
		return x.Method == "sendPhoto" && x.PhotoName == "summary-2026-03.png"
	}, wait)
	return m.PhotoData
}

// The chart's labels follow the reader's language when a font with
// Chinese glyphs is installed, and are in English when none is.
func TestSummaryChartLabels(t *testing.T) {
	font := ""
	for _, p := range sumCJKFonts {
		if _, err := os.Stat(p); err == nil {
			font = p
			break
		}
	}
	check := func(t *testing.T, edit func(*config.Config), chinese bool) {
		h := newHarness(t, edit)
		adm := h.user(adminID, "主任", "zh")
		sam := h.user(staffID, "Sam", "en")
		h.register(adm, "1", "101")
		h.register(sam, "1", "102")
		h.say(adm, "/grant 1001 staff")
		h.expect(adm.ID, "Sam")
		sumFixture(t, h, adm.ID, adm.ID, adm.ID)
		h.say(adm, "/summary 2026-03")
		zh := h.sumMarchChart(adm.ID)
		h.say(sam, "/summary 2026-03")
		en := h.sumMarchChart(sam.ID)
		logs := h.logs.String()
		english := `msg="summary chart" lang=en font="" title="Problems by category, 2026-03"`
		if n := strings.Count(logs, english); chinese && n != 1 || !chinese && n != 2 {
			t.Errorf("%d charts drawn with English labels and no font:\n%s", n, logs)
		}
		if !chinese {
			if !bytes.Equal(zh, en) {
				t.Error("without a CJK font the Chinese reader's chart differs from the English one")
			}
			return
		}
		if want := `msg="summary chart" lang=zh font=` + font + ` title="2026-03 各类问题数（按月）"`; !strings.Contains(logs, want) {
			t.Errorf("no chart drawn with Chinese labels in %s:\n%s", font, logs)
		}
		if bytes.Equal(zh, en) {
			t.Error("the Chinese reader's chart is the English one")
		}
	}
	if font != "" {
		t.Run("chinese labels drawn with "+filepath.Base(font), func(t *testing.T) { check(t, nil, true) })
	} else {
		t.Run("english labels: no CJK font installed (Debian: fonts-wqy-microhei)", func(t *testing.T) {
			t.Log("no font with Chinese glyphs on this machine: the chart falls back to English labels")
			check(t, nil, false)
		})
	}
	t.Run("english labels: the configured font is missing", func(t *testing.T) {
		check(t, func(c *config.Config) { c.Summary.Font = "/nonexistent/cjk.ttc" }, false)
	})
}
