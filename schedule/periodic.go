package schedule

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"

	"courtyard/storage"
)

// Job is one periodic scan: Run, or Windows for one too long for a single
// transaction.
type Job struct {
	Name string
	Spec string // cron expression (minute hour dom month dow), read by ParseSpec
	Run  func(ctx context.Context, tx *storage.Tx, now time.Time) error
	// Windows, set instead of Run, does the work in several transactions,
	// each opened with update, so that the single writer is free between
	// them and updates waiting for it get in. What each committed stays
	// when a later one fails. The run is recorded once Windows returns nil;
	// one that did not (an error, a crash) is done again, so each
	// transaction must leave the work as one that is done once.
	Windows func(ctx context.Context, update Update, now time.Time) error
}

// Update runs fn in a write transaction of its own, committed when fn
// returns nil.
type Update func(fn func(tx *storage.Tx) error) error

// Writes is the Update that opens each transaction on s.
func Writes(ctx context.Context, s *storage.Storage) Update {
	return func(fn func(tx *storage.Tx) error) error { return s.Update(ctx, fn) }
}

// Periodic runs jobs on their schedules, in the community's time zone.
type Periodic struct {
	store *storage.Storage
	jobs  []job
	now   func() time.Time
	loc   *time.Location
	log   *slog.Logger
	done  func() // called after a run committed (wakes the sender)
}

// job is a Job with its parsed expression.
type job struct {
	Job
	at cron.Schedule
}

// NewPeriodic returns a runner of jobs; done is called after every
// committed run.
func NewPeriodic(s *storage.Storage, jobs []Job, now func() time.Time, loc *time.Location, log *slog.Logger, done func()) (*Periodic, error) {
	r := &Periodic{store: s, now: now, loc: loc, log: log, done: done}
	for _, j := range jobs {
		at, err := ParseSpec(j.Spec)
		if err != nil {
			return nil, fmt.Errorf("schedule: job %s: %w", j.Name, err)
		}
		if (j.Run == nil) == (j.Windows == nil) {
			return nil, fmt.Errorf("schedule: job %s: give it Run or Windows", j.Name)
		}
		r.jobs = append(r.jobs, job{Job: j, at: at})
	}
	return r, nil
}

// Run catches up on the jobs missed while the bot was down (see the
// package doc), then runs each job on its schedule until ctx is done; a run
// in progress is finished first. When tick is not nil, jobs run only when a
// tick arrives, every job on every tick and none at start (tests drive time
// by hand); each tick is acknowledged by closing the channel it carries
// once every job has run.
func (r *Periodic) Run(ctx context.Context, tick <-chan chan struct{}) {
	if tick != nil {
		for {
			select {
			case <-ctx.Done():
				return
			case ack := <-tick:
				r.RunAll(context.WithoutCancel(ctx))
				close(ack)
			}
		}
	}
	r.catchUp(ctx)
	if ctx.Err() != nil {
		return
	}
	// A job still running at its next moment (a long wave of due items) is
	// not started a second time beside itself: that moment is skipped.
	c := cron.New(cron.WithLocation(r.loc), cron.WithChain(cron.SkipIfStillRunning(cronLog{r.log})))
	for _, j := range r.jobs {
		c.Schedule(wallClock{at: j.at, loc: r.loc}, cron.FuncJob(func() { r.runJob(context.WithoutCancel(ctx), j.Job) }))
	}
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
}

// RunAll runs every job once, now.
func (r *Periodic) RunAll(ctx context.Context) {
	for _, j := range r.jobs {
		r.runJob(ctx, j.Job)
	}
}

// catchUp runs once, in order, each job that has a moment between its last
// recorded run and now, or that never ran.
func (r *Periodic) catchUp(ctx context.Context) {
	now := r.now()
	for _, j := range r.jobs {
		if ctx.Err() != nil {
			return
		}
		var last time.Time
		err := r.store.View(ctx, func(tx *storage.Tx) (err error) {
			last, err = tx.LastRun(j.Name)
			return err
		})
		if err != nil {
			r.log.Error("reading when a scheduled job last ran failed", "job", j.Name, "err", err)
			continue
		}
		if !missed(j.at, r.loc, last, now) {
			continue
		}
		r.log.Info("scheduled job missed while the bot was down; running it once now", "job", j.Name, "last_run", last)
		r.runJob(context.WithoutCancel(ctx), j.Job)
	}
}

// missed reports whether at has a moment after last and not after now
// (always, when last is zero).
func missed(at cron.Schedule, loc *time.Location, last, now time.Time) bool {
	if last.IsZero() {
		return true
	}
	next := Next(at, loc, last)
	return !next.IsZero() && !next.After(now)
}

// runJob runs j in one transaction with the record of its run, or, for
// Windows, in its windows and then records the run.
func (r *Periodic) runJob(ctx context.Context, j Job) {
	now := r.now()
	var err error
	if j.Windows != nil {
		err = r.runWindows(ctx, j, now)
	} else {
		err = r.store.Update(ctx, func(tx *storage.Tx) error {
			if err := j.Run(ctx, tx, now); err != nil {
				return err
			}
			return tx.RecordRun(j.Name, now)
		})
	}
	if err != nil {
		r.log.Error("scheduled job failed", "job", j.Name, "err", err)
		return
	}
	r.log.Debug("scheduled job ran", "job", j.Name)
	if r.done != nil {
		r.done()
	}
}

// runWindows runs a Windows job and then records its run. After each
// window that committed, the sender is woken: what it queued goes out while
// the next windows run.
func (r *Periodic) runWindows(ctx context.Context, j Job, now time.Time) error {
	write := Writes(ctx, r.store)
	update := func(fn func(tx *storage.Tx) error) error {
		if err := write(fn); err != nil {
			return err
		}
		if r.done != nil {
			r.done()
		}
		return nil
	}
	if err := j.Windows(ctx, update, now); err != nil {
		return err
	}
	return r.store.Update(ctx, func(tx *storage.Tx) error { return tx.RecordRun(j.Name, now) })
}

// wallClock is a cron schedule read as the wall clock in loc, the way Next
// reads it, for the cron runner.
type wallClock struct {
	at  cron.Schedule
	loc *time.Location
}

func (w wallClock) Next(after time.Time) time.Time { return Next(w.at, w.loc, after) }

// cronLog gives cron's logger interface to slog.
type cronLog struct{ log *slog.Logger }

func (l cronLog) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLog) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
