// Command gen reduces the scraped Bot API description (bot-api.json) to the
// facts the telegramsim spec check needs: for every method and every type its
// fields with their type lists and required flags, the subtypes of union types,
// the return types of methods and the version string. Descriptions are
// dropped; only three small facts are read from them:
//
//   - "const": the fixed value of a discriminator field of a subtype
//     (descriptions like `Scope type, must be chat` or `always "emoji"`);
//   - "empty_ok": a required String field that may explicitly be empty
//     (`Use an empty string to ...`, `0-16 characters`, `may be empty`).
//
// Usage (from the module root):
//
//	go generate ./bot/telegramsim
//
// which runs, in bot/telegramsim,
//
//	go run ./gen -in testdata/bot-api-10.1.json -out testdata/botapi.json
//
// A new Bot API version replaces testdata/bot-api-*.json with the newer
// scrape; TestGeneratedTableUpToDate fails until the table is regenerated.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"regexp"
	"sort"
)

type srcField struct {
	Name        string   `json:"name"`
	Types       []string `json:"types"`
	Required    bool     `json:"required"`
	Description string   `json:"description"`
}

type srcItem struct {
	Name      string     `json:"name"`
	Returns   []string   `json:"returns"`
	Fields    []srcField `json:"fields"`
	Subtypes  []string   `json:"subtypes"`
	SubtypeOf []string   `json:"subtype_of"`
}

type srcAPI struct {
	Version string              `json:"version"`
	Methods map[string]*srcItem `json:"methods"`
	Types   map[string]*srcItem `json:"types"`
}

// Field is one parameter or object field in the output table.
type Field struct {
	Name     string   `json:"name"`
	Types    []string `json:"types"`
	Required bool     `json:"required"`
	EmptyOK  bool     `json:"empty_ok,omitempty"`
	Const    string   `json:"const,omitempty"`
}

var (
	constRe   = regexp.MustCompile(`(?:must be|always) "?([a-z_]+)"?\s*$`)
	emptyOKRe = regexp.MustCompile(`(?i)empty string|may be empty|is empty|\b0-\d+ characters`)
)

func main() {
	in := flag.String("in", "testdata/bot-api-10.1.json", "scraped Bot API description")
	out := flag.String("out", "testdata/botapi.json", "facts-only table to write")
	flag.Parse()

	raw, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	var api srcAPI
	if err := json.Unmarshal(raw, &api); err != nil {
		log.Fatalf("%s: %v", *in, err)
	}
	if api.Version == "" || len(api.Methods) == 0 || len(api.Types) == 0 {
		log.Fatalf("%s: no version, methods or types", *in)
	}

	var buf bytes.Buffer
	buf.WriteString("{\n")
	fmt.Fprintf(&buf, "\"version\": %s,\n", mustJSON(api.Version))
	buf.WriteString("\"methods\": {\n")
	writeItems(&buf, api.Methods, true)
	buf.WriteString("},\n\"types\": {\n")
	writeItems(&buf, api.Types, false)
	buf.WriteString("}\n}\n")

	// Round-trip to make sure the hand-assembled document is valid JSON.
	var check map[string]any
	if err := json.Unmarshal(buf.Bytes(), &check); err != nil {
		log.Fatalf("generated invalid JSON: %v", err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %s, %d methods, %d types", *out, api.Version, len(api.Methods), len(api.Types))
}

// writeItems writes one line per item header and one line per field, sorted
// by name, so that changes between API versions give small diffs.
func writeItems(buf *bytes.Buffer, items map[string]*srcItem, methods bool) {
	names := make([]string, 0, len(items))
	for n := range items {
		names = append(names, n)
	}
	sort.Strings(names)
	for i, n := range names {
		it := items[n]
		isSubtype := len(it.SubtypeOf) > 0
		fmt.Fprintf(buf, "%s: {", mustJSON(n))
		sep := ""
		if methods {
			fmt.Fprintf(buf, "\"returns\": %s", mustJSON(nonNil(it.Returns)))
			sep = ", "
		}
		if len(it.Subtypes) > 0 {
			fmt.Fprintf(buf, "%s\"subtypes\": %s", sep, mustJSON(it.Subtypes))
			sep = ", "
		}
		fmt.Fprintf(buf, "%s\"fields\": [", sep)
		for j, f := range it.Fields {
			out := Field{Name: f.Name, Types: f.Types, Required: f.Required}
			if f.Required && len(f.Types) == 1 && f.Types[0] == "String" && emptyOKRe.MatchString(f.Description) {
				out.EmptyOK = true
			}
			if isSubtype && f.Required && len(f.Types) == 1 && f.Types[0] == "String" {
				if m := constRe.FindStringSubmatch(f.Description); m != nil {
					out.Const = m[1]
				}
			}
			if j > 0 {
				buf.WriteString(",")
			}
			fmt.Fprintf(buf, "\n  %s", mustJSON(out))
		}
		if len(it.Fields) > 0 {
			buf.WriteString("\n")
		}
		buf.WriteString("]}")
		if i < len(names)-1 {
			buf.WriteString(",")
		}
		buf.WriteString("\n")
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		log.Fatal(err)
	}
	return string(b)
}
