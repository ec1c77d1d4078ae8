package telegramsim

import (
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func TestEmbeddedTable(t *testing.T) {
	sp, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	if sp.version != "Bot API 10.1" {
		t.Errorf("version = %q", sp.version)
	}
	if len(sp.methods) != 180 || len(sp.src.Types) != 359 {
		t.Errorf("%d methods, %d types", len(sp.methods), len(sp.src.Types))
	}
	// Compile every type so that every reference is resolved.
	for name := range sp.src.Types {
		sp.ref(name)
	}
	if len(sp.unknown) > 0 {
		var names []string
		for n := range sp.unknown {
			names = append(names, n)
		}
		sort.Strings(names)
		t.Errorf("types referenced but not defined: %v", names)
	}
	m := sp.lookup("SENDMESSAGE")
	if m == nil || m.name != "sendMessage" || !m.params["chat_id"].required || m.params["text"].expected != "String" {
		t.Fatalf("sendMessage entry: %+v", m)
	}
	if f := sp.ref("CopyTextButton").fields["text"]; !f.required || f.emptyOK {
		t.Errorf("CopyTextButton.text: %+v", f)
	}
	if f := sp.lookup("setWebhook").params["url"]; !f.emptyOK {
		t.Errorf("setWebhook.url should accept an empty string")
	}
	if f := sp.ref("BotCommandScopeChat").fields["type"]; f.constVal != "chat" {
		t.Errorf("BotCommandScopeChat.type const = %q", f.constVal)
	}
}

// TestGeneratedTableUpToDate regenerates the table from the scraped Bot API
// description kept in testdata and compares it with the embedded one.
func TestGeneratedTableUpToDate(t *testing.T) {
	srcs, err := filepath.Glob(filepath.Join("testdata", "bot-api-*.json"))
	if err != nil || len(srcs) != 1 {
		t.Fatalf("want one testdata/bot-api-*.json, got %v (%v)", srcs, err)
	}
	src := srcs[0]
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var head struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	if want := "bot-api-" + strings.TrimPrefix(head.Version, "Bot API ") + ".json"; filepath.Base(src) != want {
		t.Errorf("%s holds %q: name it %s", src, head.Version, want)
	}
	out := filepath.Join(t.TempDir(), "botapi.json")
	cmd := exec.Command("go", "run", "./gen", "-in", src, "-out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen: %v\n%s", err, b)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(botAPIJSON) {
		t.Fatal("testdata/botapi.json is stale: run go generate ./bot/telegramsim")
	}
}

type specCase struct {
	name      string
	method    string
	json      map[string]any // sent as JSON unless form is set
	form      url.Values     // sent url-encoded
	status    int
	desc      string // exact description for errors
	violation string // substring of the violation; "" = none expected
}

func TestSpecCheck(t *testing.T) {
	inline := func(buttons ...map[string]any) map[string]any {
		row := make([]any, len(buttons))
		for i, b := range buttons {
			row[i] = b
		}
		return map[string]any{"inline_keyboard": []any{row}}
	}
	cases := []specCase{
		{name: "good sendMessage", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": "hi"}, status: 200},
		{name: "method names ignore case", method: "SendMessage", json: map[string]any{"chat_id": 42, "text": "hi"}, status: 200},
		{name: "good form", method: "sendMessage", form: url.Values{"chat_id": {"42"}, "text": {"hi"}, "disable_notification": {"true"}}, status: 200},
		{name: "unknown method", method: "sendMesage", json: map[string]any{"chat_id": 42}, status: 404, desc: "Not Found", violation: "sendMesage: unknown method"},
		{name: "unknown param", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": "hi", "colour": "red"}, status: 400,
			desc: `Bad Request: unknown parameter "colour"`, violation: `unknown parameter "colour"`},
		{name: "missing chat_id", method: "sendMessage", json: map[string]any{"text": "hi"}, status: 400,
			desc: `Bad Request: missing required parameter "chat_id"`, violation: `missing required parameter "chat_id"`},
		{name: "chat_id boolean", method: "sendMessage", json: map[string]any{"chat_id": true, "text": "hi"}, status: 400, violation: "chat_id: expected Integer or String, got boolean"},
		{name: "chat_id fraction", method: "sendMessage", json: map[string]any{"chat_id": 42.5, "text": "hi"}, status: 400, violation: "expected Integer or String"},
		{name: "text number", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": 7}, status: 400, violation: "text: expected String, got number 7"},
		{name: "empty text", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": ""}, status: 400,
			desc: "Bad Request: message text is empty", violation: "message text is empty"},
		{name: "form boolean", method: "sendMessage", form: url.Values{"chat_id": {"42"}, "text": {"hi"}, "protect_content": {"yes"}}, status: 400, violation: `protect_content: expected Boolean, got "yes"`},
		{name: "form integer", method: "getUpdates", form: url.Values{"limit": {"ten"}}, status: 400, violation: `limit: expected Integer, got "ten"`},
		{name: "form object not JSON", method: "sendMessage", form: url.Values{"chat_id": {"42"}, "text": {"hi"}, "reply_markup": {"{inline"}}, status: 400, violation: "reply_markup: expected InlineKeyboardMarkup or"},
		{name: "form object", method: "sendMessage", form: url.Values{"chat_id": {"42"}, "text": {"hi"}, "reply_markup": {`{"inline_keyboard":[[{"text":"a","callback_data":"b"}]]}`}}, status: 200},
		{name: "empty copy_text", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": "hi",
			"reply_markup": inline(map[string]any{"text": "a", "callback_data": "b", "copy_text": map[string]any{"text": ""}})},
			status: 400, violation: "reply_markup.inline_keyboard[0][0].copy_text.text: required String must not be empty"},
		{name: "unknown button field", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": "hi",
			"reply_markup": inline(map[string]any{"text": "a", "callback": "b"})},
			status: 400, violation: `reply_markup.inline_keyboard[0][0]: unknown field "callback" in InlineKeyboardButton`},
		{name: "button without text", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": "hi",
			"reply_markup": inline(map[string]any{"callback_data": "b"})},
			status: 400, violation: `missing required field "text" of InlineKeyboardButton`},
		{name: "keyboard not an array", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": "hi",
			"reply_markup": map[string]any{"inline_keyboard": "x"}}, status: 400, violation: "reply_markup.inline_keyboard: expected Array of Array of InlineKeyboardButton, got string"},
		{name: "force reply", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": "hi", "reply_markup": map[string]any{"force_reply": true}}, status: 200},
		{name: "remove keyboard", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": "hi", "reply_markup": map[string]any{"remove_keyboard": true}}, status: 200},
		{name: "reply keyboard", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": "hi",
			"reply_markup": map[string]any{"keyboard": []any{[]any{map[string]any{"text": "yes"}}}, "one_time_keyboard": true}}, status: 200},
		{name: "link preview", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": "hi", "link_preview_options": map[string]any{"is_disabled": true}}, status: 200},
		{name: "link preview wrong", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": "hi", "link_preview_options": map[string]any{"is_disabled": "yes"}},
			status: 400, violation: "link_preview_options.is_disabled: expected Boolean, got string"},
		{name: "reply parameters missing id", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": "hi", "reply_parameters": map[string]any{"quote": "x"}},
			status: 400, violation: `reply_parameters: missing required field "message_id" of ReplyParameters`},
		{name: "commands", method: "setMyCommands", json: map[string]any{"commands": []any{map[string]any{"command": "start", "description": "Start"}},
			"scope": map[string]any{"type": "chat", "chat_id": 42}}, status: 200},
		{name: "command without description", method: "setMyCommands", json: map[string]any{"commands": []any{map[string]any{"command": "start"}}},
			status: 400, violation: `commands[0]: missing required field "description" of BotCommand`},
		{name: "scope missing chat_id", method: "setMyCommands", json: map[string]any{"commands": []any{}, "scope": map[string]any{"type": "chat"}},
			status: 400, violation: `scope: missing required field "chat_id" of BotCommandScopeChat`},
		{name: "scope unknown type", method: "setMyCommands", json: map[string]any{"commands": []any{}, "scope": map[string]any{"type": "everyone"}},
			status: 400, violation: "scope: expected BotCommandScope, got object"},
		{name: "scope default", method: "deleteMyCommands", json: map[string]any{"scope": map[string]any{"type": "default"}}, status: 200},
		{name: "callback_data 64 bytes", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": "hi",
			"reply_markup": inline(map[string]any{"text": "a", "callback_data": strings.Repeat("x", 64)})}, status: 200},
		{name: "callback_data 65 bytes", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": "hi",
			"reply_markup": inline(map[string]any{"text": "a", "callback_data": strings.Repeat("x", 65)})}, status: 400, desc: "Bad Request: BUTTON_DATA_INVALID"},
		{name: "text 4096", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": strings.Repeat("a", 4096)}, status: 200},
		{name: "text 4097", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": strings.Repeat("a", 4097)}, status: 400, desc: "Bad Request: message is too long"},
		{name: "text 4096 after tags", method: "sendMessage", json: map[string]any{"chat_id": 42, "parse_mode": "HTML", "text": "<b>" + strings.Repeat("a", 4096) + "</b>"}, status: 200},
		// Limits are in UTF-16 units of the text after entity parsing: an emoji is two, "&amp;" one.
		{name: "text 2048 emoji", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": strings.Repeat("😀", 2048)}, status: 200},
		{name: "text 2048 emoji and one more", method: "sendMessage", json: map[string]any{"chat_id": 42, "text": strings.Repeat("😀", 2048) + "a"}, status: 400, desc: "Bad Request: message is too long"},
		{name: "text 4096 after entities", method: "sendMessage", json: map[string]any{"chat_id": 42, "parse_mode": "HTML", "text": strings.Repeat("&amp;", 4096)}, status: 200},
		{name: "caption 512 emoji", method: "sendPhoto", json: map[string]any{"chat_id": 42, "photo": "https://example.com/a.jpg", "caption": strings.Repeat("🎉", 512)}, status: 200},
		{name: "caption 512 emoji and one more", method: "sendPhoto", json: map[string]any{"chat_id": 42, "photo": "https://example.com/a.jpg", "caption": strings.Repeat("🎉", 512) + "a"}, status: 400, desc: "Bad Request: message caption is too long"},
		{name: "caption 1024 after tags", method: "sendPhoto", json: map[string]any{"chat_id": 42, "photo": "https://example.com/a.jpg", "parse_mode": "HTML", "caption": "<b>" + strings.Repeat("好", 1024) + "</b>"}, status: 200},
		{name: "caption 1025 chinese", method: "sendPhoto", json: map[string]any{"chat_id": 42, "photo": "https://example.com/a.jpg", "caption": strings.Repeat("好", 1025)}, status: 400, desc: "Bad Request: message caption is too long"},
		{name: "html unclosed b", method: "sendMessage", json: map[string]any{"chat_id": 42, "parse_mode": "HTML", "text": "<b>bold"}, status: 400,
			desc: `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`},
		{name: "html bare ampersand", method: "sendMessage", json: map[string]any{"chat_id": 42, "parse_mode": "HTML", "text": "Tom & Jerry"}, status: 400,
			desc: `Bad Request: can't parse entities: Unsupported HTML entity at byte offset 4: '&' must be escaped as "&amp;"`},
		{name: "html escaped", method: "sendMessage", json: map[string]any{"chat_id": 42, "parse_mode": "HTML", "text": "a &amp;lt; b"}, status: 200},
		{name: "unsupported parse mode", method: "sendMessage", json: map[string]any{"chat_id": 42, "parse_mode": "XML", "text": "x"}, status: 400, desc: "Bad Request: unsupported parse_mode"},
		{name: "unknown chat", method: "sendMessage", json: map[string]any{"chat_id": 43, "text": "hi"}, status: 400, desc: "Bad Request: chat not found"},
		{name: "getMe", method: "getMe", status: 200},
		{name: "other method", method: "setMessageReaction", json: map[string]any{"chat_id": 42, "message_id": 1,
			"reaction": []any{map[string]any{"type": "emoji", "emoji": "👍"}}}, status: 200},
		{name: "other method bad reaction", method: "setMessageReaction", json: map[string]any{"chat_id": 42, "message_id": 1,
			"reaction": []any{map[string]any{"type": "emoji"}}}, status: 400, violation: `reaction[0]: missing required field "emoji" of ReactionTypeEmoji`},
		{name: "attachment not referenced", method: "sendMessage", json: nil, status: 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, rec := newRecorded(t)
			ann := s.User(42, "Ann", "en")
			s.SendText(ann, PrivateChat(ann), "/start")
			var r apiResp
			switch {
			case tc.form != nil:
				r = callForm(t, s, tc.method, tc.form)
			case tc.name == "attachment not referenced":
				r = callMultipart(t, s, "sendMessage", map[string]string{"chat_id": "42", "text": "hi"}, map[string][2]string{"stray": {"a.txt", "x"}})
				tc.status, tc.violation = 400, `unknown parameter "stray"`
			default:
				r = callJSON(t, s, tc.method, tc.json)
			}
			if r.status != tc.status {
				t.Errorf("status %d (%s), want %d", r.status, r.Description, tc.status)
			}
			if tc.desc != "" && r.Description != tc.desc {
				t.Errorf("description %q, want %q", r.Description, tc.desc)
			}
			errs, viol := rec.errors(), s.Violations()
			if tc.violation == "" {
				if len(errs) > 0 || len(viol) > 0 {
					t.Errorf("unexpected violation: %v", errs)
				}
				return
			}
			if len(errs) != 1 || len(viol) != 1 {
				t.Fatalf("want one violation containing %q, got errors %v, violations %v", tc.violation, errs, viol)
			}
			if !strings.Contains(viol[0], tc.violation) || errs[0] != viol[0] {
				t.Errorf("violation %q / error %q, want it to contain %q", viol[0], errs[0], tc.violation)
			}
			if tc.status == 400 && !strings.HasPrefix(r.Description, "Bad Request: ") {
				t.Errorf("description %q", r.Description)
			}
		})
	}
}
