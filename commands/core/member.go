package core

// MemberName is member id's name, or "" when unknown.
func (a *Core) MemberName(r *Req, id int64) string {
	m, err := r.Tx.Member(id)
	if err != nil {
		return ""
	}
	return m.Name
}
