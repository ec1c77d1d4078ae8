package core

import (
	"time"

	"courtyard/telegram"
)

// TextStep asks for free text. Parse reads the cleaned text into the
// answer stored, or refuses it with what to say (r.T of a message that
// says again what is expected); the person is then asked for it again.
// Without Parse the answer is the text itself, which must not be empty.
// After a correction the text typed is read again with the new answers.
type TextStep struct {
	Name  string
	Label string // catalog key naming the step in "what to change"
	Ask   func(*Req, Values) string
	Parse func(r *Req, v Values, text string) (answer any, refusal string)
}

func (t TextStep) stepName() string  { return t.Name }
func (t TextStep) stepLabel() string { return t.Label }
func (TextStep) verbs() []string     { return nil }
func (TextStep) active(Values) bool  { return true }

func (t TextStep) parse(r *Req, v Values, text string) (any, string) {
	if t.Parse != nil {
		return t.Parse(r, v, text)
	}
	if text == "" {
		return nil, r.T("dialog.text_only")
	}
	return text, ""
}

func (t TextStep) keep(r *Req, s *session) bool {
	in, typed := s.data.In[t.Name]
	if !typed {
		return s.data.V.Has(t.Name) // seeded
	}
	val, refusal := t.parse(r, s.data.V, in)
	return refusal == "" && s.set(t.Name, val, in) == nil
}

func (t TextStep) ask(r *Req, s *session, edit bool) error {
	return s.show(r, t.Ask(r, s.data.V), [][]telegram.Button{s.navRow(r)}, edit)
}

func (t TextStep) typed(r *Req, s *session, text string) (bool, error) {
	val, refusal := t.parse(r, s.data.V, text)
	if refusal != "" {
		return false, s.show(r, refusal, [][]telegram.Button{s.navRow(r)}, false)
	}
	return true, s.set(t.Name, val, text)
}

func (TextStep) pressed(r *Req, _ *session, _, _ string) (bool, error) {
	return false, r.Toast(r.T("error.stale_button"))
}

// WhenFunc reads a date or a time typed by a person, relative to now, in
// the community's zone loc: when.Parse, or a reader of a day alone.
type WhenFunc func(text string, now time.Time, loc *time.Location) (any, error)

// DateStep asks for a date or a time, read by Parse; its answer is what
// Parse returned, as JSON (read it back with Values.Get into the same
// type). Refuse says what to answer to an error of Parse (nil: a general
// "say it another way").
type DateStep struct {
	Name   string
	Label  string // catalog key naming the step in "what to change"
	Ask    func(*Req, Values) string
	Parse  WhenFunc
	Refuse func(r *Req, err error) string
}

func (t DateStep) stepName() string  { return t.Name }
func (t DateStep) stepLabel() string { return t.Label }
func (DateStep) verbs() []string     { return nil }
func (DateStep) active(Values) bool  { return true }

// keep: a date stands as it was read; reading "tomorrow" again a day
// later would move it.
func (t DateStep) keep(_ *Req, s *session) bool { return s.data.V.Has(t.Name) }

func (t DateStep) ask(r *Req, s *session, edit bool) error {
	return s.show(r, t.Ask(r, s.data.V), [][]telegram.Button{s.navRow(r)}, edit)
}

func (t DateStep) typed(r *Req, s *session, text string) (bool, error) {
	val, err := t.Parse(text, r.Now, r.a.Loc)
	if err != nil {
		refusal := r.T("dialog.bad_date")
		if far, ok := r.TooFar(err); ok {
			refusal = far
		} else if t.Refuse != nil {
			refusal = t.Refuse(r, err)
		}
		return false, s.show(r, refusal, [][]telegram.Button{s.navRow(r)}, false)
	}
	return true, s.set(t.Name, val, text)
}

func (DateStep) pressed(r *Req, _ *session, _, _ string) (bool, error) {
	return false, r.Toast(r.T("error.stale_button"))
}
