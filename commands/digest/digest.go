// Package digest is the weekly public digest (公示): once a week each
// linked building group gets its week (problems received and solved with
// their categories and one-line summaries, never a name; micro-wishes
// fulfilled; the volunteer hours its residents gave; proposals and their
// outcomes; what is coming, a holiday visit round among it; the response
// and satisfaction rates), the community group the totals. Staff preview
// it with /digest, switch it off or on, and add a line to the next one.
package digest

import (
	"context"
	"time"

	"courtyard/commands/core"
	"courtyard/schedule"
	"courtyard/storage"
)

// kindWeek posts one week's digest (key: the day it is due, YYYY-MM-DD).
const kindWeek = "digest.week"

// Round is a holiday visit round to come: its holiday's key and when it
// starts. Which households it visits is never part of it.
type Round struct {
	Holiday string
	Start   time.Time
}

// Rounds tells of the visit rounds to come.
type Rounds interface {
	// RoundsStarting are the visit rounds that start in [from, to),
	// earliest first.
	RoundsStarting(tx *storage.Tx, from, to time.Time) ([]Round, error)
}

// Digest is the weekly digest capability over the core.
type Digest struct {
	*core.Core
	rounds Rounds
}

// New returns the digest over c; rounds tells of the visit rounds coming.
func New(c *core.Core, rounds Rounds) *Digest { return &Digest{Core: c, rounds: rounds} }

// CommandRows are digest's rows of the permission table.
func (a *Digest) CommandRows() []core.Command {
	return []core.Command{
		{Name: "digest", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.cmd},
	}
}

// ButtonRows: the digest has none.
func (a *Digest) ButtonRows() []core.Buttons { return nil }

// Kinds are digest's kinds of timed work.
func (a *Digest) Kinds() map[string]schedule.Kind {
	return map[string]schedule.Kind{kindWeek: {Do: a.weekDue}}
}

// next is when the digest after now is due, in the community's zone; ok
// is false when digest.weekly is off.
func (a *Digest) next(now time.Time) (time.Time, bool) {
	if a.Cfg.Digest.Off() {
		return time.Time{}, false
	}
	wd, mins, err := a.Cfg.Digest.When()
	if err != nil {
		return time.Time{}, false
	}
	n := now.In(a.Loc)
	d := time.Date(n.Year(), n.Month(), n.Day(), mins/60, mins%60, 0, 0, a.Loc)
	for d.Weekday() != wd || !d.After(now) {
		d = d.AddDate(0, 0, 1)
	}
	return d, true
}

// Plan lays the next week's digest on the timed work, once (the key is
// its day): run every hour, it is what makes the digest recur.
func (a *Digest) Plan(ctx context.Context, tx *storage.Tx, now time.Time) error {
	at, ok := a.next(now)
	if !ok {
		return nil
	}
	key := at.Format("2006-01-02")
	if items, err := tx.PendingDue(kindWeek, key); err != nil || len(items) > 0 {
		return err
	}
	if hist, err := tx.DueHistory(kindWeek, key); err != nil || len(hist) > 0 {
		return err
	}
	_, err := tx.ScheduleDue(storage.DueItem{Kind: kindWeek, Key: key, DueAt: at, Data: key}, now)
	return err
}

// weekDue posts the week ending now, unless staff switched it off, to
// each group with something to tell; the line staff added goes with it
// once.
func (a *Digest) weekDue(ctx context.Context, tx *storage.Tx, _ storage.DueItem, now time.Time) error {
	if off, err := tx.DigestSetting("off"); err != nil || off == "1" {
		return err
	}
	w, err := a.build(tx, now.AddDate(0, 0, -7), now, now)
	if err != nil {
		return err
	}
	lang := a.Cfg.Community.Language
	chats, err := tx.LinkedChats()
	if err != nil {
		return err
	}
	for _, c := range chats {
		if w.quiet(c.Building) {
			continue
		}
		text := a.totalText(lang, w)
		if !c.Community {
			text = a.buildingText(lang, w, c.Building)
		}
		if err := a.Send(tx, c.ID, text, nil, storage.PriorityBulk, now); err != nil {
			return err
		}
	}
	if err := tx.SetDigestSetting("line", ""); err != nil {
		return err
	}
	return a.Plan(ctx, tx, now)
}

// cmd is /digest: a preview of this week's digest as it stands; "off"
// and "on" switch it; "line <text>" adds a line to the next one.
func (a *Digest) cmd(r *core.Req) error {
	verb, rest := core.CleanLine(r.Args), ""
	if i := indexSpace(verb); i > 0 {
		verb, rest = verb[:i], core.CleanLine(verb[i+1:])
	}
	switch verb {
	case "off", "关":
		if err := r.Tx.SetDigestSetting("off", "1"); err != nil {
			return err
		}
		return r.Reply(r.T("digest.switched_off"), nil)
	case "on", "开":
		if err := r.Tx.SetDigestSetting("off", ""); err != nil {
			return err
		}
		return r.Reply(r.T("digest.switched_on"), nil)
	case "line", "加":
		if rest == "" || core.RuneLen(rest) > 300 {
			return r.Reply(r.T("digest.usage"), nil)
		}
		if err := r.Tx.SetDigestSetting("line", rest); err != nil {
			return err
		}
		return r.Reply(r.T("digest.line_added", core.Esc(rest)), nil)
	case "":
	default:
		return r.Reply(r.T("digest.usage"), nil)
	}
	// The week the next digest covers, as it stands now.
	to := r.Now.Add(time.Millisecond)
	if at, ok := a.next(r.Now); ok {
		to = at
	}
	w, err := a.build(r.Tx, to.AddDate(0, 0, -7), to, r.Now)
	if err != nil {
		return err
	}
	state := r.T("digest.state_on")
	if off, err := r.Tx.DigestSetting("off"); err != nil {
		return err
	} else if off == "1" {
		state = r.T("digest.state_off")
	}
	if at, ok := a.next(r.Now); ok {
		state += " " + r.T("digest.next", a.WhenIn(r.Lang, at))
	}
	if err := r.Reply(r.T("digest.preview_head", state)+"\n\n"+a.totalText(r.Lang, w), nil); err != nil {
		return err
	}
	chats, err := r.Tx.LinkedChats()
	if err != nil {
		return err
	}
	for _, c := range chats {
		if c.Building != "" {
			if err := r.Reply(a.buildingText(r.Lang, w, c.Building), nil); err != nil {
				return err
			}
		}
	}
	return nil
}

func indexSpace(s string) int {
	for i, c := range s {
		if c == ' ' {
			return i
		}
	}
	return -1
}
