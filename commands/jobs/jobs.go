// Package jobs is volunteer jobs: a job is created in a guided
// conversation, posted to the chats chosen, signed up for (with a waiting
// list), reminded of, moved or cancelled, and its attendance marked; the
// posted copies are kept current.
package jobs

import (
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
)

// Meetings is what jobs tell the meeting a job was made of.
type Meetings interface {
	// DecisionBecameJob links a published job to the meeting decision it
	// was made of (decision 0: none).
	DecisionBecameJob(r *core.Req, decision, job int64) error
}

// Agenda is what a person has committed to elsewhere (patrol shifts,
// meetings), asked before they sign up to a job at the same time.
type Agenda interface {
	// Overlaps names, in lang, member's commitments whose times intersect
	// [from, to).
	Overlaps(tx *storage.Tx, lang string, member int64, from, to, now time.Time) ([]string, error)
}

// Watcher hears of what became of a job others show: published, moved or
// cancelled (JobChanged, the state in j), and held: its end passed, or its
// attendance was marked (JobHeld, possibly more than once).
type Watcher interface {
	JobChanged(r *core.Req, j storage.Job) error
	JobHeld(r *core.Req, j storage.Job) error
}

// Jobs is volunteer jobs over the core.
type Jobs struct {
	*core.Core
	meetings Meetings
	agenda   Agenda
	watcher  Watcher

	newJob   *core.Dialog // /job: writing a new job
	moveJob  *core.Dialog // a job's new time
	clearJob *core.Dialog // /job clear: whom to let sign up again
}

// New returns volunteer jobs over c; meetings hears of jobs made of a
// meeting's decision; agenda is asked for what a sign-up would overlap.
func New(c *core.Core, meetings Meetings, agenda Agenda) *Jobs {
	a := &Jobs{Core: c, meetings: meetings, agenda: agenda}
	a.newJob = a.newJobDialog()
	a.moveJob = a.moveJobDialog()
	a.clearJob = a.clearJobDialog()
	return a
}

// Watch gives jobs the one that hears of what became of a job.
func (a *Jobs) Watch(w Watcher) { a.watcher = w }

// changed tells the watcher, if any, that j was published, moved or
// cancelled.
func (a *Jobs) changed(r *core.Req, j storage.Job) error {
	if a.watcher == nil {
		return nil
	}
	return a.watcher.JobChanged(r, j)
}

// held tells the watcher, if any, that j was held.
func (a *Jobs) held(r *core.Req, j storage.Job) error {
	if a.watcher == nil {
		return nil
	}
	return a.watcher.JobHeld(r, j)
}
