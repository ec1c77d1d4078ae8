package when

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// kind is what a token is. Chinese and English words become the same kinds,
// so the grammar in grammar.go does not care which language was typed.
type kind int

const (
	kNum       kind = iota // digits; val is the number, n the digit count
	kSym                   // one of : - / .   (sym)
	kTo                    // 到 至 ~ to until till: between start and end
	kRel                   // today, 明天...: val is days after today
	kWeekday               // val is a time.Weekday
	kNext                  // 下(周三), next (Wed)
	kThis                  // 本/这(周三), this (Wed)
	kMonth                 // Dec, December: val 1..12
	kPeriod                // 上午, pm...: val is a period
	kClock                 // 点 时: "9点"
	kMinute                // 分: "9点30分"
	kHalf                  // 半: "9点半"
	kQuarter               // 刻: "9点一刻"
	kMonthMark             // 月
	kDayMark               // 日 号
	kYearMark              // 年
	kLast                  // 上(周三), last (Wed); 上个月, last month
	kWeekWord              // week; 周 in 本周, 上周
	kMonthWord             // month; 月 in 本月, 上个月
	kNextDay               // 次日: the end of a range is on the next day
	kDayWord               // day, in "next day"
)

type token struct {
	k   kind
	val int
	n   int  // digit count of a kNum
	sym byte // kSym
}

// period is a part of the day that turns a 12-hour clock into a 24-hour one.
type period int

const (
	perNone    period = iota
	perAM             // am: 12am is 00:00
	perMorning        // 上午 早上: 12 stays 12
	perSmall          // 凌晨: small hours
	perNoon           // 中午: 1点 is 13:00
	perPM             // pm 下午
	perEvening        // 晚上 tonight: 12 is midnight at the end of the day
)

// normalize makes full-width characters half-width, spells a.m./p.m. and
// o'clock as single words and lower-cases the text.
func normalize(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		case r == '–' || r == '—' || r == '〜':
			r = '-'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.NewReplacer("a.m.", "am", "p.m.", "pm", "o'clock", " ").Replace(b.String())
}

// tokenize splits normalised text into tokens. Unknown words are ErrUnknown.
func tokenize(s string) ([]token, error) {
	rs := []rune(s)
	var toks []token
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == ',' || r == '、' || r == '的' ||
			r == '(' || r == ')' || r == '整':
			i++
		case r >= '0' && r <= '9':
			j := i
			for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
				j++
			}
			if j-i > 4 {
				return nil, fmt.Errorf("%w: number %q", ErrUnknown, string(rs[i:j]))
			}
			v := 0
			for _, d := range rs[i:j] {
				v = v*10 + int(d-'0')
			}
			toks = append(toks, token{k: kNum, val: v, n: j - i})
			i = j
		case r == ':' || r == '-' || r == '/' || r == '.':
			toks = append(toks, token{k: kSym, sym: byte(r)})
			i++
		case r == '~':
			toks = append(toks, token{k: kTo})
			i++
		case r >= 'a' && r <= 'z':
			j := i
			for j < len(rs) && rs[j] >= 'a' && rs[j] <= 'z' {
				j++
			}
			w := string(rs[i:j])
			i = j
			if isOrdinal(w) && len(toks) > 0 && toks[len(toks)-1].k == kNum {
				continue // 5th, 1st
			}
			t, ok := englishWord(w)
			if !ok {
				return nil, fmt.Errorf("%w: word %q", ErrUnknown, w)
			}
			toks = append(toks, t...)
		case isCNDigit(r):
			j := i
			for j < len(rs) && isCNDigit(rs[j]) {
				j++
			}
			t, ok := chineseNumber(rs[i:j])
			if !ok {
				return nil, fmt.Errorf("%w: number %q", ErrUnknown, string(rs[i:j]))
			}
			toks = append(toks, t)
			i = j
		default:
			t, n := chineseWord(rs[i:])
			if n == 0 {
				return nil, fmt.Errorf("%w: %q", ErrUnknown, string(r))
			}
			toks = append(toks, t...)
			i += n
		}
	}
	return toks, nil
}

func isOrdinal(w string) bool { return w == "st" || w == "nd" || w == "rd" || w == "th" }

func englishWord(w string) ([]token, bool) {
	one := func(k kind, v int) ([]token, bool) { return []token{{k: k, val: v}}, true }
	switch w {
	case "at", "on", "from", "the", "of":
		return nil, true
	case "to", "until", "till":
		return one(kTo, 0)
	case "today":
		return one(kRel, 0)
	case "yesterday":
		return one(kRel, -1)
	case "tomorrow", "tmr", "tmrw":
		return one(kRel, 1)
	case "tonight":
		return []token{{k: kRel, val: 0}, {k: kPeriod, val: int(perEvening)}}, true
	case "next":
		return one(kNext, 0)
	case "this":
		return one(kThis, 0)
	case "last":
		return one(kLast, 0)
	case "week":
		return one(kWeekWord, 0)
	case "month":
		return one(kMonthWord, 0)
	case "day":
		return one(kDayWord, 0)
	case "am":
		return one(kPeriod, int(perAM))
	case "pm", "afternoon":
		return one(kPeriod, int(perPM))
	case "morning":
		return one(kPeriod, int(perMorning))
	case "noon", "midday":
		return one(kPeriod, int(perNoon))
	case "evening", "night":
		return one(kPeriod, int(perEvening))
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		full := strings.ToLower(d.String())
		if w == full || w == full[:3] || (len(w) > 3 && strings.HasPrefix(full, w)) {
			return one(kWeekday, int(d))
		}
	}
	for m := time.January; m <= time.December; m++ {
		full := strings.ToLower(m.String())
		if w == full || w == full[:3] || w == "sept" && m == time.September {
			return one(kMonth, int(m))
		}
	}
	return nil, false
}
