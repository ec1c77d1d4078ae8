package telegramsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// newTest starts a server that t closes when it ends; every problem the
// server reports fails t.
func newTest(t testing.TB, opts ...Option) *Server {
	t.Helper()
	return startTest(t, append(opts, WithViolationHook(func(p string) { t.Errorf("telegramsim: %s", p) })))
}

// newRecorded starts a server whose problems are collected instead of
// failing t, so that tests can assert that the server flags a bad request.
func newRecorded(t testing.TB, opts ...Option) (*Server, *recorder) {
	t.Helper()
	rec := &recorder{}
	return startTest(t, append(opts, WithViolationHook(rec.add))), rec
}

func startTest(t testing.TB, opts []Option) *Server {
	t.Helper()
	s, err := Start(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// recorder collects the problems a server reports.
type recorder struct {
	mu   sync.Mutex
	errs []string
}

func (r *recorder) add(problem string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, problem)
}

func (r *recorder) errors() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errs...)
}

func (r *recorder) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = nil
}

// apiResp is a decoded Bot API answer.
type apiResp struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter      int   `json:"retry_after"`
		MigrateToChatID int64 `json:"migrate_to_chat_id"`
	} `json:"parameters"`
	status int
}

func (r apiResp) decode(t testing.TB, dst any) {
	t.Helper()
	if err := json.Unmarshal(r.Result, dst); err != nil {
		t.Fatalf("decode result %s: %v", r.Result, err)
	}
}

func methodURL(s *Server, method string) string {
	return s.URL() + "/bot" + Token + "/" + method
}

func do(t testing.TB, req *http.Request) apiResp {
	t.Helper()
	r, err := tryDo(req)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// tryDo sends a request and decodes the answer; it is safe to use from any
// goroutine.
func tryDo(req *http.Request) (apiResp, error) {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return apiResp{}, fmt.Errorf("%s: %v", req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return apiResp{}, err
	}
	var out apiResp
	if err := json.Unmarshal(body, &out); err != nil {
		return apiResp{}, fmt.Errorf("%s: answer %q is not JSON: %v", req.URL.Path, body, err)
	}
	out.status = resp.StatusCode
	if out.OK != (resp.StatusCode == http.StatusOK) || (!out.OK && out.ErrorCode != resp.StatusCode) {
		return apiResp{}, fmt.Errorf("%s: inconsistent answer %d %s", req.URL.Path, resp.StatusCode, body)
	}
	return out, nil
}

// callJSON posts params as application/json.
func callJSON(t testing.TB, s *Server, method string, params any) apiResp {
	t.Helper()
	r, err := tryJSON(s, method, params)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// tryJSON is callJSON for goroutines: it returns the error.
func tryJSON(s *Server, method string, params any) (apiResp, error) {
	b, err := json.Marshal(params)
	if err != nil {
		return apiResp{}, err
	}
	req, _ := http.NewRequest(http.MethodPost, methodURL(s, method), bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	return tryDo(req)
}

// callForm posts params as application/x-www-form-urlencoded.
func callForm(t testing.TB, s *Server, method string, params url.Values) apiResp {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, methodURL(s, method), strings.NewReader(params.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return do(t, req)
}

// callMultipart posts fields and files (name -> filename -> data) as
// multipart/form-data.
func callMultipart(t testing.TB, s *Server, method string, fields map[string]string, files map[string][2]string) apiResp {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for k, f := range files {
		w, _ := mw.CreateFormFile(k, f[0])
		w.Write([]byte(f[1]))
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, methodURL(s, method), &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return do(t, req)
}

// mustOK fails unless the answer is a success.
func mustOK(t testing.TB, r apiResp) apiResp {
	t.Helper()
	if !r.OK {
		t.Fatalf("want ok, got %d %q", r.ErrorCode, r.Description)
	}
	return r
}

// wantErr fails unless the answer is the error code with the description.
func wantErr(t testing.TB, r apiResp, code int, desc string) {
	t.Helper()
	if r.OK || r.ErrorCode != code || r.Description != desc {
		t.Fatalf("want %d %q, got ok=%v %d %q", code, desc, r.OK, r.ErrorCode, r.Description)
	}
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
