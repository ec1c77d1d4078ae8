package calendar

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
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

// mtData is the /meeting conversation: the draft until it is saved, or the
// meeting whose minutes or decision is being typed (ID).
type mtData struct {
	Title  string   `json:"title,omitempty"`
	Start  int64    `json:"start,omitempty"` // unix milliseconds
	Place  string   `json:"place,omitempty"`
	Agenda []string `json:"agenda,omitempty"`
	Aud    audSel   `json:"aud"`
	ID     int64    `json:"id,omitempty"`
}

// mayManageMeeting is the one rule for who may post a meeting, record its
// minutes and decisions, and turn them into tickets: staff.
func (a *Calendar) mayManageMeeting(r *core.Req, m storage.Meeting) bool {
	return r.AtLeast(storage.RoleStaff) && m.State != storage.MeetingCancelled
}

// meeting starts /meeting: what is it called?
func (a *Calendar) meeting(r *core.Req) error {
	if err := r.SetFlow(flowMeeting, "title", mtData{}); err != nil {
		return err
	}
	return r.Reply(r.T("mt.ask_title"), telegram.ForceReply{ForceReply: true})
}

// meetingText takes what the organiser typed at each step.
func (a *Calendar) meetingText(r *core.Req, f storage.Flow) error {
	var d mtData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("error.stale_button"), nil)
	}
	text := core.CleanText(r.Text)
	again := telegram.ForceReply{ForceReply: true}
	switch f.Step {
	case "title":
		line := core.CleanLine(text)
		switch {
		case line == "":
			return r.Reply(r.T("mt.no_title"), again)
		case core.RuneLen(line) > maxMeetingTitle:
			return r.Reply(r.T("report.too_long", core.RuneLen(line), maxMeetingTitle), again)
		}
		d.Title = line
		return a.meetingStep(r, "time", d, "mt.ask_time", when.Example(r.Lang))
	case "time":
		sp, err := when.Parse(text, r.Now, a.Loc)
		if err != nil {
			key := "mt.bad_time"
			if errors.Is(err, when.ErrPast) {
				key = "mt.time_past"
			}
			return r.Reply(r.T(key, when.Example(r.Lang)), again)
		}
		d.Start = sp.Start.UnixMilli()
		return a.meetingStep(r, "place", d, "mt.ask_place", a.When(sp.Start))
	case "place":
		line := core.CleanLine(text)
		if line == "" || core.RuneLen(line) > maxMeetingPlace {
			return r.Reply(r.T("mt.bad_place", maxMeetingPlace), again)
		}
		d.Place = line
		if err := r.SetFlow(flowMeeting, "agenda", d); err != nil {
			return err
		}
		return r.Reply(r.T("mt.ask_agenda", maxAgendaLine), a.agendaKeyboard(r))
	case "agenda":
		return a.addAgenda(r, d, text)
	case "minutes", "decision":
		return a.meetingNote(r, f.Step, d, text)
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	return r.Reply(r.T("fallback.not_understood"), a.MainMenu(r))
}

func (a *Calendar) meetingStep(r *core.Req, step string, d mtData, key string, args ...any) error {
	if err := r.SetFlow(flowMeeting, step, d); err != nil {
		return err
	}
	return r.Reply(r.T(key, args...), telegram.ForceReply{ForceReply: true})
}

func (a *Calendar) agendaKeyboard(r *core.Req) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.T("mt.pull"), CallbackData: "mt:pull"}},
		{{Text: r.T("mt.agenda_done"), CallbackData: "mt:ad"}, {Text: r.T("button.cancel"), CallbackData: "mt:x"}},
	}}
}

// addAgenda adds the lines of a message to the agenda; one line too long
// refuses the whole message.
func (a *Calendar) addAgenda(r *core.Req, d mtData, text string) error {
	var lines []string
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if core.RuneLen(l) > maxAgendaLine {
			return r.Reply(r.T("mt.line_too_long", i+1, core.RuneLen(l), maxAgendaLine), a.agendaKeyboard(r))
		}
		lines = append(lines, l)
	}
	if len(lines) == 0 {
		return r.Reply(r.T("mt.ask_agenda", maxAgendaLine), a.agendaKeyboard(r))
	}
	if len(d.Agenda)+len(lines) > maxAgendaLines {
		return r.Reply(r.T("mt.agenda_full", maxAgendaLines), a.agendaKeyboard(r))
	}
	d.Agenda = append(d.Agenda, lines...)
	if err := r.SetFlow(flowMeeting, "agenda", d); err != nil {
		return err
	}
	return r.Reply(r.T("mt.agenda_so_far", a.agendaText(r.Lang, d.Agenda)), a.agendaKeyboard(r))
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
		line := a.Cat.T(lang, "mt.pull_ticket", f[1], a.CatLabel(lang, f[2]), f[3], a.When(time.UnixMilli(ms))[:10])
		return core.LimitRunes(line+" · "+strings.Join(f[5:], "|"), maxAgendaLine)
	}
	return l
}

// pullProblems adds the open and overdue tickets per building and the five
// oldest open tickets to the agenda, worded for each reader.
func (a *Calendar) pullProblems(r *core.Req, d mtData) (mtData, error) {
	open, err := r.Tx.OpenProblems(100_000)
	if err != nil {
		return d, err
	}
	deadline := map[string]time.Duration{}
	for _, c := range a.Cfg.Tickets.Categories {
		deadline[c.Key] = time.Duration(c.Deadline * float64(time.Hour))
	}
	count, over := map[string]int{}, map[string]int{}
	var order []string
	for _, p := range open {
		if count[p.Building] == 0 {
			order = append(order, p.Building)
		}
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
	d.Agenda = append(d.Agenda, counts)
	oldest, err := r.Tx.OldestOpen(5)
	if err != nil {
		return d, err
	}
	for _, tk := range oldest {
		d.Agenda = append(d.Agenda, fmt.Sprintf("%stk|%d|%s|%s|%d|%s", pullMark, tk.ID, tk.Category, tk.Building,
			tk.CreatedAt.UnixMilli(), core.LimitRunes(strings.Join(strings.Fields(tk.Text), " "), maxAgendaLine)))
	}
	return d, nil
}
