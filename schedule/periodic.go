package schedule

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"

	"courtyard/storage"
)

// Job is one periodic scan.
type Job struct {
	Name string
	Spec string // cron expression (minute hour dom month dow), read by ParseSpec
	Run  func(ctx context.Context, tx *storage.Tx, now time.Time) error
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
		r.jobs = append(r.jobs, job{Job: j, at: at})
	}
	return r, nil
}

// Run runs each job on its schedule until ctx is done; a run in progress
// is finished first. When tick is not nil, jobs run only when a tick
// arrives (tests drive time by hand); each tick is acknowledged by closing
// the channel it carries once every job has run.
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
	c := cron.New(cron.WithLocation(r.loc))
	for _, j := range r.jobs {
		c.Schedule(j.at, cron.FuncJob(func() { r.runJob(context.WithoutCancel(ctx), j.Job) }))
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

// runJob runs j in one transaction with the record of its run.
func (r *Periodic) runJob(ctx context.Context, j Job) {
	now := r.now()
	err := r.store.Update(ctx, func(tx *storage.Tx) error {
		if err := j.Run(ctx, tx, now); err != nil {
			return err
		}
		return tx.RecordRun(j.Name, now)
	})
	if err != nil {
		r.log.Error("scheduled job failed", "job", j.Name, "err", err)
		return
	}
	r.log.Debug("scheduled job ran", "job", j.Name)
	if r.done != nil {
		r.done()
	}
}
