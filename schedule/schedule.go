// Package schedule runs the bot's timed work (escalations, auto-close,
// housekeeping) on cron schedules in the community's time zone. Each run is
// one transaction; what it sends goes through the outbox.
package schedule

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"

	"courtyard/storage"
)

// Job is one piece of timed work.
type Job struct {
	Name string
	Spec string // cron expression (minute hour dom month dow)
	Run  func(ctx context.Context, tx *storage.Tx, now time.Time) error
}

// Runner runs jobs on their schedules.
type Runner struct {
	store *storage.Storage
	jobs  []Job
	now   func() time.Time
	loc   *time.Location
	log   *slog.Logger
	done  func() // called after a run committed (wakes the sender)
}

// New returns a runner; done is called after every committed run.
func New(s *storage.Storage, jobs []Job, now func() time.Time, loc *time.Location, log *slog.Logger, done func()) (*Runner, error) {
	p := cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
	for _, j := range jobs {
		if _, err := p.Parse(j.Spec); err != nil {
			return nil, fmt.Errorf("schedule: job %s: bad spec %q: %w", j.Name, j.Spec, err)
		}
	}
	return &Runner{store: s, jobs: jobs, now: now, loc: loc, log: log, done: done}, nil
}

// Run starts the cron schedules and blocks until ctx is done; a run in
// progress is finished first. When tick is not nil, jobs run only when a
// tick arrives (tests drive time by hand); each tick is acknowledged by
// closing the channel it carries once every job has run.
func (r *Runner) Run(ctx context.Context, tick <-chan chan struct{}) {
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
	c := cron.New(cron.WithLocation(r.loc), cron.WithParser(cron.NewParser(
		cron.Minute|cron.Hour|cron.Dom|cron.Month|cron.Dow|cron.Descriptor)))
	for _, j := range r.jobs {
		j := j
		if _, err := c.AddFunc(j.Spec, func() { r.runJob(context.WithoutCancel(ctx), j) }); err != nil {
			r.log.Error("scheduling a job failed", "job", j.Name, "err", err)
		}
	}
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
}

// RunAll runs every job once, now.
func (r *Runner) RunAll(ctx context.Context) {
	for _, j := range r.jobs {
		r.runJob(ctx, j)
	}
}

func (r *Runner) runJob(ctx context.Context, j Job) {
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
