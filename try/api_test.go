package try

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestAPIRegisterMenusAndPrivacy drives the page's HTTP API as the page
// does: a newcomer registers with buttons and a ForceReply answer, and then
// sees their building's group; nobody reads a chat they are not in.
func TestAPIRegisterMenusAndPrivacy(t *testing.T) {
	base := playground(t)
	ev := events(t, base)
	first := <-ev
	if first["gen"] != float64(1) {
		t.Fatalf("first event: %v", first)
	}
	var st struct {
		Personas []personaView `json:"personas"`
		Now      time.Time     `json:"now"`
	}
	getJSON(t, base+"api/state", &st)
	if len(st.Personas) != 8 || !st.Now.Equal(testStart()) && st.Now.Sub(testStart()) > time.Minute {
		t.Fatalf("state: %d personas, now %v", len(st.Personas), st.Now)
	}
	roles := map[string]int{}
	for _, p := range st.Personas {
		roles[p.Role]++
	}
	if roles["admin"] != 1 || roles["staff"] != 1 || roles["leader"] != 2 || roles["resident"] != 3 || roles["newcomer"] != 1 {
		t.Fatalf("roles: %v", roles)
	}

	// Chats are private to their members.
	for _, c := range []struct{ as, chat int64 }{{3004, -1001003}, {3003, 3004}, {9999, 9999}, {3001, -1001006}} {
		if code := getJSON(t, fmt.Sprintf("%sapi/chat?as=%d&chat=%d", base, c.as, c.chat), nil); code != http.StatusForbidden {
			t.Errorf("%d reading chat %d: HTTP %d, want 403", c.as, c.chat, code)
		}
	}

	post(t, base+"api/send", sendReq{As: 3004, Chat: 3004, Text: "/start"})
	m := waitChat(t, base, ev, 3004, 3004, func(m msgView) bool { return hasData(m, "reg:b:3") })
	if post(t, base+"api/press", sendReq{As: 3004, Chat: 3004, Message: m.ID, Data: "reg:b:99"}) != http.StatusConflict {
		t.Error("a button the message does not have was pressed")
	}
	post(t, base+"api/press", sendReq{As: 3004, Chat: 3004, Message: m.ID, Data: "reg:b:3"})
	ask := waitChat(t, base, ev, 3004, 3004, func(m msgView) bool { return m.ForceReply })
	post(t, base+"api/send", sendReq{As: 3004, Chat: 3004, Text: "601", ReplyTo: ask.ID})
	waitChat(t, base, ev, 3004, 3004, func(m msgView) bool { return m.Bot && strings.Contains(m.HTML, "601") && hasData(m, "menu:report") })
	edited := waitChat(t, base, ev, 3004, 3004, func(x msgView) bool { return x.ID == m.ID })
	if !edited.Edited || len(edited.Buttons) != 0 {
		t.Errorf("the building question was not edited in place: %+v", edited)
	}

	getJSON(t, base+"api/state", &st)
	for _, p := range st.Personas {
		if p.ID == 3004 && (p.Role != "resident" || p.Building != "3" || len(p.Chats) != 3) {
			t.Errorf("after registering: %+v", p)
		}
	}

	// The menu is the one the bot set for that person and chat.
	var leader, resident chatView
	getJSON(t, base+"api/chat?as=2003&chat=2003", &leader)
	getJSON(t, base+"api/chat?as=3001&chat=3001", &resident)
	if !hasCommand(leader.Menu, "queue") || hasCommand(resident.Menu, "queue") || !hasCommand(resident.Menu, "report") {
		t.Errorf("menus: leader %v, resident %v", leader.Menu, resident.Menu)
	}
}

func hasCommand(menu []command, name string) bool {
	for _, c := range menu {
		if c.Command == name {
			return true
		}
	}
	return false
}

// TestAPIGroupPhotoClockAndStartOver: plain talk in a group stays among the
// people and is escaped; a photo is stored and served; moving the clock to
// tomorrow 08:00 brings the job reminder; start over begins again.
func TestAPIGroupPhotoClockAndStartOver(t *testing.T) {
	base := playground(t)
	ev := events(t, base)

	post(t, base+"api/send", sendReq{As: 3001, Chat: -1001003, Text: `<script>alert("x")</script> 大家好`})
	m := waitChat(t, base, ev, 3002, -1001003, func(m msgView) bool { return strings.Contains(m.HTML, "大家好") })
	if !m.Unseen || strings.Contains(m.HTML, "<script") || !strings.Contains(m.HTML, "&lt;script&gt;") {
		t.Errorf("group talk: %+v", m)
	}

	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("as", "3001")
	mw.WriteField("chat", "3001")
	mw.WriteField("caption", "楼道灯")
	mw.Close()
	resp, err := http.Post(base+"api/photo", mw.FormDataContentType(), &body)
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("photo: %v %v", err, resp.Status)
	}
	photo := waitChat(t, base, ev, 3001, 3001, func(m msgView) bool { return m.Photo != "" && !m.Bot })
	resp, err = http.Get(base + photo.Photo + "&as=3001")
	if err != nil {
		t.Fatal(err)
	}
	img, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != "image/jpeg" || len(img) < 1000 {
		t.Errorf("photo served as %q, %d bytes", resp.Header.Get("Content-Type"), len(img))
	}
	if code := getJSON(t, base+photo.Photo+"&as=3003", nil); code != http.StatusForbidden {
		t.Errorf("someone else's photo: HTTP %d", code)
	}

	post(t, base+"api/location", sendReq{As: 3001, Chat: 3001})
	loc := waitChat(t, base, ev, 3001, 3001, func(m msgView) bool { return m.Location != nil && !m.Bot })
	if loc.Location.Latitude != presetLat || loc.Location.Longitude != presetLon {
		t.Errorf("location: %+v", loc.Location)
	}

	// Staff open the export the bot sends as a document.
	post(t, base+"api/send", sendReq{As: 1002, Chat: 1002, Text: "/export"})
	doc := waitChat(t, base, ev, 1002, 1002, func(m msgView) bool { return m.Document != nil && strings.HasSuffix(m.Document.Name, ".csv") })
	resp, err = http.Get(base + doc.Document.URL + "&as=1002")
	if err != nil {
		t.Fatal(err)
	}
	csv, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") || !bytes.HasPrefix(csv, []byte("\xef\xbb\xbf")) ||
		!strings.Contains(string(csv), "希望有人帮忙换一下厨房的灯泡") {
		t.Errorf("export: %q %.200s", resp.Header.Get("Content-Disposition"), csv)
	}
	if code := getJSON(t, base+doc.Document.URL+"&as=3001", nil); code != http.StatusForbidden {
		t.Errorf("a resident opened staff's export: HTTP %d", code)
	}

	if post(t, base+"api/clock", map[string]string{"step": "sideways"}) != http.StatusBadRequest {
		t.Error("an unknown clock step was accepted")
	}
	post(t, base+"api/clock", map[string]string{"step": "morning"})
	var st struct {
		Now time.Time `json:"now"`
	}
	getJSON(t, base+"api/state", &st)
	want := time.Date(2026, 3, 3, 8, 0, 0, 0, testStart().Location())
	if d := st.Now.Sub(want); d < 0 || d > time.Minute {
		t.Errorf("after the move the bot's time is %v, want %v", st.Now, want)
	}
	rem := waitChat(t, base, ev, 3001, 3001, func(m msgView) bool { return m.Bot && hasData(m, "jb:ok:1") })
	if !strings.Contains(rem.HTML, "3号楼周边大扫除") {
		t.Errorf("reminder: %q", rem.HTML)
	}

	// Start over: the clock is back and nothing said before is there (the
	// new demo's own notices, such as the patrol rota, may be).
	post(t, base+"api/reset", nil)
	var after chatView
	getJSON(t, base+"api/chat?as=3001&chat=3001", &after)
	getJSON(t, base+"api/state", &st)
	for _, m := range after.Messages {
		if !m.Bot || hasData(m, "jb:ok:1") {
			t.Errorf("after start over: %+v", m)
		}
	}
	if st.Now.Sub(testStart()) > time.Minute {
		t.Errorf("after start over the time is %v", st.Now)
	}
}

func TestCheckListen(t *testing.T) {
	for _, c := range []struct {
		addr string
		any  bool
		ok   bool
	}{
		{"127.0.0.1:0", false, true}, {"localhost:8765", false, true}, {"[::1]:0", false, true},
		{"0.0.0.0:8765", false, false}, {":8765", false, false}, {"192.168.1.5:80", false, false},
		{"example.com:80", false, false}, {"0.0.0.0:8765", true, true}, {"nonsense", true, false},
	} {
		if err := checkListen(c.addr, c.any); (err == nil) != c.ok {
			t.Errorf("checkListen(%q, %v) = %v", c.addr, c.any, err)
		}
	}
}
