package locale

import "testing"

// Every count in the ticket messages reads right for one in English, and
// Chinese has its single form.
func TestTicketCountsPlural(t *testing.T) {
	c, err := Load("zh")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		key    string
		n      int
		en, zh string
	}{
		{"age.days", 1, "1 day ago", "1 天前"},
		{"age.days", 3, "3 days ago", "3 天前"},
		{"count.days", 1, "1 day", "1 天"},
		{"count.followers", 1, "1 follower", "1 人关注"},
		{"count.followers", 2, "2 followers", "2 人关注"},
		{"count.photos", 1, "1 photo", "1 张照片"},
		{"count.reports", 1, "1 report", "1 次"},
		{"count.voices", 1, "1 voice message", "1 条语音"},
		{"count.voices", 5, "5 voice messages", "5 条语音"},
	}
	for _, tc := range cases {
		if got := c.N("en", tc.key, tc.n); got != tc.en {
			t.Errorf("en %s(%d) = %q, want %q", tc.key, tc.n, got, tc.en)
		}
		if got := c.N("zh", tc.key, tc.n); got != tc.zh {
			t.Errorf("zh %s(%d) = %q, want %q", tc.key, tc.n, got, tc.zh)
		}
	}
}
