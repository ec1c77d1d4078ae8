package jobs

import (
	"fmt"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// Timed work of a job (storage.DueItem.Kind).
const (
	dueJobRemind = "job.remind" // key "<job>:<minutes before>"
	dueJobShort  = "job.short"  // key "<job>"
	dueJobAttend = "job.attend" // key "<job>"
)

// publishDraft creates the job /job's answers describe and posts it,
// checking again what may have changed since the conversation began: a
// time gone by now is asked again, the other answers kept.
func (a *Jobs) publishDraft(r *core.Req, v core.Values) error {
	d := draftOf(v, r.Me.ID)
	if ok, err := a.MayOrganise(r, d.Job.TeamID); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.Reply(r.T("job.not_organiser"), nil)
	}
	if msg := a.jobTimeProblem(r, spanOf(v)); msg != "" {
		if err := r.Reply(msg, nil); err != nil {
			return err
		}
		for _, k := range []string{"when", "until", "ok"} {
			delete(v, k)
		}
		return a.newJob.Start(r, v)
	}
	chats, err := a.postableChats(r)
	if err != nil {
		return err
	}
	var to []int64
	for _, id := range d.Chats {
		if chatIn(chats, id) {
			to = append(to, id)
		}
	}
	j := d.Job
	if j.ID, err = r.Tx.CreateJob(j, r.Now); err != nil {
		return err
	}
	if err := a.meetings.DecisionBecameJob(r, d.Decision, j.ID); err != nil {
		return err
	}
	people, err := a.postJob(r, j, to)
	if err != nil {
		return err
	}
	if err := a.changed(r, j); err != nil {
		return err
	}
	if err := a.layJobTimers(r.Tx, j, r.Now); err != nil {
		return err
	}
	told, err := a.toldText(r, j, people, to)
	if err != nil {
		return err
	}
	return answer(r, r.T("job.published", core.Esc(j.Title), told), a.manageButtons(r.Lang, j))
}

// toldText says who a job goes to: people in private (none for a job for
// everyone, which only groups see), and the groups by name.
func (a *Jobs) toldText(r *core.Req, j storage.Job, people int, chats []int64) (string, error) {
	private := r.T("job.told_private", r.N("count.team_members", people))
	if j.TeamID == 0 {
		private = r.T("job.told_everyone")
	}
	var names []string
	for _, id := range chats {
		c, err := r.Tx.Chat(id)
		if err != nil && !core.IsNotFound(err) {
			return "", err
		}
		names = append(names, core.Esc(c.Title))
	}
	groups := r.T("job.told_no_groups")
	if len(names) > 0 {
		groups = r.T("job.told_groups", r.N("count.groups", len(names)), r.ListJoin(names))
	}
	return r.T("job.told", private, groups), nil
}

// answer puts text in place of the message pressed, or replies to the
// message typed.
func answer(r *core.Req, text string, markup any) error {
	if r.CB != nil {
		return r.Edit(text, markup)
	}
	return r.Reply(text, markup)
}

// manageButtons are the organiser's Cancel and Change time.
func (a *Jobs) manageButtons(lang string, j storage.Job) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.Cat.T(lang, "job.button.cancel_job"), CallbackData: "jb:cx:" + core.Itoa(j.ID)},
		{Text: a.Cat.T(lang, "job.button.move"), CallbackData: "jb:mv:" + core.Itoa(j.ID)},
	}}}
}

// jobAudience are the people a job is sent to in private: its team's
// members who can be written to; nobody for a job for everyone (it goes to
// groups and /jobs).
func (a *Jobs) jobAudience(tx *storage.Tx, j storage.Job) ([]storage.Member, error) {
	if j.TeamID == 0 {
		return nil, nil
	}
	members, err := tx.TeamMembers(j.TeamID)
	if err != nil {
		return nil, err
	}
	var out []storage.Member
	for _, m := range members {
		if core.CanDM(m) {
			out = append(out, m)
		}
	}
	return out, nil
}

// postJob sends the job to its audience, each in their language, and to
// the groups chats, and records every copy so its count can be edited.
func (a *Jobs) postJob(r *core.Req, j storage.Job, chats []int64) (int, error) {
	people, err := a.jobAudience(r.Tx, j)
	if err != nil {
		return 0, err
	}
	type copyTo struct {
		chat int64
		lang string
	}
	var to []copyTo
	for _, m := range people {
		to = append(to, copyTo{m.ID, a.LangOf(m)})
	}
	for _, c := range chats {
		to = append(to, copyTo{c, a.Cfg.Community.Language})
	}
	for _, c := range to {
		card, err := a.jobCard(r.Tx, c.lang, j, storage.JobCount{})
		if err != nil {
			return 0, err
		}
		out, err := a.SendID(r.Tx, c.chat, card, a.jobButtons(c.lang, j), storage.PriorityBulk, jobRef(j.ID), r.Now)
		if err != nil {
			return 0, err
		}
		if err := r.Tx.AddJobPost(storage.JobPost{JobID: j.ID, ChatID: c.chat, OutID: out, Lang: c.lang}); err != nil {
			return 0, err
		}
	}
	return len(people), nil
}

func jobRef(id int64) string { return "job:" + core.Itoa(id) }

// RefreshJobPosts brings every posted copy of j up to date. A copy still
// queued is rewritten; a sent one gets an edit, and while that edit waits
// in the outbox it is rewritten too: at most one pending edit per copy, so
// many presses at once cost one edit per copy.
func (a *Jobs) RefreshJobPosts(tx *storage.Tx, j storage.Job, now time.Time) error {
	posts, err := tx.JobPosts(j.ID)
	if err != nil {
		return err
	}
	list, err := tx.JobSeats(j.ID)
	if err != nil {
		return err
	}
	count := storage.CountSeats(list)
	cards := map[string]string{}
	for _, p := range posts {
		card, ok := cards[p.Lang]
		if !ok {
			if card, err = a.jobCard(tx, p.Lang, j, count); err != nil {
				return err
			}
			cards[p.Lang] = card
		}
		if err := a.refreshPost(tx, p, card, a.jobButtons(p.Lang, j), now); err != nil {
			return err
		}
	}
	return nil
}

func (a *Jobs) refreshPost(tx *storage.Tx, p storage.JobPost, text string, markup any, now time.Time) error {
	out, err := tx.OutByID(p.OutID)
	if core.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	id, err := core.RefreshCopy(tx, out, p.EditOutID, text, markup, storage.PriorityBulk, jobRef(p.JobID), now)
	if err != nil || id == 0 {
		return err
	}
	return tx.SetJobPostEdit(p.ID, id)
}

// layJobTimers schedules a job's reminders, its short-of-people alert and
// its attendance list. Moments already gone are not laid out.
func (a *Jobs) layJobTimers(tx *storage.Tx, j storage.Job, now time.Time) error {
	var items []storage.DueItem
	for _, d := range a.Cfg.Jobs.RemindBefore {
		items = append(items, storage.DueItem{Kind: dueJobRemind, Key: fmt.Sprintf("%d:%d", j.ID, int(d/time.Minute)),
			DueAt: j.Start.Add(-d), Until: j.Start})
	}
	items = append(items,
		storage.DueItem{Kind: dueJobShort, Key: core.Itoa(j.ID), DueAt: j.Start.Add(-a.Cfg.Jobs.AlertShortBefore), Until: j.Start},
		storage.DueItem{Kind: dueJobAttend, Key: core.Itoa(j.ID), DueAt: j.End})
	for _, it := range items {
		if !it.DueAt.After(now) {
			continue
		}
		if _, err := tx.ScheduleDue(it, now); err != nil {
			return err
		}
	}
	return nil
}

// dropJobTimers cancels whatever a job still has pending.
func (a *Jobs) dropJobTimers(tx *storage.Tx, id int64) error {
	if err := tx.CancelDuePrefix(dueJobRemind, core.Itoa(id)+":"); err != nil {
		return err
	}
	if err := tx.CancelDue(dueJobShort, core.Itoa(id)); err != nil {
		return err
	}
	return tx.CancelDue(dueJobAttend, core.Itoa(id))
}
