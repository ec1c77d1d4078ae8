package when

import (
	"errors"
	"testing"
	"time"
)

func TestParseYear(t *testing.T) {
	loc := shanghai(t)
	// 2026-12-31 17:00 UTC is already 2027-01-01 01:00 in Shanghai.
	late := time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, loc)
	for _, c := range []struct {
		in   string
		now  time.Time
		want int
		err  error
	}{
		{in: "2027", want: 2027},
		{in: " 2027年 ", want: 2027},
		{in: "２０２７年", want: 2027},
		{in: "二〇二七年", want: 2027},
		{in: "1899", want: 1899},
		{in: "今年", want: 2026},
		{in: "明年", want: 2027},
		{in: "后年", want: 2028},
		{in: "去年", want: 2025},
		{in: "前年", want: 2024},
		{in: "This  Year", want: 2026},
		{in: "next year", want: 2027},
		{in: "last year", want: 2025},
		{in: "今年", now: late, want: 2027},
		{in: "", err: ErrEmpty},
		{in: "-5", err: ErrUnknown},
		{in: "999", err: ErrUnknown},
		{in: "12345", err: ErrUnknown},
		{in: "next", err: ErrUnknown},
		{in: "2027年5月", err: ErrUnknown},
		{in: "2027-05-01", err: ErrUnknown},
		{in: "明天", err: ErrUnknown},
	} {
		at := now
		if !c.now.IsZero() {
			at = c.now
		}
		got, err := ParseYear(c.in, at, loc)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("ParseYear(%q) = %d, %v; want %v", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseYear(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
}

func TestExampleYear(t *testing.T) {
	loc := shanghai(t)
	for _, lang := range []string{"zh", "en"} {
		for _, s := range examples(t, ExampleYear(lang)) {
			if _, err := ParseYear(s, time.Date(2026, 12, 31, 23, 0, 0, 0, loc), loc); err != nil {
				t.Errorf("ExampleYear(%s) %q: %v", lang, s, err)
			}
		}
	}
}
