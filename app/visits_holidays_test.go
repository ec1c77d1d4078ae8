package app

import (
	"strings"
	"testing"

	"courtyard/holiday"
)

// visDates are the holidays' days of 2025-2030, typed in from published
// sources, never computed:
//
//   - 2025: 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）:
//     元旦 1月1日; 春节 1月28日（除夕）至2月4日, the festival 1月29日;
//     清明节 4月4日至6日, the term 4月4日; 端午节 5月31日至6月2日;
//     国庆节、中秋节 10月1日至8日, 中秋 10月6日.
//   - 2026: 国务院办公厅关于2026年部分节假日安排的通知 (November 2025):
//     春节 2月15日至23日, the festival 2月17日; 清明节 4月4日至6日, the
//     term 4月5日; 端午节 6月19日至21日; 中秋节 9月25日至27日; 国庆节 10月1日至7日.
//   - 2027-2030: no notice was published when this table was written, so
//     the festival days are those of the Chinese lunar calendar (农历, by
//     GB/T 33661-2017 《农历的编算和颁行》, as printed by the Purple Mountain
//     Observatory's 中国天文年历 and common almanacs), and Qingming the day of
//     the solar term. Lantern (元宵) and Double Ninth (重阳) are not public
//     holidays and are in no notice: every year of theirs is from the lunar
//     calendar. New Year and National Day are 1-01 and 10-01 by law.
var visDates = map[int]map[string]string{
	2025: {"spring": "01-29", "lantern": "02-12", "qingming": "04-04", "dragon_boat": "05-31", "mid_autumn": "10-06", "double_ninth": "10-29"},
	2026: {"spring": "02-17", "lantern": "03-03", "qingming": "04-05", "dragon_boat": "06-19", "mid_autumn": "09-25", "double_ninth": "10-18"},
	2027: {"spring": "02-06", "lantern": "02-20", "qingming": "04-05", "dragon_boat": "06-09", "mid_autumn": "09-15", "double_ninth": "10-08"},
	2028: {"spring": "01-26", "lantern": "02-09", "qingming": "04-04", "dragon_boat": "05-28", "mid_autumn": "10-03", "double_ninth": "10-26"},
	2029: {"spring": "02-13", "lantern": "02-27", "qingming": "04-04", "dragon_boat": "06-16", "mid_autumn": "09-22", "double_ninth": "10-16"},
	2030: {"spring": "02-03", "lantern": "02-17", "qingming": "04-05", "dragon_boat": "06-05", "mid_autumn": "09-12", "double_ninth": "10-05"},
}

func TestVisitsHolidayDates(t *testing.T) {
	for year, days := range visDates {
		days["new_year"], days["national_day"] = "01-01", "10-01"
		for _, key := range holiday.Keys() {
			want, ok := days[key]
			if !ok {
				t.Fatalf("the table lacks %s %d", key, year)
			}
			got, err := holiday.Date(key, year)
			if err != nil {
				t.Fatal(err)
			}
			if got.Year() != year || got.Format("01-02") != want {
				t.Errorf("%s %d: computed %s, published %s", key, year, got.Format("2006-01-02"), want)
			}
		}
	}
}

// /holidays lists a year's dates in the reader's language, marks those
// that bring visits, and refuses a year it cannot compute.
func TestVisitsHolidaysCommand(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "en")
	wang := h.user(2001, "王阿姨", "zh")
	h.register(wang, "3", "502")
	h.say(wang, "/holidays 2026")
	m := h.expect(wang.ID, "2026年节日", "2月17日（周二） · 春节 · 走访", "9月25日（周五） · 中秋节 · 走访", "6月19日（周五） · 端午节", "4月5日（周日） · 清明节", "节前7天")
	if strings.Contains(m.Plain, "端午节 · 走访") {
		t.Errorf("Dragon Boat marked for visits: %q", m.Plain)
	}
	// Default: this year (the clock says 2026).
	h.say(adm, "/holidays")
	h.expect(adm.ID, "Holidays 2026", "Fri 25 Sep · Mid-Autumn Festival · visits")
	for _, bad := range []string{"1899", "2101", "next", "-5"} {
		h.say(adm, "/holidays "+bad)
		h.expect(adm.ID, "“"+bad+"” is not a year I can give dates for: send a year from 1900 to 2100")
	}
	h.say(wang, "/holidays 3000")
	h.expect(wang.ID, "“3000”不是可查询的年份")
	h.say(wang, "/holidays 1900")
	h.expect(wang.ID, "1900年节日", "1月31日（周三） · 春节")
}
