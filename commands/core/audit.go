package core

import (
	"courtyard/storage"
	"encoding/json"
	"strconv"
	"time"
)

// Audit records that the person behind r did action to target (an id such
// as "m:12", "t:5", "h:3", "job:7") with a short structured detail. Every
// action that changes someone else's data or reaches many people calls it.
// The entry is written when the handler succeeds, in the update's
// transaction (so it is there exactly when the action is).
func (a *Core) Audit(r *Req, action, target string, detail any) {
	d := ""
	if detail != nil {
		if b, err := json.Marshal(detail); err == nil {
			d = string(b)
		}
	}
	r.audits = append(r.audits, storage.AuditEntry{At: r.Now, ActorID: r.Me.ID, Action: action, Target: target, Detail: d})
}

// AuditSystem records an action the clock took (no one pressed anything):
// its actor is 0.
func (a *Core) AuditSystem(tx *storage.Tx, now time.Time, action, target string, detail any) error {
	d := ""
	if detail != nil {
		if b, err := json.Marshal(detail); err == nil {
			d = string(b)
		}
	}
	return tx.AddAudit(storage.AuditEntry{At: now, ActorID: 0, Action: action, Target: target, Detail: d})
}

// writeAudit stores the entries a handler recorded.
func (r *Req) writeAudit() error {
	for _, e := range r.audits {
		if err := r.Tx.AddAudit(e); err != nil {
			return err
		}
	}
	r.audits = nil
	return nil
}

// MemberTarget is the audit target naming a member.
func MemberTarget(id int64) string { return "m:" + strconv.FormatInt(id, 10) }

// RoleAction is the audit action of a role change: back to resident is a
// revoke, anything else a grant.
func RoleAction(to storage.Role) string {
	if to == storage.RoleResident {
		return "role.revoke"
	}
	return "role.grant"
}

// RemovedName is how a forgotten member's name shows to a reader.
func (a *Core) RemovedName(lang string) string { return a.Cat.T(lang, "privacy.removed") }

// FillRemoved names forgotten members (their rows keep no name) in names.
func (a *Core) FillRemoved(names map[int64]string, lang string) {
	for id, n := range names {
		if n == "" && id < 0 {
			names[id] = a.RemovedName(lang)
		}
	}
}

// RemovedBoth names a forgotten member in files read in either language.
const RemovedBoth = "已删除 removed"

// ShownName is name, or "removed" for a forgotten member's tombstone.
func (a *Core) ShownName(lang string, id int64, name string) string {
	if name == "" && id < 0 {
		return a.RemovedName(lang)
	}
	return name
}
