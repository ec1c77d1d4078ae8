package calendar

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// meetingButton routes the "mt:" buttons. Each press was authorised by
// the table (its Check) and is again here: mayManageMeeting for the
// organiser's buttons, invitedTo for the answers.
func (a *Calendar) meetingButton(r *core.Req) error {
	verb, arg, _ := strings.Cut(strings.TrimPrefix(r.CB.Data, "mt:"), ":")
	switch verb {
	case "y", "n":
		return a.rsvp(r, verb == "y", arg)
	case "tk":
		return a.decisionTicket(r, arg)
	case "lk":
		return a.decisionLink(r, arg)
	case "jb":
		return a.decisionJob(r, arg)
	}
	id, ok := core.IdArg(arg)
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	if verb == "v" {
		return a.meetingPage(r, id, true)
	}
	m, err := r.Tx.Meeting(id)
	if core.IsNotFound(err) || (err == nil && !a.mayManageMeeting(r, m)) {
		return r.Toast(r.T("mt.not_yours"))
	}
	if err != nil {
		return err
	}
	switch verb {
	case "cancel":
		return a.askCancel(r, m)
	case "min", "dec":
		return a.meetingPageAction(r, verb, m)
	}
	return r.Toast(r.T("error.stale_button"))
}

// previewMeeting shows the invitation exactly as invitees will get it,
// with its answer buttons (which, pressed here, answer nothing).
func (a *Calendar) previewMeeting(r *core.Req, v core.Values) error {
	m, err := a.draftMeeting(r, v)
	if err != nil {
		return err
	}
	return r.Reply(a.invitation(r.Lang, m, 0, 0, r.Now), a.rsvpKeyboard(r.Lang, 0))
}

// meetingSummary says where the invitation goes, and asks to post it, or
// to go on to the times of a recurring meeting.
func (a *Calendar) meetingSummary(r *core.Req, v core.Values) string {
	ann := a.announce.ChosenAudience(v)
	aud := a.announce.DescribeAudience(r, ann.Audience, ann.Buildings, ann.TeamID)
	if v.String("repeat") == "repeat" {
		return r.T("mt.confirm_repeat", aud)
	}
	recips, err := a.announce.Recipients(r, ann)
	if err != nil {
		a.Log.Error("calendar: recipients of a meeting", "err", err)
	}
	return r.T("mt.confirm", aud, len(recips))
}

// meetingDone posts the meeting once confirmed; a recurring one is kept as
// the template of each occurrence and its times are asked next.
func (a *Calendar) meetingDone(r *core.Req, v core.Values) error {
	m, err := a.draftMeeting(r, v)
	if err != nil {
		return err
	}
	sel := audSel{Audience: m.Audience, Buildings: m.Buildings, TeamID: m.TeamID}
	switch {
	case !r.AtLeast(storage.RoleStaff) || !a.mayScheduleFor(r, sel) || m.Title == "":
		return r.Reply(r.T("mt.not_yours"), nil)
	case v.String("repeat") == "repeat":
		m.State = storage.MeetingTemplate
		if m.ID, err = r.Tx.CreateMeeting(m, r.Now); err != nil {
			return err
		}
		if err := r.Reply(r.T("mt.repeat_how"), nil); err != nil {
			return err
		}
		return a.scheduleFlow.Start(r, seed(map[string]any{"mode": modeMeeting, "meeting": m.ID}))
	case !m.StartsAt.After(r.Now):
		return r.Reply(r.T("mt.started"), nil)
	}
	m.State = storage.MeetingPosted
	if m.ID, err = r.Tx.CreateMeeting(m, r.Now); err != nil {
		return err
	}
	n, err := a.postMeeting(r, m)
	if err != nil {
		return err
	}
	if ids := agendaProposals(m); len(ids) > 0 {
		if err := a.props.OnAgenda(r, m.ID, ids); err != nil {
			return err
		}
	}
	a.Audit(r, "meeting.post", "mt:"+core.Itoa(m.ID), map[string]any{"title": m.Title, "recipients": n})
	return r.Reply(r.T("mt.posted", m.ID, n), nil)
}

// meetingTime is when a meeting is, in lang: its day and time, and its
// end when it has one.
func (a *Calendar) meetingTime(lang string, m storage.Meeting, now time.Time) string {
	return when.Describe(when.Span{Start: m.StartsAt, End: m.EndsAt, HasEnd: !m.EndsAt.IsZero()}, lang, now, a.Loc)
}

// invitation is a meeting's text in lang, with the live count.
func (a *Calendar) invitation(lang string, m storage.Meeting, coming, not int, now time.Time) string {
	var b strings.Builder
	b.WriteString(a.Cat.T(lang, "mt.invitation", core.Esc(m.Title), a.meetingTime(lang, m, now), core.Esc(m.Place)))
	if len(m.Agenda) > 0 {
		b.WriteString("\n" + a.Cat.T(lang, "mt.agenda") + a.agendaText(lang, m.Agenda))
	}
	b.WriteString("\n\n" + a.Cat.T(lang, "mt.count", coming, not))
	return b.String()
}

func (a *Calendar) rsvpKeyboard(lang string, id int64) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.Cat.T(lang, "mt.coming"), CallbackData: "mt:y:" + core.Itoa(id)},
		{Text: a.Cat.T(lang, "mt.not_coming"), CallbackData: "mt:n:" + core.Itoa(id)},
	}}}
}

// postMeeting sends the invitation to the meeting's audience, records each
// copy (its live count is edited later) and lays out the reminders.
func (a *Calendar) postMeeting(r *core.Req, m storage.Meeting) (int, error) {
	recips, err := a.announce.Recipients(r, storage.Announcement{Audience: m.Audience, Buildings: m.Buildings, TeamID: m.TeamID})
	if err != nil {
		return 0, err
	}
	for _, rc := range recips {
		out, err := a.SendID(r.Tx, rc.Chat, a.invitation(rc.Lang, m, 0, 0, r.Now), a.rsvpKeyboard(rc.Lang, m.ID), storage.PriorityBulk, "mt:"+core.Itoa(m.ID), r.Now)
		if err != nil {
			return 0, err
		}
		if err := r.Tx.AddMeetingPost(m.ID, storage.MeetingPost{ChatID: rc.Chat, OutID: out, Lang: rc.Lang}); err != nil {
			return 0, err
		}
	}
	for _, d := range a.Cfg.Meetings.RemindBefore {
		due := m.StartsAt.Add(-d)
		if !due.After(r.Now) {
			continue // the invitation itself is fresher than this reminder
		}
		until := due.Add(a.Cfg.Schedule.Grace)
		if until.After(m.StartsAt) {
			until = m.StartsAt
		}
		data, _ := json.Marshal(map[string]int64{"meeting": m.ID})
		if _, err := r.Tx.ScheduleDue(storage.DueItem{Kind: kindRemind, Key: fmt.Sprintf("%d:%d", m.ID, int64(d/time.Minute)),
			DueAt: due, Until: until, Data: string(data)}, r.Now); err != nil {
			return 0, err
		}
	}
	return len(recips), nil
}

// makeMeeting posts the occurrence at of a recurring meeting.
func (a *Calendar) makeMeeting(r *core.Req, s storage.Schedule, at time.Time) error {
	tpl, err := r.Tx.Meeting(s.MeetingID)
	if err != nil {
		return err
	}
	m := tpl
	m.StartsAt, m.State, m.ScheduleID, m.OrganiserID = at, storage.MeetingPosted, s.ID, s.OwnerID
	if !tpl.EndsAt.IsZero() {
		m.EndsAt = at.Add(tpl.EndsAt.Sub(tpl.StartsAt))
	}
	if m.ID, err = r.Tx.CreateMeeting(m, r.Now); err != nil {
		return err
	}
	n, err := a.postMeeting(r, m)
	if err != nil {
		return err
	}
	return a.TellMember(r, s.OwnerID, nil, "mt.posted_recurring", core.Esc(m.Title), a.meetingTime(r.Lang, m, r.Now), n, m.ID)
}
