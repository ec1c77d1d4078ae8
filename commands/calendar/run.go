package calendar

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
)

// Kinds of timed work of the calendar.
const (
	KindNotice      = "notice"         // a scheduled notice's run; key "<schedule>:<unix start>"
	kindMeetingMake = "meeting.make"   // a recurring meeting posted; key "<schedule>:<unix start>"
	kindRemind      = "meeting.remind" // a meeting reminder; key "<meeting>:<minutes before>"
	kindMissed      = "calendar.missed"
)

// runData is a schedule run's item data.
type runData struct {
	Schedule int64 `json:"schedule"`
	At       int64 `json:"at"` // the occurrence, unix seconds
}

// meetingLead is how long before a recurring meeting its invitation goes
// out: a day before the first reminder, and at least two days.
func (a *Calendar) meetingLead() time.Duration {
	lead := 48 * time.Hour
	for _, d := range a.Cfg.Meetings.RemindBefore {
		lead = max(lead, d+24*time.Hour)
	}
	return lead
}

// runKind is the due kind of a schedule's runs.
func runKind(s storage.Schedule) string {
	if s.What == storage.ScheduleMeeting {
		return kindMeetingMake
	}
	return KindNotice
}

// runUntil is the last moment an occurrence at is still worth doing: a
// notice schedule.grace after its time, a meeting's invitation until the
// meeting starts.
func (a *Calendar) runUntil(s storage.Schedule, at time.Time) time.Time {
	if s.What == storage.ScheduleMeeting {
		return at
	}
	return at.Add(a.Cfg.Schedule.Grace)
}

// layNext lays out an active schedule's first occurrence after after, one
// at a time: each run lays the next.
func (a *Calendar) layNext(tx *storage.Tx, s storage.Schedule, after, now time.Time) error {
	if s.State != storage.ScheduleActive {
		return nil
	}
	at := a.nextRun(s.Kind, s.Spec, after)
	if at.IsZero() {
		return nil
	}
	due := at
	if s.What == storage.ScheduleMeeting {
		due = at.Add(-a.meetingLead())
	}
	until := a.runUntil(s, at)
	if due.After(until) {
		due = until
	}
	data, _ := json.Marshal(runData{Schedule: s.ID, At: at.Unix()})
	_, err := tx.ScheduleDue(storage.DueItem{Kind: runKind(s), Key: fmt.Sprintf("%d:%d", s.ID, at.Unix()),
		DueAt: due, Until: until, Data: string(data)}, now)
	return err
}

// cancelRuns drops a schedule's pending run.
func (a *Calendar) cancelRuns(tx *storage.Tx, id int64) error {
	if err := tx.CancelDuePrefix(KindNotice, core.Itoa(id)+":"); err != nil {
		return err
	}
	return tx.CancelDuePrefix(kindMeetingMake, core.Itoa(id)+":")
}

// ownerReq is a request made by the clock on behalf of a schedule's owner,
// so the owner's permission is checked again at each run.
func (a *Calendar) ownerReq(ctx context.Context, tx *storage.Tx, owner int64, now time.Time) (*core.Req, error) {
	r := a.SystemReq(ctx, tx, now)
	m, err := tx.Member(owner)
	if err != nil {
		return nil, err
	}
	r.Me, r.Role, r.Lang = m, a.RoleOf(m), a.LangOf(m)
	return r, nil
}

// runSchedule is one occurrence of a schedule: the notice is sent (an
// announcement and its outbox rows, in the item's transaction) or the
// meeting posted, and the next occurrence laid out.
func (a *Calendar) runSchedule(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	s, at, ok, err := a.runOf(tx, it)
	if !ok || err != nil {
		return err
	}
	r, err := a.ownerReq(ctx, tx, s.OwnerID, now)
	if err != nil {
		return err
	}
	if !a.mayManageSchedule(r, s) {
		a.Log.Warn("calendar: the owner may no longer reach this audience; run skipped", "schedule", s.ID, "owner", s.OwnerID)
	} else if s.What == storage.ScheduleMeeting {
		if err := a.makeMeeting(r, s, at); err != nil {
			return err
		}
	} else if err := a.runNotice(r, s); err != nil {
		return err
	}
	return a.layNext(tx, s, at, now)
}

// runOf reads a run's schedule; ok is false when there is nothing to do.
func (a *Calendar) runOf(tx *storage.Tx, it storage.DueItem) (storage.Schedule, time.Time, bool, error) {
	var d runData
	if err := json.Unmarshal([]byte(it.Data), &d); err != nil {
		return storage.Schedule{}, time.Time{}, false, fmt.Errorf("calendar: run %s: %w", it.Key, err)
	}
	s, err := tx.Schedule(d.Schedule)
	if core.IsNotFound(err) {
		return s, time.Time{}, false, nil
	}
	if err != nil {
		return s, time.Time{}, false, err
	}
	return s, time.Unix(d.At, 0), s.State == storage.ScheduleActive, nil
}

// runNotice sends a scheduled notice as an announcement from its owner.
func (a *Calendar) runNotice(r *core.Req, s storage.Schedule) error {
	id, err := r.Tx.CreateAnnouncement(storage.Announcement{SenderID: s.OwnerID, Audience: s.Audience, Buildings: s.Buildings,
		TeamID: s.TeamID, Text: s.Text, ScheduleID: s.ID}, r.Now)
	if err != nil {
		return err
	}
	ann, err := r.Tx.Announcement(id)
	if err != nil {
		return err
	}
	ann.ScheduleID = s.ID
	_, _, err = a.announce.SendAnnouncement(r, ann, false, s.Ack)
	return err
}

// missedSchedule records an occurrence found too late (the bot was down),
// with any later ones also too late, and lays out the next one still
// worth doing.
func (a *Calendar) missedSchedule(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	s, at, ok, err := a.runOf(tx, it)
	if !ok || err != nil {
		return err
	}
	last, times := at, 1
	next := a.nexter(s.Kind, s.Spec)
	for i := 0; i < 10_000; i++ {
		n := next(last)
		if n.IsZero() || !a.runUntil(s, n).Before(now) {
			break
		}
		last, times = n, times+1
	}
	if err := tx.AddMissed(storage.Missed{What: s.What, RefID: s.ID, DueAt: at, Times: times}, now); err != nil {
		return err
	}
	if err := a.reportMissedSoon(tx, now); err != nil {
		return err
	}
	return a.layNext(tx, s, last, now)
}

// reportMissedSoon lays out one report of what this scan found missed: it
// runs after the scan's other items, so staff get one message.
func (a *Calendar) reportMissedSoon(tx *storage.Tx, now time.Time) error {
	_, err := tx.ScheduleDue(storage.DueItem{Kind: kindMissed, Key: "report:" + core.Itoa(now.UnixMilli()), DueAt: now}, now)
	return err
}

// maxMissedLines keeps the report of missed runs within one message.
const maxMissedLines = 30

// reportMissed tells staff, once, what was not sent while the bot was down.
func (a *Calendar) reportMissed(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	list, err := tx.TakeMissed(10_000)
	if err != nil || len(list) == 0 {
		return err
	}
	staff, err := a.Staff(tx)
	if err != nil {
		return err
	}
	r := a.SystemReq(ctx, tx, now)
	for _, m := range staff {
		if !core.CanDM(m) && !a.Admins[m.ID] {
			continue
		}
		r.Lang = a.LangOf(m)
		var b strings.Builder
		b.WriteString(r.T("cal.missed_head", a.duration(r, a.Cfg.Schedule.Grace)))
		for i, ms := range list {
			if i == maxMissedLines {
				b.WriteString("\n" + r.T("cal.missed_more", len(list)-i))
				break
			}
			b.WriteString("\n• " + a.missedLine(r, ms))
		}
		if err := a.Send(tx, m.ID, b.String(), nil, storage.PriorityBulk, now); err != nil {
			return err
		}
	}
	return nil
}

func (a *Calendar) missedLine(r *core.Req, ms storage.Missed) string {
	times := ""
	if ms.Times > 1 {
		times = r.T("cal.missed_times", ms.Times) // the space, if any, is the catalog's
	}
	switch ms.What {
	case kindRemind:
		title := "#" + core.Itoa(ms.RefID)
		if m, err := r.Tx.Meeting(ms.RefID); err == nil {
			title = core.Esc(m.Title)
		}
		return r.T("cal.missed_remind", title, a.WhenIn(r.Lang, ms.DueAt))
	case storage.ScheduleMeeting:
		return r.T("cal.missed_meeting", ms.RefID, a.WhenIn(r.Lang, ms.DueAt)) + times
	}
	text := ""
	if s, err := r.Tx.Schedule(ms.RefID); err == nil {
		text = core.Quote(s.Text, 60)
	}
	return r.T("cal.missed_notice", ms.RefID, text, a.WhenIn(r.Lang, ms.DueAt)) + times
}

// duration says d in whole hours or minutes, in the reader's language.
func (a *Calendar) duration(r *core.Req, d time.Duration) string {
	if d%time.Hour == 0 {
		return r.T("cal.hours", int(d/time.Hour))
	}
	return r.T("cal.minutes", int(d/time.Minute))
}
