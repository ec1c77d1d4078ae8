package patrol

import (
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// Patrol shifts: a team's recurring templates (tpl*.go), the roster laid
// out from them (layout.go), reminders and alerts as timed work (timed.go),
// taking, dropping and swapping (take.go, swap.go), the shift itself
// (duty.go) and the record (roster.go). Buttons start with "pt:"
// (buttons.go).

// checkInOpens is how long before the start check-in opens.
const checkInOpens = 30 * time.Minute

// mayManagePatrol: staff, and the leads of team, define its shifts.
func (a *Patrol) mayManagePatrol(r *core.Req, team int64) (bool, error) {
	if r.AtLeast(storage.RoleStaff) {
		return true, nil
	}
	return r.Tx.IsTeamLead(team, r.Me.ID)
}

// mayTakeShift: a member of the shift's team, not on it already, before it
// ends. It returns the catalog key of the refusal, "" when allowed.
func (a *Patrol) mayTakeShift(r *core.Req, sh storage.PatrolShift) (string, error) {
	tm, err := r.Tx.Team(sh.TeamID)
	if err != nil {
		return "", err
	}
	in, err := r.Tx.InTeam(sh.TeamID, r.Me.ID)
	if err != nil {
		return "", err
	}
	switch {
	case !in || tm.Archived:
		return "patrol.not_in_team", nil
	case !r.Now.Before(sh.End):
		return "patrol.shift_over", nil
	}
	on, err := a.isOnShift(r, sh)
	if err != nil || on {
		return "patrol.already_on", err
	}
	return "", nil
}

// isOnShift: the caller holds a slot on sh.
func (a *Patrol) isOnShift(r *core.Req, sh storage.PatrolShift) (bool, error) {
	d, err := r.Tx.Duty(sh.ID, r.Me.ID)
	if core.IsNotFound(err) {
		return false, nil
	}
	return err == nil && d.State == storage.DutyOn, err
}

// mayViewRoster: staff, and the members of team.
func (a *Patrol) mayViewRoster(r *core.Req, team int64) (bool, error) {
	if r.AtLeast(storage.RoleStaff) {
		return true, nil
	}
	return r.Tx.InTeam(team, r.Me.ID)
}

// shiftWhen is "today 20:00-23:00", "tomorrow 09:00-12:00" or
// "Thu 3 Dec 20:00-02:00" in lang, as seen at now.
func (a *Patrol) shiftWhen(lang string, sh storage.PatrolShift, now time.Time) string {
	s, e, n := sh.Start.In(a.Loc), sh.End.In(a.Loc), now.In(a.Loc)
	hours := s.Format("15:04") + "-" + e.Format("15:04")
	day := time.Date(s.Year(), s.Month(), s.Day(), 0, 0, 0, 0, time.UTC)
	today := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
	switch day.Sub(today) {
	case 0:
		return a.Cat.T(lang, "patrol.today", hours)
	case 24 * time.Hour:
		return a.Cat.T(lang, "patrol.tomorrow", hours)
	}
	return when.DescribeDate(s, lang, now, a.Loc) + " " + hours
}

// shiftLabel is "Night patrol · today 20:00-23:00 · east gate".
func (a *Patrol) shiftLabel(lang string, sh storage.PatrolShift, now time.Time) string {
	return core.Esc(sh.Team) + " · " + a.shiftWhen(lang, sh, now) + " · " + core.Esc(sh.Area)
}

// onShift returns the people holding a slot on the shift.
func onShift(ds []storage.PatrolDuty) []storage.PatrolDuty {
	var out []storage.PatrolDuty
	for _, d := range ds {
		if d.State == storage.DutyOn {
			out = append(out, d)
		}
	}
	return out
}

// othersOn names the others on the shift ("王、陈"), or "".
func othersOn(lang string, ds []storage.PatrolDuty, except int64) string {
	var names []string
	for _, d := range onShift(ds) {
		if d.MemberID != except {
			names = append(names, core.Esc(d.Name))
		}
	}
	sep := ", "
	if lang == "zh" {
		sep = "、"
	}
	return strings.Join(names, sep)
}

// tellPerson sends a catalog message to one person in their language, if
// the bot can write to them.
func (a *Patrol) tellPerson(tx *storage.Tx, id int64, now time.Time, markup func(lang string) any, key string, args ...any) error {
	return a.personMsg(tx, id, now, func(lang string) (string, any) {
		var mk any
		if markup != nil {
			mk = markup(lang)
		}
		return a.Cat.T(lang, key, args...), mk
	})
}

// personMsg sends what build makes in the person's language, if the bot
// can write to them.
func (a *Patrol) personMsg(tx *storage.Tx, id int64, now time.Time, build func(lang string) (string, any)) error {
	m, err := tx.Member(id)
	if core.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if !core.CanDM(m) {
		return nil
	}
	text, markup := build(a.LangOf(m))
	return a.Send(tx, m.ID, text, markup, storage.PriorityReply, now)
}

func (a *Patrol) takeKeyboard(lang string, shift int64) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.Cat.T(lang, "patrol.btn.take"), CallbackData: "pt:take:" + core.Itoa(shift)}}}}
}

// heldKeyboard is on a shift someone holds, well before it: drop or offer it.
func (a *Patrol) heldKeyboard(lang string, shift int64) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.Cat.T(lang, "patrol.btn.cant"), CallbackData: "pt:cant:" + core.Itoa(shift)},
		{Text: a.Cat.T(lang, "patrol.btn.offer"), CallbackData: "pt:offer:" + core.Itoa(shift)}}}}
}

// soonKeyboard is on the reminder before the start.
func (a *Patrol) soonKeyboard(lang string, shift int64) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: a.Cat.T(lang, "patrol.btn.way"), CallbackData: "pt:way:" + core.Itoa(shift)},
			{Text: a.Cat.T(lang, "patrol.btn.cant"), CallbackData: "pt:cant:" + core.Itoa(shift)}},
		{{Text: a.Cat.T(lang, "patrol.btn.in"), CallbackData: "pt:in:" + core.Itoa(shift)}}}}
}

// walkingKeyboard is on the shift once checked in.
func (a *Patrol) walkingKeyboard(lang string, shift int64) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.Cat.T(lang, "patrol.btn.found"), CallbackData: "pt:found:" + core.Itoa(shift)},
		{Text: a.Cat.T(lang, "patrol.btn.out"), CallbackData: "pt:out:" + core.Itoa(shift)}},
		{{Text: a.Cat.T(lang, "patrol.btn.found_urgent"), CallbackData: "pt:foundu:" + core.Itoa(shift)}}}}
}

// fmtLength writes minutes as "2小时30分钟" or "2h30m" in lang.
func fmtLength(lang string, minutes int) string { return when.DescribeLength(minutes, lang) }
