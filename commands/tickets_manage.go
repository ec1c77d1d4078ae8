package commands

import (
	"strconv"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// manageTarget reads "<n> ..." for /assign, /reject and /duplicate and
// checks the caller may manage that ticket. It answers the caller itself
// and returns ok=false when not.
func (a *App) manageTarget(r *core.Req, usage string) (storage.Ticket, []string, bool, error) {
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

// assign: /assign <n> <@user|id|team>.
func (a *App) assign(r *core.Req) error {
	tk, words, ok, err := a.manageTarget(r, "assign.usage")
	if !ok || err != nil {
		return err
	}
	if len(words) == 0 {
		return r.Reply(r.T("assign.usage"), nil)
	}
	who := strings.Join(words, " ")
	var person storage.Member
	var team storage.Team
	switch {
	case strings.HasPrefix(who, "@"):
		if person, ok, err = a.MemberByUsername(r, who); !ok && !core.IsNotFound(err) {
			return err
		}
	default:
		if id, perr := strconv.ParseInt(who, 10, 64); perr == nil {
			person, err = r.Tx.Member(id)
		} else {
			team, err = r.Tx.TeamByName(who)
		}
	}
	if core.IsNotFound(err) {
		return r.Reply(r.T("assign.unknown", core.Esc(core.LimitRunes(who, 40))), nil)
	}
	if err != nil {
		return err
	}
	opts := storage.TransitionOpts{Assignee: person.ID, Team: team.ID, Note: person.Name + team.Name}
	next, _, err := r.Tx.Transition(tk.ID, storage.ActAssign, r.Me.ID, opts, r.Now)
	if err != nil {
		return a.refuse(r, tk, err)
	}
	a.Audit(r, "ticket.assign", "t:"+core.Itoa(tk.ID), map[string]int64{"member": person.ID, "team": team.ID})
	if person.ID != 0 {
		told, err := a.TellTo(r, person.ID, a.workKeyboardFor(r, next), "assign.told_person",
			a.headlineFor(r, person.ID, next), core.Quote(a.TicketText(a.LangOf(person), next), 300), core.Esc(r.Me.Name))
		if err != nil {
			return err
		}
		if told && person.ID != r.Me.ID {
			if err := a.sendMedia(r.Tx, person.ID, a.LangOf(person), next, storage.PriorityReply, r.Now); err != nil {
				return err
			}
		}
		if err := a.tellFollowers(r, next, r.Me.ID, "ticket.told_claimed", core.Esc(person.Name), a.roleIn(a.RoleOf(person))); err != nil {
			return err
		}
		done := r.T("assign.done", next.ID, core.Esc(person.Name))
		if !told {
			done = r.T("assign.done_untold", next.ID, core.Esc(person.Name))
		}
		if err := r.Reply(done, nil); err != nil {
			return err
		}
	} else {
		told, err := a.alertTeam(r, next, team)
		if err != nil {
			return err
		}
		done := r.T("assign.done_team", next.ID, core.Esc(team.Name))
		if told == 0 {
			done = r.T("assign.done_team_untold", next.ID, core.Esc(team.Name))
		}
		if err := r.Reply(done, nil); err != nil {
			return err
		}
	}
	return a.refreshGroupLine(r, next)
}

// alertTeam sends a dispatched ticket to every member of the team who can
// be reached, and says how many that was.
func (a *App) alertTeam(r *core.Req, tk storage.Ticket, team storage.Team) (int, error) {
	ids, err := r.Tx.TeamMemberIDs(team.ID)
	if err != nil {
		return 0, err
	}
	told := 0
	for _, id := range ids {
		m, err := r.Tx.Member(id)
		if err != nil {
			return told, err
		}
		if m.ID == r.Me.ID {
			told++ // the one dispatching it knows
			continue
		}
		if ok, err := a.Reachable(r.Tx, m); err != nil || !ok {
			if err != nil {
				return told, err
			}
			continue
		}
		lang := a.LangOf(m)
		text := a.Cat.T(lang, "assign.told_team", core.Esc(team.Name), a.Headline(lang, tk), core.Quote(a.TicketText(lang, tk), 300))
		if err := a.Send(r.Tx, m.ID, text, a.claimKeyboard(lang, tk), storage.PriorityReply, r.Now); err != nil {
			return told, err
		}
		told++
	}
	return told, nil
}

// reject: /reject <n> <reason>.
func (a *App) reject(r *core.Req) error {
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
		return a.refuse(r, tk, err)
	}
	a.Audit(r, "ticket.reject", "t:"+core.Itoa(tk.ID), map[string]string{"reason": reason})
	told := false
	if next.ReporterID != r.Me.ID {
		if told, err = a.TellTo(r, next.ReporterID, nil, "reject.told", a.headlineFor(r, next.ReporterID, next), core.Quote(reason, 300)); err != nil {
			return err
		}
	}
	if err := a.tellFollowers(r, next, next.ReporterID, "reject.told", core.Quote(reason, 300)); err != nil {
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
	return a.refreshGroupLine(r, next)
}

// duplicate: /duplicate <n> <of> [reason].
func (a *App) duplicate(r *core.Req) error {
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
		return a.refuse(r, tk, err)
	}
	a.Audit(r, "ticket.duplicate", "t:"+core.Itoa(tk.ID), map[string]any{"of": of, "reason": reason})
	if err := a.moveFollowers(r, next, orig); err != nil {
		return err
	}
	if err := r.Reply(r.T("duplicate.done", next.ID, of), nil); err != nil {
		return err
	}
	return a.refreshGroupLine(r, next)
}

// moveFollowers: the reporter and followers of a duplicate follow the
// original when they may (residents of its building), and are told its
// number only when they may see it.
func (a *App) moveFollowers(r *core.Req, dup, orig storage.Ticket) error {
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
