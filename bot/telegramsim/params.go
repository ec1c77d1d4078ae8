package telegramsim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Upload is a file the bot sent as a multipart file part. It is the value
// recorded in Call.Params for such a parameter; a part that is referenced as
// "attach://<name>" from another parameter is recorded under its part name.
type Upload struct {
	Name string // file name given in the part header
	Data []byte
}

// rawParam is one request parameter as it arrived, before the spec check.
type rawParam struct {
	isJSON bool    // val came from a JSON body and already has its JSON kind
	val    any     // JSON body value
	str    string  // form value: every form value is a string
	file   *Upload // multipart file part
}

// readParams reads the request parameters from the query string and from a
// JSON, multipart or url-encoded body.
func readParams(r *http.Request) (map[string]rawParam, error) {
	params := make(map[string]rawParam)
	for k, vs := range r.URL.Query() {
		params[k] = rawParam{str: vs[len(vs)-1]}
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, fmt.Errorf("can't read request body: %v", err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return params, nil
	}
	ct := r.Header.Get("Content-Type")
	mt, mp, err := mime.ParseMediaType(ct)
	if err != nil {
		return nil, fmt.Errorf("unsupported Content-Type %q", ct)
	}
	switch mt {
	case "application/json":
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var obj map[string]any
		if err := dec.Decode(&obj); err != nil {
			return nil, fmt.Errorf("request body is not a JSON object: %v", err)
		}
		if dec.More() {
			return nil, errors.New("request body has data after the JSON object")
		}
		for k, v := range obj {
			params[k] = rawParam{isJSON: true, val: v}
		}
	case "application/x-www-form-urlencoded":
		vals, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, fmt.Errorf("can't parse url-encoded body: %v", err)
		}
		for k, vs := range vals {
			params[k] = rawParam{str: vs[len(vs)-1]}
		}
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), mp["boundary"])
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("can't parse multipart body: %v", err)
			}
			data, err := io.ReadAll(part)
			if err != nil {
				return nil, fmt.Errorf("can't read multipart part %q: %v", part.FormName(), err)
			}
			if part.FileName() != "" {
				params[part.FormName()] = rawParam{file: &Upload{Name: part.FileName(), Data: data}}
			} else {
				params[part.FormName()] = rawParam{str: string(data)}
			}
		}
	default:
		return nil, fmt.Errorf("unsupported Content-Type %q", mt)
	}
	return params, nil
}

// checkParams checks the parameters of one call against the method's entry in
// the table and returns them typed (JSON numbers as json.Number) or the first
// problem found.
func checkParams(m *method, raw map[string]rawParam) (map[string]any, *problem) {
	vals := make(map[string]any, len(raw))
	var unknown, attachments []string
	for name, rp := range raw {
		if _, ok := m.params[name]; ok {
			continue
		}
		if rp.file != nil {
			attachments = append(attachments, name)
		} else {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, &problem{msg: fmt.Sprintf("unknown parameter %q", unknown[0])}
	}
	for _, f := range m.order {
		rp, ok := raw[f.name]
		if !ok || (rp.isJSON && rp.val == nil) {
			if f.required {
				return nil, &problem{msg: fmt.Sprintf("missing required parameter %q", f.name)}
			}
			continue
		}
		var v any
		switch {
		case rp.file != nil:
			v = *rp.file
		case rp.isJSON:
			v = rp.val
		default:
			fv, p := formValue(rp.str, f)
			if p != nil {
				return nil, p
			}
			v = fv
		}
		if p := checkField(v, f, f.name, 1); p != nil {
			return nil, p
		}
		vals[f.name] = v
	}
	sort.Strings(attachments)
	for _, name := range attachments {
		if !refersTo(vals, "attach://"+name) {
			return nil, &problem{msg: fmt.Sprintf("unknown parameter %q (a file part that no attach:// refers to)", name)}
		}
		vals[name] = *raw[name].file
	}
	return vals, nil
}

// formValue interprets a form string by the parameter's declared types:
// numbers and booleans are parsed, objects and arrays are JSON, and String
// takes anything. It returns the typed value, already checked, or a problem.
func formValue(s string, f *field) (any, *problem) {
	var best *problem
	var decoded any
	decodedOK, triedDecode, hasString := false, false, false
	for _, t := range f.types {
		var cand any
		ok := false
		switch t.kind {
		case kString:
			hasString = true
			continue
		case kFile:
			continue
		case kInteger:
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				cand, ok = json.Number(strconv.FormatInt(n, 10)), true
			}
		case kFloat:
			if x, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(x, 0) && !math.IsNaN(x) {
				cand, ok = json.Number(strconv.FormatFloat(x, 'g', -1, 64)), true
			}
		case kBoolean, kTrue:
			if s == "true" || s == "false" {
				cand, ok = s == "true", true
			}
		default:
			if !triedDecode {
				triedDecode = true
				decoded, decodedOK = decodeJSON(s)
			}
			cand, ok = decoded, decodedOK
		}
		if !ok {
			continue
		}
		p := checkValue(cand, t, f.name, 1)
		if p == nil {
			return cand, nil
		}
		if best == nil || p.score > best.score {
			best = p
		}
	}
	if hasString {
		return s, nil
	}
	if best != nil && !best.mismatch {
		return nil, best
	}
	return nil, &problem{path: f.name, msg: fmt.Sprintf("expected %s, got %q", f.expected, abbreviate(s, 40)), mismatch: true}
}

func decodeJSON(s string) (any, bool) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return nil, false
	}
	return v, true
}

// refersTo reports whether any string inside v equals want.
func refersTo(v any, want string) bool {
	switch v := v.(type) {
	case string:
		return v == want
	case []any:
		for _, e := range v {
			if refersTo(e, want) {
				return true
			}
		}
	case map[string]any:
		for _, e := range v {
			if refersTo(e, want) {
				return true
			}
		}
	}
	return false
}

// plainValue converts a checked value to what encoding/json would have
// decoded (numbers as float64), for Call.Params.
func plainValue(v any) any {
	switch v := v.(type) {
	case json.Number:
		f, _ := v.Float64()
		return f
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = plainValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = plainValue(e)
		}
		return out
	}
	return v
}

// plainRaw converts parameters that failed the check for Call.Params.
func plainRaw(raw map[string]rawParam) map[string]any {
	out := make(map[string]any, len(raw))
	for k, rp := range raw {
		switch {
		case rp.file != nil:
			out[k] = *rp.file
		case rp.isJSON:
			out[k] = plainValue(rp.val)
		default:
			out[k] = rp.str
		}
	}
	return out
}

func abbreviate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
