package telegramsim

//go:generate go run ./gen -in testdata/bot-api-10.1.json -out testdata/botapi.json

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// botAPIJSON is the facts-only Bot API table that ./gen writes from the
// scraped description in testdata/bot-api-*.json. See
// testdata/LICENSE-bot-api for the licence of that description.
//
//go:embed testdata/botapi.json
var botAPIJSON []byte

type tableField struct {
	Name     string   `json:"name"`
	Types    []string `json:"types"`
	Required bool     `json:"required"`
	EmptyOK  bool     `json:"empty_ok"`
	Const    string   `json:"const"`
}

type tableItem struct {
	Returns  []string     `json:"returns"`
	Subtypes []string     `json:"subtypes"`
	Fields   []tableField `json:"fields"`
}

type table struct {
	Version string               `json:"version"`
	Methods map[string]tableItem `json:"methods"`
	Types   map[string]tableItem `json:"types"`
}

type kind uint8

const (
	kInvalid kind = iota // a type name the table does not define
	kInteger
	kFloat
	kString
	kBoolean
	kTrue
	kFile
	kArray
	kObject
	kUnion
)

// typeRef is a compiled type expression such as "Integer",
// "Array of Array of InlineKeyboardButton" or "BotCommandScope".
type typeRef struct {
	name   string
	kind   kind
	elem   *typeRef          // kArray
	fields map[string]*field // kObject
	order  []*field          // kObject, in table order
	alts   []*typeRef        // kUnion
}

type field struct {
	name     string
	types    []*typeRef
	required bool
	emptyOK  bool
	constVal string
	expected string // the type list for messages, e.g. "Integer or String"
}

type method struct {
	name    string
	returns []string
	params  map[string]*field
	order   []*field
}

// apiSpec is the compiled table.
type apiSpec struct {
	version string
	methods map[string]*method // keyed by lower-case name: methods are case-insensitive
	refs    map[string]*typeRef
	src     *table
	unknown map[string]bool // referenced but undefined type names
}

var (
	specOnce sync.Once
	specVal  *apiSpec
	specErr  error
)

// loadSpec compiles the embedded table once per process.
func loadSpec() (*apiSpec, error) {
	specOnce.Do(func() {
		var t table
		if err := json.Unmarshal(botAPIJSON, &t); err != nil {
			specErr = fmt.Errorf("telegramsim: embedded Bot API table: %w", err)
			return
		}
		specVal = compileSpec(&t)
	})
	return specVal, specErr
}

func compileSpec(t *table) *apiSpec {
	sp := &apiSpec{
		version: t.Version,
		methods: make(map[string]*method, len(t.Methods)),
		refs:    make(map[string]*typeRef),
		src:     t,
		unknown: make(map[string]bool),
	}
	for name, it := range t.Methods {
		m := &method{name: name, returns: it.Returns, params: make(map[string]*field, len(it.Fields))}
		for _, f := range it.Fields {
			cf := sp.field(f)
			m.params[f.Name] = cf
			m.order = append(m.order, cf)
		}
		sp.methods[strings.ToLower(name)] = m
	}
	return sp
}

func (sp *apiSpec) field(f tableField) *field {
	cf := &field{name: f.Name, required: f.Required, emptyOK: f.EmptyOK, constVal: f.Const}
	for _, ty := range f.Types {
		cf.types = append(cf.types, sp.ref(ty))
	}
	cf.expected = strings.Join(f.Types, " or ")
	return cf
}

// ref compiles a type expression. Recursive types are fine: the entry is
// cached before its parts are compiled.
func (sp *apiSpec) ref(expr string) *typeRef {
	if r, ok := sp.refs[expr]; ok {
		return r
	}
	r := &typeRef{name: expr}
	sp.refs[expr] = r
	switch expr {
	case "Integer":
		r.kind = kInteger
	case "Float":
		r.kind = kFloat
	case "String":
		r.kind = kString
	case "Boolean":
		r.kind = kBoolean
	case "True":
		r.kind = kTrue
	case "InputFile":
		r.kind = kFile
	default:
		if elem, ok := strings.CutPrefix(expr, "Array of "); ok {
			r.kind = kArray
			r.elem = sp.ref(elem)
			break
		}
		it, ok := sp.src.Types[expr]
		switch {
		case !ok:
			r.kind = kInvalid
			sp.unknown[expr] = true
		case len(it.Subtypes) > 0:
			r.kind = kUnion
			for _, st := range it.Subtypes {
				r.alts = append(r.alts, sp.ref(st))
			}
		default:
			r.kind = kObject
			r.fields = make(map[string]*field, len(it.Fields))
			for _, f := range it.Fields {
				cf := sp.field(f)
				r.fields[f.Name] = cf
				r.order = append(r.order, cf)
			}
		}
	}
	return r
}

// lookup finds a method by name, ignoring case like the Bot API does.
func (sp *apiSpec) lookup(name string) *method {
	return sp.methods[strings.ToLower(name)]
}

// problem is one failed check. score ranks the alternatives of a union: the
// alternative that got deepest into the value, and then the one that knew
// most of an object's keys, explains the failure best; a wrong discriminator
// (the "type" of a subtype) explains it worst.
type problem struct {
	path     string
	msg      string
	score    int
	mismatch bool // the value has the wrong JSON kind altogether
}

func (p *problem) String() string {
	if p.path == "" {
		return p.msg
	}
	return "parameter " + p.path + ": " + p.msg
}

// describe names the JSON kind of a decoded value for error messages.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case json.Number:
		return "number " + v.String()
	case string:
		return "string"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case Upload:
		return "uploaded file"
	}
	return fmt.Sprintf("%T", v)
}

// checkAny accepts v if it validates against any of ts; expected names the
// alternatives for the error message.
func checkAny(v any, ts []*typeRef, expected, path string, depth int) *problem {
	var best *problem
	allMismatch := true
	for _, t := range ts {
		p := checkValue(v, t, path, depth)
		if p == nil {
			return nil
		}
		allMismatch = allMismatch && p.mismatch
		if best == nil || p.score > best.score {
			best = p
		}
	}
	if len(ts) > 1 && (allMismatch || best.score < 0) {
		return &problem{path: path, msg: "expected " + expected + ", got " + describe(v), score: depth * 1000, mismatch: allMismatch}
	}
	return best
}

func checkValue(v any, t *typeRef, path string, depth int) *problem {
	mismatch := func() *problem {
		return &problem{path: path, msg: "expected " + t.name + ", got " + describe(v), score: depth * 1000, mismatch: true}
	}
	switch t.kind {
	case kInteger:
		if n, ok := v.(json.Number); ok && isIntegral(n) {
			return nil
		}
		return mismatch()
	case kFloat:
		if _, ok := v.(json.Number); ok {
			return nil
		}
		return mismatch()
	case kString:
		if _, ok := v.(string); ok {
			return nil
		}
		return mismatch()
	case kBoolean:
		if _, ok := v.(bool); ok {
			return nil
		}
		return mismatch()
	case kTrue:
		if b, ok := v.(bool); ok && b {
			return nil
		}
		return mismatch()
	case kFile:
		if _, ok := v.(Upload); ok {
			return nil
		}
		return mismatch()
	case kArray:
		arr, ok := v.([]any)
		if !ok {
			return mismatch()
		}
		for i, e := range arr {
			if p := checkValue(e, t.elem, path+"["+strconv.Itoa(i)+"]", depth+1); p != nil {
				return p
			}
		}
		return nil
	case kUnion:
		return checkAny(v, t.alts, t.name, path, depth)
	case kObject:
		obj, ok := v.(map[string]any)
		if !ok {
			return mismatch()
		}
		return checkObject(obj, t, path, depth)
	}
	return &problem{path: path, msg: "type " + t.name + " is not defined in the Bot API table", score: depth * 1000}
}

func checkObject(obj map[string]any, t *typeRef, path string, depth int) *problem {
	// A discriminator that does not match rules this alternative out first.
	for _, f := range t.order {
		if f.constVal == "" {
			continue
		}
		if s, ok := obj[f.name].(string); !ok || s != f.constVal {
			return &problem{path: path + "." + f.name, msg: fmt.Sprintf("must be %q for %s", f.constVal, t.name), score: -1}
		}
	}
	known := 0
	var unknown []string
	for k := range obj {
		if _, ok := t.fields[k]; ok {
			known++
		} else {
			unknown = append(unknown, k)
		}
	}
	score := depth*1000 + min(known, 999)
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return &problem{path: path, msg: fmt.Sprintf("unknown field %q in %s", unknown[0], t.name), score: score}
	}
	for _, f := range t.order {
		fv, present := obj[f.name]
		if !present || fv == nil {
			if f.required {
				return &problem{path: path, msg: fmt.Sprintf("missing required field %q of %s", f.name, t.name), score: score}
			}
			continue
		}
		if p := checkField(fv, f, path+"."+f.name, depth+1); p != nil {
			return p
		}
	}
	return nil
}

const msgEmptyString = "required String must not be empty"

// checkField validates a present, non-null field or parameter value.
func checkField(v any, f *field, path string, depth int) *problem {
	if p := checkAny(v, f.types, f.expected, path, depth); p != nil {
		return p
	}
	if f.required && !f.emptyOK {
		if s, ok := v.(string); ok && s == "" {
			return &problem{path: path, msg: msgEmptyString, score: depth * 1000}
		}
	}
	return nil
}

func isIntegral(n json.Number) bool {
	s := n.String()
	if !strings.ContainsAny(s, ".eE") {
		return true
	}
	f, err := n.Float64()
	return err == nil && f == float64(int64(f))
}
