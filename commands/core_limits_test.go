package commands

import (
	"strings"
	"testing"

	"courtyard/telegram"
)

// Messages are cut as Telegram counts: UTF-16 units of the visible text.
func TestFitCountsUTF16OfVisibleText(t *testing.T) {
	cases := []struct {
		name, text string
		limit      int
	}{
		{"emoji", "<b>title</b>\n" + strings.Repeat("🎉", 3000), telegram.MaxText},
		{"entities", strings.Repeat("&lt;", 5000), telegram.MaxText},
		{"caption", strings.Repeat("好👍", 600), telegram.MaxCaption},
		{"fits", "<b>" + strings.Repeat("👍", 512) + "</b>", telegram.MaxCaption},
	}
	for _, tc := range cases {
		got := fitTo(tc.text, tc.limit)
		if n := visibleLen(got); n > tc.limit {
			t.Errorf("%s: %d units after fitting to %d", tc.name, n, tc.limit)
		}
		if tc.name == "fits" && got != tc.text {
			t.Errorf("fits: changed to %q", got)
		}
	}
	if got := limitUTF16("a🎉b", 2); got != "a" {
		t.Errorf("limitUTF16 split an emoji: %q", got)
	}
	if n := visibleLen("<b>🎉</b> &amp;"); n != 4 {
		t.Errorf("visibleLen = %d, want 4", n)
	}
}
