package patrol

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// rotationSteps choose the rotation one member at a time, in order: the
// team's members as buttons, [No rotation] at the first and [That's all]
// after. Each is asked while the one before chose a member and the team
// has more; the first also takes a typed list ("@wang @chen 1234").
func (a *Patrol) rotationSteps() []core.Step {
	var out []core.Step
	for i := 1; i <= maxRotation; i++ {
		st := core.PersonStep{Name: rotName(i), Ask: a.askRot(i), People: a.rotPeople(i), Extra: a.rotExtra(i)}
		if i == 1 {
			st.Label, st.Other = "patrol.step.rot", a.rotTyped
			out = append(out, st)
			continue
		}
		n := i
		out = append(out, core.OnlyIf(func(v core.Values) bool {
			return v.Int(rotName(n-1)) != 0 && v.Int("nteam") >= int64(n)
		}, st))
	}
	return out
}

// rotation is the rotation chosen so far: a typed list, or the members
// chosen one by one.
func rotation(v core.Values) []int64 {
	var l rotList
	if v.Get(rotName(1), &l) && len(l.IDs) > 0 {
		return l.IDs
	}
	var ids []int64
	for i := 1; i <= maxRotation; i++ {
		id := v.Int(rotName(i))
		if id == 0 {
			break
		}
		ids = append(ids, id)
	}
	return ids
}

func (a *Patrol) askRot(i int) func(*core.Req, core.Values) string {
	return func(r *core.Req, v core.Values) string {
		if i == 1 {
			return r.T("patrol.ask_rot")
		}
		var names []string
		chosen := rotation(v)
		for _, id := range chosen[:min(len(chosen), i-1)] {
			names = append(names, core.Esc(a.MemberName(r, id)))
		}
		return r.T("patrol.ask_rot_next", a.ListJoin(r.Lang, names))
	}
}

// rotPeople are the team's members not chosen at an earlier step.
func (a *Patrol) rotPeople(i int) func(*core.Req, core.Values) ([]storage.Member, error) {
	return func(r *core.Req, v core.Values) ([]storage.Member, error) {
		if may, err := a.mayManagePatrol(r, v.Int("team")); err != nil || !may {
			return nil, err // no longer the team's lead: nobody is offered
		}
		ms, err := r.Tx.TeamMembers(v.Int("team"))
		if err != nil {
			return nil, err
		}
		chosen := rotation(v)
		chosen = chosen[:min(len(chosen), i-1)]
		var out []storage.Member
		for _, m := range ms {
			if !core.ContainsID(chosen, m.ID) {
				out = append(out, m)
			}
		}
		return out, nil
	}
}

func (a *Patrol) rotExtra(i int) func(*core.Req, core.Values) []core.Option {
	return func(*core.Req, core.Values) []core.Option {
		if i == 1 {
			return []core.Option{a.Option("none", "patrol.btn.no_rotation", "无", "没有", "none")}
		}
		return []core.Option{a.Option("done", "patrol.btn.rot_done", "好了", "就这些", "没有了", "done")}
	}
}

// rotTyped reads a rotation typed as a list at the first step: "@wang
// @chen 1234", members of the team in order.
func (a *Patrol) rotTyped(r *core.Req, v core.Values, text string) (any, string) {
	var ids []int64
	for _, w := range strings.FieldsFunc(text, func(c rune) bool { return c == ' ' || c == ',' || c == '，' || c == '、' }) {
		m, ok, err := a.teamMember(r, v.Int("team"), w)
		if err != nil {
			a.Log.Error("patrol rotation: read a member", "err", err)
		}
		if err != nil || !ok {
			return nil, r.T("patrol.bad_rot", core.Esc(core.LimitRunes(w, 40)))
		}
		if !core.ContainsID(ids, m.ID) {
			ids = append(ids, m.ID)
		}
	}
	if len(ids) == 0 {
		return nil, r.T("patrol.bad_rot", core.Esc(core.LimitRunes(text, 40)))
	}
	return rotList{IDs: ids}, ""
}

// teamMember finds "@username" or an id among team's members.
func (a *Patrol) teamMember(r *core.Req, team int64, w string) (storage.Member, bool, error) {
	var m storage.Member
	var err error
	if strings.HasPrefix(w, "@") {
		m, err = r.Tx.MemberByUsername(w)
	} else if id, ok := core.IdArg(w); ok {
		m, err = r.Tx.Member(id)
	} else {
		return m, false, nil
	}
	if err != nil {
		return m, false, nil // nobody, or a name two members hold: not one member of the team
	}
	in, err := r.Tx.InTeam(team, m.ID)
	return m, in, err
}
