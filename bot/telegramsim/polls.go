package telegramsim

import (
	"strconv"
	"strings"

	"github.com/go-telegram/bot/models"
)

// Poll is a native poll the bot sent, as the chat shows it.
type Poll struct {
	ID          string
	Question    string
	Options     []string
	Anonymous   bool
	Multiple    bool
	HideResults bool // hide_results_until_closes
	CloseDate   int64
	Closed      bool // stopped with stopPoll, or sent closed
}

// sendPollLocked handles sendPoll: a regular poll of 2-12 options whose
// question and options are within Telegram's lengths.
func (s *Server) sendPollLocked(c *chatState, req *request) reply {
	q, _ := strParam(req.vals, "question")
	if n := utf16Len(q); n == 0 || n > 300 {
		return badRequest("POLL_QUESTION_INVALID")
	}
	raw, _ := req.vals["options"].([]any)
	if len(raw) < 2 || len(raw) > 12 {
		return badRequest("POLL_ANSWERS_INVALID")
	}
	p := &Poll{Question: q, Anonymous: true}
	for _, o := range raw {
		m, _ := o.(map[string]any)
		text, _ := m["text"].(string)
		if n := utf16Len(text); n == 0 || n > 100 {
			return badRequest("POLL_OPTION_INVALID")
		}
		p.Options = append(p.Options, text)
	}
	if typ, ok := strParam(req.vals, "type"); ok && typ != "regular" && typ != "quiz" {
		return badRequest("POLL_TYPE_INVALID")
	}
	if v, ok := req.vals["is_anonymous"].(bool); ok {
		p.Anonymous = v
	}
	p.Multiple, _ = req.vals["allows_multiple_answers"].(bool)
	p.HideResults, _ = req.vals["hide_results_until_closes"].(bool)
	p.Closed, _ = req.vals["is_closed"].(bool)
	if d, ok := intParam(req.vals, "close_date"); ok {
		p.CloseDate = d
	}
	r, rep := s.newSentLocked(c, req)
	if rep != nil {
		return *rep
	}
	p.ID = strconv.FormatInt(c.info.ID, 10) + "_" + strconv.Itoa(r.ID)
	r.Poll = p
	r.Plain = p.Question + "\n" + strings.Join(p.Options, "\n")
	w := s.wire(c, r)
	return okReply(struct {
		wireMessage
		Poll models.Poll `json:"poll"`
	}{w, wirePoll(p)})
}

// stopPollLocked handles stopPoll: the poll is closed and returned.
func (s *Server) stopPollLocked(c *chatState, req *request) reply {
	r, rep := s.editTargetLocked(c, req)
	if rep != nil {
		return *rep
	}
	if r.Poll == nil {
		return badRequest("message with poll to stop not found")
	}
	if r.Poll.Closed {
		return badRequest("poll has already been closed")
	}
	r.Poll.Closed = true
	c.edited(r)
	return okReply(wirePoll(r.Poll))
}

func wirePoll(p *Poll) models.Poll {
	out := models.Poll{ID: p.ID, Question: p.Question, IsClosed: p.Closed, IsAnonymous: p.Anonymous, Type: "regular",
		AllowsMultipleAnswers: p.Multiple}
	for _, o := range p.Options {
		out.Options = append(out.Options, models.PollOption{Text: o})
	}
	return out
}
