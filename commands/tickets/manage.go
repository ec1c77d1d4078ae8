package tickets

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// manageTarget reads "<n> ..." for /assign, /reject and /duplicate and
// checks the caller may manage that ticket. It answers the caller itself
// and returns ok=false when not.
func (a *Tickets) manageTarget(r *core.Req, usage string) (storage.Ticket, []string, bool, error) {
	words := strings.Fields(core.CleanLine(r.Args))
	if len(words) == 0 {
		return storage.Ticket{}, nil, false, r.Reply(r.T(usage), nil)
	}
	id, ok := core.IdArg(words[0])
	if !ok {
		return storage.Ticket{}, nil, false, r.Reply(r.T(usage), nil)
	}
	tk, err := r.Tx.Ticket(id)
	if core.IsNotFound(err) {
		return tk, nil, false, r.Reply(r.T("ticket.not_found", id), nil)
	}
	if err != nil {
		return tk, nil, false, err
	}
	if !a.mayManage(r, tk) {
		return tk, nil, false, r.Reply(r.T("ticket.not_found", id), nil)
	}
	return tk, words[1:], true, nil
}

// reject: /reject <n> <reason>.
func (a *Tickets) reject(r *core.Req) error {
	tk, words, ok, err := a.manageTarget(r, "reject.usage")
	if !ok || err != nil {
		return err
	}
	reason := strings.Join(words, " ")
	if reason == "" {
		return r.Reply(r.T("reject.usage"), nil)
	}
	if core.RuneLen(reason) > 500 {
		return r.Reply(r.T("report.too_long", core.RuneLen(reason), 500), nil)
	}
	next, _, err := r.Tx.Transition(tk.ID, storage.ActReject, r.Me.ID, storage.TransitionOpts{Note: reason}, r.Now)
	if err != nil {
		return a.Refuse(r, tk, err)
	}
	a.Audit(r, "ticket.reject", "t:"+core.Itoa(tk.ID), map[string]string{"reason": reason})
	told := false
	if next.ReporterID != r.Me.ID {
		if told, err = a.TellTo(r, next.ReporterID, nil, "reject.told", a.headlineFor(r, next.ReporterID, next), core.Quote(reason, 300)); err != nil {
			return err
		}
	}
	if err := a.TellFollowers(r, next, next.ReporterID, "reject.told", core.Quote(reason, 300)); err != nil {
		return err
	}
	done := r.T("reject.done", next.ID)
	switch {
	case next.ReporterID == r.Me.ID:
		done = r.T("reject.done_own", next.ID)
	case !told:
		done = r.T("reject.done_untold", next.ID)
	}
	if err := r.Reply(done, nil); err != nil {
		return err
	}
	return a.RefreshGroupLine(r, next)
}

// duplicate: /duplicate <n> <of> [reason].
func (a *Tickets) duplicate(r *core.Req) error {
	tk, words, ok, err := a.manageTarget(r, "duplicate.usage")
	if !ok || err != nil {
		return err
	}
	if len(words) == 0 {
		return r.Reply(r.T("duplicate.usage"), nil)
	}
	of, ok := core.IdArg(words[0])
	if !ok || of == tk.ID {
		return r.Reply(r.T("duplicate.usage"), nil)
	}
	orig, err := r.Tx.Ticket(of)
	if core.IsNotFound(err) {
		return r.Reply(r.T("ticket.not_found", of), nil)
	}
	if err != nil {
		return err
	}
	if !a.mayManage(r, orig) {
		return r.Reply(r.T("ticket.not_found", of), nil)
	}
	reason := strings.Join(words[1:], " ")
	next, _, err := r.Tx.Transition(tk.ID, storage.ActDuplicate, r.Me.ID, storage.TransitionOpts{Note: reason, DuplicateOf: of}, r.Now)
	if err != nil {
		return a.Refuse(r, tk, err)
	}
	a.Audit(r, "ticket.duplicate", "t:"+core.Itoa(tk.ID), map[string]any{"of": of, "reason": reason})
	if err := a.moveFollowers(r, next, orig); err != nil {
		return err
	}
	if err := r.Reply(r.T("duplicate.done", next.ID, of), nil); err != nil {
		return err
	}
	return a.RefreshGroupLine(r, next)
}

// moveFollowers: the reporter and followers of a duplicate follow the
// original when they may (residents of its building), and are told its
// number only when they may see it.
func (a *Tickets) moveFollowers(r *core.Req, dup, orig storage.Ticket) error {
	followers, err := r.Tx.TicketFollowers(dup.ID)
	if err != nil {
		return err
	}
	seen := map[int64]bool{r.Me.ID: true}
	for _, id := range append([]int64{dup.ReporterID}, followers...) {
		if seen[id] {
			continue
		}
		seen[id] = true
		m, err := r.Tx.Member(id)
		if core.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		v := a.viewerOf(m)
		if a.mayFollow(v, orig) {
			if _, err := r.Tx.FollowTicket(orig.ID, id, r.Now); err != nil {
				return err
			}
		}
		acc, err := a.ticketAccess(r.Tx, v, orig)
		if err != nil {
			return err
		}
		key, args := "duplicate.told_elsewhere", []any{a.headlineFor(r, id, dup)}
		if acc != accessNone {
			key, args = "duplicate.told", append(args, orig.ID, orig.ID)
		}
		if err := a.TellMember(r, id, nil, key, args...); err != nil {
			return err
		}
	}
	return nil
}
