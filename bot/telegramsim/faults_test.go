package telegramsim

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

func TestFaultReplies(t *testing.T) {
	cases := []struct {
		f      Fault
		code   int
		desc   string
		retry  int
		target int64
	}{
		{Fault{}, 500, "Internal Server Error", 0, 0},
		{Fault{Code: 400, Description: "Bad Request: custom"}, 400, "Bad Request: custom", 0, 0},
		{Fault{RetryAfter: 3}, 429, "Too Many Requests: retry after 3", 3, 0},
		{Fault{MigrateTo: -100}, 400, "Bad Request: group chat was upgraded to a supergroup chat", 0, -100},
		{Fault{Code: 403}, 403, "Forbidden", 0, 0},
	}
	s := newTest(t)
	for _, tc := range cases {
		s.FailNext("getMe", 0, tc.f)
		r := callJSON(t, s, "getme", nil)
		wantErr(t, r, tc.code, tc.desc)
		if r.Parameters.RetryAfter != tc.retry || r.Parameters.MigrateToChatID != tc.target {
			t.Errorf("%+v: parameters %+v", tc.f, r.Parameters)
		}
	}
	mustOK(t, callJSON(t, s, "getMe", nil))
	// Faults come after the check: an invalid call is flagged, and the fault stays queued.
	s2, rec := newRecorded(t)
	s2.FailNext("", 0, Fault{Code: 500})
	wantErr(t, callJSON(t, s2, "getMe", map[string]any{"x": 1}), 400, `Bad Request: unknown parameter "x"`)
	wantErr(t, callJSON(t, s2, "getMe", nil), 500, "Internal Server Error")
	if len(rec.errors()) != 1 {
		t.Errorf("errors %v", rec.errors())
	}
}

func TestMalformedRequests(t *testing.T) {
	s, rec := newRecorded(t)
	post := func(ct, body string) apiResp {
		req, _ := http.NewRequest(http.MethodPost, methodURL(s, "getUpdates"), strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		return do(t, req)
	}
	if r := post("application/json", "[1,2]"); r.status != 400 || !strings.Contains(r.Description, "not a JSON object") {
		t.Errorf("array body: %+v", r)
	}
	if r := post("text/plain", "offset=1"); r.status != 400 || !strings.Contains(r.Description, "unsupported Content-Type") {
		t.Errorf("text body: %+v", r)
	}
	// A file part for a parameter that takes no file.
	r := callMultipart(t, s, "sendMessage", map[string]string{"chat_id": "1"}, map[string][2]string{"text": {"t.txt", "hello"}})
	if r.status != 400 || !strings.Contains(r.Description, "text: expected String, got uploaded file") {
		t.Errorf("file for a string: %+v", r)
	}
	if n := len(rec.errors()); n != 3 {
		t.Errorf("%d errors: %v", n, rec.errors())
	}
}

func TestMoreMessageMethods(t *testing.T) {
	s := newTest(t)
	u := s.User(6, "Kim", "en")
	s.SendText(u, PrivateChat(u), "hi")
	for i := 0; i < 3; i++ {
		mustOK(t, callJSON(t, s, "sendMessage", map[string]any{"chat_id": 6, "text": "m"}))
	}
	mustOK(t, callJSON(t, s, "pinChatMessage", map[string]any{"chat_id": 6, "message_id": 2}))
	mustOK(t, callJSON(t, s, "pinChatMessage", map[string]any{"chat_id": 6, "message_id": 3}))
	mustOK(t, callJSON(t, s, "unpinAllChatMessages", map[string]any{"chat_id": 6}))
	mustOK(t, callJSON(t, s, "deleteMessages", map[string]any{"chat_id": 6, "message_ids": []int{2, 3, 50}}))
	if m := s.Messages(6); len(m) != 1 || m[0].ID != 4 || m[0].Pinned {
		t.Errorf("messages %+v", m)
	}
	wantErr(t, callJSON(t, s, "editMessageText", map[string]any{"inline_message_id": "abc", "text": "x"}), 400, "Bad Request: MESSAGE_ID_INVALID")
	mustOK(t, callJSON(t, s, "editMessageLiveLocation", map[string]any{"chat_id": 6, "message_id": 4, "latitude": 1, "longitude": 2}))
	if m := s.Messages(6); m[0].Edits != 1 {
		t.Errorf("generic edit: %+v", m)
	}
	var buf bytes.Buffer
	buf.WriteString(`{"chat_id":6,"media":[{"type":"photo","media":"id1","caption":"a"},{"type":"photo","media":"id2"}]}`)
	req, _ := http.NewRequest(http.MethodPost, methodURL(s, "sendMediaGroup"), &buf)
	req.Header.Set("Content-Type", "application/json")
	var out []map[string]any
	mustOK(t, do(t, req)).decode(t, &out)
	if len(out) != 2 || out[0]["caption"] != "a" || s.Messages(6)[1].Method != "sendMediaGroup" {
		t.Errorf("media group %v", out)
	}
}
