package when

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestFarDates(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 12, 7, 13, 30, 0, 0, loc)
	for _, s := range []string{"9999-12-31 09:00-11:00", "2028-12-08 09:00", "2029年1月1日 9点"} {
		if _, err := Parse(s, now, loc); !errors.Is(err, ErrTooFar) {
			t.Errorf("Parse(%q): %v, want ErrTooFar", s, err)
		}
	}
	for _, s := range []string{"9999-12-31", "2028-12-08"} {
		if _, err := ParseDate(s, now, loc); !errors.Is(err, ErrTooFar) {
			t.Errorf("ParseDate(%q): %v, want ErrTooFar", s, err)
		}
	}
	// Up to two years ahead is read, and more than a year ahead is
	// written with its year.
	sp, err := Parse("2028-12-07 09:00-11:00", now, loc)
	if err != nil {
		t.Fatal(err)
	}
	if got := Describe(sp, "zh", now, loc); got != "2028年12月7日（周四）09:00-11:00" {
		t.Errorf("zh: %q", got)
	}
	sp, err = Parse("2027-12-10 09:00", now, loc)
	if err != nil {
		t.Fatal(err)
	}
	if got := Describe(sp, "en", now, loc); !strings.Contains(got, "2027") {
		t.Errorf("en: %q lacks the year", got)
	}
	if got := Latest(now, loc); !got.Equal(time.Date(2028, 12, 7, 13, 30, 0, 0, loc)) {
		t.Errorf("Latest: %v", got)
	}
}

func TestDescribeLength(t *testing.T) {
	for _, c := range []struct {
		min    int
		zh, en string
	}{{120, "2小时", "2h"}, {150, "2小时30分钟", "2h30m"}, {45, "45分钟", "45m"}, {65, "1小时5分钟", "1h05m"}} {
		if got := DescribeLength(c.min, "zh"); got != c.zh {
			t.Errorf("%d zh: %q", c.min, got)
		}
		if got := DescribeLength(c.min, "en"); got != c.en {
			t.Errorf("%d en: %q", c.min, got)
		}
	}
}
