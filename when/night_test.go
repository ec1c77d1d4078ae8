package when

import "testing"

func TestParseNightRange(t *testing.T) {
	for text, want := range map[string]ClockRange{
		"21:30-07:30":   {Start: 21*60 + 30, End: 7*60 + 30, Overnight: true},
		"晚上10点到早上7点":    {Start: 22 * 60, End: 7 * 60, Overnight: true},
		"10pm-7am":      {Start: 22 * 60, End: 7 * 60, Overnight: true},
		"23:00-次日06:00": {Start: 23 * 60, End: 6 * 60, Overnight: true},
		"13:00-14:30":   {Start: 13 * 60, End: 14*60 + 30},
	} {
		got, err := ParseNightRange(text)
		if err != nil || got != want {
			t.Errorf("%q: %+v, %v; want %+v", text, got, err, want)
		}
	}
	for _, text := range []string{"22:00", "明天", "abc"} {
		if _, err := ParseNightRange(text); err == nil {
			t.Errorf("%q read as a range", text)
		}
	}
}
