package bot

import (
	"errors"

	"courtyard/storage"
)

// windowLow reports whether a window of rows is half gone while the outbox
// holds more of its kind than were read: time to read the next.
func (l *loop) windowLow() bool {
	return (l.moreBulk && l.q.bulk < maxWindow/2) || (l.moreUrgent && l.q.size-l.q.bulk < maxWindow/2)
}

// reload loads, retrying a failed read with backoff; it gives up after
// the retry's tries (the outbox cannot be read: the process must stop), and
// returns errStopped when the run ends while it waits.
func (l *loop) reload() error {
	f := Failures{Retry: l.s.again}
	for {
		err := l.load()
		if err == nil {
			return nil
		}
		wait, ferr := f.Fail("sender: reading the outbox", err)
		if ferr != nil {
			return ferr
		}
		l.s.log.Error("reading the outbox failed", "err", err, "retry_in", wait)
		if err := sleep(l.ctx, l.s.clock, wait); err != nil {
			return err
		}
	}
}

// ignoreStopped is nil for errStopped, else err.
func ignoreStopped(err error) error {
	if errors.Is(err, errStopped) {
		return nil
	}
	return err
}

// load reads rows queued since the last load, urgent ones and bulk ones
// each up to a window in memory, so a deep backlog (a broadcast to
// thousands, a flood of reports) is read a window at a time and answers
// still go ahead of bulk sends.
func (l *loop) load() error {
	var urgent, bulk []storage.OutMsg
	urgentRoom, bulkRoom := maxWindow-(l.q.size-l.q.bulk), maxWindow-l.q.bulk
	err := l.s.store.View(l.ctx, func(tx *storage.Tx) error {
		var err error
		if urgentRoom > 0 {
			if urgent, err = tx.PendingOutAfter(l.lastUrgent, false, urgentRoom); err != nil {
				return err
			}
		}
		if bulkRoom > 0 {
			bulk, err = tx.PendingOutAfter(l.lastBulk, true, bulkRoom)
		}
		return err
	})
	if err != nil {
		return err
	}
	l.moreUrgent = urgentRoom <= 0 || len(urgent) == urgentRoom
	l.moreBulk = bulkRoom <= 0 || len(bulk) == bulkRoom
	now, hours := l.s.clock.Now(), l.s.hours()
	for _, rows := range [][]storage.OutMsg{urgent, bulk} {
		for _, m := range rows {
			l.admit(item{id: m.ID, chat: m.ChatID, priority: m.Priority, notBefore: m.NotBefore, until: m.Until,
				method: m.Method, payload: m.Payload, after: m.After}, now, hours)
			if m.Priority > storage.PriorityBulk {
				l.lastUrgent = max(l.lastUrgent, m.ID)
			} else {
				l.lastBulk = max(l.lastBulk, m.ID)
			}
		}
	}
	return nil
}
