package calendar

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// askCancel asks before a posted meeting is called off: everyone invited
// hears of it.
func (a *Calendar) askCancel(r *core.Req, m storage.Meeting) error {
	if m.State != storage.MeetingPosted || !m.StartsAt.After(r.Now) {
		return r.Toast(r.T("mt.already"))
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return a.cancelFlow.Start(r, seed(map[string]any{"id": m.ID}))
}

// cancelDialog is the one question before a meeting is called off.
func (a *Calendar) cancelDialog() *core.Dialog {
	ask := func(r *core.Req, v core.Values) string {
		m, err := r.Tx.Meeting(v.Int("id"))
		if err != nil {
			return r.T("mt.not_yours")
		}
		posts, _ := r.Tx.MeetingPosts(m.ID)
		return r.T("mt.cancel_sure", core.Esc(m.Title), a.meetingTime(r.Lang, m, r.Now), len(posts))
	}
	yes := func(*core.Req, core.Values) []core.Option {
		return []core.Option{a.Option("yes", "mt.cancel_yes", "是", "确定", "好", "yes", "ok")}
	}
	return &core.Dialog{Name: "mtcancel", Min: storage.RoleStaff,
		Steps: []core.Step{core.ChoiceStep{Name: "sure", Ask: ask, Options: yes, Columns: 1}},
		Done:  func(r *core.Req, v core.Values) error { return a.cancelMeeting(r, v.Int("id")) }}
}

// cancelMeeting calls a posted meeting off and tells every chat it was
// posted to; its reminders then send nothing, and those already queued are
// withdrawn.
func (a *Calendar) cancelMeeting(r *core.Req, id int64) error {
	m, err := r.Tx.Meeting(id)
	if core.IsNotFound(err) || (err == nil && !a.mayManageMeeting(r, m)) {
		return r.Reply(r.T("mt.not_yours"), nil)
	}
	if err != nil {
		return err
	}
	ok, err := r.Tx.SetMeetingState(m.ID, storage.MeetingPosted, storage.MeetingCancelled)
	if err != nil {
		return err
	}
	if !ok {
		return r.Reply(r.T("mt.already"), nil)
	}
	a.Audit(r, "meeting.cancel", "mt:"+core.Itoa(m.ID), map[string]string{"title": m.Title})
	if err := r.Tx.CancelDuePrefix(kindRemind, core.Itoa(m.ID)+":"); err != nil {
		return err
	}
	posts, err := r.Tx.MeetingPosts(m.ID)
	if err != nil {
		return err
	}
	for _, p := range posts {
		text := a.Cat.T(p.Lang, "mt.called_off", core.Esc(m.Title), a.meetingTime(p.Lang, m, r.Now), core.Esc(m.Place))
		if err := a.Send(r.Tx, p.ChatID, text, nil, storage.PriorityBulk, r.Now); err != nil {
			return err
		}
	}
	return r.Reply(r.T("mt.cancelled", m.ID, len(posts)), nil)
}

// pressedMeeting is the meeting an "mt:<verb>:<id>" button names.
func pressedMeeting(r *core.Req) (storage.Meeting, bool, error) {
	_, arg, _ := strings.Cut(strings.TrimPrefix(r.CB.Data, "mt:"), ":")
	id, ok := core.IdArg(arg)
	if !ok {
		return storage.Meeting{}, false, nil
	}
	m, err := r.Tx.Meeting(id)
	if core.IsNotFound(err) {
		return m, false, nil
	}
	return m, err == nil, err
}

// managesMeeting is the table's check of the organiser's buttons on a
// meeting: the meeting they name is one the person may manage.
func (a *Calendar) managesMeeting(r *core.Req) (bool, error) {
	m, ok, err := pressedMeeting(r)
	return ok && a.mayManageMeeting(r, m), err
}

// viewsMeeting is the table's check of a meeting's page.
func (a *Calendar) viewsMeeting(r *core.Req) (bool, error) {
	m, ok, err := pressedMeeting(r)
	return ok && a.mayViewMeeting(r, m), err
}

// managesDecision is the table's check of the buttons that make a
// decision a ticket or a job: its meeting is one the person may manage.
func (a *Calendar) managesDecision(r *core.Req) (bool, error) {
	_, arg, _ := strings.Cut(strings.TrimPrefix(r.CB.Data, "mt:"), ":")
	ids, _, _ := strings.Cut(arg, ":")
	id, ok := core.IdArg(ids)
	if !ok {
		return false, nil
	}
	d, err := r.Tx.Decision(id)
	if core.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	m, err := r.Tx.Meeting(d.MeetingID)
	if core.IsNotFound(err) {
		return false, nil
	}
	return err == nil && a.mayManageMeeting(r, m), err
}
