package calendar

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// meetingButton routes the "mt:" buttons. Each press is authorised again:
// mayManageMeeting for the organiser's buttons, invitedTo for the answers.
func (a *Calendar) meetingButton(r *core.Req) error {
	verb, arg, _ := strings.Cut(strings.TrimPrefix(r.CB.Data, "mt:"), ":")
	switch verb {
	case "y", "n":
		return a.rsvp(r, verb == "y", arg)
	case "post", "rep", "cancel", "v", "min", "dec", "tk", "jb":
		return a.meetingAction(r, verb, arg)
	}
	if !r.Private() || !r.AtLeast(storage.RoleStaff) {
		return r.Toast(r.T("error.stale_button"))
	}
	var d mtData
	f, ok, err := r.FlowFor(flowMeeting, &d)
	if !ok || err != nil {
		return err
	}
	switch verb {
	case "x":
		return r.EndFlowSaying(r.T("cancel.done"))
	case "pull":
		if f.Step != "agenda" {
			return r.Toast(r.T("error.stale_button"))
		}
		if d, err = a.pullProblems(r, d); err != nil {
			return err
		}
		if err := r.SetFlow(flowMeeting, "agenda", d); err != nil {
			return err
		}
		return r.Reply(r.T("mt.agenda_so_far", a.agendaText(r.Lang, d.Agenda)), a.agendaKeyboard(r))
	case "ad":
		if f.Step != "agenda" {
			return r.Toast(r.T("error.stale_button"))
		}
		if err := r.SetFlow(flowMeeting, "audience", d); err != nil {
			return err
		}
		return r.Reply(r.T("mt.ask_audience"), a.audienceKeyboard(r, "mt:"))
	case "a", "b", "bd", "t":
		step, done, err := a.audiencePress(r, "mt:", f.Step, verb, arg, &d.Aud)
		if err != nil || done != audDone {
			if err == nil && step != "" {
				err = r.SetFlow(flowMeeting, step, d)
			}
			return err
		}
		return a.meetingPreview(r, d)
	}
	return r.Toast(r.T("error.stale_button"))
}

// meetingPreview saves the draft and shows it exactly as invitees will see
// it, with Post, Repeat and Cancel.
func (a *Calendar) meetingPreview(r *core.Req, d mtData) error {
	m := storage.Meeting{OrganiserID: r.Me.ID, Title: d.Title, StartsAt: time.UnixMilli(d.Start), Place: d.Place, Agenda: d.Agenda,
		Audience: d.Aud.Audience, Buildings: d.Aud.Buildings, TeamID: d.Aud.TeamID}
	id, err := r.Tx.CreateMeeting(m, r.Now)
	if err != nil {
		return err
	}
	m.ID, m.State = id, storage.MeetingDraft
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	if err := r.Edit(r.T("ann.audience_chosen", a.announce.DescribeAudience(r, m.Audience, m.Buildings, m.TeamID)), nil); err != nil {
		return err
	}
	if err := r.Reply(a.invitation(r.Lang, m, 0, 0), a.rsvpKeyboard(r.Lang, id)); err != nil {
		return err
	}
	recips, err := a.announce.Recipients(r, storage.Announcement{Audience: m.Audience, Buildings: m.Buildings, TeamID: m.TeamID})
	if err != nil {
		return err
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.T("mt.post", len(recips)), CallbackData: "mt:post:" + core.Itoa(id)}},
		{{Text: r.T("mt.repeat"), CallbackData: "mt:rep:" + core.Itoa(id)}},
		{{Text: r.T("button.cancel"), CallbackData: "mt:cancel:" + core.Itoa(id)}},
	}}
	return r.Reply(r.T("mt.preview"), kb)
}

// invitation is a meeting's text in lang, with the live count.
func (a *Calendar) invitation(lang string, m storage.Meeting, coming, not int) string {
	var b strings.Builder
	b.WriteString(a.Cat.T(lang, "mt.invitation", core.Esc(m.Title), a.When(m.StartsAt), core.Esc(m.Place)))
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

// meetingAction takes the organiser's buttons on a saved meeting.
func (a *Calendar) meetingAction(r *core.Req, verb, arg string) error {
	switch verb {
	case "tk":
		return a.decisionTicket(r, arg)
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
	case "post":
		return a.postDraft(r, m)
	case "rep":
		if m.State != storage.MeetingDraft {
			return r.Toast(r.T("mt.already"))
		}
		if _, err := r.Tx.SetMeetingState(m.ID, storage.MeetingDraft, storage.MeetingTemplate); err != nil {
			return err
		}
		if err := r.Edit(r.T("mt.repeat_how"), nil); err != nil {
			return err
		}
		return a.askWhen(r, calData{MeetingID: m.ID})
	case "cancel":
		if ok, err := r.Tx.SetMeetingState(m.ID, storage.MeetingDraft, storage.MeetingCancelled); err != nil || !ok {
			if err == nil {
				err = r.Toast(r.T("mt.already"))
			}
			return err
		}
		a.Audit(r, "meeting.cancel", "mt:"+core.Itoa(m.ID), map[string]string{"title": m.Title})
		return r.Edit(r.T("mt.cancelled"), nil)
	}
	return a.meetingPageAction(r, verb, m)
}

// postDraft posts a draft meeting now.
func (a *Calendar) postDraft(r *core.Req, m storage.Meeting) error {
	if !m.StartsAt.After(r.Now) {
		return r.Toast(r.T("mt.started"))
	}
	if ok, err := r.Tx.SetMeetingState(m.ID, storage.MeetingDraft, storage.MeetingPosted); err != nil || !ok {
		if err == nil {
			err = r.Toast(r.T("mt.already"))
		}
		return err
	}
	m.State = storage.MeetingPosted
	n, err := a.postMeeting(r, m)
	if err != nil {
		return err
	}
	a.Audit(r, "meeting.post", "mt:"+core.Itoa(m.ID), map[string]any{"title": m.Title, "recipients": n})
	return r.Edit(r.T("mt.posted", m.ID, n), nil)
}

// postMeeting sends the invitation to the meeting's audience, records each
// copy (its live count is edited later) and lays out the reminders.
func (a *Calendar) postMeeting(r *core.Req, m storage.Meeting) (int, error) {
	recips, err := a.announce.Recipients(r, storage.Announcement{Audience: m.Audience, Buildings: m.Buildings, TeamID: m.TeamID})
	if err != nil {
		return 0, err
	}
	for _, rc := range recips {
		out, err := a.SendID(r.Tx, rc.Chat, a.invitation(rc.Lang, m, 0, 0), a.rsvpKeyboard(rc.Lang, m.ID), storage.PriorityBulk, "mt:"+core.Itoa(m.ID), r.Now)
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
	if m.ID, err = r.Tx.CreateMeeting(m, r.Now); err != nil {
		return err
	}
	n, err := a.postMeeting(r, m)
	if err != nil {
		return err
	}
	return a.TellMember(r, s.OwnerID, nil, "mt.posted_recurring", core.Esc(m.Title), a.When(at), n, m.ID)
}

// invitedTo is the one rule for who may answer a meeting: in a group it
// was posted to, anyone there; in private, the people it was sent to.
func (a *Calendar) invitedTo(r *core.Req, m storage.Meeting) (bool, error) {
	if m.State != storage.MeetingPosted {
		return false, nil
	}
	sel := audSel{Audience: m.Audience, Buildings: m.Buildings}
	if sel.groups() == r.Private() {
		return false, nil
	}
	chat := r.Chat.ID
	if r.Private() {
		chat = r.Me.ID
	}
	return r.Tx.MeetingPostedTo(m.ID, chat)
}

// rsvp takes Coming and Can't come.
func (a *Calendar) rsvp(r *core.Req, coming bool, arg string) error {
	id, ok := core.IdArg(arg)
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	m, err := r.Tx.Meeting(id)
	if core.IsNotFound(err) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	if m.State == storage.MeetingDraft {
		return r.Toast(r.T("mt.preview_press"))
	}
	invited, err := a.invitedTo(r, m)
	if err != nil {
		return err
	}
	if !invited {
		return r.Toast(r.T("mt.not_invited"))
	}
	if !m.StartsAt.After(r.Now) {
		return r.Toast(r.T("mt.started"))
	}
	changed, err := r.Tx.SetRSVP(m.ID, r.Me.ID, coming, r.Now)
	if err != nil {
		return err
	}
	key := map[bool]string{true: "mt.noted_coming", false: "mt.noted_not"}[coming]
	if !changed {
		return r.Toast(r.T(key))
	}
	if err := a.RefreshInvitations(r, m); err != nil {
		return err
	}
	return r.Toast(r.T(key))
}

// RefreshInvitations brings every copy's count up to date, with at most one
// pending change per copy: a copy not yet sent is rewritten, a queued edit
// is rewritten, otherwise one edit is queued.
func (a *Calendar) RefreshInvitations(r *core.Req, m storage.Meeting) error {
	coming, not, err := r.Tx.RSVPCounts(m.ID)
	if err != nil {
		return err
	}
	posts, err := r.Tx.MeetingPosts(m.ID)
	if err != nil {
		return err
	}
	for _, p := range posts {
		out, err := r.Tx.OutByID(p.OutID)
		if core.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		eid, err := core.RefreshCopy(r.Tx, out, p.EditOutID, a.invitation(p.Lang, m, coming, not), a.rsvpKeyboard(p.Lang, m.ID),
			storage.PriorityBulk, "mt:"+core.Itoa(m.ID)+":edit", r.Now)
		if err != nil {
			return err
		}
		if eid == 0 {
			continue
		}
		if err := r.Tx.SetMeetingEdit(m.ID, p.ChatID, eid); err != nil {
			return err
		}
	}
	return nil
}

// remindMeeting sends a reminder: to the groups it was posted to, or to
// each invitee who did not say they cannot come.
func (a *Calendar) remindMeeting(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	m, ok, err := a.remindedMeeting(tx, it)
	if !ok || err != nil {
		return err
	}
	posts, err := tx.MeetingPosts(m.ID)
	if err != nil {
		return err
	}
	no, err := tx.Decliners(m.ID)
	if err != nil {
		return err
	}
	for _, p := range posts {
		lang := p.Lang
		if p.ChatID > 0 {
			if core.ContainsID(no, p.ChatID) {
				continue
			}
			mem, err := tx.Member(p.ChatID)
			if err != nil && !core.IsNotFound(err) {
				return err
			}
			if err == nil {
				if !core.CanDM(mem) {
					continue
				}
				lang = a.LangOf(mem)
			}
		}
		text := a.Cat.T(lang, "mt.reminder", core.Esc(m.Title), a.When(m.StartsAt), core.Esc(m.Place))
		if err := a.Send(tx, p.ChatID, text, a.rsvpKeyboard(lang, m.ID), storage.PriorityBulk, now); err != nil {
			return err
		}
	}
	return nil
}

func (a *Calendar) remindedMeeting(tx *storage.Tx, it storage.DueItem) (storage.Meeting, bool, error) {
	var d struct {
		Meeting int64 `json:"meeting"`
	}
	if err := json.Unmarshal([]byte(it.Data), &d); err != nil {
		return storage.Meeting{}, false, fmt.Errorf("calendar: reminder %s: %w", it.Key, err)
	}
	m, err := tx.Meeting(d.Meeting)
	if core.IsNotFound(err) {
		return m, false, nil
	}
	return m, err == nil && m.State == storage.MeetingPosted, err
}

// missedReminder records a reminder found too late, for staff.
func (a *Calendar) missedReminder(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	m, ok, err := a.remindedMeeting(tx, it)
	if !ok || err != nil {
		return err
	}
	if err := tx.AddMissed(storage.Missed{What: kindRemind, RefID: m.ID, DueAt: it.DueAt}, now); err != nil {
		return err
	}
	return a.reportMissedSoon(tx, now)
}
