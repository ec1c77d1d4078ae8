package polls

import (
	"slices"
	"strconv"
	"strings"

	"courtyard/commands/core"
)

// vote takes a press on an option, in private or in a group: the vote of
// the household or the person, replacing their earlier one (an option
// ticked again is unticked when several may be chosen). The answer shows
// the voter their own vote only, never a count.
func (a *Polls) vote(r *core.Req) error {
	args := core.ButtonArgs(r.CB.Data, "po:")
	id, ok := core.IdArg(args.Arg(1))
	if !ok || args.Arg(0) != "v" {
		return r.Toast(r.T("error.stale_button"))
	}
	p, err := r.Tx.Poll(id)
	if core.IsNotFound(err) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	opt, err := strconv.Atoi(args.Arg(2))
	if err != nil || opt < 0 || opt >= len(p.Options) {
		return r.Toast(r.T("error.stale_button"))
	}
	if why := voteRefusal(r.Me, p); why != "" {
		return r.Toast(r.T(why))
	}
	key := voterKey(r.Me, p)
	choices := []int{opt}
	if p.Multi {
		mine, err := r.Tx.MyVote(id, key)
		if err != nil {
			return err
		}
		if i := slices.Index(mine, opt); i >= 0 {
			choices = slices.Delete(mine, i, i+1)
		} else {
			choices = append(mine, opt)
			slices.Sort(choices)
		}
	}
	if ok, err := r.Tx.Vote(id, key, r.Me.ID, r.Me.Building, choices, r.Now); err != nil || !ok {
		if err == nil {
			err = r.Toast(r.T("poll.closed"))
		}
		return err
	}
	var picked []string
	for _, c := range choices {
		if c >= 0 && c < len(p.Options) {
			picked = append(picked, p.Options[c])
		}
	}
	whose := "poll.voted_person"
	if p.Per == "unit" {
		whose = "poll.voted_unit"
	}
	if len(picked) == 0 {
		return r.Toast(r.T("poll.voted_none", a.WhenIn(r.Lang, p.ClosesAt)))
	}
	return r.Toast(r.T(whose, core.LimitRunes(strings.Join(picked, "、"), 80), a.WhenIn(r.Lang, p.ClosesAt)))
}
