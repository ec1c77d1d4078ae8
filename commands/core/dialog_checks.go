package core

import (
	"slices"

	"courtyard/telegram"
)

// ChecksStep offers options as buttons that each tick (✓) or untick, and
// one more button, Finish's text, that ends the choice; none ticked is an
// answer too. A typed option's words or number ticks or unticks it; a
// typed yes or Finish's words end the choice. Its answer is the keys
// ticked, in the options' order ([]string, read with Values.Get). The
// ticks are kept while it is asked, and shown again when it is asked
// again; after a correction the answer stands while every key is still
// among the options.
type ChecksStep struct {
	Name    string
	Label   string // catalog key naming the step in "what to change"
	Ask     func(*Req, Values) string
	Options func(*Req, Values) []Option
	Finish  func(r *Req, ticked int) string // the text of the button that ends the choice
}

func (c ChecksStep) stepName() string  { return c.Name }
func (c ChecksStep) stepLabel() string { return c.Label }
func (ChecksStep) verbs() []string     { return []string{"t", "f"} }
func (ChecksStep) active(Values) bool  { return true }

// ticksKey holds the ticks while the step is asked.
func (c ChecksStep) ticksKey() string { return c.Name + "~" }

func (c ChecksStep) keep(r *Req, s *session) bool {
	var keys []string
	if !s.data.V.Get(c.Name, &keys) {
		return false
	}
	opts := c.Options(r, s.data.V)
	for _, k := range keys {
		if !slices.ContainsFunc(opts, func(o Option) bool { return o.Key == k }) {
			return false
		}
	}
	return true
}

// ticked are the keys ticked so far, in the options' order: those of the
// step being asked, else its answer.
func (c ChecksStep) ticked(s *session, opts []Option) []string {
	var keys []string
	if !s.data.V.Get(c.ticksKey(), &keys) {
		s.data.V.Get(c.Name, &keys)
	}
	var out []string
	for _, o := range opts {
		if slices.Contains(keys, o.Key) {
			out = append(out, o.Key)
		}
	}
	return out
}

// names are the texts of the options ticked.
func (c ChecksStep) names(r *Req, opts []Option, keys []string) string {
	var out []string
	for _, o := range opts {
		if slices.Contains(keys, o.Key) {
			out = append(out, Esc(o.Text(r.Lang)))
		}
	}
	return r.a.ListJoin(r.Lang, out)
}

func (c ChecksStep) ask(r *Req, s *session, edit bool) error {
	opts := c.Options(r, s.data.V)
	keys := c.ticked(s, opts)
	btns := make([]telegram.Button, 0, len(opts))
	for _, o := range opts {
		text := o.Text(r.Lang)
		if slices.Contains(keys, o.Key) {
			text = "✓ " + text
		}
		btns = append(btns, s.button(text, "t", o.Key))
	}
	rows := inRows(btns, 1)
	rows = append(rows, []telegram.Button{s.button(c.Finish(r, len(keys)), "f", "")}, s.navRow(r))
	return s.show(r, c.Ask(r, s.data.V), rows, edit)
}

// toggle ticks key, or unticks it.
func (c ChecksStep) toggle(s *session, opts []Option, key string) error {
	keys := c.ticked(s, opts)
	if i := slices.Index(keys, key); i >= 0 {
		keys = slices.Delete(keys, i, i+1)
	} else {
		keys = append(keys, key)
	}
	return s.data.V.Set(c.ticksKey(), keys)
}

// finish takes the ticks as the answer.
func (c ChecksStep) finish(s *session, keys []string) error {
	delete(s.data.V, c.ticksKey())
	if keys == nil {
		keys = []string{}
	}
	return s.set(c.Name, keys, "")
}

func (c ChecksStep) typed(r *Req, s *session, text string) (bool, error) {
	opts := c.Options(r, s.data.V)
	keys := c.ticked(s, opts)
	if a, ok := ReadAnswer(text); (ok && a == AnswerYes) || Fold(text) == Fold(c.Finish(r, len(keys))) {
		if len(keys) > 0 {
			s.note = r.T("dialog.picked", c.names(r, opts, keys))
		}
		return true, c.finish(s, keys)
	}
	o, ok := pickOption(opts, text)
	if !ok {
		s.note = r.T("dialog.tap")
		return false, c.ask(r, s, false)
	}
	if err := c.toggle(s, opts, o.Key); err != nil {
		return false, err
	}
	return false, s.again(r, false)
}

func (c ChecksStep) pressed(r *Req, s *session, verb, key string) (bool, error) {
	opts := c.Options(r, s.data.V)
	switch {
	case verb == "t" && slices.ContainsFunc(opts, func(o Option) bool { return o.Key == key }):
		if err := c.toggle(s, opts, key); err != nil {
			return false, err
		}
		return false, s.again(r, true)
	case verb == "f":
		keys := c.ticked(s, opts)
		text := c.Ask(r, s.data.V)
		if len(keys) > 0 {
			text += "\n" + r.T("dialog.picked", c.names(r, opts, keys))
		}
		if err := r.Edit(text, nil); err != nil {
			return false, err
		}
		return true, c.finish(s, keys)
	}
	return false, r.Toast(r.T("error.stale_button"))
}
