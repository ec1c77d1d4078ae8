package core

import (
	"encoding/json"
	"fmt"
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

// Dialog is a conversation declared as named steps, asked in order. The
// engine keeps the answers in the person's storage.Flow (so a dialog
// survives a restart), continues it with what they type (Continue, its
// FlowFunc) and with its buttons (Press, under the prefix "fl:<Name>:"),
// and calls Done with the answers once the last step is answered.
//
// At every step the typed words 取消/cancel end it politely and 返回/back go
// to the step before. At a step with buttons, typed text is read as one of
// them (an option's words or number, a typed yes) or answered by asking
// the same step again: an unexpected message never ends the dialog. A
// correction (修改/change at a confirm step, or a press on an earlier
// question's button) asks that step again and then runs the later steps
// again with the corrected value: an answer that still fits is kept, the
// others and every confirm step are asked again.
//
// dialog_example_test.go declares one (a choice, a date, a confirm) and
// drives it.
type Dialog struct {
	Name  string       // the conversation's name: unique, at most 16 bytes, no ':'
	Min   storage.Role // the lowest role that may go on with it; "" is anyone
	Steps []Step
	Done  func(r *Req, v Values) error // the conversation has ended when it runs
}

// Step is one question of a dialog: a TextStep, DateStep, ChoiceStep,
// ConfirmStep or PersonStep, or one of them under OnlyIf.
type Step interface {
	stepName() string
	stepLabel() string        // catalog key naming the step in "what to change"
	verbs() []string          // the button verbs its questions use
	active(Values) bool       // false: skipped, its answer forgotten
	keep(*Req, *session) bool // whether its answer still stands when the dialog runs again
	ask(r *Req, s *session, edit bool) error
	// typed and pressed take an answer: true when it was taken and the
	// dialog goes on, false when the step answered the person itself.
	typed(r *Req, s *session, text string) (bool, error)
	pressed(r *Req, s *session, verb, arg string) (bool, error)
}

// OnlyIf asks step only while cond holds for the answers so far.
func OnlyIf(cond func(Values) bool, step Step) Step { return onlyIf{step, cond} }

type onlyIf struct {
	Step
	cond func(Values) bool
}

func (o onlyIf) active(v Values) bool { return o.cond(v) && o.Step.active(v) }

// AddDialog registers d's conversation and its row of buttons, under
// anyone's own conversation (ScopeOwn) in private, from d.Min up. A
// capability whose table lists its rows itself registers d.Buttons() and
// d.Continue instead.
func (a *Core) AddDialog(d *Dialog) error {
	if err := d.check(); err != nil {
		return err
	}
	if _, dup := a.flows[d.Name]; dup {
		return fmt.Errorf("dialog %s: a conversation of that name is registered", d.Name)
	}
	a.Register(nil, []Buttons{d.Buttons()}, map[string]FlowFunc{d.Name: d.Continue}, Hooks{})
	return nil
}

// Buttons is the permission table's row of d's buttons.
func (d *Dialog) Buttons() Buttons {
	ru := Rule{Min: d.min(), Chats: PrivateOnly, Scope: ScopeOwn}
	vs := Verbs{"b": ru, "x": ru}
	for _, st := range d.Steps {
		for _, v := range st.verbs() {
			vs[v] = ru
		}
	}
	return Buttons{Prefix: d.prefix(), Run: d.Press, Verbs: vs}
}

func (d *Dialog) check() error {
	if d.Name == "" || len(d.Name) > 16 || strings.Contains(d.Name, ":") || len(d.Steps) == 0 || d.Done == nil {
		return fmt.Errorf("dialog %q: a name of 1-16 bytes without ':', steps and Done are needed", d.Name)
	}
	seen := map[string]bool{}
	for _, st := range d.Steps {
		n := st.stepName()
		if n == "" || strings.Contains(n, ":") || seen[n] {
			return fmt.Errorf("dialog %s: step name %q is empty, has ':' or is used twice", d.Name, n)
		}
		seen[n] = true
	}
	return nil
}

func (d *Dialog) min() storage.Role {
	if d.Min == "" {
		return AnyRole
	}
	return d.Min
}

func (d *Dialog) prefix() string { return "fl:" + d.Name + ":" }

func (d *Dialog) index(step string) int {
	for i, st := range d.Steps {
		if st.stepName() == step {
			return i
		}
	}
	return -1
}

// Start begins d for the person, replacing any conversation they were in.
// seed holds answers known beforehand (editing something that exists) and
// anything the capability keeps with them: a step whose answer is seeded
// and still fits is not asked.
func (d *Dialog) Start(r *Req, seed Values) error {
	s := &session{d: d, data: dialogData{V: Values{}, In: map[string]string{}}}
	for k, v := range seed {
		s.data.V[k] = v
	}
	return s.advance(r, 0)
}

// load reads a running dialog; false when its data cannot be read.
func (d *Dialog) load(f storage.Flow) (*session, bool) {
	s := &session{d: d, at: d.index(f.Step)}
	if err := json.Unmarshal([]byte(f.Data), &s.data); err != nil {
		return s, false
	}
	if s.data.V == nil {
		s.data.V = Values{}
	}
	if s.data.In == nil {
		s.data.In = map[string]string{}
	}
	return s, true
}

// session is a running dialog in hand.
type session struct {
	d    *Dialog
	at   int // the step being asked
	data dialogData
	note string // said before the next question: how a typed answer was read
}

func (s *session) step() Step { return s.d.Steps[s.at] }

// advance goes on from step from: steps whose answer stands are passed,
// the first other one is asked; past the last, the dialog is done.
func (s *session) advance(r *Req, from int) error {
	for i := from; i < len(s.d.Steps); i++ {
		st := s.d.Steps[i]
		if !st.active(s.data.V) {
			delete(s.data.V, st.stepName())
			delete(s.data.In, st.stepName())
			continue
		}
		if !st.keep(r, s) {
			return s.goTo(r, i, false)
		}
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	return s.d.Done(r, s.data.V)
}

// goTo asks step i; edit puts it in place of the message pressed.
func (s *session) goTo(r *Req, i int, edit bool) error {
	s.at = i
	s.data.Sub, s.data.Page, s.data.Q = "", 0, ""
	return s.again(r, edit)
}

// again stores where the dialog is and asks the step it is at.
func (s *session) again(r *Req, edit bool) error {
	if err := r.SetFlow(s.d.Name, s.step().stepName(), s.data); err != nil {
		return err
	}
	return s.step().ask(r, s, edit)
}

// prev is the step before the current one that is asked, -1 if none.
func (s *session) prev() int {
	for j := s.at - 1; j >= 0; j-- {
		if s.d.Steps[j].active(s.data.V) {
			return j
		}
	}
	return -1
}

// back asks the step before; at the first step, the first step again.
func (s *session) back(r *Req, edit bool) error {
	if s.data.Sub != "" {
		s.data.Sub = ""
		return s.again(r, edit)
	}
	if j := s.prev(); j >= 0 {
		return s.goTo(r, j, edit)
	}
	return s.again(r, edit)
}

// cancel ends the dialog politely.
func (s *session) cancel(r *Req) error {
	if r.CB != nil {
		return r.EndFlowSaying(r.T("cancel.done"))
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	return r.Reply(r.T("cancel.done"), r.a.MainMenu(r))
}

// set stores a step's answer; input is what was typed, kept to read it
// again after a change ("" for a press).
func (s *session) set(step string, val any, input string) error {
	delete(s.data.In, step)
	if input != "" {
		s.data.In[step] = input
	}
	return s.data.V.Set(step, val)
}

// button is one of the current step's buttons.
func (s *session) button(text, verb, arg string) telegram.Button {
	data := s.d.prefix() + verb + ":" + s.step().stepName()
	if arg != "" {
		data += ":" + arg
	}
	return telegram.Button{Text: LimitRunes(text, 40), CallbackData: data}
}

// navRow is [Back] (when there is a step before) and [Cancel].
func (s *session) navRow(r *Req) []telegram.Button {
	var row []telegram.Button
	if s.prev() >= 0 || s.data.Sub != "" {
		row = append(row, s.button(r.T(AnswerBack.Key()), "b", ""))
	}
	return append(row, s.button(r.T(AnswerCancel.Key()), "x", ""))
}

// show sends a question, or puts it in place of the message pressed.
func (s *session) show(r *Req, text string, rows [][]telegram.Button, edit bool) error {
	for _, row := range rows {
		for _, b := range row {
			if len(b.CallbackData) > telegram.MaxCallbackData {
				return fmt.Errorf("dialog %s: button data %q is over %d bytes", s.d.Name, b.CallbackData, telegram.MaxCallbackData)
			}
		}
	}
	if s.note != "" {
		text, s.note = s.note+"\n\n"+text, ""
	}
	kb := telegram.Keyboard{InlineKeyboard: rows}
	if edit && r.CB != nil {
		return r.Edit(text, kb)
	}
	return r.Reply(text, kb)
}
