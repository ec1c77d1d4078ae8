package try

import (
	"embed"
	"encoding/json"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"courtyard/bot/telegramsim"
)

// web holds the page: plain HTML, CSS and JavaScript, no build step.
//
//go:embed web
var web embed.FS

// The point a "send location" sends: the demo community's service station.
const presetLat, presetLon = 31.2304, 121.4737

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(web, "web")
	mux.Handle("GET /", noCache(http.FileServerFS(static)))
	mux.HandleFunc("GET /api/state", s.handleState)
	mux.HandleFunc("GET /api/chat", s.handleChat)
	mux.HandleFunc("GET /api/file", s.handleFile)
	mux.HandleFunc("GET /api/events", s.handleEvents)
	mux.HandleFunc("POST /api/send", s.handleSend)
	mux.HandleFunc("POST /api/press", s.handlePress)
	mux.HandleFunc("POST /api/photo", s.handlePhoto)
	mux.HandleFunc("POST /api/location", s.handleLocation)
	mux.HandleFunc("POST /api/clock", s.handleClock)
	mux.HandleFunc("POST /api/reset", s.handleReset)
	return mux
}

func noCache(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		h.ServeHTTP(w, r)
	})
}

// personaView is a persona as the picker shows it.
type personaView struct {
	ID          int64      `json:"id"`
	Name        string     `json:"name"`
	Lang        string     `json:"lang"`
	Role        string     `json:"role"` // admin, staff, leader, resident, newcomer
	Building    string     `json:"building,omitempty"`
	Description string     `json:"description"`
	Chats       []chatInfo `json:"chats"`
}

func (s *Server) handleState(w http.ResponseWriter, r *http.Request) {
	sess := s.session()
	s.mu.Lock()
	gen := s.gen
	s.mu.Unlock()
	var people []personaView
	for _, p := range sess.cast.People {
		p = sess.now(p)
		role := string(p.Role)
		if p.Newcomer {
			role = "newcomer"
		}
		people = append(people, personaView{ID: p.ID, Name: p.Name, Lang: p.Lang, Role: role, Building: p.Building,
			Description: p.Description, Chats: sess.chatsOf(p)})
	}
	writeJSON(w, map[string]any{"gen": gen, "now": sess.clock.Now(), "zone": sess.cfg.Community.Timezone,
		"community": sess.cfg.Community.Name, "bot": telegramsim.BotUsername, "personas": people})
}

// reader resolves the persona and the chat of a request, and refuses a
// chat the persona is not in.
func (s *Server) reader(w http.ResponseWriter, as, chat int64) (*session, persona, bool) {
	sess := s.session()
	p, ok := sess.cast.person(as)
	if !ok || !sess.mayRead(p, chat) {
		http.Error(w, "no such person in that chat", http.StatusForbidden)
		return nil, p, false
	}
	return sess, p, true
}

func (s *Server) handleChat(w http.ResponseWriter, r *http.Request) {
	as, chat := qInt(r, "as"), qInt(r, "chat")
	sess, p, ok := s.reader(w, as, chat)
	if !ok {
		return
	}
	writeJSON(w, map[string]any{
		"messages": sess.messages(chat),
		"menu":     menuFor(sess.tg.Calls("setMyCommands"), p.ID, chat, p.Lang, chat < 0),
		"now":      sess.clock.Now(),
	})
}

func (s *Server) handleFile(w http.ResponseWriter, r *http.Request) {
	as, chat := qInt(r, "as"), qInt(r, "chat")
	sess, _, ok := s.reader(w, as, chat)
	if !ok {
		return
	}
	kind := r.URL.Query().Get("kind")
	data, name, ok := sess.file(chat, int(qInt(r, "msg")), kind)
	if !ok {
		http.NotFound(w, r)
		return
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if kind == "photo" {
		ct = http.DetectContentType(data)
		if !strings.HasPrefix(ct, "image/") {
			ct = "application/octet-stream" // the test photos are not real images
		}
	}
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if kind == "document" {
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	}
	w.Write(data)
}

// sendReq is what the page posts to say, press or share something.
type sendReq struct {
	As      int64  `json:"as"`
	Chat    int64  `json:"chat"`
	Text    string `json:"text"`
	ReplyTo int    `json:"replyTo"`
	Message int    `json:"message"`
	Data    string `json:"data"`
}

func (s *Server) readSend(w http.ResponseWriter, r *http.Request) (sendReq, *session, persona, bool) {
	var q sendReq
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&q); err != nil {
		http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
		return q, nil, persona{}, false
	}
	sess, p, ok := s.reader(w, q.As, q.Chat)
	return q, sess, p, ok
}

func (s *Server) handleSend(w http.ResponseWriter, r *http.Request) {
	q, sess, p, ok := s.readSend(w, r)
	if !ok {
		return
	}
	q.Text = strings.TrimSpace(q.Text)
	if q.Text == "" || len(q.Text) > 4096*4 {
		http.Error(w, "empty or too long", http.StatusBadRequest)
		return
	}
	if err := sess.say(p, q.Chat, q.Text, q.ReplyTo); err != nil {
		http.Error(w, err.Error(), http.StatusConflict)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handlePress(w http.ResponseWriter, r *http.Request) {
	q, sess, p, ok := s.readSend(w, r)
	if !ok {
		return
	}
	if err := sess.press(p, q.Chat, q.Message, q.Data); err != nil {
		http.Error(w, err.Error(), http.StatusConflict)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleLocation(w http.ResponseWriter, r *http.Request) {
	q, sess, p, ok := s.readSend(w, r)
	if !ok {
		return
	}
	sess.tg.SendLocation(sess.user(p), sess.chat(q.Chat), presetLat, presetLon)
	w.WriteHeader(http.StatusNoContent)
}

// handlePhoto sends a photo: the file uploaded, or the bundled one.
func (s *Server) handlePhoto(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<20)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		http.Error(w, "bad upload: "+err.Error(), http.StatusBadRequest)
		return
	}
	as, _ := strconv.ParseInt(r.FormValue("as"), 10, 64)
	chat, _ := strconv.ParseInt(r.FormValue("chat"), 10, 64)
	sess, p, ok := s.reader(w, as, chat)
	if !ok {
		return
	}
	var data []byte
	if f, _, err := r.FormFile("file"); err == nil {
		data, err = io.ReadAll(f)
		f.Close()
		if err != nil {
			http.Error(w, "bad upload: "+err.Error(), http.StatusBadRequest)
			return
		}
	} else if data, err = web.ReadFile("web/photo.jpg"); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	sess.tg.SendPhotoData(sess.user(p), sess.chat(chat), strings.TrimSpace(r.FormValue("caption")), data)
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleClock(w http.ResponseWriter, r *http.Request) {
	var q struct {
		Step string `json:"step"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<10)).Decode(&q); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	sess := s.session()
	p, err := sess.advance(r.Context(), q.Step, s.bell.ring)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.bell.ring()
	writeJSON(w, map[string]any{"now": sess.clock.Now(), "steps": p.Steps, "messages": p.Messages})
}

func (s *Server) handleReset(w http.ResponseWriter, r *http.Request) {
	if err := s.startOver(r.Context()); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func qInt(r *http.Request, name string) int64 {
	n, _ := strconv.ParseInt(r.URL.Query().Get(name), 10, 64)
	return n
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(v) // a page that went away needs no answer
}
