package bot

import (
	"context"
	"sync"
	"time"
)

// loop is one Run of the sender: its state between events, changed only by
// the event methods, on Run's goroutine. Workers make the calls and a
// recorder writes their outcomes beside it; both answer through channels.
type loop struct {
	s   *Sender
	ctx context.Context // the run's

	// Calls in flight when the run ends may finish, for up to callGrace: a
	// call cut off after Telegram took it would be recorded as failed and
	// made again at the next start.
	callCtx     context.Context
	cancelCalls context.CancelFunc
	jobs        chan item    // to the workers
	results     chan outcome // from the workers
	workers     sync.WaitGroup

	// The schedule.
	q          *queue
	held       held      // rows read before their time (sender_held.go)
	nextSend   time.Time // when the global limit allows the next send
	pausing    time.Time // all chats wait until then (a global 429)
	lastUrgent int64     // highest id of an urgent row read
	lastBulk   int64     // highest id of a bulk row read
	moreUrgent bool      // the last read of urgent rows stopped at the window
	moreBulk   bool      // the last read of bulk rows stopped at the window
	lastPrune  time.Time

	// inflight counts calls made and not yet recorded: never more than
	// maxUnrecorded, so a crash leaves at most that many calls made but not
	// known to be; sending counts those still on the wire (at most workers).
	// Outcomes are written by one recorder goroutine at a time, beside the
	// loop, so a slow commit holds up neither sending nor the global rate;
	// a chat stays busy until its outcome is written. Writes are not
	// cancelled: a call Telegram accepted must be recorded as sent.
	inflight   int
	sending    int
	unrecorded []outcome
	oldest     time.Time // when the oldest unrecorded outcome came back
	recording  bool
	recorded   chan written
}

func (s *Sender) newLoop(ctx context.Context) *loop {
	callCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	return &loop{s: s, ctx: ctx, callCtx: callCtx, cancelCalls: cancel,
		jobs: make(chan item), results: make(chan outcome, s.workers), q: newQueue(),
		recorded: make(chan written, 1)}
}

// Run sends until ctx is cancelled, or until Drain and the outbox is empty.
func (s *Sender) Run(ctx context.Context) error {
	l := s.newLoop(ctx)
	l.startWorkers()
	defer l.stop()
	if err := l.start(); err != nil {
		return ignoreStopped(err)
	}
	for {
		st, err := l.tick(s.clock.Now())
		if err != nil {
			return ignoreStopped(err)
		}
		switch st.act {
		case stepDone:
			return nil
		case stepAgain:
			continue
		case stepSend:
			select {
			case l.jobs <- st.it:
				continue
			case <-ctx.Done():
				return nil
			}
		}
		if ended, err := l.await(st.wait); ended || err != nil {
			return ignoreStopped(err)
		}
	}
}

// await waits for the next event, or at most wait when it is not negative,
// and hands it to its method. ended is true when the run's context ended.
func (l *loop) await(wait time.Duration) (ended bool, err error) {
	if l.s.waiting != nil {
		l.s.waiting(l.sending == 0 && !l.recording && len(l.s.wake) == 0)
	}
	var tc <-chan time.Time
	if wait >= 0 {
		t := l.s.clock.NewTimer(wait)
		defer t.Stop()
		tc = t.C()
	}
	select {
	case <-l.ctx.Done():
		return true, nil
	case <-l.s.wake:
		return false, l.woken()
	case r := <-l.results:
		l.returned(r, l.s.clock.Now())
	case r := <-l.recorded:
		return false, l.written(r)
	case <-tc:
	}
	return false, nil
}

func (l *loop) startWorkers() {
	for range l.s.workers {
		l.workers.Add(1)
		go func() {
			defer l.workers.Done()
			for it := range l.jobs {
				l.results <- l.s.send(l.callCtx, it)
			}
		}()
	}
}

// stop ends the run: no call starts any more, the calls on the wire have
// callGrace to finish, and every outcome gathered is written.
func (l *loop) stop() {
	defer l.cancelCalls()
	close(l.jobs)
	grace := l.s.clock.NewTimer(callGrace)
	defer grace.Stop()
	l.collect(grace.C())
	l.recordAll()
}

// collect gathers the outcomes of the calls still out until every worker
// is done; the calls still out at grace are cut off.
func (l *loop) collect(grace <-chan time.Time) {
	go func() { l.workers.Wait(); close(l.results) }()
	for {
		select {
		case r, ok := <-l.results:
			if !ok {
				return
			}
			l.unrecorded = append(l.unrecorded, r)
		case <-grace:
			l.graceOver()
			grace = nil
		}
	}
}

// graceOver cuts off the calls still on the wire.
func (l *loop) graceOver() { l.cancelCalls() }

// recordAll waits for the batch being written and writes what is left.
func (l *loop) recordAll() {
	if l.recording {
		<-l.recorded
		l.recording = false
	}
	if len(l.unrecorded) == 0 {
		return
	}
	if r := l.s.record(context.WithoutCancel(l.ctx), l.unrecorded); r.err != nil {
		l.s.log.Error("recording send results failed; they are sent again at the next start", "err", r.err, "count", len(l.unrecorded))
	}
	l.unrecorded = nil
}
