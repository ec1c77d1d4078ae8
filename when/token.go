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
	case "tomorrow", "tmr", "tmrw":
		return one(kRel, 1)
	case "tonight":
		return []token{{k: kRel, val: 0}, {k: kPeriod, val: int(perEvening)}}, true
	case "next":
		return one(kNext, 0)
	case "this":
		return one(kThis, 0)
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

// chineseWord reads the Chinese word at the start of rs and says how many
// runes it took (0: not a word this package knows).
func chineseWord(rs []rune) ([]token, int) {
	at := func(n int) string {
		if n > len(rs) {
			return ""
		}
		return string(rs[:n])
	}
	per := func(p period) token { return token{k: kPeriod, val: int(p)} }
	rel := func(d int) token { return token{k: kRel, val: d} }
	if at(3) == "大后天" {
		return []token{rel(3)}, 3
	}
	switch at(2) {
	case "今天", "今日":
		return []token{rel(0)}, 2
	case "明天", "明日":
		return []token{rel(1)}, 2
	case "后天":
		return []token{rel(2)}, 2
	case "今早":
		return []token{rel(0), per(perMorning)}, 2
	case "今晚":
		return []token{rel(0), per(perEvening)}, 2
	case "明早":
		return []token{rel(1), per(perMorning)}, 2
	case "明晚":
		return []token{rel(1), per(perEvening)}, 2
	case "上午", "早上", "早晨", "清晨":
		return []token{per(perMorning)}, 2
	case "中午":
		return []token{per(perNoon)}, 2
	case "下午", "午后":
		return []token{per(perPM)}, 2
	case "晚上", "傍晚", "晚间", "夜里", "夜晚":
		return []token{per(perEvening)}, 2
	case "凌晨":
		return []token{per(perSmall)}, 2
	case "点钟":
		return []token{{k: kClock}}, 2
	}
	if wd, n := chineseWeekday(rs); n > 0 {
		return []token{{k: kWeekday, val: int(wd)}}, n
	}
	if rs[0] == '下' || rs[0] == '本' || rs[0] == '这' {
		if _, n := chineseWeekday(rs[1:]); n > 0 {
			if rs[0] == '下' {
				return []token{{k: kNext}}, 1
			}
			return []token{{k: kThis}}, 1
		}
	}
	switch rs[0] {
	case '点', '點', '时', '時':
		return []token{{k: kClock}}, 1
	case '分':
		return []token{{k: kMinute}}, 1
	case '半':
		return []token{{k: kHalf}}, 1
	case '刻':
		return []token{{k: kQuarter}}, 1
	case '月':
		return []token{{k: kMonthMark}}, 1
	case '日', '号', '號':
		return []token{{k: kDayMark}}, 1
	case '年':
		return []token{{k: kYearMark}}, 1
	case '到', '至':
		return []token{{k: kTo}}, 1
	}
	return nil, 0
}

// chineseWeekday reads 周六, 星期六, 礼拜天 and the like.
func chineseWeekday(rs []rune) (time.Weekday, int) {
	s := string(rs)
	for _, prefix := range []string{"星期", "礼拜", "禮拜", "周", "週"} {
		if !strings.HasPrefix(s, prefix) {
			continue
		}
		n := len([]rune(prefix))
		if n >= len(rs) {
			return 0, 0
		}
		if i := strings.IndexRune("日一二三四五六", rs[n]); i >= 0 {
			return time.Weekday(len([]rune("日一二三四五六"[:i]))), n + 1
		}
		if rs[n] == '天' {
			return time.Sunday, n + 1
		}
	}
	return 0, 0
}

const cnDigits = "零一二三四五六七八九"

func isCNDigit(r rune) bool {
	return strings.ContainsRune(cnDigits, r) || r == '〇' || r == '两' || r == '兩' || r == '十'
}

func cnDigit(r rune) int {
	switch r {
	case '〇':
		return 0
	case '两', '兩':
		return 2
	}
	return len([]rune(cnDigits[:strings.IndexRune(cnDigits, r)]))
}

// chineseNumber reads 两, 十二, 二十三, 三十一 and digit by digit 二〇二六.
func chineseNumber(rs []rune) (token, bool) {
	ten := -1
	for i, r := range rs {
		if r == '十' {
			if ten >= 0 {
				return token{}, false
			}
			ten = i
		}
	}
	if ten < 0 {
		v := 0
		for _, r := range rs {
			v = v*10 + cnDigit(r)
		}
		return token{k: kNum, val: v, n: len(rs)}, len(rs) <= 4
	}
	tens, units := 1, 0
	switch ten {
	case 0:
	case 1:
		tens = cnDigit(rs[0])
	default:
		return token{}, false
	}
	switch len(rs) - ten - 1 {
	case 0:
	case 1:
		units = cnDigit(rs[ten+1])
	default:
		return token{}, false
	}
	return token{k: kNum, val: tens*10 + units, n: 2}, tens > 0
}
