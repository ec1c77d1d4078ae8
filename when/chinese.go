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
