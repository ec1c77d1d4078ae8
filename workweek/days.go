package workweek

import (
	"fmt"
	"strings"
	"time"
)

var dayNames = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
	"周日": time.Sunday, "周天": time.Sunday, "周一": time.Monday, "周二": time.Tuesday, "周三": time.Wednesday,
	"周四": time.Thursday, "周五": time.Friday, "周六": time.Saturday,
	"星期日": time.Sunday, "星期天": time.Sunday, "星期一": time.Monday, "星期二": time.Tuesday, "星期三": time.Wednesday,
	"星期四": time.Thursday, "星期五": time.Friday, "星期六": time.Saturday,
}

// parseDays reads "mon-fri", "sat", "mon,wed,fri", "周一至周五", "daily".
func parseDays(text string) ([]time.Weekday, error) {
	t := strings.ToLower(strings.TrimSpace(text))
	if t == "daily" || t == "每天" {
		return []time.Weekday{0, 1, 2, 3, 4, 5, 6}, nil
	}
	var out []time.Weekday
	for _, part := range strings.FieldsFunc(t, func(r rune) bool { return r == ',' || r == '、' || r == '，' }) {
		from, to, isRange := cutAny(part, "-", "~", "至", "到")
		a, ok := dayNames[strings.TrimSpace(from)]
		if !ok {
			return nil, fmt.Errorf("%q is not a day of the week (mon … sun, 周一 … 周日)", strings.TrimSpace(from))
		}
		if !isRange {
			out = append(out, a)
			continue
		}
		b, ok := dayNames[strings.TrimSpace(to)]
		if !ok {
			return nil, fmt.Errorf("%q is not a day of the week (mon … sun, 周一 … 周日)", strings.TrimSpace(to))
		}
		for d := a; ; d = (d + 1) % 7 {
			out = append(out, d)
			if d == b {
				break
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no days in %q", text)
	}
	return out, nil
}

// cutAny cuts s around the first of the separators found in it.
func cutAny(s string, seps ...string) (before, after string, found bool) {
	for _, sep := range seps {
		if b, a, ok := strings.Cut(s, sep); ok {
			return b, a, true
		}
	}
	return s, "", false
}
