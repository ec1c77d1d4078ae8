package when

import (
	"strings"
	"time"
)

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
	switch at(3) {
	case "大后天":
		return []token{rel(3)}, 3
	case "大前天":
		return []token{rel(-3)}, 3
	case "第二天":
		return []token{{k: kNextDay}}, 3
	}
	switch at(2) {
	case "今天", "今日":
		return []token{rel(0)}, 2
	case "明天", "明日":
		return []token{rel(1)}, 2
	case "后天":
		return []token{rel(2)}, 2
	case "昨天", "昨日":
		return []token{rel(-1)}, 2
	case "前天":
		return []token{rel(-2)}, 2
	case "昨晚":
		return []token{rel(-1), per(perEvening)}, 2
	case "次日", "翌日":
		return []token{{k: kNextDay}}, 2
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
	if k, ok := relWord(rs[0]); ok {
		if _, n := chineseWeekday(rs[1:]); n > 0 {
			return []token{{k: k}}, 1 // 下周三: the weekday is read next
		}
		if len(rs) > 1 && (rs[1] == '个' || rs[1] == '個') {
			if _, n := chineseWeekday(rs[2:]); n > 0 {
				return []token{{k: k}}, 2 // 下个星期三
			}
		}
		if toks, n := relPeriod(k, rs[1:]); n > 0 {
			return toks, n + 1
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
	case '份': // 11月份
		return nil, 1
	}
	return nil, 0
}

// relWord is the kind of 下 (next), 上 (last) and 本, 这, 当 (this).
func relWord(r rune) (kind, bool) {
	switch r {
	case '下':
		return kNext, true
	case '上':
		return kLast, true
	case '本', '这', '這', '当':
		return kThis, true
	}
	return 0, false
}

// relPeriod reads the week or month after 下, 上 or 本: 周, 星期, 礼拜, 月,
// each optionally after 个 (下个月, 上个星期).
func relPeriod(k kind, rs []rune) ([]token, int) {
	n := 0
	if len(rs) > 0 && (rs[0] == '个' || rs[0] == '個') {
		n = 1
	}
	s := string(rs[n:])
	switch {
	case strings.HasPrefix(s, "月"):
		return []token{{k: k}, {k: kMonthWord}}, n + 1
	case strings.HasPrefix(s, "周"), strings.HasPrefix(s, "週"):
		return []token{{k: k}, {k: kWeekWord}}, n + 1
	case strings.HasPrefix(s, "星期"), strings.HasPrefix(s, "礼拜"), strings.HasPrefix(s, "禮拜"):
		return []token{{k: k}, {k: kWeekWord}}, n + 2
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
		if rs[n] == '天' {
			return time.Sunday, n + 1
		}
		if i := runeIndex("日一二三四五六", rs[n]); i >= 0 { // indexed by time.Weekday
			return time.Weekday(i), n + 1
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
	return runeIndex(cnDigits, r)
}

// runeIndex is the position of r in s counted in runes, or -1.
func runeIndex(s string, r rune) int {
	for i, c := range []rune(s) {
		if c == r {
			return i
		}
	}
	return -1
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
