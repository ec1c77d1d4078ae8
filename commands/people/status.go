package people

import (
	"courtyard/commands/core"
	"time"
)

// status shows staff how sending and polling are going.
func (a *People) status(r *core.Req) error {
	h, err := r.Tx.OutboxHealth(r.Now)
	if err != nil {
		return err
	}
	oldest := "—"
	if !h.OldestQueued.IsZero() {
		oldest = r.Now.Sub(h.OldestQueued).Round(time.Second).String()
	}
	last := "—"
	if t := a.Health.LastPoll(); !t.IsZero() {
		last = t.In(a.Loc).Format("2006-01-02 15:04:05")
	}
	text := r.T("status.body", h.Pending, oldest, h.SentLastHour, r.N("status.times", int(a.Health.TooMany())), last)
	text += "\n" + r.T("status.late", h.LateLastDay)
	list, n, err := r.Tx.UnreachedAlerts(r.Now.AddDate(0, 0, -30), 10)
	if err != nil {
		return err
	}
	if n > 0 {
		text += "\n" + r.T("status.unreached", n, a.tickets.UnreachedTickets(list))
	}
	return r.Reply(text, nil)
}
