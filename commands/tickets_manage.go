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
		person, err = r.tx.MemberByUsername(who)
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
	opts := storage.TransitionOpts{Assignee: person.ID, Team: team.ID}
	next, _, err := r.tx.Transition(tk.ID, storage.ActAssign, r.me.ID, opts, r.now)
	if err != nil {
		return a.refuse(r, tk, err)
	}
	if person.ID != 0 {
		if err := a.tellMember(r, person.ID, a.workKeyboardFor(r, next), "assign.told_person",
			a.headlineFor(r, person.ID, next), quote(next.Text, 300), esc(r.me.Name)); err != nil {
			return err
		}
		if err := a.tellFollowers(r, next, r.me.ID, "ticket.told_claimed", esc(person.Name), r.t("role."+string(a.roleOf(person)))); err != nil {
			return err
		}
		if err := r.reply(r.t("assign.done", next.ID, esc(person.Name)), nil); err != nil {
			return err
		}
	} else {
		if err := a.alertTeam(r, next, team); err != nil {
			return err
		}
		if err := r.reply(r.t("assign.done_team", next.ID, esc(team.Name)), nil); err != nil {
			return err
		}
	}
	return a.refreshGroupLine(r, next)
}

// alertTeam sends a dispatched ticket to every member of the team.
func (a *App) alertTeam(r *req, tk storage.Ticket, team storage.Team) error {
	ids, err := r.tx.TeamMemberIDs(team.ID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		m, err := r.tx.Member(id)
		if err != nil {
			return err
		}
		if !canDM(m) || m.ID == r.me.ID {
			continue
		}
		lang := a.langOf(m)
		text := a.cat.T(lang, "assign.told_team", esc(team.Name), a.headline(lang, tk), quote(tk.Text, 300))
		if err := a.send(r.tx, m.ID, text, a.claimKeyboard(lang, tk), storage.PriorityReply, r.now); err != nil {
			return err
		}
	}
	return nil
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
	if err := a.tellFollowers(r, next, r.me.ID, "reject.told", quote(reason, 300)); err != nil {
		return err
	}
	if err := r.reply(r.t("reject.done", next.ID), nil); err != nil {
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
	reason := strings.Join(words[1:], " ")
	next, _, err := r.tx.Transition(tk.ID, storage.ActDuplicate, r.me.ID, storage.TransitionOpts{Note: reason, DuplicateOf: of}, r.now)
	if err != nil {
		return a.refuse(r, tk, err)
	}
	// The reporter and followers of the duplicate follow the original.
	followers, err := r.tx.TicketFollowers(tk.ID)
	if err != nil {
		return err
	}
	for _, id := range append(followers, tk.ReporterID) {
		if id == orig.ReporterID {
			continue
		}
		if _, err := r.tx.FollowTicket(of, id, r.now); err != nil {
			return err
		}
	}
	if err := a.tellFollowers(r, next, r.me.ID, "duplicate.told", of, of); err != nil {
		return err
	}
	if err := r.reply(r.t("duplicate.done", next.ID, of), nil); err != nil {
		return err
	}
	return a.refreshGroupLine(r, next)
}
