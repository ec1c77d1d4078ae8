package services

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"courtyard/commands/core"
	"courtyard/config"
	"courtyard/storage"
	"courtyard/telegram"
)

// kindCaseOverdue alerts staff of a case past its usual days.
const kindCaseOverdue = "services.overdue"

// Limits of what an application holds.
const (
	applyMaxWhom      = 20
	applyMaxSituation = 500
	applyMaxHousehold = 12
)

// situation is what the applicant said of their situation: a sentence or
// a voice message.
type situation struct {
	Text  string `json:"text,omitempty"`
	Voice string `json:"voice,omitempty"`
	Secs  int    `json:"secs,omitempty"`
}

// applyDialog asks for whom in the household, how many live in it, a
// phone number and the situation; the document photos follow the
// application in the same chat.
func (a *Services) applyDialog() *core.Dialog {
	return &core.Dialog{Name: "sv_apply", Steps: []core.Step{
		core.ChoiceStep{Name: "whom", Label: "services.step.whom", Ask: a.askWhom, Options: a.whomOptions, Other: a.whomTyped},
		core.ChoiceStep{Name: "size", Label: "services.step.size", Ask: core.Say("services.ask_size"), Options: a.sizeOptions, Read: a.sizeTyped},
		core.TextStep{Name: "phone", Label: "services.step.phone", Ask: core.Say("services.ask_phone"), Parse: readPhone},
		core.TextStep{Name: "situation", Label: "services.step.situation", Ask: core.Say("services.ask_situation", applyMaxSituation), Parse: readSituation},
		core.ConfirmStep{Name: "ok", Summary: a.applyPreview},
	}, Done: a.applyDone}
}

func (a *Services) startApply(r *core.Req, s config.Service) error {
	seed := core.Values{}
	if err := seed.Set("svc", s.Key); err != nil {
		return err
	}
	return a.apply.Start(r, seed)
}

func (a *Services) askWhom(r *core.Req, v core.Values) string {
	return r.T("services.ask_whom", core.Esc(a.name(r.Lang, v.String("svc"))))
}

var whomKeys = []string{"self", "spouse", "parent", "child", "other"}

func (a *Services) whomOptions(*core.Req, core.Values) []core.Option {
	var out []core.Option
	for _, k := range whomKeys {
		out = append(out, a.Option(k, "services.whom_"+k))
	}
	return out
}

// whomTyped takes a relation or a name typed.
func (a *Services) whomTyped(r *core.Req, _ core.Values, text string) (string, string) {
	if n := core.RuneLen(text); n == 0 || n > applyMaxWhom {
		return "", r.T("services.whom_refused", applyMaxWhom)
	}
	return text, ""
}

// whomLabel is who an application is for, in lang.
func (a *Services) whomLabel(lang, whom string) string {
	for _, k := range whomKeys {
		if k == whom {
			return core.StripTags(a.Cat.T(lang, "services.whom_"+k))
		}
	}
	return whom
}

func (a *Services) sizeOptions(r *core.Req, v core.Values) []core.Option {
	var out []core.Option
	for n := 1; n <= 6; n++ {
		out = append(out, core.Option{Key: strconv.Itoa(n), Zh: strconv.Itoa(n) + " 人", En: strconv.Itoa(n)})
	}
	if n := householdSize(v); n > 6 {
		out = append(out, core.Option{Key: strconv.Itoa(int(n)), Zh: strconv.Itoa(int(n)) + " 人", En: strconv.Itoa(int(n))})
	}
	return out
}

// householdSize is the household's size answered, 0 before.
func householdSize(v core.Values) int {
	n, _ := strconv.Atoi(v.String("size"))
	return n
}

func (a *Services) sizeTyped(r *core.Req, _ core.Values, text string) (core.Option, bool) {
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(core.Fold(text)), "人"))
	if err != nil || n < 1 || n > applyMaxHousehold {
		return core.Option{}, false
	}
	return core.Option{Key: strconv.Itoa(n), Zh: strconv.Itoa(n) + " 人", En: strconv.Itoa(n)}, true
}

// readPhone takes a phone number: 7 to 15 digits, with spaces, dashes or
// a leading + as people write them.
func readPhone(r *core.Req, _ core.Values, text string) (any, string) {
	var digits strings.Builder
	for i, c := range core.Fold(text) {
		switch {
		case c >= '0' && c <= '9':
			digits.WriteRune(c)
		case c == ' ' || c == '-' || (c == '+' && i == 0):
		default:
			return nil, r.T("services.phone_refused")
		}
	}
	if n := digits.Len(); n < 7 || n > 15 {
		return nil, r.T("services.phone_refused")
	}
	return digits.String(), ""
}

// readSituation takes a sentence, or a voice message.
func readSituation(r *core.Req, _ core.Values, text string) (any, string) {
	if v := core.VoiceOf(r); v != nil {
		return situation{Text: text, Voice: v.FileID, Secs: v.Seconds}, ""
	}
	switch n := core.RuneLen(text); {
	case n == 0:
		return nil, r.T("services.situation_refused")
	case n > applyMaxSituation:
		return nil, r.T("report.too_long", n, applyMaxSituation)
	}
	return situation{Text: text}, ""
}

func (a *Services) applyPreview(r *core.Req, v core.Values) string {
	var sit situation
	v.Get("situation", &sit)
	s, _ := a.service(v.String("svc"))
	return r.T("services.apply_preview", core.Esc(inLang(r.Lang, s.Zh, s.En)), core.Esc(a.whomLabel(r.Lang, v.String("whom"))),
		householdSize(v), core.Esc(v.String("phone")), a.situationText(r.Lang, sit.Text, sit.Voice, sit.Secs))
}

// situationText is a situation as its reader sees it.
func (a *Services) situationText(lang, text, voice string, secs int) string {
	said := a.Cat.T(lang, "services.voice", secs)
	if secs == 0 {
		said = a.Cat.T(lang, "services.voice_any")
	}
	switch {
	case voice != "" && text != "":
		return core.Esc(text) + " " + said
	case voice != "":
		return said
	}
	return core.Esc(text)
}

// applyDone files the case, tells staff that one came (not what it
// says), lays out its overdue alert and asks for the document photos.
func (a *Services) applyDone(r *core.Req, v core.Values) error {
	s, ok := a.service(v.String("svc"))
	if !ok {
		return r.Reply(r.T("error.stale_button"), nil)
	}
	var sit situation
	v.Get("situation", &sit)
	size := householdSize(v)
	c := storage.Case{Service: s.Key, MemberID: r.Me.ID, ForWhom: v.String("whom"), Phone: v.String("phone"),
		Situation: sit.Text, VoiceFile: sit.Voice, Building: r.Me.Building, Household: size}
	id, err := a.FileCase(r.Tx, c, nil, r.Now)
	if err != nil {
		return err
	}
	c.ID = id
	if err := a.record(r, c, "apply", map[string]any{"service": s.Key}); err != nil {
		return err
	}
	if err := a.tellStaff(r, 0, caseKeyboard, "services.staff_new_case", id, core.InLang(func(lang string) string { return core.Esc(a.name(lang, s.Key)) })); err != nil {
		return err
	}
	if err := r.Reply(r.T("services.applied", id, core.Esc(inLang(r.Lang, s.Zh, s.En)), r.N("services.view_days", s.Days)), nil); err != nil {
		return err
	}
	return a.askPhotos(r, c, s)
}

// askPhotos asks the applicant for the document photos of case c.
func (a *Services) askPhotos(r *core.Req, c storage.Case, s config.Service) error {
	if err := r.SetFlow(flowDocs, "photos", docsData{Case: c.ID}); err != nil {
		return err
	}
	text := r.T("services.ask_photos", c.ID)
	switch {
	case c.Asked != "":
		text = r.T("services.ask_photo_for", core.Esc(c.Asked), c.ID)
	case len(s.Documents) > 0:
		text += "\n" + checklist(r.Lang, s)
	}
	return r.Reply(text, docsKeyboard(r, c.ID))
}

func docsKeyboard(r *core.Req, id int64) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.T("services.btn_docs_done"), CallbackData: "sv:doc:" + core.Itoa(id) + ":end"}}}}
}

// FileCase stores application c with its document photos and lays out
// its overdue alert; it returns the case's id.
func (a *Services) FileCase(tx *storage.Tx, c storage.Case, docs []string, now time.Time) (int64, error) {
	s, ok := a.service(c.Service)
	if !ok {
		return 0, fmt.Errorf("case: no service %q in the catalogue", c.Service)
	}
	id, err := tx.CreateCase(c, docs, now)
	if err != nil {
		return 0, err
	}
	c.ID = id
	return id, a.scheduleOverdue(tx, c, s, 1, now.AddDate(0, 0, s.Days), now)
}

type overdueData struct {
	Case  int64 `json:"case"`
	Round int   `json:"round"`
}

// scheduleOverdue lays out the overdue alert of round 1 (its staff
// member) or 2 (all staff, a week later) for case c at due.
func (a *Services) scheduleOverdue(tx *storage.Tx, c storage.Case, s config.Service, round int, due, now time.Time) error {
	raw, err := json.Marshal(overdueData{Case: c.ID, Round: round})
	if err != nil {
		return fmt.Errorf("case %d overdue: %w", c.ID, err)
	}
	key := "c:" + core.Itoa(c.ID) + ":" + strconv.Itoa(round)
	_, err = tx.ScheduleDue(storage.DueItem{Kind: kindCaseOverdue, Key: key, DueAt: due, Until: due.AddDate(0, 0, 30), Data: string(raw)}, now)
	return err
}

// caseKeyboard is the button that opens case id at the desk.
func caseKeyboard(lang string, cat func(lang, key string, args ...any) string, id int64) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: cat(lang, "services.btn_open_case", id), CallbackData: "sv:c:" + core.Itoa(id)}}}}
}

// tellStaff tells each staff member (only the one with id only, when
// only is not 0) key with args, with the case's button when kb is set.
func (a *Services) tellStaff(r *core.Req, only int64, kb func(string, func(string, string, ...any) string, int64) telegram.Keyboard, key string, id int64, args ...any) error {
	staff, err := a.Staff(r.Tx)
	if err != nil {
		return err
	}
	for _, m := range staff {
		if only != 0 && m.ID != only {
			continue
		}
		var markup any
		if kb != nil {
			markup = kb(a.LangOf(m), a.Cat.T, id)
		}
		if _, err := a.TellTo(r, m.ID, markup, key, append([]any{id}, args...)...); err != nil {
			return err
		}
	}
	return nil
}

// maskName masks a name for a public notice: the surname (its first
// character) stays, the rest is starred: 王** , W***.
func maskName(name string) string {
	rs := []rune(strings.TrimSpace(name))
	if len(rs) == 0 {
		return "*"
	}
	out := string(rs[0])
	for _, c := range rs[1:] {
		if !unicode.IsSpace(c) {
			out += "*"
		}
	}
	if len(rs) == 1 {
		out += "*"
	}
	return out
}
