package commands

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

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
func (a *App) mayManageMeeting(r *req, m storage.Meeting) bool {
	return r.atLeast(storage.RoleStaff) && m.State != storage.MeetingCancelled
}

// meeting starts /meeting: what is it called?
func (a *App) meeting(r *req) error {
	if err := r.setFlow(flowMeeting, "title", mtData{}); err != nil {
		return err
	}
	return r.reply(r.t("mt.ask_title"), telegram.ForceReply{ForceReply: true})
}

// meetingText takes what the organiser typed at each step.
func (a *App) meetingText(r *req, f storage.Flow) error {
	var d mtData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		if err := r.tx.EndFlow(r.me.ID); err != nil {
			return err
		}
		return r.reply(r.t("error.stale_button"), nil)
	}
	text := cleanText(r.text)
	again := telegram.ForceReply{ForceReply: true}
	switch f.Step {
	case "title":
		line := cleanLine(text)
		switch {
		case line == "":
			return r.reply(r.t("mt.no_title"), again)
		case runeLen(line) > maxMeetingTitle:
			return r.reply(r.t("report.too_long", runeLen(line), maxMeetingTitle), again)
		}
		d.Title = line
		return a.meetingStep(r, "time", d, "mt.ask_time", when.Example(r.lang))
	case "time":
		sp, err := when.Parse(text, r.now, a.loc)
		if err != nil {
			key := "mt.bad_time"
			if errors.Is(err, when.ErrPast) {
				key = "mt.time_past"
			}
			return r.reply(r.t(key, when.Example(r.lang)), again)
		}
		d.Start = sp.Start.UnixMilli()
		return a.meetingStep(r, "place", d, "mt.ask_place", a.when(sp.Start))
	case "place":
		line := cleanLine(text)
		if line == "" || runeLen(line) > maxMeetingPlace {
			return r.reply(r.t("mt.bad_place", maxMeetingPlace), again)
		}
		d.Place = line
		if err := r.setFlow(flowMeeting, "agenda", d); err != nil {
			return err
		}
		return r.reply(r.t("mt.ask_agenda", maxAgendaLine), a.agendaKeyboard(r))
	case "agenda":
		return a.addAgenda(r, d, text)
	case "minutes", "decision":
		return a.meetingNote(r, f.Step, d, text)
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	return r.reply(r.t("fallback.not_understood"), a.mainMenu(r))
}

func (a *App) meetingStep(r *req, step string, d mtData, key string, args ...any) error {
	if err := r.setFlow(flowMeeting, step, d); err != nil {
		return err
	}
	return r.reply(r.t(key, args...), telegram.ForceReply{ForceReply: true})
}

func (a *App) agendaKeyboard(r *req) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{
		{{Text: r.t("mt.pull"), CallbackData: "mt:pull"}},
		{{Text: r.t("mt.agenda_done"), CallbackData: "mt:ad"}, {Text: r.t("button.cancel"), CallbackData: "mt:x"}},
	}}
}

// addAgenda adds the lines of a message to the agenda; one line too long
// refuses the whole message.
func (a *App) addAgenda(r *req, d mtData, text string) error {
	var lines []string
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if runeLen(l) > maxAgendaLine {
			return r.reply(r.t("mt.line_too_long", i+1, runeLen(l), maxAgendaLine), a.agendaKeyboard(r))
		}
		lines = append(lines, l)
	}
	if len(lines) == 0 {
		return r.reply(r.t("mt.ask_agenda", maxAgendaLine), a.agendaKeyboard(r))
	}
	if len(d.Agenda)+len(lines) > maxAgendaLines {
		return r.reply(r.t("mt.agenda_full", maxAgendaLines), a.agendaKeyboard(r))
	}
	d.Agenda = append(d.Agenda, lines...)
	if err := r.setFlow(flowMeeting, "agenda", d); err != nil {
		return err
	}
	return r.reply(r.t("mt.agenda_so_far", a.agendaText(d.Agenda)), a.agendaKeyboard(r))
}

func (a *App) agendaText(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		fmt.Fprintf(&b, "\n%d. %s", i+1, esc(l))
	}
	return b.String()
}

// pullProblems adds the open and overdue tickets per building and the five
// oldest open tickets to the agenda, in the community's language.
func (a *App) pullProblems(r *req, d mtData) (mtData, error) {
	lang := a.cfg.Community.Language
	open, err := r.tx.OpenProblems(100_000)
	if err != nil {
		return d, err
	}
	deadline := map[string]time.Duration{}
	for _, c := range a.cfg.Tickets.Categories {
		deadline[c.Key] = time.Duration(c.Deadline * float64(time.Hour))
	}
	count, over := map[string]int{}, map[string]int{}
	var order []string
	for _, p := range open {
		if count[p.Building] == 0 {
			order = append(order, p.Building)
		}
		count[p.Building]++
		if dl := deadline[p.Category]; dl > 0 && r.now.Sub(p.Created) > dl {
			over[p.Building]++
		}
	}
	var parts []string
	for _, b := range a.cfg.Community.Buildings {
		if count[b] > 0 {
			parts = append(parts, a.cat.T(lang, "mt.pull_building", b, count[b], over[b]))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, a.cat.T(lang, "mt.pull_none"))
	}
	d.Agenda = append(d.Agenda, a.cat.T(lang, "mt.pull_counts", strings.Join(parts, "; ")))
	oldest, err := r.tx.OldestOpen(5)
	if err != nil {
		return d, err
	}
	for _, tk := range oldest {
		line := fmt.Sprintf("#%d · %s · %s · %s", tk.ID, a.catLabel(lang, tk.Category), tk.Building, a.age(lang, r.now, tk.CreatedAt))
		d.Agenda = append(d.Agenda, limitRunes(line+" · "+strings.Join(strings.Fields(tk.Text), " "), maxAgendaLine))
	}
	return d, nil
}
