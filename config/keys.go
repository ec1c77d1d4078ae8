package config

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// yamlField is a struct field as yaml.v3 sees it.
type yamlField struct {
	Key  string
	Type reflect.Type
}

// yamlFields lists the fields of struct type t under their YAML keys, the
// way yaml.v3 names them: the tag's name, else the lower-cased field name.
func yamlFields(t reflect.Type) []yamlField {
	var out []yamlField
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out = append(out, yamlField{Key: name, Type: f.Type})
	}
	return out
}

// findProblem walks the parsed document against type t and reports the
// first unknown key or malformed duration, with its line and full path. It
// returns nil when it finds neither.
func findProblem(n *yaml.Node, t reflect.Type) error {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return nil
		}
		n = n.Content[0]
	}
	return walk(n, t, "")
}

func walk(n *yaml.Node, t reflect.Type, path string) error {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch {
	case t == reflect.TypeFor[time.Duration]():
		return checkDuration(n, path)
	case strings.HasPrefix(path, "admins[") && t.Kind() == reflect.Int64:
		return checkAdminID(n, path)
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		return walkMapping(n, t, path)
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for i, item := range n.Content {
			if err := walk(item, t.Elem(), path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
	}
	return nil
}

func walkMapping(n *yaml.Node, t reflect.Type, path string) error {
	fields := yamlFields(t)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		if k.Value == "<<" { // merge key: the merged mappings belong here too
			if err := walk(v, reflect.SliceOf(t), path); err != nil {
				return err
			}
			if err := walk(v, t, path); err != nil {
				return err
			}
			continue
		}
		f, ok := fieldByKey(fields, k.Value)
		if !ok {
			return unknownKey(k, fields, path)
		}
		if err := walk(v, f.Type, join(path, k.Value)); err != nil {
			return err
		}
	}
	return nil
}

func fieldByKey(fields []yamlField, key string) (yamlField, bool) {
	for _, f := range fields {
		if f.Key == key {
			return f, true
		}
	}
	return yamlField{}, false
}

func unknownKey(k *yaml.Node, fields []yamlField, path string) error {
	where := "at the top level"
	if path != "" {
		where = "in " + path
	}
	msg := fmt.Sprintf("line %d: unknown key %q %s", k.Line, k.Value, where)
	if s := closest(k.Value, fields); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return fmt.Errorf("%s", msg)
}

// closest returns the known key nearest to key when it is a plausible typo.
func closest(key string, fields []yamlField) string {
	best, bestDist := "", 3
	for _, f := range fields {
		if d := editDistance(strings.ToLower(key), f.Key); d < bestDist {
			best, bestDist = f.Key, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, by bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func checkDuration(n *yaml.Node, path string) error {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return nil
	}
	if _, err := time.ParseDuration(n.Value); err == nil && n.Tag == "!!str" {
		return nil
	}
	if _, err := strconv.ParseFloat(n.Value, 64); err == nil {
		return fmt.Errorf("line %d: %s: %s has no unit: write a duration such as \"%ss\" or \"2m\"", n.Line, path, n.Value, n.Value)
	}
	return fmt.Errorf("line %d: %s: %q is not a duration: write it like \"50s\" or \"2m\"", n.Line, path, n.Value)
}

// checkAdminID explains the usual mistake of writing a @username where a
// numeric user id belongs.
func checkAdminID(n *yaml.Node, path string) error {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return nil
	}
	if _, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
		return nil
	}
	return fmt.Errorf("line %d: %s is %q: admins takes numeric user ids, not @names; %s", n.Line, path, n.Value, FindYourID)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
