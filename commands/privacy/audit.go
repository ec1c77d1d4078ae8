package privacy

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

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
func (a *Privacy) parseAuditArgs(r *core.Req, args string) (f auditFilter, bad string, answered bool, err error) {
	for _, w := range strings.Fields(core.CleanLine(args)) {
		lw := strings.ToLower(w)
		switch {
		case strings.HasPrefix(w, "@") && f.actor == 0:
			m, ok, err := a.MemberByUsername(r, w)
			switch {
			case core.IsNotFound(err):
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
			id, ok := core.IdArg(w)
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
func (a *Privacy) auditSpan(s string) (from, to time.Time, ok bool) {
	if t, err := time.ParseInLocation("2006-01-02", s, a.Loc); err == nil {
		return t, t.AddDate(0, 0, 1), true
	}
	if t, err := time.ParseInLocation("2006-01", s, a.Loc); err == nil {
		return t, t.AddDate(0, 1, 0), true
	}
	return time.Time{}, time.Time{}, false
}

// mayReadAudit is the one rule for the audit log: administrators, in private.
func mayReadAudit(r *core.Req) bool { return r.Role == storage.RoleAdmin && r.Private() }

// auditCmd: /audit [@user|id] [action] [2026-11|2026-11-05].
func (a *Privacy) auditCmd(r *core.Req) error {
	f, bad, answered, err := a.parseAuditArgs(r, r.Args)
	if err != nil || answered {
		return err
	}
	if bad != "" {
		return r.Reply(r.T("audit.bad_filter", core.Esc(core.LimitRunes(bad, 32))), nil)
	}
	return a.showAudit(r, f, 0, false)
}

// auditButton pages: au:<offset>:<actor>:<action>:<month>. The press is
// authorised again and the filter read again as if typed.
func (a *Privacy) auditButton(r *core.Req) error {
	if !mayReadAudit(r) {
		return r.Toast(r.T("audit.forbidden"))
	}
	parts := strings.Split(strings.TrimPrefix(r.CB.Data, "au:"), ":")
	if len(parts) != 4 {
		return r.Toast(r.T("error.stale_button"))
	}
	off, err := strconv.Atoi(parts[0])
	if err != nil || off < 0 || off > 1_000_000 {
		return r.Toast(r.T("error.stale_button"))
	}
	f := auditFilter{action: parts[2], month: parts[3]}
	if parts[1] != "" {
		if f.actor, err = strconv.ParseInt(parts[1], 10, 64); err != nil {
			return r.Toast(r.T("error.stale_button"))
		}
	}
	if f.action != "" && !auditActionRe.MatchString(f.action) {
		return r.Toast(r.T("error.stale_button"))
	}
	if _, _, ok := a.auditSpan(f.month); f.month != "" && !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return a.showAudit(r, f, off, true)
}

func (a *Privacy) showAudit(r *core.Req, f auditFilter, off int, edit bool) error {
	sf := storage.AuditFilter{Actor: f.actor, Action: f.action}
	if f.month != "" {
		sf.From, sf.To, _ = a.auditSpan(f.month)
	}
	list, err := r.Tx.AuditPage(sf, off, auditPage+1)
	if err != nil {
		return err
	}
	more := len(list) > auditPage
	if more {
		list = list[:auditPage]
	}
	var b strings.Builder
	b.WriteString(r.T("audit.title") + "\n")
	if len(list) == 0 {
		b.WriteString(r.T("audit.none"))
	}
	ids := make([]int64, 0, len(list))
	for _, e := range list {
		ids = append(ids, e.ActorID)
	}
	names, err := r.Tx.MemberNames(ids)
	if err != nil {
		return err
	}
	for _, e := range list {
		who := names[e.ActorID]
		if who == "" {
			who = r.T("privacy.removed")
			if e.ActorID == 0 {
				who = r.T("audit.system")
			}
		}
		b.WriteString(r.T("audit.line", e.At.In(a.Loc).Format("2006-01-02 15:04"), core.Esc(core.LimitRunes(who, 32)), e.ActorID,
			core.Esc(e.Action), core.Esc(e.Target), core.Esc(core.LimitRunes(e.Detail, 200))) + "\n")
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
		row = append(row, telegram.Button{Text: r.T("audit.newer"), CallbackData: data(max(0, off-auditPage))})
	}
	if more {
		row = append(row, telegram.Button{Text: r.T("audit.older"), CallbackData: data(off + auditPage)})
	}
	var kb any
	if len(row) > 0 {
		kb = telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row}}
	}
	if edit {
		return r.Edit(strings.TrimSpace(b.String()), kb)
	}
	return r.Reply(strings.TrimSpace(b.String()), kb)
}
