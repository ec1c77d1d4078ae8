package care

import (
	"encoding/json"
	"fmt"
	"time"

	"courtyard/storage"
)

// Round is what anyone may know of a visit round: its holiday and when it
// starts. Which households it visits is never part of it.
type Round struct {
	Holiday string // a holiday key
	Start   time.Time
}

// RoundsStarting are the visit rounds laid out on the timed work that
// start in [from, to), earliest first. There are none while the care list
// has no household: such a round would visit nobody.
func (a *Care) RoundsStarting(tx *storage.Tx, from, to time.Time) ([]Round, error) {
	items, err := tx.PendingDue(kindVisitRound, "")
	if err != nil || len(items) == 0 {
		return nil, err
	}
	var out []Round
	for _, it := range items {
		if it.DueAt.Before(from) || !it.DueAt.Before(to) {
			continue
		}
		var d roundData
		if err := json.Unmarshal([]byte(it.Data), &d); err != nil {
			return nil, fmt.Errorf("care: visit round %s: %w", it.Key, err)
		}
		out = append(out, Round{Holiday: d.Holiday, Start: it.DueAt})
	}
	if len(out) == 0 {
		return nil, nil
	}
	hs, err := tx.Households(false)
	if err != nil || len(hs) == 0 {
		return nil, err
	}
	return out, nil
}
