package commands

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

// audit records that the person behind r did action to target (an id such
// as "m:12", "t:5", "h:3", "job:7") with a short structured detail. Every
// action that changes someone else's data or reaches many people calls it.
// The entry is written when the handler succeeds, in the update's
// transaction (so it is there exactly when the action is).
func (a *App) audit(r *req, action, target string, detail any) {
	d := ""
	if detail != nil {
		if b, err := json.Marshal(detail); err == nil {
			d = string(b)
		}
	}
	r.audits = append(r.audits, storage.AuditEntry{At: r.now, ActorID: r.me.ID, Action: action, Target: target, Detail: d})
}

// auditSystem records an action the clock took (no one pressed anything):
// its actor is 0.
func (a *App) auditSystem(tx *storage.Tx, now time.Time, action, target string, detail any) error {
	d := ""
	if detail != nil {
		if b, err := json.Marshal(detail); err == nil {
			d = string(b)
		}
	}
	return tx.AddAudit(storage.AuditEntry{At: now, ActorID: 0, Action: action, Target: target, Detail: d})
}

// writeAudit stores the entries a handler recorded.
func (r *req) writeAudit() error {
	for _, e := range r.audits {
		if err := r.tx.AddAudit(e); err != nil {
			return err
		}
	}
	r.audits = nil
	return nil
}

// memberTarget is the audit target naming a member.
func memberTarget(id int64) string { return "m:" + strconv.FormatInt(id, 10) }

const auditPage = 10

// auditFilter is what /audit was asked for, kept in its buttons.
type auditFilter struct {
	actor  int64
	action string
	month  string // "2026-11" or "2026-11-05", "" for any time
}

var (
	auditActionRe = regexp.MustCompile(`^[a-z][a-z_]{0,15}(\.[a-z_]{1,15})?$`)
	auditMonthRe  = regexp.MustCompile(`^\d{4}-\d{2}(-\d{2})?$`)
)

// parseAuditArgs reads /audit's filters: @user or an id, an action (or its
// family), a month or a day, in any order. ok is false with the word that
// made no sense; answered is true when the caller was already told why
// (a username several people hold).
func (a *App) parseAuditArgs(r *req, args string) (f auditFilter, bad string, answered bool, err error) {
	for _, w := range strings.Fields(cleanLine(args)) {
		lw := strings.ToLower(w)
		switch {
		case strings.HasPrefix(w, "@") && f.actor == 0:
			m, ok, err := a.memberByUsername(r, w)
			switch {
			case isNotFound(err):
				return f, w, false, nil
			case err != nil:
				return f, "", false, err
			case !ok:
				return f, "", true, nil
			}
			f.actor = m.ID
		case auditMonthRe.MatchString(w) && f.month == "":
			if _, _, ok := a.auditSpan(w); !ok {
				return f, w, false, nil
			}
			f.month = w
		case f.actor == 0 && isDigits(w):
			id, ok := idArg(w)
			if !ok {
				return f, w, false, nil
			}
			f.actor = id
		case auditActionRe.MatchString(lw) && f.action == "":
			f.action = lw
		default:
			return f, w, false, nil
		}
	}
	return f, "", false, nil
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// auditSpan is the time a month ("2026-11") or day ("2026-11-05") covers.
func (a *App) auditSpan(s string) (from, to time.Time, ok bool) {
	if t, err := time.ParseInLocation("2006-01-02", s, a.loc); err == nil {
		return t, t.AddDate(0, 0, 1), true
	}
	if t, err := time.ParseInLocation("2006-01", s, a.loc); err == nil {
		return t, t.AddDate(0, 1, 0), true
	}
	return time.Time{}, time.Time{}, false
}

// mayReadAudit is the one rule for the audit log: administrators, in private.
func mayReadAudit(r *req) bool { return r.role == storage.RoleAdmin && r.private() }

// auditCmd: /audit [@user|id] [action] [2026-11|2026-11-05].
func (a *App) auditCmd(r *req) error {
	f, bad, answered, err := a.parseAuditArgs(r, r.args)
	if err != nil || answered {
		return err
	}
	if bad != "" {
		return r.reply(r.t("audit.bad_filter", esc(limitRunes(bad, 32))), nil)
	}
	return a.showAudit(r, f, 0, false)
}

// auditButton pages: au:<offset>:<actor>:<action>:<month>. The press is
// authorised again and the filter read again as if typed.
func (a *App) auditButton(r *req) error {
	if !mayReadAudit(r) {
		return r.toast(r.t("audit.forbidden"))
	}
	parts := strings.Split(strings.TrimPrefix(r.cb.Data, "au:"), ":")
	if len(parts) != 4 {
		return r.toast(r.t("error.stale_button"))
	}
	off, err := strconv.Atoi(parts[0])
	if err != nil || off < 0 || off > 1_000_000 {
		return r.toast(r.t("error.stale_button"))
	}
	f := auditFilter{action: parts[2], month: parts[3]}
	if parts[1] != "" {
		if f.actor, err = strconv.ParseInt(parts[1], 10, 64); err != nil {
			return r.toast(r.t("error.stale_button"))
		}
	}
	if f.action != "" && !auditActionRe.MatchString(f.action) {
		return r.toast(r.t("error.stale_button"))
	}
	if _, _, ok := a.auditSpan(f.month); f.month != "" && !ok {
		return r.toast(r.t("error.stale_button"))
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return a.showAudit(r, f, off, true)
}

func (a *App) showAudit(r *req, f auditFilter, off int, edit bool) error {
	sf := storage.AuditFilter{Actor: f.actor, Action: f.action}
	if f.month != "" {
		sf.From, sf.To, _ = a.auditSpan(f.month)
	}
	list, err := r.tx.AuditPage(sf, off, auditPage+1)
	if err != nil {
		return err
	}
	more := len(list) > auditPage
	if more {
		list = list[:auditPage]
	}
	var b strings.Builder
	b.WriteString(r.t("audit.title") + "\n")
	if len(list) == 0 {
		b.WriteString(r.t("audit.none"))
	}
	ids := make([]int64, 0, len(list))
	for _, e := range list {
		ids = append(ids, e.ActorID)
	}
	names, err := r.tx.MemberNames(ids)
	if err != nil {
		return err
	}
	for _, e := range list {
		who := names[e.ActorID]
		if who == "" {
			who = r.t("privacy.removed")
			if e.ActorID == 0 {
				who = r.t("audit.system")
			}
		}
		b.WriteString(r.t("audit.line", e.At.In(a.loc).Format("2006-01-02 15:04"), esc(limitRunes(who, 32)), e.ActorID,
			esc(e.Action), esc(e.Target), esc(limitRunes(e.Detail, 200))) + "\n")
	}
	data := func(o int) string {
		actor := ""
		if f.actor != 0 {
			actor = strconv.FormatInt(f.actor, 10)
		}
		return "au:" + strconv.Itoa(o) + ":" + actor + ":" + f.action + ":" + f.month
	}
	var row []telegram.Button
	if off > 0 {
		row = append(row, telegram.Button{Text: r.t("audit.newer"), CallbackData: data(max(0, off-auditPage))})
	}
	if more {
		row = append(row, telegram.Button{Text: r.t("audit.older"), CallbackData: data(off + auditPage)})
	}
	var kb any
	if len(row) > 0 {
		kb = telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row}}
	}
	if edit {
		return r.edit(strings.TrimSpace(b.String()), kb)
	}
	return r.reply(strings.TrimSpace(b.String()), kb)
}

// roleAction is the audit action of a role change: back to resident is a
// revoke, anything else a grant.
func roleAction(to storage.Role) string {
	if to == storage.RoleResident {
		return "role.revoke"
	}
	return "role.grant"
}
