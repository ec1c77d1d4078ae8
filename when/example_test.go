package when

import (
	"strings"
	"testing"
	"time"
)

// examples splits an example text ("例如：a、b" or "e.g. a, b") into its
// items.
func examples(t *testing.T, text string) []string {
	t.Helper()
	if s, ok := strings.CutPrefix(text, "例如："); ok {
		return strings.Split(s, "、")
	}
	if s, ok := strings.CutPrefix(text, "e.g. "); ok {
		return strings.Split(s, ", ")
	}
	t.Fatalf("example %q has no known prefix", text)
	return nil
}

// Every example shown to people is read by its function, whatever today is.
func TestExample(t *testing.T) {
	loc := shanghai(t)
	for _, now := range []time.Time{
		time.Date(2026, 11, 30, 10, 0, 0, 0, loc),
		time.Date(2026, 12, 31, 23, 0, 0, 0, loc),
		time.Date(2027, 3, 4, 12, 0, 0, 0, loc), // a Thursday
		time.Date(2028, 2, 29, 8, 0, 0, 0, loc),
	} {
		for _, lang := range []string{"zh", "en"} {
			for _, s := range examples(t, Example(lang)) {
				if _, err := Parse(s, now, loc); err != nil {
					t.Errorf("Example(%s) %q on %v: %v", lang, s, now, err)
				}
			}
			for _, s := range examples(t, ExampleDate(lang)) {
				if _, err := ParseDate(s, now, loc); err != nil {
					t.Errorf("ExampleDate(%s) %q on %v: %v", lang, s, now, err)
				}
				if _, err := ParsePastDate(s, now, loc); err != nil {
					t.Errorf("ExampleDate(%s) %q on %v, past: %v", lang, s, now, err)
				}
			}
			for _, s := range examples(t, ExampleClock(lang)) {
				if _, err := ParseClock(s); err != nil {
					t.Errorf("ExampleClock(%s) %q: %v", lang, s, err)
				}
			}
			for _, s := range examples(t, ExampleClockRange(lang)) {
				if _, err := ParseClockRange(s); err != nil {
					t.Errorf("ExampleClockRange(%s) %q: %v", lang, s, err)
				}
			}
			for _, s := range examples(t, ExampleDateRange(lang)) {
				if _, err := ParseDateRange(s, now, loc); err != nil {
					t.Errorf("ExampleDateRange(%s) %q on %v: %v", lang, s, now, err)
				}
				if _, err := ParsePastDateRange(s, now, loc); err != nil {
					t.Errorf("ExampleDateRange(%s) %q on %v, past: %v", lang, s, now, err)
				}
			}
		}
	}
	// the examples of Parse stay the ones people have been shown
	for _, s := range []string{"明天 9:00", "周六 9:00-11:00", "12月5日 9:00", "tomorrow 9:00", "Sat 9:00-11:00", "Dec 5 9:00"} {
		if !strings.Contains(Example("zh")+Example("en"), s) {
			t.Errorf("Example lost %q", s)
		}
	}
}
