package jobs

import (
	"strconv"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/when"
)

// The conversations of jobs: writing a new job, moving one's time, and
// letting someone sign up again.
const (
	FlowJob      = "job"
	FlowJobMove  = "jobmove"
	FlowJobClear = "jobclear"
)

// JobDraft is what a new job's conversation starts from (a title and the
// meeting decision it is made of), or a job moved (JobID, Title).
type JobDraft struct {
	JobID    int64
	Title    string
	Decision int64 // the meeting decision it is made of
}

// Job: /job starts the guided flow; /job clear [@user] lets a member with
// too many no-shows sign up again.
func (a *Jobs) Job(r *core.Req) error {
	if w := firstWord(r.Args); w == "clear" {
		return a.jobClearCmd(r)
	}
	return a.startJob(r, JobDraft{}, "")
}

// AskJobWhen starts the conversation flow (FlowJob, or FlowJobMove for
// d.JobID) at the job's time, d's title already given; why is said first.
func (a *Jobs) AskJobWhen(r *core.Req, flow string, d JobDraft, why string) error {
	if flow == FlowJobMove {
		return a.startMove(r, d.JobID)
	}
	return a.startJob(r, d, why)
}

// startJob begins /job for someone who may organise a job, with what d
// already gives; why, when set, comes before the question of the time.
func (a *Jobs) startJob(r *core.Req, d JobDraft, why string) error {
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
	chats, err := a.postableChats(r)
	if err != nil {
		return err
	}
	seed, err := seedOf(map[string]any{"chats": len(chats), "decision": d.Decision, "intro": why})
	if err != nil {
		return err
	}
	if d.Title != "" {
		if err := seed.Set("title", d.Title); err != nil {
			return err
		}
	}
	return a.newJob.Start(r, seed)
}

// newJobDialog is /job: a title, the time (and its end when not given),
// the place, whom it is for, how many people, when withdrawing closes,
// the groups it is posted in, and the job as members will see it.
func (a *Jobs) newJobDialog() *core.Dialog {
	return &core.Dialog{
		Name: FlowJob,
		Steps: []core.Step{
			core.TextStep{Name: "title", Label: "job.label.title", Ask: core.Say("job.ask_title", MaxJobTitle), Parse: readTitle},
			core.DateStep{Name: "when", Label: "job.label.when", Ask: a.askWhen, Parse: a.readWhen,
				Refuse: func(r *core.Req, err error) string { return a.whenError(r, err, false) }},
			core.OnlyIf(needsEnd, core.TextStep{Name: "until", Ask: a.askUntil, Parse: a.readUntil}),
			core.TextStep{Name: "place", Label: "job.label.place", Ask: a.askPlace, Parse: readPlace},
			core.ChoiceStep{Name: "team", Label: "job.label.team", Ask: core.Say("job.ask_team"), Options: a.teamOptions, Columns: 1},
			core.ChoiceStep{Name: "slots", Label: "job.label.slots", Ask: core.Say("job.ask_slots", maxJobSlots),
				Options: a.slotOptions, Read: readSlots},
			core.ChoiceStep{Name: "withdraw", Label: "job.label.withdraw", Ask: a.askWithdraw,
				Options: a.withdrawOptions, Read: a.readWithdraw},
			core.OnlyIf(func(v core.Values) bool { return v.Int("chats") > 0 },
				core.ChecksStep{Name: "groups", Label: "job.label.groups", Ask: core.Say("job.ask_groups"),
					Options: a.chatOptions, Finish: groupsFinish}),
			core.ConfirmStep{Name: "ok", Summary: a.preview},
		},
		Done: a.publishDraft,
	}
}

// readTitle takes a job's title: one line, at most MaxJobTitle characters.
func readTitle(r *core.Req, _ core.Values, text string) (any, string) {
	text = core.CleanLine(text)
	switch {
	case text == "":
		return nil, r.T("job.ask_title", MaxJobTitle)
	case core.RuneLen(text) > MaxJobTitle:
		return nil, r.T("job.title_too_long", core.RuneLen(text), MaxJobTitle)
	}
	return text, ""
}

// askPlace says the time as it was understood and asks where.
func (a *Jobs) askPlace(r *core.Req, v core.Values) string {
	return r.T("job.time_set", a.describe(r, spanOf(v))) + "\n\n" + r.T("job.ask_place", maxJobPlace)
}

// readPlace takes the place: one line, at most maxJobPlace characters.
func readPlace(r *core.Req, _ core.Values, text string) (any, string) {
	text = core.CleanLine(text)
	if text == "" || core.RuneLen(text) > maxJobPlace {
		return nil, r.T("job.place_bad", maxJobPlace)
	}
	return text, ""
}

// jobDraft is a new job as its conversation's answers describe it.
type jobDraft struct {
	Job      storage.Job
	Chats    []int64 // the groups it is posted in
	Decision int64   // the meeting decision it is made of
}

// draftOf reads the answers of /job as the job organiser would publish.
func draftOf(v core.Values, organiser int64) jobDraft {
	sp := spanOf(v)
	var chats []string
	v.Get("groups", &chats)
	d := jobDraft{Decision: v.Int("decision")}
	for _, c := range chats {
		if id, err := strconv.ParseInt(c, 10, 64); err == nil {
			d.Chats = append(d.Chats, id)
		}
	}
	team, _ := strconv.ParseInt(v.String("team"), 10, 64)
	slots, _ := strconv.Atoi(v.String("slots"))
	withdraw, _ := strconv.Atoi(v.String("withdraw"))
	d.Job = storage.Job{Title: v.String("title"), Place: v.String("place"), TeamID: team, Slots: slots,
		Start: sp.Start, End: sp.End, WithdrawHours: withdraw, OrganiserID: organiser, State: storage.JobOpen}
	return d
}

// seedOf is the answers known before a conversation starts.
func seedOf(kv map[string]any) (core.Values, error) {
	v := core.Values{}
	for k, x := range kv {
		if err := v.Set(k, x); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// describe is a job's time as every confirmation writes it.
func (a *Jobs) describe(r *core.Req, sp when.Span) string {
	return when.Describe(sp, r.Lang, r.Now, a.Loc)
}

func firstWord(s string) string {
	for i, c := range s {
		if c == ' ' || c == '\t' || c == '\n' {
			return s[:i]
		}
	}
	return s
}
