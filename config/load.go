package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// TokenEnv is the environment variable that, when non-empty, overrides
// telegram.token.
const TokenEnv = "COURTYARD_TELEGRAM_TOKEN"

// Load reads the YAML file at path, applies the token from the environment
// and the defaults, and validates the result. Unknown keys are an error. An
// empty file is allowed and yields the defaults (and then fails validation
// for the keys that have none, such as community.buildings).
//
// getenv looks up environment variables; nil means os.Getenv. Every error is
// a single line that names the file. When the only problem is the missing
// token (errors.Is(err, ErrNoToken)), the checked Config is returned too.
func Load(path string, getenv func(string) string) (Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("config: read %s: %w", path, err)
	}
	c, err := decode(path, data)
	if err != nil {
		return Config{}, err
	}
	if tok := strings.TrimSpace(getenv(TokenEnv)); tok != "" {
		c.Telegram.Token = tok
	}
	c = c.WithDefaults()
	if err := c.Validate(); err != nil {
		err = fmt.Errorf("config: %s: %w", path, err)
		if errors.Is(err, ErrNoToken) {
			return c, err
		}
		return Config{}, err
	}
	return c, nil
}

// decode parses data strictly into a Config. Only one YAML document is
// allowed.
func decode(path string, data []byte) (Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(&c)
	if errors.Is(err, io.EOF) {
		return Config{}, nil // empty file or only comments
	}
	if err != nil {
		return Config{}, decodeError(path, data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return Config{}, fmt.Errorf("config: %s: more than one YAML document; keep the whole config in one", path)
	}
	return c, nil
}

// decodeError turns a yaml.v3 error into one line. For type errors it first
// looks for an unknown key or a bad duration itself, so that the message can
// name the key's full path; otherwise it keeps the first of yaml.v3's
// messages.
func decodeError(path string, data []byte, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) || len(te.Errors) == 0 {
		return &decodeErr{fmt.Sprintf("config: %s: %s", path, oneLine(strings.TrimPrefix(err.Error(), "yaml: "))), err}
	}
	var root yaml.Node
	if yaml.Unmarshal(data, &root) == nil {
		if p := findProblem(&root, reflect.TypeFor[Config]()); p != nil {
			return &decodeErr{fmt.Sprintf("config: %s: %s", path, p), err}
		}
	}
	msg := oneLine(te.Errors[0])
	if n := len(te.Errors) - 1; n == 1 {
		msg += " (and 1 more problem)"
	} else if n > 1 {
		msg += fmt.Sprintf(" (and %d more problems)", n)
	}
	return &decodeErr{fmt.Sprintf("config: %s: %s", path, msg), err}
}

// decodeErr is a one-line message that still unwraps to yaml.v3's error,
// whose own text may span several lines.
type decodeErr struct {
	msg string
	err error
}

func (e *decodeErr) Error() string { return e.msg }
func (e *decodeErr) Unwrap() error { return e.err }

// oneLine collapses all runs of white space, newlines included, to single
// spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
