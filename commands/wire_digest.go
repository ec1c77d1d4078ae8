package commands

import (
	"time"

	"courtyard/commands/digest"
	"courtyard/storage"
)

// RoundsStarting tells the digest of the visit rounds starting in [from,
// to): their holidays and start times, never their households.
func (a *App) RoundsStarting(tx *storage.Tx, from, to time.Time) ([]digest.Round, error) {
	rs, err := a.care.RoundsStarting(tx, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]digest.Round, 0, len(rs))
	for _, r := range rs {
		out = append(out, digest.Round{Holiday: r.Holiday, Start: r.Start})
	}
	return out, nil
}
