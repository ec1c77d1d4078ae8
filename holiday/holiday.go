// Package holiday knows the dates of the holidays a community marks: New
// Year, Spring Festival, Lantern, Qingming, Dragon Boat, Mid-Autumn, Double
// Ninth and National Day. The lunar festivals and Qingming (a solar term)
// are computed for any year from MinYear to MaxYear by
// github.com/6tail/lunar-go; no date is typed in.
package holiday

import (
	"errors"
	"fmt"
	"time"

	"github.com/6tail/lunar-go/calendar"
)

// The range of years dates are computed for.
const (
	MinYear = 1900
	MaxYear = 2100
)

// The holidays' keys, in calendar order.
const (
	NewYear     = "new_year"
	Spring      = "spring"
	Lantern     = "lantern"
	Qingming    = "qingming"
	DragonBoat  = "dragon_boat"
	MidAutumn   = "mid_autumn"
	DoubleNinth = "double_ninth"
	NationalDay = "national_day"
)

// rule is how a holiday's date is found in a year.
type rule struct {
	key        string
	solar      bool // month and day of the Gregorian calendar
	lunar      bool // month and day of the lunar year of that number
	month, day int
	term       string // a solar term's name in lunar-go's table
}

var rules = []rule{
	{key: NewYear, solar: true, month: 1, day: 1},
	{key: Spring, lunar: true, month: 1, day: 1},
	{key: Lantern, lunar: true, month: 1, day: 15},
	{key: Qingming, term: "清明"},
	{key: DragonBoat, lunar: true, month: 5, day: 5},
	{key: MidAutumn, lunar: true, month: 8, day: 15},
	{key: DoubleNinth, lunar: true, month: 9, day: 9},
	{key: NationalDay, solar: true, month: 10, day: 1},
}

// ErrUnknown is a key that names no holiday.
var ErrUnknown = errors.New("unknown holiday")

// ErrYear is a year outside MinYear..MaxYear.
var ErrYear = errors.New("year out of range")

// Keys lists every holiday's key, in calendar order.
func Keys() []string {
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = r.key
	}
	return out
}

// Known reports whether key names a holiday.
func Known(key string) bool {
	_, ok := find(key)
	return ok
}

func find(key string) (rule, bool) {
	for _, r := range rules {
		if r.key == key {
			return r, true
		}
	}
	return rule{}, false
}

// Date is the day holiday key falls on in year, as midnight UTC of that
// calendar day (read its Year, Month and Day; see In for a moment in a time
// zone).
func Date(key string, year int) (time.Time, error) {
	r, ok := find(key)
	if !ok {
		return time.Time{}, fmt.Errorf("holiday %q: %w", key, ErrUnknown)
	}
	if year < MinYear || year > MaxYear {
		return time.Time{}, fmt.Errorf("holiday %s in %d: %w (%d-%d)", key, year, ErrYear, MinYear, MaxYear)
	}
	var s *calendar.Solar
	switch {
	case r.solar:
		return time.Date(year, time.Month(r.month), r.day, 0, 0, 0, 0, time.UTC), nil
	case r.lunar:
		s = calendar.NewLunarFromYmd(year, r.month, r.day).GetSolar()
	default:
		// The lunar year that starts in year holds the term of spring in it;
		// the term's table is keyed by its Chinese name.
		s = calendar.NewLunarFromYmd(year, 1, 1).GetJieQiTable()[r.term]
		if s == nil || s.GetYear() != year {
			return time.Time{}, fmt.Errorf("holiday %s in %d: solar term %s not found", key, year, r.term)
		}
	}
	return time.Date(s.GetYear(), time.Month(s.GetMonth()), s.GetDay(), 0, 0, 0, 0, time.UTC), nil
}

// In is holiday key's day in year as midnight in loc.
func In(key string, year int, loc *time.Location) (time.Time, error) {
	d, err := Date(key, year)
	if err != nil {
		return d, err
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc), nil
}

// Next is the start (midnight in loc) of the first day of holiday key that
// begins after after. It is the zero time, with ErrYear, past MaxYear.
func Next(key string, after time.Time, loc *time.Location) (time.Time, error) {
	for y := max(after.In(loc).Year(), MinYear); ; y++ {
		d, err := In(key, y, loc)
		if err != nil {
			return time.Time{}, err
		}
		if d.After(after) {
			return d, nil
		}
	}
}

// Day is one holiday on its date.
type Day struct {
	Key  string
	Date time.Time // midnight UTC of the day
}

// Year lists every holiday of year, in date order.
func Year(year int) ([]Day, error) {
	out := make([]Day, 0, len(rules))
	for _, r := range rules {
		d, err := Date(r.key, year)
		if err != nil {
			return nil, err
		}
		out = append(out, Day{Key: r.key, Date: d})
	}
	// Mid-Autumn falls after National Day in some years: sort by date.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Date.Before(out[j-1].Date); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}
