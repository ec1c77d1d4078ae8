package commands

import (
	"time"
)

// status shows staff how sending and polling are going.
func (a *App) status(r *req) error {
	h, err := r.tx.OutboxHealth(r.now)
	if err != nil {
		return err
	}
	oldest := "—"
	if !h.OldestQueued.IsZero() {
		oldest = r.now.Sub(h.OldestQueued).Round(time.Second).String()
	}
	last := "—"
	if t := a.health.LastPoll(); !t.IsZero() {
		last = t.In(a.loc).Format("2006-01-02 15:04:05")
	}
	text := r.t("status.body", h.Pending, oldest, h.SentLastHour, r.n("status.times", int(a.health.TooMany())), last)
	list, n, err := r.tx.UnreachedAlerts(r.now.AddDate(0, 0, -30), 10)
	if err != nil {
		return err
	}
	if n > 0 {
		text += "\n" + r.t("status.unreached", n, a.unreachedTickets(list))
	}
	return r.reply(text, nil)
}
