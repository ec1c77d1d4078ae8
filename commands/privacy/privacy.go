// Package privacy is what people may ask about their own data and what
// staff may do about people: a member's copy of everything stored about
// them (/mydata), being forgotten (/forgetme), blocking (/block,
// /unblock, /blocked), the audit log (/audit), and the retention of
// closed tickets.
package privacy

import "courtyard/commands/core"

// A Forgetter gives up, in one capability, what a member who asked to be
// forgotten still had coming (sign-ups, shifts, tickets in hand), as if
// they had withdrawn themselves, before their data is removed. It acts on
// r.Me.
type Forgetter interface {
	GiveUp(r *core.Req) error
}

// ForgetFunc is a Forgetter of one function.
type ForgetFunc func(r *core.Req) error

// GiveUp calls f.
func (f ForgetFunc) GiveUp(r *core.Req) error { return f(r) }

// Privacy is the privacy capability over the core.
type Privacy struct {
	*core.Core
	forgetters []Forgetter // asked in order before a member is forgotten
}

// New returns the privacy capability; forgetters give up a member's part
// in the other capabilities when they ask to be forgotten.
func New(c *core.Core, forgetters ...Forgetter) *Privacy {
	return &Privacy{Core: c, forgetters: forgetters}
}
