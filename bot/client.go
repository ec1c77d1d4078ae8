// Package bot is courtyard's Telegram side: the durable poller, dispatch of
// stored updates to the commands, and the outbox sender.
package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-telegram/bot/models"

	"courtyard/telegram"
)

// APIError is an answer from the Bot API with ok=false.
type APIError struct {
	Method      string
	Code        int
	Description string
	RetryAfter  int   // seconds, on 429
	MigrateTo   int64 // the supergroup a group became, on 400
}

func (e *APIError) Error() string {
	return fmt.Sprintf("telegram %s: %d %s", e.Method, e.Code, e.Description)
}

// TokenRefused reports whether err is Telegram refusing the bot token
// (401, or 404 for a token it does not know): no retry can help.
func TokenRefused(err error) bool {
	var api *APIError
	return errors.As(err, &api) && (api.Code == 401 || api.Code == 404)
}

// Client calls the Bot API. It never puts the token in an error or a log.
type Client struct {
	base  string // api url + "/bot" + token + "/"
	token string
	http  *http.Client
}

// NewClient returns a client for the Bot API at apiURL.
func NewClient(apiURL, token string, hc *http.Client) *Client {
	if hc == nil {
		hc = &http.Client{}
	}
	return &Client{base: strings.TrimRight(apiURL, "/") + "/bot" + token + "/", token: token, http: hc}
}

// NewTransport is the HTTP transport for the Bot API: it keeps an idle
// connection for every call that can be on the wire at once (the sender's
// workers, the poll, an export), where Go's default keeps two and closes,
// and dials again, the rest.
func NewTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = maxWorkers + 4
	return t
}

// envelope is an answer; Result holds a pointer to where the result is
// decoded, so that the answer is read in one pass.
type envelope struct {
	OK          bool   `json:"ok"`
	Result      any    `json:"result"`
	ErrorCode   int    `json:"error_code"`
	Description string `json:"description"`
	Parameters  struct {
		RetryAfter      int   `json:"retry_after"`
		MigrateToChatID int64 `json:"migrate_to_chat_id"`
	} `json:"parameters"`
}

// Call posts params (a struct or raw JSON) to method and decodes the result
// into dest, when dest is not nil.
func (c *Client) Call(ctx context.Context, method string, params any, dest any) error {
	var body []byte
	switch p := params.(type) {
	case nil:
		body = []byte("{}")
	case []byte:
		body = p
	case json.RawMessage:
		body = p
	default:
		var err error
		if body, err = json.Marshal(p); err != nil {
			return fmt.Errorf("telegram %s: encode: %w", method, err)
		}
	}
	return c.do(ctx, method, "application/json", bytes.NewReader(body), dest)
}

// Upload posts a multipart request: the JSON params as form fields and one file.
func (c *Client) Upload(ctx context.Context, method string, params []byte, field, fileName string, data []byte, dest any) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(params, &fields); err != nil {
		return fmt.Errorf("telegram %s: decode params: %w", method, err)
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		val := string(v)
		var s string
		if json.Unmarshal(v, &s) == nil {
			val = s
		}
		if err := w.WriteField(k, val); err != nil {
			return fmt.Errorf("telegram %s: form: %w", method, err)
		}
	}
	fw, err := w.CreateFormFile(field, fileName)
	if err != nil {
		return fmt.Errorf("telegram %s: form: %w", method, err)
	}
	if _, err := fw.Write(data); err != nil {
		return fmt.Errorf("telegram %s: form: %w", method, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("telegram %s: form: %w", method, err)
	}
	return c.do(ctx, method, w.FormDataContentType(), &buf, dest)
}

func (c *Client) do(ctx context.Context, method, contentType string, body io.Reader, dest any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+method, body)
	if err != nil {
		return fmt.Errorf("telegram %s: %w", method, c.redact(err))
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("telegram %s: %w", method, c.redact(err))
	}
	defer resp.Body.Close()
	raw, err := readAnswer(resp, 64<<20)
	if err != nil {
		return fmt.Errorf("telegram %s: read answer: %w", method, c.redact(err))
	}
	var env envelope
	var skip json.RawMessage
	if env.Result = dest; dest == nil {
		env.Result = &skip
	}
	derr := json.Unmarshal(raw, &env)
	var typeErr *json.UnmarshalTypeError
	inResult := errors.As(derr, &typeErr) && strings.HasPrefix(typeErr.Field, "result")
	if derr != nil && !inResult {
		return &APIError{Method: method, Code: resp.StatusCode, Description: "unreadable answer: " + http.StatusText(resp.StatusCode)}
	}
	if !env.OK {
		code := env.ErrorCode
		if code == 0 {
			code = resp.StatusCode
		}
		return &APIError{Method: method, Code: code, Description: env.Description,
			RetryAfter: env.Parameters.RetryAfter, MigrateTo: env.Parameters.MigrateToChatID}
	}
	if derr != nil {
		return fmt.Errorf("telegram %s: decode result: %w", method, derr)
	}
	return nil
}

// readAnswer reads an answer's body, of at most limit bytes, into a
// buffer of the length the answer gives when it gives one.
func readAnswer(resp *http.Response, limit int64) ([]byte, error) {
	size := int64(bytes.MinRead)
	if n := resp.ContentLength; n > 0 {
		size = min(n, limit) + bytes.MinRead // ReadFrom wants MinRead free to read the end
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	_, err := buf.ReadFrom(io.LimitReader(resp.Body, limit))
	return buf.Bytes(), err
}

// redact keeps the token out of transport errors, which quote the URL.
func (c *Client) redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = strings.ReplaceAll(ue.URL, c.token, "***")
	}
	if c.token != "" && strings.Contains(err.Error(), c.token) {
		return errors.New(strings.ReplaceAll(err.Error(), c.token, "***"))
	}
	return err
}

// GetMe returns the bot's own user.
func (c *Client) GetMe(ctx context.Context) (models.User, error) {
	var u models.User
	err := c.Call(ctx, "getMe", nil, &u)
	return u, err
}

// GetUpdates long-polls for updates from offset.
func (c *Client) GetUpdates(ctx context.Context, p telegram.GetUpdates) ([]json.RawMessage, error) {
	var out []json.RawMessage
	err := c.Call(ctx, "getUpdates", p, &out)
	return out, err
}
