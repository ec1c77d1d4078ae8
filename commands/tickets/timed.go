package tickets

import (
	"context"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// batchTimed bounds how many tickets one scheduled run handles; the rest
// wait for the next run.
const batchTimed = 200

// Escalate tells staff, once per ticket and step, of tickets unclaimed for
// longer than tickets.escalate_after and of tickets past their category's
// deadline. Several at once for the same reason are one message listing
// them, with a count.
func (a *Tickets) Escalate(ctx context.Context, tx *storage.Tx, now time.Time) error {
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
	var unclaimed []escalation
	for _, tk := range late {
		unclaimed = append(unclaimed, escalation{tk, a.Cfg.Tickets.EscalateAfter})
		if err := tx.MarkEscalated(tk.ID, 1); err != nil {
			return err
		}
	}
	if err := a.escalate(r, staff, unclaimed, "escalate.unclaimed"); err != nil {
		return err
	}
	var overdue []escalation
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
			overdue = append(overdue, escalation{tk, c.Deadline})
			if err := tx.MarkEscalated(tk.ID, 2); err != nil {
				return err
			}
		}
	}
	return a.escalate(r, staff, overdue, "escalate.deadline")
}

// escalation is one ticket to tell staff of, and the hours it is over.
type escalation struct {
	tk    storage.Ticket
	hours float64
}

// escalate tells every reachable staff member of list for the reason key:
// one ticket as it is, several as one message with a Claim button each.
func (a *Tickets) escalate(r *core.Req, staff []storage.Member, list []escalation, key string) error {
	if len(list) == 0 {
		return nil
	}
	told := 0
	for _, m := range staff {
		if ok, err := a.Reachable(r.Tx, m); err != nil || !ok {
			if err != nil {
				return err
			}
			continue
		}
		lang := a.LangOf(m)
		text, kb := a.escalationText(lang, r.Now, list, key)
		if err := a.Send(r.Tx, m.ID, text, kb, storage.PriorityBulk, r.Now); err != nil {
			return err
		}
		told++
	}
	if told > 0 {
		return nil
	}
	for _, e := range list {
		a.Log.Warn("no staff could be reached to escalate a ticket to", "ticket", e.tk.ID, "what", key)
		if err := r.Tx.RecordUnreached(e.tk.ID, key, r.Now); err != nil {
			return err
		}
	}
	return nil
}

func (a *Tickets) escalationText(lang string, now time.Time, list []escalation, key string) (string, telegram.Keyboard) {
	if len(list) == 1 {
		e := list[0]
		return a.Cat.T(lang, key, a.Headline(lang, e.tk), a.Age(lang, now, e.tk.CreatedAt), e.hours,
			a.StateLabel(lang, e.tk.State), core.Quote(a.TicketText(lang, e.tk), 200)), a.claimKeyboard(lang, e.tk)
	}
	var b strings.Builder
	b.WriteString(a.Cat.T(lang, key+"_many", len(list)))
	var rows [][]telegram.Button
	for _, e := range list {
		b.WriteString("\n• " + a.Cat.T(lang, key+"_line", a.Headline(lang, e.tk), a.Age(lang, now, e.tk.CreatedAt), e.hours))
		rows = append(rows, []telegram.Button{{Text: a.Cat.T(lang, "button.claim_n", e.tk.ID), CallbackData: "tk:claim:" + core.Itoa(e.tk.ID)}})
	}
	return b.String(), telegram.Keyboard{InlineKeyboard: rows}
}

// AutoClose closes resolved tickets whose reporter did not answer within
// tickets.auto_close_days, and tells them.
func (a *Tickets) AutoClose(ctx context.Context, tx *storage.Tx, now time.Time) error {
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
		if err := a.TellFollowers(r, next, 0, key,
			core.InLang(func(lang string) string { return a.Cat.N(lang, "count.days", a.Cfg.Tickets.AutoCloseDays) })); err != nil {
			return err
		}
		if err := a.RefreshGroupLine(r, next); err != nil {
			return err
		}
	}
	return nil
}

// Housekeeping drops what the bot no longer needs: processed updates and
// finished replies older than a month. Tickets, their events and
// announcements' delivery records are kept.
func (a *Tickets) Housekeeping(ctx context.Context, tx *storage.Tx, now time.Time) error {
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
	return a.retention.StripClosed(ctx, tx, now)
}
