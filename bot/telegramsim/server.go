// Package telegramsim simulates the Telegram Bot API for a Telegram bot: a
// real HTTP server on 127.0.0.1 that the bot talks to instead of Telegram,
// while a program plays the users (SendText, Press, ...) and looks at what
// the bot did (Messages, Calls, AwaitMessage, ...). The end-to-end tests run
// the bot against it through bot/telegramtest, which adds the helpers that
// fail a test; the playground (courtyard try) runs it inside the release
// binary, so this package uses neither testing nor net/http/httptest.
//
// The bot calls URL() + "/bot<Token>/<method>" (with go-telegram/bot:
// bot.WithServerURL(s.URL())). Every request is checked against the official
// Bot API table embedded from testdata/botapi.json: unknown methods and
// parameters, missing required parameters, values that do not fit their
// declared type, and objects such as reply_markup checked field by field. A
// failing check is answered with HTTP 400, as Telegram would, kept in
// Violations and passed to the hook given with WithViolationHook. The check
// cannot be switched off.
//
// Beyond the check the server imitates Telegram's behaviour for the common
// methods: long polling, per-chat message ids, text limits, HTML parse mode,
// unknown chats, callback query answers, edits, and faults and rate limits on
// demand. A Server is safe for concurrent use.
//
// Typical use with go-telegram/bot:
//
//	s, err := telegramsim.Start(telegramsim.WithViolationHook(func(p string) { log.Print(p) }))
//	...
//	defer s.Close()
//	b, _ := bot.New(telegramsim.Token, bot.WithServerURL(s.URL()), bot.WithSkipGetMe(), ...)
//	go b.Start(ctx)
//	ann := s.User(42, "Ann", "en")
//	s.SendText(ann, telegramsim.PrivateChat(ann), "/start")
//	m, ok := s.AwaitMessage(ann.ID, func(m telegramsim.Message) bool { return m.Plain == "Welcome!" }, 5*time.Second)
//	...
//	s.Press(ann, m, "menu:help")
//
// Only parse_mode HTML is parsed; with Markdown and MarkdownV2 the text is
// taken as sent.
package telegramsim

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// The identity of the fake bot.
const (
	Token             = "123456:TEST-TOKEN" // the only token the server accepts
	BotID       int64 = 123456
	BotUsername       = "courtyard_test_bot"
	BotName           = "Courtyard" // the bot's first_name
)

// BotUser is the bot as getMe describes it and as the sender of its messages.
func BotUser() models.User {
	return models.User{ID: BotID, IsBot: true, FirstName: BotName, Username: BotUsername}
}

// Option configures a Server in Start.
type Option func(*Server)

// Server is a simulated Telegram Bot API server. Create it with Start.
type Server struct {
	report func(string) // WithViolationHook's fn, nil if none
	hook   func(models.Update)
	spec   *apiSpec
	url    string
	http   *http.Server
	served chan struct{} // closed when the HTTP server has stopped serving

	done      chan struct{} // closed by Close
	closeOnce sync.Once

	mu         sync.Mutex
	changed    chan struct{} // closed and replaced after every state change
	updReady   chan struct{} // closed and replaced when updates arrive or a newer poll starts
	queue      []queuedUpdate
	nextUpdate int64
	confirmed  int64
	pollGen    uint64
	users      map[int64]models.User
	chats      map[int64]*chatState
	calls      []Call
	callCount  map[string]int
	queries    map[string]bool // issued callback query ids -> answered
	nextQuery  int64
	faults     []pendingFault
	tooMany    int
	violations []string
	files      map[string]*storedFile
	nextFile   int64
	limits     Limits
	rate       *rateState
	now        func() time.Time // WithClock's, time.Now if none

	connMu sync.Mutex
	fresh  map[net.Conn]bool // connections no request has arrived on yet
}

// WithViolationHook calls fn with every problem the server finds: a request
// Telegram would refuse (also kept in Violations), and a misuse of the
// simulation itself, such as pressing a button the message does not have. fn
// may run with the server's lock held and from the server's goroutines: it
// must return quickly and must not call the Server. Without a hook problems
// found in requests are only kept in Violations.
func WithViolationHook(fn func(problem string)) Option {
	return func(s *Server) { s.report = fn }
}

// Start starts a server listening on a free port of 127.0.0.1. Close it
// when done.
func Start(opts ...Option) (*Server, error) {
	sp, err := loadSpec()
	if err != nil {
		return nil, err
	}
	s := &Server{
		spec:       sp,
		served:     make(chan struct{}),
		done:       make(chan struct{}),
		changed:    make(chan struct{}),
		updReady:   make(chan struct{}),
		nextUpdate: 1,
		users:      make(map[int64]models.User),
		chats:      make(map[int64]*chatState),
		callCount:  make(map[string]int),
		queries:    make(map[string]bool),
		files:      make(map[string]*storedFile),
		fresh:      make(map[net.Conn]bool),
		now:        time.Now,
	}
	for _, o := range opts {
		o(s)
	}
	s.rate = newRateState(s.limits)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("telegramsim: listen: %w", err)
	}
	s.url = "http://" + ln.Addr().String()
	s.http = &http.Server{Handler: http.HandlerFunc(s.serve), ReadHeaderTimeout: 10 * time.Second, ConnState: s.connState}
	go func() {
		defer close(s.served)
		s.http.Serve(ln) // returns http.ErrServerClosed once Close shuts it down
	}()
	return s, nil
}

// URL is the server's base URL, to be used as the bot's API URL; requests go
// to URL() + "/bot" + Token + "/" + method.
func (s *Server) URL() string { return s.url }

// closeWait bounds how long Close waits for requests in progress.
const closeWait = 10 * time.Second

// Close stops the server: pending long polls are answered at once, and
// Close returns when the requests in progress have been answered. Calling
// it more than once is fine.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.dropFresh()
		ctx, cancel := context.WithTimeout(context.Background(), closeWait)
		defer cancel()
		if err := s.http.Shutdown(ctx); err != nil {
			s.http.Close()
		}
		<-s.served
	})
}

// reply is an answer waiting to be written.
type reply struct {
	status int
	body   []byte
	drop   bool // hijack the connection and close it without answering
}

type respParams struct {
	RetryAfter      int   `json:"retry_after,omitempty"`
	MigrateToChatID int64 `json:"migrate_to_chat_id,omitempty"`
}

func okReply(result any) reply {
	b, err := json.Marshal(result)
	if err != nil {
		return errReply(http.StatusInternalServerError, "Internal Server Error: "+err.Error(), nil)
	}
	body := make([]byte, 0, len(b)+24)
	body = append(body, `{"ok":true,"result":`...)
	body = append(body, b...)
	body = append(body, '}')
	return reply{status: http.StatusOK, body: body}
}

func errReply(code int, desc string, params *respParams) reply {
	b, _ := json.Marshal(struct {
		OK          bool        `json:"ok"`
		ErrorCode   int         `json:"error_code"`
		Description string      `json:"description"`
		Parameters  *respParams `json:"parameters,omitempty"`
	}{false, code, desc, params})
	return reply{status: code, body: b}
}

func badRequest(desc string) reply {
	return errReply(http.StatusBadRequest, "Bad Request: "+desc, nil)
}

func writeReply(w http.ResponseWriter, rep reply) {
	if rep.drop {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		// Without hijacking, the closest thing is an empty, broken answer.
		w.Header().Set("Connection", "close")
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(rep.body)))
	w.WriteHeader(rep.status)
	w.Write(rep.body)
}

// request is one checked call.
type request struct {
	m       *method
	vals    map[string]any // checked parameters, numbers as json.Number
	at      time.Time
	chatID  int64 // chat_id, if given as a number or numeric string
	hasChat bool
	chatRef string // chat_id, if given as "@username"
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	at := s.now()
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		s.serveFile(w, rest)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, name, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		writeReply(w, errReply(http.StatusNotFound, "Not Found", nil))
		return
	}
	raw, rerr := readParams(r)
	if token != Token {
		s.finish(w, name, plainRaw(raw), at, errReply(http.StatusUnauthorized, "Unauthorized", nil))
		return
	}
	m := s.spec.lookup(name)
	if m == nil {
		s.violate(name, "unknown method (not in "+s.spec.version+")")
		s.finish(w, name, plainRaw(raw), at, errReply(http.StatusNotFound, "Not Found", nil))
		return
	}
	if rerr != nil {
		s.violate(m.name, rerr.Error())
		s.finish(w, m.name, nil, at, badRequest(rerr.Error()))
		return
	}
	vals, prob := checkParams(m, raw)
	if prob != nil {
		desc := prob.String()
		if prob.path == "text" && prob.msg == msgEmptyString {
			desc = "message text is empty"
		}
		s.violate(m.name, desc)
		s.finish(w, m.name, plainRaw(raw), at, badRequest(desc))
		return
	}
	req := &request{m: m, vals: vals, at: at}
	switch v := vals["chat_id"].(type) {
	case json.Number:
		req.chatID, req.hasChat = numberInt(v), true
	case string:
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			req.chatID, req.hasChat = n, true
		} else {
			req.chatRef = v
		}
	}
	if m.name == "getUpdates" {
		s.serveUpdates(w, r, req)
		return
	}
	s.mu.Lock()
	rep := s.dispatchLocked(req)
	s.recordLocked(m.name, plainValue(vals).(map[string]any), at, rep.status)
	s.mu.Unlock()
	writeReply(w, rep)
}

// finish records a call that never reached dispatch and writes its answer.
func (s *Server) finish(w http.ResponseWriter, method string, params map[string]any, at time.Time, rep reply) {
	s.mu.Lock()
	s.recordLocked(method, params, at, rep.status)
	s.mu.Unlock()
	writeReply(w, rep)
}

// recordLocked appends a call and wakes every waiter.
func (s *Server) recordLocked(method string, params map[string]any, at time.Time, status int) {
	s.calls = append(s.calls, Call{Method: method, Params: params, Status: status, At: at})
	s.callCount[method]++
	if status == http.StatusTooManyRequests {
		s.tooMany++
	}
	s.bumpLocked()
}

// bumpLocked wakes everything waiting for a state change.
func (s *Server) bumpLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// violate records a spec-check failure and reports it.
func (s *Server) violate(method, problem string) {
	s.mu.Lock()
	s.violations = append(s.violations, method+": "+problem)
	s.mu.Unlock()
	s.errorf("%s: %s", method, problem)
}

// errorf reports a problem to the violation hook, if there is one.
func (s *Server) errorf(format string, args ...any) {
	if s.report != nil {
		s.report(fmt.Sprintf(format, args...))
	}
}

func numberInt(n json.Number) int64 {
	if i, err := n.Int64(); err == nil {
		return i
	}
	f, _ := n.Float64()
	return int64(f)
}

func intParam(vals map[string]any, name string) (int64, bool) {
	n, ok := vals[name].(json.Number)
	if !ok {
		return 0, false
	}
	return numberInt(n), true
}

func strParam(vals map[string]any, name string) (string, bool) {
	v, ok := vals[name].(string)
	return v, ok
}
