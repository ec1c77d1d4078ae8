package when

import (
	"fmt"
	"time"
)

// How far ahead a day may be. A day more than a year ahead is always
// written with its year (it falls in another year); one more than two
// years ahead is ErrTooFar: nothing a community plans is that far off,
// and 9999-12-31 is a slip of the keyboard.
const farYears = 2

// Latest is the last moment Parse and ParseDate accept after now: two
// years on, in loc (a nil loc means now's zone).
func Latest(now time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = now.Location()
	}
	return now.In(loc).AddDate(farYears, 0, 0)
}

// checkFar refuses a start after Latest.
func checkFar(start, now time.Time, loc *time.Location) error {
	if start.After(Latest(now, loc)) {
		return fmt.Errorf("%w: %s", ErrTooFar, start.Format("2006-01-02"))
	}
	return nil
}
