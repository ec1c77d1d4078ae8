package jobs

import (
	"strconv"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// jobClearCmd: /job clear @user lets a member with too many no-shows sign
// up again; /job clear alone offers the people with no-shows the caller
// may let.
func (a *Jobs) jobClearCmd(r *core.Req) error {
	words := strings.Fields(core.CleanLine(r.Args))[1:]
	if len(words) == 0 && (r.Msg == nil || r.Msg.ReplyToMessage == nil) {
		people, err := a.noShowPeople(r, nil)
		if err != nil {
			return err
		}
		if len(people) == 0 {
			return r.Reply(r.T("job.clear_none"), nil)
		}
		return a.clearJob.Start(r, nil)
	}
	m, _, err := a.Target(r, words)
	if err != nil || m == nil {
		return err
	}
	return a.clearNoShows(r, m.ID, 0)
}

// clearJobDialog asks whom to let sign up again, among the people with
// no-shows the caller may let.
func (a *Jobs) clearJobDialog() *core.Dialog {
	return &core.Dialog{
		Name: FlowJobClear,
		Steps: []core.Step{
			core.PersonStep{Name: "who", Ask: core.Say("job.clear_ask"), People: a.noShowPeople},
		},
		Done: func(r *core.Req, v core.Values) error { return a.clearNoShows(r, v.Int("who"), 0) },
	}
}

// noShowPeople are those with no-shows in the window whom the caller may
// let sign up again.
func (a *Jobs) noShowPeople(r *core.Req, _ core.Values) ([]storage.Member, error) {
	all, err := r.Tx.NoShowMembers(r.Now.Add(-noShowWindow))
	if err != nil {
		return nil, err
	}
	var out []storage.Member
	for _, m := range all {
		ok, err := a.mayClearNoShows(r, m.ID, 0)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, m)
		}
	}
	return out, nil
}

// jobClearButton is the Let them sign up again button sent to the leads.
func (a *Jobs) jobClearButton(r *core.Req, parts []string) error {
	member, team, ok := clearArgs(parts)
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return a.clearNoShows(r, member, team)
}

// clearArgs are the member and team of "jb:clr:<member>:<team>".
func clearArgs(parts []string) (member, team int64, ok bool) {
	if len(parts) != 4 {
		return 0, 0, false
	}
	member, ok = core.IdArg(parts[2])
	team, err := strconv.ParseInt(parts[3], 10, 64)
	return member, team, ok && err == nil
}

func (a *Jobs) clearNoShows(r *core.Req, member, team int64) error {
	ok, err := a.mayClearNoShows(r, member, team)
	if err != nil {
		return err
	}
	if !ok {
		return r.Reply(r.T("job.clear_forbidden"), nil)
	}
	m, err := r.Tx.Member(member)
	if core.IsNotFound(err) {
		return r.Reply(r.T("grant.unknown_user"), nil)
	}
	if err != nil {
		return err
	}
	n, err := r.Tx.ClearNoShows(member)
	if err != nil {
		return err
	}
	if n == 0 {
		return r.Reply(r.T("job.clear_nothing", core.Esc(m.Name)), nil)
	}
	if err := a.TellMember(r, member, nil, "job.cleared_you"); err != nil {
		return err
	}
	return r.Reply(r.T("job.cleared", core.Esc(m.Name)), nil)
}
