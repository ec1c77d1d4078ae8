package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/commands"
	"courtyard/storage"
	"courtyard/testkit"
)

// permNotFollower are those of permNotTicket who do not follow the
// ticket: the resident of building 1 follows it (see permEffects) and so
// sees it.
const permNotFollower = "unregistered leader-other team-lead team-member"

// permAll is every person of the matrix.
const permAll = "unregistered resident leader-here leader-other team-lead team-member staff admin"

// permNotTicket are those with no access to the owner's ticket of
// building 1: the leader of another building and people of building 2.
const permNotTicket = "unregistered resident leader-other team-lead team-member"

// permDeny is who the object-level rule refuses on the forged data, where
// the table allows the action: people (names, permAll for all) and the
// chats it holds in ("" for every chat the table allows).
type permDeny struct{ who, chats string }

// permDenied are the expectations where the object-level rule matters:
// the scope function of the action refuses these people on the objects
// the forged data names (the fixtures of permFixtures).
var permDenied = map[string]permDeny{
	"/ticket":    {permNotFollower, ""},
	"/assign":    {"leader-other", ""},
	"/reject":    {"leader-other", ""},
	"/duplicate": {"leader-other", ""},

	"tk:claim": {permNotTicket, ""}, "tk:qclaim": {permNotTicket, ""},
	"tk:back": {permNotTicket, ""}, "tk:res": {permNotTicket, ""},
	"tk:info": {permNotFollower, "private unlinked"}, "tk:media": {permNotTicket, "private unlinked"},
	"tk:fb": {permAll, ""}, "tk:hide": {permAll, ""}, "tk:rate": {permAll, ""}, "tk:rword": {permAll, ""},
	"tk:me":  {"unregistered leader-other team-lead team-member staff admin", "private unlinked"},
	"tk:asg": {"leader-other", ""},

	"an:ack": {permAll, ""},
	"lg:*":   {"leader-here", ""},

	// The team's lead has left it (tm:leave) by the time its templates' rows run.
	"pt:tl":  {permNotStaff, ""},
	"pt:ta":  {permNotStaff, ""},
	"pt:tc":  {permNotStaff, ""},
	"pt:tp":  {permNotStaff, ""},
	"pt:tpc": {permNotStaff, ""},
	"pt:tr":  {permNotStaff, ""},
	"pt:trc": {permNotStaff, ""},

	"tm:ok": {"unregistered resident leader-here leader-other team-member", ""},
	"tm:no": {"unregistered resident leader-here leader-other team-member", ""},

	"jb:su": {"unregistered resident leader-here leader-other", ""}, "jb:suc": {"unregistered resident leader-here leader-other", ""},
	"jb:cx":  {"unregistered resident leader-here leader-other team-lead team-member", ""},
	"jb:cxy": {"unregistered resident leader-here leader-other team-lead team-member", ""},
	"jb:mv":  {"unregistered resident leader-here leader-other team-lead team-member", ""},
	"jb:at":  {"unregistered resident leader-here leader-other team-lead team-member", ""},
	"jb:clr": {"unregistered resident leader-here leader-other team-member", ""},

	"vi:done": {permAll, ""}, "vi:tk": {permAll, ""}, "vi:wish": {permAll, ""}, "vi:skip": {permAll, ""},

	"pl:d": {permAll, ""}, "pl:sr": {permAll, ""}, "pl:r": {permAll, ""}, "pl:rv": {permAll, ""},
	"pl:c": {"unregistered resident leader-here leader-other team-lead team-member", ""},

	"sc:v": {"leader-here leader-other", ""}, "sc:p": {"leader-here leader-other", ""},
	"sc:r": {"leader-here leader-other", ""}, "sc:d": {"leader-here leader-other", ""},
	"sc:et": {"leader-here leader-other", ""}, "sc:ew": {"leader-here leader-other", ""},

	"mt:y": {permAll, ""}, "mt:n": {permAll, ""},

	"md:tk":  {permAll, ""},
	"md:new": {permNotStaff, ""}, "md:l": {permNotStaff, ""}, "md:o": {permNotStaff, ""}, "md:s": {permNotStaff, ""},
	"md:f": {permNotStaff, ""}, "md:oc": {permNotStaff, ""}, "md:out": {permNotStaff, ""},
	"menu:mediation": {permNotStaff, ""}, "/mediation": {permNotStaff, ""},

	"sv:doc": {permAll, ""}, "sv:care": {permAll, ""}, "sv:rate": {permAll, ""}, "sv:rword": {permAll, ""},
}

// permNotStaff are the people of the matrix below staff.
const permNotStaff = "unregistered resident leader-here leader-other team-lead team-member"

func init() {
	// Nobody of the matrix is on the shift or may take it but its team.
	for _, v := range []string{"take", "takec", "swap", "swapc", "cant", "way", "in", "out", "found", "offer", "offt", "offm"} {
		permDenied["pt:"+v] = permDeny{"unregistered resident leader-here leader-other staff admin", ""}
	}
}

// permEffects are cells that must do what they ask, run in this order on
// the fresh fixtures before the matrix: who, the action, and the table it
// changes. They keep the matrix from passing by refusing everything.
var permEffects = []struct{ who, action, table string }{
	{"leader-here", "tk:claim", "tickets"},
	{"resident", "tk:me", "ticket_followers"},
	{"team-member", "jb:su", "job_signups"},
	{"team-lead", "tm:ok", "team_members"},
	// The member's job (just signed up to) overlaps the shift: pt:take asks
	// first, and the confirmed take does it.
	{"team-member", "pt:takec", "patrol_duty"},
	{"team-lead", "pt:tpc", "patrol_templates"},
	{"staff", "cr:xy", "care_households"},
	{"unregistered", "lang:*", "members"},
	{"staff", "jb:cxy", "jobs"},
	{"team-member", "tm:leavey", "team_members"},
	{"staff", "sc:p", "schedules"},
	{"admin", "md:out", "disputes"},
	{"staff", "sv:st", "service_cases"},
}

// permData is what a cell sends: a command with arguments naming the
// fixtures, or a button's data forged to name them.
func (w *permWorld) permData(action string) string {
	special := map[string]string{
		"/ticket": "/ticket {tk}", "/assign": "/assign {tk} {owner}", "/reject": "/reject {tk} not ours",
		"/duplicate": "/duplicate {tk} 1", "/hours": "/hours {owner}", "/team": "/team Night patrol",
		"/linkchat": "/linkchat", "/grant": "/grant", "/revoke": "/revoke",
		"reg:b": "reg:b:1", "reg:change": "reg:change", "lang:*": "lang:en", "lg:*": "lg:0::::1",
		"tk:cat": "tk:cat:water", "tk:b": "tk:b:1", "tk:bld": "tk:bld", "tk:nm": "tk:nm:show", "tk:cancel": "tk:cancel",
		"tk:fb": "tk:fb:{tk}:yes", "tk:rate": "tk:rate:{tk}:5",
		"an:ack": "an:ack:{sent}",
		"pt:tl":  "pt:tl:{team}", "pt:ta": "pt:ta:{team}", "pt:tc": "pt:tc:{tpl}", "pt:tp": "pt:tp:{tpl}", "pt:tpc": "pt:tpc:{tpl}",
		"pt:tr": "pt:tr:{tpl}", "pt:trc": "pt:trc:{tpl}", "pt:swap": "pt:swap:{shift}:{owner}", "pt:swapc": "pt:swapc:{shift}:{owner}",
		"tm:ok": "tm:ok:{req}", "tm:no": "tm:no:{req}", "tm:lead": "tm:lead:{team}:{owner}", "tm:restr": "tm:restr:{team}:0",
		"jb:n": "jb:n:x", "jb:pg": "jb:pg:0", "jb:clr": "jb:clr:{owner}:{team}", "jb:at": "jb:at:{job}:{owner}:1",
		"cr:list": "cr:list", "cr:arch": "cr:arch", "cr:new": "cr:new", "cr:b": "cr:b:1", "cr:r": "cr:r:other", "cr:skip": "cr:skip",
		"cr:e": "cr:e:{hh}:name", "cr:vt": "cr:vt:{hh}:{owner}",
		"md:tk": "md:tk:{tk}", "md:out": "md:out:{dispute}:settled", "mt:tk": "mt:tk:{decision}:1", "mt:jb": "mt:jb:{decision}",
		"xl:*": "xl:20260101:20260201", "au:*": "au:0:::", "pv:keep": "pv:keep", // pv:forget stays forged: pressed for real it would forget the matrix's people

		"sv:o": "sv:o:dibao", "sv:q": "sv:q:dibao", "sv:ap": "sv:ap:dibao", "sv:bk": "sv:bk:dibao", "sv:care": "sv:care:{case}:n", "sv:rate": "sv:rate:{case}:5",
		"pl:d": "pl:d:{pledge}:0", "pl:r": "pl:r:{pledge}", "pl:rv": "pl:rv:{pledge}:5", "pl:pub": "pl:pub", "pl:x": "pl:x", "pl:rk": "pl:rk",
	}
	family := map[string]string{"tk:": "tk", "an:": "draft", "pt:": "shift", "tm:": "team", "jb:": "job", "cr:": "hh", "vi:": "visit", "pl:": "pledge", "st:": "1",
		"sc:": "schedule", "mt:": "meeting", "md:": "dispute", "sv:": "case"}
	d, ok := special[action]
	switch {
	case ok:
	case strings.HasPrefix(action, "/"):
		d = action
	case strings.HasPrefix(action, "menu:"):
		d = action
	default:
		i := strings.Index(action, ":")
		switch obj, ok := family[action[:i+1]]; {
		case !ok:
			d = action + ":1" // a family without a fixture here: a made-up id
		case obj == "1":
			d = action + ":1:community"
		default:
			d = action + ":{" + obj + "}"
		}
	}
	for k, v := range w.ids {
		d = strings.ReplaceAll(d, "{"+k+"}", v)
	}
	return d
}

// permOut is one outbox row a cell caused.
type permOut struct {
	chat   int64
	method string
	text   string
	url    string // a button's answer that opens a link
	raw    string
}

// permCell runs one cell and checks it.
func (w *permWorld) permCell(t *testing.T, p commands.Permission, who permPerson, where, effect string) {
	t.Helper()
	w.cells++
	chat := w.chats[where]
	if where == "private" {
		chat = telegramtest.PrivateChat(who.u)
	}
	w.clock.Advance(61 * time.Second) // a group's identical answer within a minute is not repeated
	data := w.permData(p.Action)
	var upd int64
	if strings.HasPrefix(p.Action, "/") {
		upd = w.tg.SendText(who.u, chat, data)
	} else {
		upd = w.tg.PressRaw(who.u, chat, w.msgOn[chat.ID], data)
	}
	testkit.Await(t, wait, w.tg.Changed, func() bool { return w.permDone(upd) }, "update "+itoa(upd)+" not applied")
	outs := w.permOuts()
	t0 := time.Now()
	after := w.permDigest()
	w.digestTime += time.Since(t0)
	changed := permChanged(w.digest, after)
	w.digest = after

	cell := fmt.Sprintf("%s by %s in %s chat (%q)", p.Action, who.name, where, data)
	button := !strings.HasPrefix(p.Action, "/")
	answer := permAnswer(outs, button, chat.ID)
	allowed := w.reviewed.Allows(p.Action, who.role, where)
	denied := allowed && effect == "" && permIsDenied(p.Action, who.name, where) // an effect cell runs on the fresh fixtures
	if !allowed || denied {
		w.refused++
		if changed != "" {
			t.Errorf("%s: refused, but the database changed: %s", cell, changed)
		}
		for _, o := range outs {
			if o.chat != 0 && o.chat != who.u.ID && o.chat != chat.ID {
				t.Errorf("%s: refused, but %s went to chat %d: %s", cell, o.method, o.chat, o.text)
			}
			if o.method != "sendMessage" && o.method != "answerCallbackQuery" {
				t.Errorf("%s: refused, but it queued %s in chat %d: %s", cell, o.method, o.chat, o.text)
			}
			if strings.Contains(o.raw, permSecret) {
				t.Errorf("%s: refused, but sent %s: %s", cell, o.method, o.text)
			}
		}
		if answer == "" {
			t.Errorf("%s: refused without an answer (outbox: %v)", cell, outs)
		}
	}
	if effect != "" && !strings.Contains(", "+changed+", ", ", "+effect+", ") {
		t.Errorf("%s: allowed, but %s did not change (changed: %q; answer %q)", cell, effect, changed, answer)
	}
	tableNo := w.permTableRefusal(p, who, where)
	stale := w.permText("error.stale_button", "") // handlers answer so too
	switch {
	case !allowed && button && answer != tableNo:
		t.Errorf("%s: the table refuses it: want the toast %q, got %q", cell, tableNo, answer)
	case !allowed && !button && !strings.HasPrefix(answer, tableNo):
		t.Errorf("%s: the table refuses it: want a reply with %q, got %q", cell, tableNo, answer)
	case allowed && !denied && button && answer != stale && (answer == w.permText(p.Refuse, p.RefuseArg) || answer == w.permText(p.Private, p.RefuseArg)):
		t.Errorf("%s: allowed by the table, but refused by it: %q", cell, answer)
	case allowed && !denied && !button && strings.HasPrefix(answer, w.permText("error.forbidden", "")+p.Action):
		t.Errorf("%s: allowed by the table, but refused by it: %q", cell, answer)
	}
}

// permTableRefusal is the answer the table gives when it refuses the cell.
func (w *permWorld) permTableRefusal(p commands.Permission, who permPerson, where string) string {
	if !strings.HasPrefix(p.Action, "/") {
		if who.role.Rank() < p.Min.Rank() {
			return w.permText(p.Refuse, p.RefuseArg)
		}
		return w.permText(p.Private, p.RefuseArg)
	}
	if who.role.Rank() < p.Min.Rank() {
		return w.permText("error.forbidden", "") + p.Action // and, in private, staff's: the id to grant
	}
	return w.permText("group.go_private", "")
}

var permTags = regexp.MustCompile(`<[^>]*>`)

// permText is a catalog text in English, as a toast shows it; with %s for
// an empty arg, only what precedes it.
func (w *permWorld) permText(key, arg string) string {
	if arg != "" {
		return permTags.ReplaceAllString(w.cat.T("en", key, arg), "")
	}
	s := w.cat.T("en", key)
	if i := strings.Index(s, "%"); i >= 0 {
		s = s[:i]
	}
	return permTags.ReplaceAllString(s, "")
}

func permIsDenied(action, who, where string) bool {
	d, ok := permDenied[action]
	if !ok {
		return false
	}
	inList := func(list, s string) bool { return list == "" || strings.Contains(" "+list+" ", " "+s+" ") }
	return inList(d.who, who) && inList(d.chats, where)
}

// permAnswer is the toast of a button press, or the replies to a command.
func permAnswer(outs []permOut, button bool, chat int64) string {
	var b []string
	for _, o := range outs {
		if button && o.method == "answerCallbackQuery" && (o.text != "" || strings.Contains(o.raw, `"url"`)) {
			return o.text + o.url
		}
		if o.chat == chat && o.method != "answerCallbackQuery" {
			b = append(b, o.text)
		}
	}
	return strings.Join(b, "\n")
}

// permDone reports whether update id was applied, and any export it
// asked for built (the exporter works beside the update's transaction).
func (w *permWorld) permDone(id int64) bool {
	var done bool
	var exports int
	err := w.ro.QueryRow(`SELECT done_at IS NOT NULL, (SELECT count(*) FROM export_requests WHERE done_at IS NULL)
		FROM inbox WHERE update_id = ?`, id).Scan(&done, &exports)
	return err == nil && done && exports == 0
}

// permOuts are the outbox rows queued since the last call.
func (w *permWorld) permOuts() []permOut {
	rows, err := w.ro.Query(`SELECT id, chat_id, method, payload FROM outbox WHERE id > ? ORDER BY id`, w.outMax)
	if err != nil {
		w.t.Fatal(err)
	}
	defer rows.Close()
	var out []permOut
	for rows.Next() {
		var o permOut
		var payload []byte
		if err := rows.Scan(&w.outMax, &o.chat, &o.method, &payload); err != nil {
			w.t.Fatal(err)
		}
		var p map[string]any
		_ = json.Unmarshal(payload, &p)
		o.text, _ = p["text"].(string)
		if o.text == "" {
			o.text, _ = p["caption"].(string)
		}
		o.text = permTags.ReplaceAllString(o.text, "")
		o.url, _ = p["url"].(string)
		o.raw = string(payload)
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		w.t.Fatal(err)
	}
	return out
}

// permChanged names the tables whose digest changed.
func permChanged(before, after map[string]string) string {
	var out []string
	for tb, d := range after {
		if before[tb] != d {
			out = append(out, tb)
		}
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// permDigest hashes every table but the inbox and the outbox, by table.
func (w *permWorld) permDigest() map[string]string {
	names, err := w.ro.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('inbox', 'outbox') AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		w.t.Fatal(err)
	}
	var tables []string
	for names.Next() {
		var n string
		if err := names.Scan(&n); err != nil {
			w.t.Fatal(err)
		}
		tables = append(tables, n)
	}
	names.Close()
	out := map[string]string{}
	for _, tb := range tables {
		h := sha256.New()
		q := `SELECT * FROM "` + tb + `"`
		if tb == "kv" {
			q += ` WHERE key <> 'telegram.offset'` // the poller's bookkeeping
		}
		rows, err := w.ro.Query(q)
		if err != nil {
			w.t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				w.t.Fatal(err)
			}
			lines = append(lines, fmt.Sprint(vals...))
		}
		rows.Close()
		sort.Strings(lines)
		fmt.Fprintln(h, strings.Join(lines, "\n"))
		out[tb] = hex.EncodeToString(h.Sum(nil))
	}
	return out
}

// TestPermissionMatrix runs every cell of the permission table.
func TestPermissionMatrix(t *testing.T) {
	w := newPermWorld(t)
	w.digest = w.permDigest()
	w.permOuts()
	start := time.Now()
	table := w.cmds.Permissions()
	byAction := map[string]commands.Permission{}
	for _, p := range table {
		byAction[p.Action] = p
	}
	for _, e := range permEffects {
		for _, who := range w.people {
			if who.name == e.who {
				w.permCell(t, byAction[e.action], who, "private", e.table)
			}
		}
	}
	for _, p := range table {
		for _, who := range w.people {
			for _, where := range []string{"private", "linked", "unlinked"} {
				w.permCell(t, p, who, where, "")
			}
		}
	}
	// A verb without a row never reaches its router, even for an admin: it
	// is answered as a stale button and changes nothing (a row allowing no
	// chat expects exactly that).
	admin := w.people[len(w.people)-1]
	for _, prefix := range []string{"tk:", "an:", "jb:", "pt:", "tm:", "cr:", "vi:", "st:", "pl:", "sc:", "mt:", "md:", "pv:"} {
		w.permCell(t, commands.Permission{Action: prefix + "zzz", Min: storage.RoleResident, Private: "error.stale_button"}, admin, "private", "")
	}
	t.Logf("digest time %v", w.digestTime)
	t.Logf("%d actions, %d cells (%d refused) in %v", len(table), w.cells, w.refused, time.Since(start).Round(time.Millisecond))
}
