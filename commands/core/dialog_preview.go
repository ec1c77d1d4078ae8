package core

// Preview is step preceded by what the answers make, exactly as it will
// be sent (send queues it: an announcement, an invitation), each time the
// step is reached or come back to; not when the step asks again after a
// reply it did not take, nor for a confirm's "what to change". The step
// is then asked in a message of its own, below the preview.
func Preview(send func(*Req, Values) error, step Step) Step { return preview{step, send} }

type preview struct {
	Step
	send func(*Req, Values) error
}

func (p preview) ask(r *Req, s *session, edit bool) error {
	if s.data.Sub != "" {
		return p.Step.ask(r, s, edit)
	}
	if err := p.send(r, s.data.V); err != nil {
		return err
	}
	return p.Step.ask(r, s, false)
}

// AtLeastOne is c that does not finish with nothing ticked: its finish
// then says refusal (a catalog key) and the ticks are asked for again.
func AtLeastOne(c ChecksStep, refusal string) Step { return atLeastOne{c, refusal} }

type atLeastOne struct {
	ChecksStep
	refusal string
}

// none reports that nothing is ticked.
func (a atLeastOne) none(r *Req, s *session) bool {
	return len(a.ticked(s, a.Options(r, s.data.V))) == 0
}

func (a atLeastOne) typed(r *Req, s *session, text string) (bool, error) {
	if a.none(r, s) {
		if ans, ok := ReadAnswer(text); (ok && ans == AnswerYes) || Fold(text) == Fold(a.Finish(r, 0)) {
			s.note = r.T(a.refusal)
			return false, a.ChecksStep.ask(r, s, false)
		}
	}
	return a.ChecksStep.typed(r, s, text)
}

func (a atLeastOne) pressed(r *Req, s *session, verb, key string) (bool, error) {
	if verb == "f" && a.none(r, s) {
		return false, r.Toast(StripTags(r.T(a.refusal)))
	}
	return a.ChecksStep.pressed(r, s, verb, key)
}

func (a atLeastOne) keep(r *Req, s *session) bool {
	var keys []string
	return a.ChecksStep.keep(r, s) && s.data.V.Get(a.Name, &keys) && len(keys) > 0
}
