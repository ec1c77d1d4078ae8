package when

import (
	"fmt"
	"strings"
	"time"
)

// relYears are the years counted from this one, by their words.
var relYears = map[string]int{
	"今年": 0, "本年": 0, "明年": 1, "来年": 1, "后年": 2, "去年": -1, "前年": -2,
	"this year": 0, "next year": 1, "last year": -1,
}

// ParseYear reads a year typed alone: four digits from 1000 on, in
// Arabic or Chinese numerals, with or without 年 ("2027", "2027年",
// "二〇二七年"), or a year counted from now's in loc (今年, 明年, 后年,
// 去年, 前年, "this year", "next year", "last year"). Anything else is
// ErrUnknown; whether the year is one the caller can use is the caller's
// to say.
func ParseYear(text string, now time.Time, loc *time.Location) (int, error) {
	if loc == nil {
		loc = now.Location()
	}
	s := strings.Join(strings.Fields(normalize(text)), " ")
	if d, ok := relYears[s]; ok {
		return now.In(loc).Year() + d, nil
	}
	toks, err := tokens(s)
	if err != nil {
		return 0, err
	}
	if len(toks) == 2 && toks[1].k == kYearMark {
		toks = toks[:1]
	}
	if len(toks) != 1 || !isYear(toks[0]) {
		return 0, fmt.Errorf("%w: not a year", ErrUnknown)
	}
	return toks[0].val, nil
}

// ExampleYear is for ParseYear: a year alone.
func ExampleYear(lang string) string {
	if lang == "zh" {
		return "例如：2027、明年"
	}
	return "e.g. 2027, next year"
}
