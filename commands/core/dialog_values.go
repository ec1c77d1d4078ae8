package core

import (
	"encoding/json"
	"fmt"
)

// Values are a dialog's answers by step name, and whatever else the
// capability keeps with them (the id of what is being edited), as JSON:
// they are stored with the conversation and survive a restart.
type Values map[string]json.RawMessage

// Set stores x under key.
func (v Values) Set(key string, x any) error {
	raw, err := json.Marshal(x)
	if err != nil {
		return fmt.Errorf("dialog value %s: %w", key, err)
	}
	v[key] = raw
	return nil
}

// Get reads the value under key into x; false when there is none or it
// does not fit x.
func (v Values) Get(key string, x any) bool {
	raw, ok := v[key]
	return ok && json.Unmarshal(raw, x) == nil
}

// Has reports whether key has a value.
func (v Values) Has(key string) bool {
	_, ok := v[key]
	return ok
}

// String is the string under key: a text step's or a choice's answer; ""
// when there is none.
func (v Values) String(key string) string {
	var s string
	v.Get(key, &s)
	return s
}

// Int is the number under key: a person step's member id; 0 when none.
func (v Values) Int(key string) int64 {
	var n int64
	v.Get(key, &n)
	return n
}

// Say is a question that is the catalog message key with args, for a
// step's Ask.
func Say(key string, args ...any) func(*Req, Values) string {
	return func(r *Req, _ Values) string { return r.T(key, args...) }
}

// dialogData is what a running dialog stores in its storage.Flow.
type dialogData struct {
	V    Values            `json:"v"`
	In   map[string]string `json:"in,omitempty"`   // typed input by step, to run it again after a change
	Sub  string            `json:"sub,omitempty"`  // subStepWhich: the confirm's "what to change"
	Page int               `json:"page,omitempty"` // a person step's page
	Q    string            `json:"q,omitempty"`    // a person step's search
}

const subStepWhich = "which"
