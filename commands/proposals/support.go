package proposals

import (
	"courtyard/commands/core"
)

// support takes a press on Support, in the group or in private: one
// support per registered resident the proposal concerns; anyone else is
// told why not. The count is edited on every copy.
func (a *Proposals) support(r *core.Req) error {
	p, ok, err := pressed(r)
	if err != nil {
		return err
	}
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	if why := supportRefusal(r.Me, p); why != "" {
		return r.Toast(r.T(why, p.Building, p.Building))
	}
	added, err := r.Tx.Support(p.ID, r.Me.ID, r.Now)
	if err != nil {
		return err
	}
	if !added {
		return r.Toast(r.T("pp.already"))
	}
	if err := a.refresh(r, p.ID); err != nil {
		return err
	}
	return r.Toast(r.N("pp.supported", p.Supports+1))
}
