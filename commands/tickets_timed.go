package commands

import (
	"context"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
)

// batchTimed bounds how many tickets one scheduled run handles; the rest
// wait for the next run.
const batchTimed = 200

// Escalate tells staff, once per ticket and step, of tickets unclaimed for
// longer than tickets.escalate_after and of tickets past their category's
// deadline.
func (a *App) Escalate(ctx context.Context, tx *storage.Tx, now time.Time) error {
	r := a.SystemReq(ctx, tx, now)
	staff, err := a.Staff(tx)
	if err != nil {
		return err
	}
	after := time.Duration(a.Cfg.Tickets.EscalateAfter * float64(time.Hour))
	late, err := tx.UnclaimedSince(now.Add(-after), batchTimed)
	if err != nil {
		return err
	}
	for _, tk := range late {
		if err := a.escalate(r, staff, tk, "escalate.unclaimed", a.Cfg.Tickets.EscalateAfter); err != nil {
			return err
		}
		if err := tx.MarkEscalated(tk.ID, 1); err != nil {
			return err
		}
	}
	for _, c := range a.AllCategories() {
		if c.Deadline <= 0 {
			continue
		}
		due := time.Duration(c.Deadline * float64(time.Hour))
		over, err := tx.ActiveTicketsByCategory(c.Key, now.Add(-due), batchTimed)
		if err != nil {
			return err
		}
		for _, tk := range over {
			if err := a.escalate(r, staff, tk, "escalate.deadline", c.Deadline); err != nil {
				return err
			}
			if err := tx.MarkEscalated(tk.ID, 2); err != nil {
				return err
			}
		}
	}
	return nil
}

func (a *App) escalate(r *core.Req, staff []storage.Member, tk storage.Ticket, key string, hours float64) error {
	told := 0
	for _, m := range staff {
		if ok, err := a.Reachable(r.Tx, m); err != nil || !ok {
			if err != nil {
				return err
			}
			continue
		}
		lang := a.LangOf(m)
		text := a.Cat.T(lang, key, a.Headline(lang, tk), a.Age(lang, r.Now, tk.CreatedAt), hours,
			a.StateLabel(lang, tk.State), core.Quote(a.TicketText(lang, tk), 200))
		if err := a.Send(r.Tx, m.ID, text, a.claimKeyboard(lang, tk), storage.PriorityBulk, r.Now); err != nil {
			return err
		}
		told++
	}
	if told == 0 {
		a.Log.Warn("no staff could be reached to escalate a ticket to", "ticket", tk.ID, "what", key)
		return r.Tx.RecordUnreached(tk.ID, key, r.Now)
	}
	return nil
}

// AutoClose closes resolved tickets whose reporter did not answer within
// tickets.auto_close_days, and tells them.
func (a *App) AutoClose(ctx context.Context, tx *storage.Tx, now time.Time) error {
	r := a.SystemReq(ctx, tx, now)
	days := time.Duration(a.Cfg.Tickets.AutoCloseDays) * 24 * time.Hour
	tks, err := tx.ResolvedBefore(now.Add(-days), batchTimed)
	if err != nil {
		return err
	}
	for _, tk := range tks {
		next, _, err := tx.Transition(tk.ID, storage.ActAutoclose, 0, storage.TransitionOpts{}, now)
		if err != nil {
			return err
		}
		key := "ticket.autoclosed"
		if next.Kind == storage.TicketKindWish {
			key = "ticket.autoclosed_wish"
		}
		if err := a.tellFollowers(r, next, 0, key,
			core.InLang(func(lang string) string { return a.Cat.N(lang, "count.days", a.Cfg.Tickets.AutoCloseDays) })); err != nil {
			return err
		}
		if err := a.refreshGroupLine(r, next); err != nil {
			return err
		}
	}
	return nil
}

// Housekeeping drops what the bot no longer needs: processed updates and
// finished replies older than a month. Tickets, their events and
// announcements' delivery records are kept.
func (a *App) Housekeeping(ctx context.Context, tx *storage.Tx, now time.Time) error {
	before := now.AddDate(0, -1, 0)
	n, err := tx.PruneInbox(before)
	if err != nil {
		return err
	}
	m, err := tx.PruneOutbox(before)
	if err != nil {
		return err
	}
	a.Log.Info("housekeeping", "updates_pruned", n, "messages_pruned", m)
	return a.StripClosed(ctx, tx, now)
}
