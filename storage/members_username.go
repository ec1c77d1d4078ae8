package storage

import (
	"errors"
	"fmt"
	"strings"
)

// ErrAmbiguous is a reference that fits more than one member.
var ErrAmbiguous = errors.New("ambiguous")

// AmbiguousError lists the members a reference could mean.
type AmbiguousError struct {
	Candidates []Member
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("storage: %d members hold that username", len(e.Candidates))
}

// Is makes errors.Is(err, ErrAmbiguous) true.
func (e *AmbiguousError) Is(target error) bool { return target == ErrAmbiguous }

// membersByUsername lists the members whose stored username is name,
// ignoring case, oldest first.
func (t PeopleTx) membersByUsername(name string) ([]Member, error) {
	ms, err := t.members(`SELECT `+memberCols+` FROM members WHERE username <> '' AND lower(username) = lower(?) ORDER BY id LIMIT 10`,
		strings.TrimPrefix(name, "@"))
	if err != nil {
		return nil, fmt.Errorf("storage: member @%s: %w", name, err)
	}
	return ms, nil
}
