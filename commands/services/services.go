// Package services is the services desk: the catalogue of services a
// resident may ask about, book a time for or apply for (/services); the
// office hours and their bookings; applications kept as confidential
// cases that staff work from /desk, with the resident told each step
// (/myservices); public notices (公示) with objections raised privately;
// and the rating when a case ends. A case is read only through
// mayReadCase, and every look and change goes into its record and the
// audit.
package services

import (
	"time"

	"courtyard/commands/core"
	"courtyard/config"
	"courtyard/storage"
)

// Care is how an approved household joins the care list.
type Care interface {
	// AddHousehold puts h on the care list for the person behind r and
	// returns its id.
	AddHousehold(r *core.Req, h storage.Household) (int64, error)
}

// Services is the services desk over the core.
type Services struct {
	*core.Core
	care Care

	ask    *core.Dialog // a question to staff
	apply  *core.Dialog // an application
	askDoc *core.Dialog // staff ask for a missing document
	decide *core.Dialog // staff record the decision with its reason
	notice *core.Dialog // staff publish a notice
	object *core.Dialog // a resident objects to a notice
	rword  *core.Dialog // the word on a rating
}

// New returns the services desk over c; care takes approved households.
func New(c *core.Core, care Care) *Services {
	a := &Services{Core: c, care: care}
	a.ask = a.askDialog()
	a.apply = a.applyDialog()
	a.askDoc = a.askDocDialog()
	a.decide = a.decideDialog()
	a.notice = a.noticeDialog()
	a.object = a.objectDialog()
	a.rword = a.rateWordDialog()
	return a
}

// service is the catalogue's service key; false when there is none.
func (a *Services) service(key string) (config.Service, bool) {
	for _, s := range a.Cfg.Services.Catalogue {
		if s.Key == key {
			return s, true
		}
	}
	return config.Service{}, false
}

// name is a service's name in lang ("" key: a general question).
func (a *Services) name(lang, key string) string {
	s, ok := a.service(key)
	if !ok {
		return a.Cat.T(lang, "services.general")
	}
	return inLang(lang, s.Zh, s.En)
}

func inLang(lang, zh, en string) string {
	if lang == "en" && en != "" {
		return en
	}
	return zh
}

// stepLabel is the label of step i of service s in lang: the configured
// steps, then "decided".
func (a *Services) stepLabel(lang string, s config.Service, c storage.Case) string {
	switch {
	case c.State == storage.CaseApproved:
		return a.Cat.T(lang, "services.state_approved")
	case c.State == storage.CaseRefused:
		return a.Cat.T(lang, "services.state_refused")
	case c.State == storage.CasePublicity:
		return a.Cat.T(lang, "services.state_publicity")
	case c.Step < len(s.Steps):
		return inLang(lang, s.Steps[c.Step].Zh, s.Steps[c.Step].En)
	}
	return a.Cat.T(lang, "services.state_deciding")
}

// ServiceCounts counts the desk's work of [from, to) for the report
// upward: counts only.
func (a *Services) ServiceCounts(tx *storage.Tx, from, to time.Time) (storage.ServiceCounts, error) {
	return tx.ServiceCounts(from, to)
}

// ServiceKeys are the catalogue's services in order.
func (a *Services) ServiceKeys() []string {
	out := make([]string, 0, len(a.Cfg.Services.Catalogue))
	for _, s := range a.Cfg.Services.Catalogue {
		out = append(out, s.Key)
	}
	return out
}

// ServiceName is a service's name in lang; a key no longer in the
// catalogue is itself.
func (a *Services) ServiceName(lang, key string) string {
	if _, ok := a.service(key); !ok {
		return key
	}
	return a.name(lang, key)
}
