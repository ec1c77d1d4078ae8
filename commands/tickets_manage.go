package commands

import (
	"strconv"
	"strings"

	"courtyard/storage"
)

// manageTarget reads "<n> ..." for /assign, /reject and /duplicate and
// checks the caller may manage that ticket. It answers the caller itself
// and returns ok=false when not.
func (a *App) manageTarget(r *req, usage string) (storage.Ticket, []string, bool, error) {
	words := strings.Fields(cleanLine(r.args))
	if len(words) == 0 {
		return storage.Ticket{}, nil, false, r.reply(r.t(usage), nil)
	}
	id, ok := idArg(words[0])
	if !ok {
		return storage.Ticket{}, nil, false, r.reply(r.t(usage), nil)
	}
	tk, err := r.tx.Ticket(id)
	if isNotFound(err) {
		return tk, nil, false, r.reply(r.t("ticket.not_found", id), nil)
	}
	if err != nil {
		return tk, nil, false, err
	}
	if !a.mayManage(r, tk) {
		return tk, nil, false, r.reply(r.t("ticket.not_found", id), nil)
	}
	return tk, words[1:], true, nil
}

// assign: /assign <n> <@user|id|team>.
func (a *App) assign(r *req) error {
	tk, words, ok, err := a.manageTarget(r, "assign.usage")
	if !ok || err != nil {
		return err
	}
	if len(words) == 0 {
		return r.reply(r.t("assign.usage"), nil)
	}
	who := strings.Join(words, " ")
	var person storage.Member
	var team storage.Team
	switch {
	case strings.HasPrefix(who, "@"):
		if person, ok, err = a.memberByUsername(r, who); !ok && !isNotFound(err) {
			return err
		}
	default:
		if id, perr := strconv.ParseInt(who, 10, 64); perr == nil {
			person, err = r.tx.Member(id)
		} else {
			team, err = r.tx.TeamByName(who)
		}
	}
	if isNotFound(err) {
		return r.reply(r.t("assign.unknown", esc(limitRunes(who, 40))), nil)
	}
	if err != nil {
		return err
	}
	opts := storage.TransitionOpts{Assignee: person.ID, Team: team.ID, Note: person.Name + team.Name}
	next, _, err := r.tx.Transition(tk.ID, storage.ActAssign, r.me.ID, opts, r.now)
	if err != nil {
		return a.refuse(r, tk, err)
	}
	a.audit(r, "ticket.assign", "t:"+itoa(tk.ID), map[string]int64{"member": person.ID, "team": team.ID})
	if person.ID != 0 {
		told, err := a.tellTo(r, person.ID, a.workKeyboardFor(r, next), "assign.told_person",
			a.headlineFor(r, person.ID, next), quote(a.ticketText(a.langOf(person), next), 300), esc(r.me.Name))
		if err != nil {
			return err
		}
		if told && person.ID != r.me.ID {
			if err := a.sendMedia(r.tx, person.ID, a.langOf(person), next, storage.PriorityReply, r.now); err != nil {
				return err
			}
		}
		if err := a.tellFollowers(r, next, r.me.ID, "ticket.told_claimed", esc(person.Name), a.roleIn(a.roleOf(person))); err != nil {
			return err
		}
		done := r.t("assign.done", next.ID, esc(person.Name))
		if !told {
			done = r.t("assign.done_untold", next.ID, esc(person.Name))
		}
		if err := r.reply(done, nil); err != nil {
			return err
		}
	} else {
		told, err := a.alertTeam(r, next, team)
		if err != nil {
			return err
		}
		done := r.t("assign.done_team", next.ID, esc(team.Name))
		if told == 0 {
			done = r.t("assign.done_team_untold", next.ID, esc(team.Name))
		}
		if err := r.reply(done, nil); err != nil {
			return err
		}
	}
	return a.refreshGroupLine(r, next)
}

// alertTeam sends a dispatched ticket to every member of the team who can
// be reached, and says how many that was.
func (a *App) alertTeam(r *req, tk storage.Ticket, team storage.Team) (int, error) {
	ids, err := r.tx.TeamMemberIDs(team.ID)
	if err != nil {
		return 0, err
	}
	told := 0
	for _, id := range ids {
		m, err := r.tx.Member(id)
		if err != nil {
			return told, err
		}
		if m.ID == r.me.ID {
			told++ // the one dispatching it knows
			continue
		}
		if ok, err := a.reachable(r.tx, m); err != nil || !ok {
			if err != nil {
				return told, err
			}
			continue
		}
		lang := a.langOf(m)
		text := a.cat.T(lang, "assign.told_team", esc(team.Name), a.headline(lang, tk), quote(a.ticketText(lang, tk), 300))
		if err := a.send(r.tx, m.ID, text, a.claimKeyboard(lang, tk), storage.PriorityReply, r.now); err != nil {
			return told, err
		}
		told++
	}
	return told, nil
}

// reject: /reject <n> <reason>.
func (a *App) reject(r *req) error {
	tk, words, ok, err := a.manageTarget(r, "reject.usage")
	if !ok || err != nil {
		return err
	}
	reason := strings.Join(words, " ")
	if reason == "" {
		return r.reply(r.t("reject.usage"), nil)
	}
	if runeLen(reason) > 500 {
		return r.reply(r.t("report.too_long", runeLen(reason), 500), nil)
	}
	next, _, err := r.tx.Transition(tk.ID, storage.ActReject, r.me.ID, storage.TransitionOpts{Note: reason}, r.now)
	if err != nil {
		return a.refuse(r, tk, err)
	}
	a.audit(r, "ticket.reject", "t:"+itoa(tk.ID), map[string]string{"reason": reason})
	told := false
	if next.ReporterID != r.me.ID {
		if told, err = a.tellTo(r, next.ReporterID, nil, "reject.told", a.headlineFor(r, next.ReporterID, next), quote(reason, 300)); err != nil {
			return err
		}
	}
	if err := a.tellFollowers(r, next, next.ReporterID, "reject.told", quote(reason, 300)); err != nil {
		return err
	}
	done := r.t("reject.done", next.ID)
	switch {
	case next.ReporterID == r.me.ID:
		done = r.t("reject.done_own", next.ID)
	case !told:
		done = r.t("reject.done_untold", next.ID)
	}
	if err := r.reply(done, nil); err != nil {
		return err
	}
	return a.refreshGroupLine(r, next)
}

// duplicate: /duplicate <n> <of> [reason].
func (a *App) duplicate(r *req) error {
	tk, words, ok, err := a.manageTarget(r, "duplicate.usage")
	if !ok || err != nil {
		return err
	}
	if len(words) == 0 {
		return r.reply(r.t("duplicate.usage"), nil)
	}
	of, ok := idArg(words[0])
	if !ok || of == tk.ID {
		return r.reply(r.t("duplicate.usage"), nil)
	}
	orig, err := r.tx.Ticket(of)
	if isNotFound(err) {
		return r.reply(r.t("ticket.not_found", of), nil)
	}
	if err != nil {
		return err
	}
	if !a.mayManage(r, orig) {
		return r.reply(r.t("ticket.not_found", of), nil)
	}
	reason := strings.Join(words[1:], " ")
	next, _, err := r.tx.Transition(tk.ID, storage.ActDuplicate, r.me.ID, storage.TransitionOpts{Note: reason, DuplicateOf: of}, r.now)
	if err != nil {
		return a.refuse(r, tk, err)
	}
	a.audit(r, "ticket.duplicate", "t:"+itoa(tk.ID), map[string]any{"of": of, "reason": reason})
	if err := a.moveFollowers(r, next, orig); err != nil {
		return err
	}
	if err := r.reply(r.t("duplicate.done", next.ID, of), nil); err != nil {
		return err
	}
	return a.refreshGroupLine(r, next)
}

// moveFollowers: the reporter and followers of a duplicate follow the
// original when they may (residents of its building), and are told its
// number only when they may see it.
func (a *App) moveFollowers(r *req, dup, orig storage.Ticket) error {
	followers, err := r.tx.TicketFollowers(dup.ID)
	if err != nil {
		return err
	}
	seen := map[int64]bool{r.me.ID: true}
	for _, id := range append([]int64{dup.ReporterID}, followers...) {
		if seen[id] {
			continue
		}
		seen[id] = true
		m, err := r.tx.Member(id)
		if isNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		v := a.viewerOf(m)
		if a.mayFollow(v, orig) {
			if _, err := r.tx.FollowTicket(orig.ID, id, r.now); err != nil {
				return err
			}
		}
		acc, err := a.ticketAccess(r.tx, v, orig)
		if err != nil {
			return err
		}
		key, args := "duplicate.told_elsewhere", []any{a.headlineFor(r, id, dup)}
		if acc != accessNone {
			key, args = "duplicate.told", append(args, orig.ID, orig.ID)
		}
		if err := a.tellMember(r, id, nil, key, args...); err != nil {
			return err
		}
	}
	return nil
}
