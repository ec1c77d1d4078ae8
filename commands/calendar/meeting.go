package calendar

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/when"
)

const flowMeeting = "meeting"

// Limits of what a meeting holds.
const (
	maxMeetingTitle = 100
	maxMeetingPlace = 200
	maxAgendaLine   = 500
	maxAgendaLines  = 30
	maxMinutes      = 3000
)

// mayManageMeeting is the one rule for who may post a meeting, record its
// minutes and decisions, and turn them into tickets: staff.
func (a *Calendar) mayManageMeeting(r *core.Req, m storage.Meeting) bool {
	return r.AtLeast(storage.RoleStaff) && m.State != storage.MeetingCancelled
}

// meetingDialog is /meeting: its title, when (a start, or a start and an
// end), where, the agenda (or none), whether the open problems join it,
// who is invited, once or recurring; then the invitation exactly as it
// will be received, and the confirmation that posts it.
func (a *Calendar) meetingDialog() *core.Dialog {
	steps := []core.Step{
		core.TextStep{Name: "title", Label: "mt.step.title", Ask: core.Say("mt.ask_title"), Parse: readTitle},
		core.DateStep{Name: "when", Label: "mt.step.when", Parse: readSpan, Refuse: refuseSpan,
			Ask: func(r *core.Req, _ core.Values) string { return r.T("mt.ask_time", when.Example(r.Lang)) }},
		core.TextStep{Name: "place", Label: "mt.step.place", Ask: a.askPlace, Parse: readPlace},
		core.OptionalStep{TextStep: core.TextStep{Name: "agenda", Label: "mt.step.agenda", Parse: readAgenda,
			Ask: func(r *core.Req, _ core.Values) string { return r.T("mt.ask_agenda", maxAgendaLine, maxAgendaLines) }},
			Skip: core.Say("mt.no_agenda")},
		core.ChoiceStep{Name: "pull", Label: "mt.step.pull", Ask: core.Say("mt.ask_pull"), Options: a.pullOptions, Columns: 1},
	}
	steps = append(steps, a.announce.AudienceSteps(core.Say("mt.ask_audience"), nil)...)
	steps = append(steps,
		core.ChoiceStep{Name: "repeat", Label: "mt.step.repeat", Ask: core.Say("mt.ask_repeat"), Options: a.repeatOptions, Columns: 1},
		core.Preview(a.previewMeeting, core.ConfirmStep{Name: "ok", Summary: a.meetingSummary}),
	)
	return &core.Dialog{Name: flowMeeting, Min: storage.RoleStaff, Steps: steps, Done: a.meetingDone}
}

func readTitle(r *core.Req, _ core.Values, text string) (any, string) {
	line := core.CleanLine(text)
	switch {
	case line == "":
		return nil, r.T("mt.no_title")
	case core.RuneLen(line) > maxMeetingTitle:
		return nil, r.T("report.too_long", core.RuneLen(line), maxMeetingTitle)
	}
	return line, ""
}

// readSpan reads when a meeting starts, and its end when given.
func readSpan(text string, now time.Time, loc *time.Location) (any, error) {
	return when.Parse(text, now, loc)
}

func refuseSpan(r *core.Req, err error) string {
	if errors.Is(err, when.ErrPast) {
		return r.T("mt.time_past", when.Example(r.Lang))
	}
	return r.T("mt.bad_time", when.Example(r.Lang))
}

// span is the meeting's time the answers give.
func span(v core.Values) when.Span {
	var sp when.Span
	v.Get("when", &sp)
	return sp
}

// askPlace says how the time was read, and asks where.
func (a *Calendar) askPlace(r *core.Req, v core.Values) string {
	return r.T("mt.ask_place", when.Describe(span(v), r.Lang, r.Now, a.Loc))
}

func readPlace(r *core.Req, _ core.Values, text string) (any, string) {
	line := core.CleanLine(text)
	if line == "" || core.RuneLen(line) > maxMeetingPlace {
		return nil, r.T("mt.bad_place", maxMeetingPlace)
	}
	return line, ""
}

// readAgenda takes the agenda, a line an item; one line too long refuses
// the whole message.
func readAgenda(r *core.Req, _ core.Values, text string) (any, string) {
	var lines []string
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if core.RuneLen(l) > maxAgendaLine {
			return nil, r.T("mt.line_too_long", i+1, core.RuneLen(l), maxAgendaLine)
		}
		lines = append(lines, l)
	}
	switch {
	case len(lines) == 0:
		return nil, r.T("mt.ask_agenda", maxAgendaLine, maxAgendaLines)
	case len(lines) > maxAgendaLines:
		return nil, r.T("mt.agenda_full", maxAgendaLines)
	}
	return lines, ""
}

// pullOptions add the open problems, or none; with proposals that have
// enough support, adding them (or both) is offered as well.
func (a *Calendar) pullOptions(r *core.Req, _ core.Values) []core.Option {
	opts := []core.Option{a.Option("pull", "mt.pull", "加入", "要", "是", "好", "yes", "ok")}
	if ps, err := a.props.AgendaProposals(r.Tx); err == nil && len(ps) > 0 {
		opts = append(opts,
			core.Option{Key: "pp", Zh: a.Cat.T("zh", "mt.pull_pp", len(ps)), En: a.Cat.T("en", "mt.pull_pp", len(ps)), Words: []string{"议题", "proposals"}},
			a.Option("both", "mt.pull_both", "都加", "both"))
	}
	return append(opts, a.Option("nopull", "mt.no_pull", "不要", "否", "不", "no"))
}

func (a *Calendar) repeatOptions(*core.Req, core.Values) []core.Option {
	return []core.Option{
		a.Option("once", "mt.once", "一次", "once"),
		a.Option("repeat", "mt.repeat", "例会", "定期", "recurring"),
	}
}

// draftMeeting is the meeting the answers make, not yet stored: its agenda
// with the open problems as they are now, when asked for.
func (a *Calendar) draftMeeting(r *core.Req, v core.Values) (storage.Meeting, error) {
	sp := span(v)
	ann := a.announce.ChosenAudience(v)
	m := storage.Meeting{OrganiserID: r.Me.ID, Title: v.String("title"), StartsAt: sp.Start, Place: v.String("place"),
		Audience: ann.Audience, Buildings: ann.Buildings, TeamID: ann.TeamID}
	if sp.HasEnd {
		m.EndsAt = sp.End
	}
	v.Get("agenda", &m.Agenda)
	pull := v.String("pull")
	if pull == "pull" || pull == "both" {
		pulled, err := a.pullProblems(r)
		if err != nil {
			return m, err
		}
		m.Agenda = append(m.Agenda, pulled...)
	}
	if pull == "pp" || pull == "both" {
		ps, err := a.props.AgendaProposals(r.Tx)
		if err != nil {
			return m, err
		}
		for _, p := range ps {
			m.Agenda = append(m.Agenda, fmt.Sprintf("%spp|%d|%d|%s|%s", pullMark, p.ID, p.Supports, p.Building,
				core.LimitRunes(strings.Join(strings.Fields(p.Title), " "), maxAgendaLine)))
		}
	}
	return m, nil
}

// agendaProposals are the proposals a meeting's agenda pulled in.
func agendaProposals(m storage.Meeting) []int64 {
	var ids []int64
	for _, l := range m.Agenda {
		if rest, ok := strings.CutPrefix(l, pullMark+"pp|"); ok {
			var id int64
			if _, err := fmt.Sscanf(rest, "%d|", &id); err == nil && id > 0 {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// agendaTickets are the tickets a meeting's agenda pulled in.
func agendaTickets(m storage.Meeting) []int64 {
	var ids []int64
	for _, l := range m.Agenda {
		if rest, ok := strings.CutPrefix(l, pullMark+"tk|"); ok {
			var id int64
			if _, err := fmt.Sscanf(rest, "%d|", &id); err == nil && id > 0 {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// agendaText numbers the agenda's lines for a reader of lang; the lines
// "Add open problems" pulled in are stored as data and worded here.
func (a *Calendar) agendaText(lang string, lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		fmt.Fprintf(&b, "\n%d. %s", i+1, core.Esc(a.agendaLine(lang, l)))
	}
	return b.String()
}

// Pulled agenda lines: pullMark + "counts" + ("|" building:open:overdue)...
// or pullMark + "tk|" id|category|building|opened (unix ms)|text.
const pullMark = "\x1f"

func (a *Calendar) agendaLine(lang, l string) string {
	rest, ok := strings.CutPrefix(l, pullMark)
	if !ok {
		return l
	}
	f := strings.Split(rest, "|")
	switch {
	case f[0] == "counts":
		var parts []string
		for _, x := range f[1:] {
			var b string
			var n, over int
			if i := strings.Index(x, ":"); i > 0 {
				b = x[:i]
				fmt.Sscanf(x[i+1:], "%d:%d", &n, &over)
			}
			parts = append(parts, a.Cat.T(lang, "mt.pull_building", b, n, over))
		}
		if len(parts) == 0 {
			parts = append(parts, a.Cat.T(lang, "mt.pull_none"))
		}
		return a.Cat.T(lang, "mt.pull_counts", strings.Join(parts, a.Cat.T(lang, "mt.pull_sep")))
	case f[0] == "tk" && len(f) >= 6:
		var ms int64
		fmt.Sscan(f[4], &ms)
		line := a.Cat.T(lang, "mt.pull_ticket", f[1], a.CatLabel(lang, f[2]), f[3], when.DescribeDate(time.UnixMilli(ms), lang, a.Now(), a.Loc))
		return core.LimitRunes(line+" · "+strings.Join(f[5:], "|"), maxAgendaLine)
	case f[0] == "pp" && len(f) >= 5:
		var n int
		fmt.Sscan(f[2], &n)
		where := a.Cat.T(lang, "mt.pull_pp_all")
		if f[3] != "" {
			where = a.Cat.T(lang, "mt.pull_pp_building", f[3])
		}
		return core.LimitRunes(a.Cat.T(lang, "mt.pull_proposal", f[1], where, n, strings.Join(f[4:], "|")), maxAgendaLine)
	}
	return l
}

// pullProblems are the agenda lines of the open and overdue tickets per
// building and the five oldest open tickets, worded for each reader.
func (a *Calendar) pullProblems(r *core.Req) ([]string, error) {
	open, err := r.Tx.OpenProblems(100_000)
	if err != nil {
		return nil, err
	}
	deadline := map[string]time.Duration{}
	for _, c := range a.Cfg.Tickets.Categories {
		deadline[c.Key] = time.Duration(c.Deadline * float64(time.Hour))
	}
	count, over := map[string]int{}, map[string]int{}
	for _, p := range open {
		count[p.Building]++
		if dl := deadline[p.Category]; dl > 0 && r.Now.Sub(p.Created) > dl {
			over[p.Building]++
		}
	}
	counts := pullMark + "counts"
	for _, b := range a.Cfg.Community.Buildings {
		if count[b] > 0 {
			counts += fmt.Sprintf("|%s:%d:%d", b, count[b], over[b])
		}
	}
	lines := []string{counts}
	oldest, err := r.Tx.OldestOpen(5)
	if err != nil {
		return nil, err
	}
	for _, tk := range oldest {
		lines = append(lines, fmt.Sprintf("%stk|%d|%s|%s|%d|%s", pullMark, tk.ID, tk.Category, tk.Building,
			tk.CreatedAt.UnixMilli(), core.LimitRunes(strings.Join(strings.Fields(tk.Text), " "), maxAgendaLine)))
	}
	return lines, nil
}
