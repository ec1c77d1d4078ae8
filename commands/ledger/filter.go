package ledger

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/config"
	"courtyard/locale"
	"courtyard/storage"
)

// ledgerFilter is what /ledger was asked to show. It travels in the page
// buttons, so it is re-read (and re-checked) on every press.
type ledgerFilter struct {
	state    storage.TicketState // "" any
	category string              // a category key; "" any
	building string              // a configured building; "" any
	month    time.Time           // first instant of a month in the community's zone; zero any
}

// shortLabel is the first part of a label ("已处理，待确认" → "已处理",
// "fixed, waiting for confirmation" → "fixed").
func shortLabel(label string) string {
	if i := strings.IndexAny(label, ",，"); i > 0 {
		label = label[:i]
	}
	return strings.TrimSpace(label)
}

// filterWord is the word a person types for a state or category in lang:
// its short label when that is one word, else its key.
func filterWord(label, key string) string {
	s := shortLabel(label)
	if s == "" || strings.ContainsAny(s, " \t") {
		return key
	}
	return s
}

func (a *Ledger) matchState(w string) (storage.TicketState, bool) {
	lw := strings.ToLower(w)
	for _, s := range storage.TicketStates {
		if lw == string(s) {
			return s, true
		}
		for _, lang := range locale.Languages() {
			label := strings.ToLower(a.StateLabel(lang, s))
			if lw == label || lw == shortLabel(label) {
				return s, true
			}
		}
	}
	return "", false
}

func (a *Ledger) matchCategory(w string) (string, bool) {
	for _, c := range a.AllCategories() {
		if strings.EqualFold(w, c.Key) || w == c.Zh || (c.En != "" && strings.EqualFold(w, c.En)) {
			return c.Key, true
		}
	}
	return "", false
}

// parseLedgerWords reads filter words in any order. bad is the first word
// not understood; twice is set when it names a second value of a filter
// already given.
func (a *Ledger) parseLedgerWords(args string) (f ledgerFilter, bad string, twice bool) {
	for _, w := range strings.Fields(core.CleanLine(args)) {
		var dup bool
		if s, ok := a.matchState(w); ok {
			dup, f.state = f.state != "", s
		} else if m, ok := a.ParseMonth(w); ok {
			dup, f.month = !f.month.IsZero(), m
		} else if b, ok := a.ReadBuilding(w); ok {
			dup, f.building = f.building != "", b
		} else if c, ok := a.matchCategory(w); ok {
			dup, f.category = f.category != "", c
		} else {
			return f, w, false
		}
		if dup {
			return f, w, true
		}
	}
	return f, "", false
}

// ledgerData encodes a page of a filter as callback data:
// "lg:<page>:<state>:<category>:<month>:<building>", the state, category and
// building being indexes into their lists and the month YYYYMM, each empty
// when not filtered. It stays far below Telegram's 64 bytes.
func (a *Ledger) ledgerData(f ledgerFilter, page int) string {
	idx := func(i int) string {
		if i < 0 {
			return ""
		}
		return strconv.Itoa(i)
	}
	month := ""
	if !f.month.IsZero() {
		month = f.month.In(a.Loc).Format("200601")
	}
	cat := slices.IndexFunc(a.AllCategories(), func(c config.Category) bool { return c.Key == f.category })
	return fmt.Sprintf("lg:%d:%s:%s:%s:%s", page, idx(slices.Index(storage.TicketStates, f.state)), idx(cat),
		month, idx(slices.Index(a.Cfg.Community.Buildings, f.building)))
}

// decodeLedger reads what ledgerData wrote. Anything malformed or out of
// range is refused: callback data can be forged.
func (a *Ledger) decodeLedger(data string) (ledgerFilter, int, bool) {
	var f ledgerFilter
	parts := strings.Split(strings.TrimPrefix(data, "lg:"), ":")
	if len(parts) != 5 {
		return f, 0, false
	}
	page, err := strconv.Atoi(parts[0])
	if err != nil || page < 0 || page > 100000 || strconv.Itoa(page) != parts[0] {
		return f, 0, false
	}
	index := func(s string, n int) (int, bool) {
		if s == "" {
			return -1, true
		}
		i, err := strconv.Atoi(s)
		if err != nil || i < 0 || i >= n || strconv.Itoa(i) != s {
			return 0, false
		}
		return i, true
	}
	si, ok1 := index(parts[1], len(storage.TicketStates))
	ci, ok2 := index(parts[2], len(a.AllCategories()))
	bi, ok3 := index(parts[4], len(a.Cfg.Community.Buildings))
	if !ok1 || !ok2 || !ok3 {
		return f, 0, false
	}
	if si >= 0 {
		f.state = storage.TicketStates[si]
	}
	if ci >= 0 {
		f.category = a.AllCategories()[ci].Key
	}
	if bi >= 0 {
		f.building = a.Cfg.Community.Buildings[bi]
	}
	if m := parts[3]; m != "" {
		if len(m) != 6 {
			return f, 0, false
		}
		t, ok := a.ParseMonth(m[:4] + "-" + m[4:])
		if !ok {
			return f, 0, false
		}
		f.month = t
	}
	return f, page, true
}

// describeFilter names the filter in lang, e.g. "待认领 · 照明 · 3 栋 · 2026-03".
func (a *Ledger) describeFilter(r *core.Req, f ledgerFilter) string {
	var parts []string
	if f.state != "" {
		parts = append(parts, a.StateLabel(r.Lang, f.state))
	}
	if f.category != "" {
		parts = append(parts, core.Esc(a.CatLabel(r.Lang, f.category)))
	}
	if f.building != "" {
		parts = append(parts, r.T("ledger.building", core.Esc(f.building)))
	}
	if !f.month.IsZero() {
		parts = append(parts, f.month.In(a.Loc).Format("2006-01"))
	}
	if len(parts) == 0 {
		return r.T("ledger.all")
	}
	return strings.Join(parts, " · ")
}

// filterHelp lists the words /ledger understands, in the caller's language.
func (a *Ledger) filterHelp(r *core.Req, buildings []string) string {
	var states, cats []string
	for _, s := range storage.TicketStates {
		states = append(states, filterWord(a.StateLabel(r.Lang, s), string(s)))
	}
	for _, c := range a.AllCategories() {
		cats = append(cats, filterWord(a.CatLabel(r.Lang, c.Key), c.Key))
	}
	return r.T("ledger.words", core.Esc(strings.Join(states, " ")), core.Esc(strings.Join(cats, " ")), core.Esc(strings.Join(buildings, " ")))
}
