package jobs

import (
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// The conversations of jobs: writing a new job, moving one's time.
const (
	FlowJob     = "job"
	FlowJobMove = "jobmove"
)

// JobDraft is a job being written (flow "job") or moved (flow "jobmove").
type JobDraft struct {
	JobID    int64     `json:"job,omitempty"`
	Title    string    `json:"title,omitempty"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Place    string    `json:"place,omitempty"`
	Team     int64     `json:"team,omitempty"`
	Slots    int       `json:"slots,omitempty"`
	Withdraw int       `json:"withdraw,omitempty"`
	Chats    []int64   `json:"chats,omitempty"`
	Decision int64     `json:"decision,omitempty"` // the meeting decision it is made of
}

// Job: /job starts the guided flow; /job clear @user lets a member with
// too many no-shows sign up again.
func (a *Jobs) Job(r *core.Req) error {
	if w := firstWord(r.Args); w == "clear" {
		return a.jobClearCmd(r)
	}
	ok, err := a.MayOrganise(r, 0)
	if err != nil {
		return err
	}
	if !ok {
		teams, err := a.organiserTeams(r)
		if err != nil {
			return err
		}
		if len(teams) == 0 {
			return r.Reply(r.T("job.not_organiser"), nil)
		}
	}
	if err := r.SetFlow(FlowJob, "title", JobDraft{}); err != nil {
		return err
	}
	return r.Reply(r.T("job.ask_title", MaxJobTitle), telegram.ForceReply{ForceReply: true, InputFieldPlaceholder: r.T("job.title_placeholder")})
}

// jobFlowText takes what the organiser typed at each step.
func (a *Jobs) jobFlowText(r *core.Req, f storage.Flow) error {
	var d JobDraft
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("error.stale_button"), nil)
	}
	text := core.CleanLine(r.Text)
	switch f.Step {
	case "title":
		switch {
		case text == "":
			return r.Reply(r.T("job.ask_title", MaxJobTitle), telegram.ForceReply{ForceReply: true})
		case core.RuneLen(text) > MaxJobTitle:
			return r.Reply(r.T("job.title_too_long", core.RuneLen(text), MaxJobTitle), telegram.ForceReply{ForceReply: true})
		}
		d.Title = text
		return a.AskJobWhen(r, f.Name, d, "")
	case "when", "until":
		return a.readJobWhen(r, f, d, text)
	case "place":
		if core.RuneLen(text) > maxJobPlace || text == "" {
			return r.Reply(r.T("job.place_bad", maxJobPlace), telegram.ForceReply{ForceReply: true})
		}
		d.Place = text
		return a.askJobTeam(r, d)
	case "slots_text":
		n, err := strconv.Atoi(text)
		if err != nil || n < 1 || n > maxJobSlots {
			return r.Reply(r.T("job.slots_bad", maxJobSlots), telegram.ForceReply{ForceReply: true})
		}
		d.Slots = n
		return a.askJobWithdraw(r, d, false)
	}
	return r.Reply(r.T("job.use_buttons"), nil)
}

// AskJobWhen asks for the start and end.
func (a *Jobs) AskJobWhen(r *core.Req, flow string, d JobDraft, why string) error {
	if err := r.SetFlow(flow, "when", d); err != nil {
		return err
	}
	msg := r.T("job.ask_when", when.Example(r.Lang))
	if why != "" {
		msg = why + "\n" + msg
	}
	return r.Reply(msg, telegram.ForceReply{ForceReply: true, InputFieldPlaceholder: r.T("job.when_placeholder")})
}

// readJobWhen reads a start and end (step "when") or only the end (step
// "until"), refusing what cannot be a job's time, then asks to confirm.
func (a *Jobs) readJobWhen(r *core.Req, f storage.Flow, d JobDraft, text string) error {
	var sp when.Span
	var err error
	if f.Step == "until" {
		sp, err = a.parseJobEnd(text, d.Start)
	} else {
		sp, err = when.Parse(text, r.Now, a.Loc)
	}
	if err != nil {
		return r.Reply(a.whenError(r, err, f.Step == "until"), telegram.ForceReply{ForceReply: true})
	}
	if f.Step == "until" {
		d.End = sp.Start
	} else {
		d.Start, d.End = sp.Start, sp.End
		if !sp.HasEnd {
			if err := r.SetFlow(f.Name, "until", d); err != nil {
				return err
			}
			return r.Reply(r.T("job.ask_until", a.jobMoment(r.Lang, d.Start)), telegram.ForceReply{ForceReply: true})
		}
	}
	if msg := a.jobTimeProblem(r, d.Start, d.End); msg != "" {
		if err := r.SetFlow(f.Name, "when", d); err != nil {
			return err
		}
		return r.Reply(msg, telegram.ForceReply{ForceReply: true})
	}
	if err := r.SetFlow(f.Name, "confirm", d); err != nil {
		return err
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: r.T("button.yes"), CallbackData: "jb:n:ok"}, {Text: r.T("job.button.change"), CallbackData: "jb:n:chg"}}}}
	return r.Reply(r.T("job.confirm_time", a.jobSpan(r.Lang, d.Start, d.End), core.Esc(a.Cfg.Community.Timezone)), kb)
}

// parseJobEnd reads the end of a job starting at start: a full time, or
// only a time of day on the start's day (or the next, past midnight).
func (a *Jobs) parseJobEnd(text string, start time.Time) (when.Span, error) {
	sp, err := when.Parse(text, start, a.Loc)
	if !errors.Is(err, when.ErrAmbiguous) {
		return sp, err
	}
	day := start.In(a.Loc)
	for i := 0; i < 2; i++ {
		sp, err2 := when.Parse(day.AddDate(0, 0, i).Format("2006-01-02")+" "+text, start, a.Loc)
		if err2 == nil && !sp.HasEnd {
			if i == 1 && sp.Start.Sub(start) > 12*time.Hour {
				return sp, when.ErrEndBeforeStart // "8:00" for a 9:00 start: not overnight
			}
			return sp, nil
		}
		if !errors.Is(err2, when.ErrPast) {
			break
		}
	}
	return sp, err
}

// whenError is the one-line answer to a time that cannot be read.
func (a *Jobs) whenError(r *core.Req, err error, end bool) string {
	ex := when.Example(r.Lang)
	switch {
	case errors.Is(err, when.ErrEndBeforeStart), end && errors.Is(err, when.ErrPast):
		return r.T("job.end_before_start")
	case errors.Is(err, when.ErrPast):
		return r.T("job.when_past", ex)
	case errors.Is(err, when.ErrAmbiguous):
		return r.T("job.when_ambiguous", ex)
	}
	return r.T("job.when_unknown", ex)
}

// jobTimeProblem says what is wrong with a job's time, or "".
func (a *Jobs) jobTimeProblem(r *core.Req, start, end time.Time) string {
	switch {
	case !start.After(r.Now):
		return r.T("job.when_past", when.Example(r.Lang))
	case !end.After(start):
		return r.T("job.end_before_start")
	case end.Sub(start) > maxJobDuration:
		return r.T("job.too_long_span")
	}
	return ""
}

func firstWord(s string) string {
	for i, c := range s {
		if c == ' ' || c == '\t' || c == '\n' {
			return s[:i]
		}
	}
	return s
}
