package core

import (
	"strconv"

	"courtyard/telegram"
)

// Rating is a level on the national five-level satisfaction scale, used
// after a ticket's "is it fixed?" and at a service case's end: 5 非常满意,
// 4 满意, 3 基本满意, 2 不满意, 1 非常不满意.
type Rating int

// The five levels.
const (
	RatingVeryDissatisfied Rating = 1
	RatingDissatisfied     Rating = 2
	RatingFair             Rating = 3
	RatingSatisfied        Rating = 4
	RatingVerySatisfied    Rating = 5
)

// Satisfied is true for 满意 and 非常满意: what the satisfaction rate counts.
func (v Rating) Satisfied() bool { return v >= RatingSatisfied }

// ReadRating reads a level from a button's data; false when it is not one
// of the five.
func ReadRating(s string) (Rating, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n < int(RatingVeryDissatisfied) || n > int(RatingVerySatisfied) {
		return 0, false
	}
	return Rating(n), true
}

// RatingLabel is the level's name in lang.
func (a *Core) RatingLabel(lang string, v Rating) string {
	return a.Cat.T(lang, "rating."+strconv.Itoa(int(v)))
}

// RatingKeyboard offers the five levels, best first, one to a row so that
// each label reads whole on a phone; each button's data is data+":"+level.
func (a *Core) RatingKeyboard(lang, data string) telegram.Keyboard {
	var rows [][]telegram.Button
	for v := RatingVerySatisfied; v >= RatingVeryDissatisfied; v-- {
		rows = append(rows, []telegram.Button{{Text: a.RatingLabel(lang, v), CallbackData: data + ":" + strconv.Itoa(int(v))}})
	}
	return telegram.Keyboard{InlineKeyboard: rows}
}
