package storage

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Whom a poll counts.
const (
	PollPerUnit   = "unit"   // one vote a household: the later vote of the unit replaces the earlier
	PollPerPerson = "person" // one vote a registered resident
)

// Poll is a question with options.
type Poll struct {
	ID        int64
	CreatedBy int64
	Question  string
	Options   []string
	Multi     bool
	Per       string
	Buildings []string // none: every building
	Private   bool     // asked of each resident in private
	Groups    bool     // posted to the buildings' groups with buttons
	Native    bool     // a Telegram poll in the groups
	ClosesAt  time.Time
	State     string
	CreatedAt time.Time
	ClosedAt  time.Time
}

const pollCols = `id, created_by, question, options, multi, per, buildings, private, groups, native, closes_at, state, created_at, closed_at`

func scanPoll(sc scanner) (Poll, error) {
	var p Poll
	var opts, bs string
	var closes, created int64
	var closed sql.NullInt64
	err := sc.Scan(&p.ID, &p.CreatedBy, &p.Question, &opts, &p.Multi, &p.Per, &bs, &p.Private, &p.Groups, &p.Native,
		&closes, &p.State, &created, &closed)
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal([]byte(opts), &p.Options); err != nil {
		return p, fmt.Errorf("poll %d options: %w", p.ID, err)
	}
	if err := json.Unmarshal([]byte(bs), &p.Buildings); err != nil {
		return p, fmt.Errorf("poll %d buildings: %w", p.ID, err)
	}
	p.ClosesAt, p.CreatedAt, p.ClosedAt = fromMS(closes), fromMS(created), nullMS(closed)
	return p, nil
}

// CreatePoll stores an open poll and returns its id.
func (t ProposalsTx) CreatePoll(p Poll, now time.Time) (int64, error) {
	opts, _ := json.Marshal(p.Options)
	if p.Buildings == nil {
		p.Buildings = []string{}
	}
	bs, _ := json.Marshal(p.Buildings)
	var id int64
	err := t.q.QueryRowContext(t.ctx, `INSERT INTO polls (created_by, question, options, multi, per, buildings, private, groups, native,
		closes_at, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?) RETURNING id`,
		p.CreatedBy, p.Question, string(opts), p.Multi, p.Per, string(bs), p.Private, p.Groups, p.Native, ms(p.ClosesAt), ms(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("storage: create poll: %w", err)
	}
	return id, nil
}

// Poll returns poll id, or ErrNotFound.
func (t ProposalsTx) Poll(id int64) (Poll, error) {
	p, err := scanPoll(t.q.QueryRowContext(t.ctx, `SELECT `+pollCols+` FROM polls WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("storage: poll %d: %w", id, err)
	}
	return p, nil
}

// OpenPolls are the polls not closed yet, the soonest to close first.
func (t ProposalsTx) OpenPolls() ([]Poll, error) {
	return queryAll(t, "open polls", scanPoll, `SELECT `+pollCols+` FROM polls WHERE state = 'open' ORDER BY closes_at, id`)
}

// ClosePoll closes poll id; false when it was closed already.
func (t ProposalsTx) ClosePoll(id int64, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE polls SET state = 'closed', closed_at = ? WHERE id = ? AND state = 'open'`, ms(now), id)
	if err != nil {
		return false, fmt.Errorf("storage: close poll %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Vote records the choices of voter (its household's key or its own) for
// poll id, replacing any earlier vote of the same voter. The poll must be
// open: false when it is not.
func (t ProposalsTx) Vote(id int64, voter string, member int64, building string, choices []int, now time.Time) (bool, error) {
	cs, _ := json.Marshal(choices)
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO poll_votes (poll_id, voter, member_id, building, choices, at)
		SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM polls WHERE id = ?1 AND state = 'open')
		ON CONFLICT (poll_id, voter) DO UPDATE SET member_id = excluded.member_id, building = excluded.building,
			choices = excluded.choices, at = excluded.at`, id, voter, member, building, string(cs), ms(now))
	if err != nil {
		return false, fmt.Errorf("storage: vote in poll %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// MyVote is voter's choices in poll id (nil when none): what a voter sees
// of their own vote, never anyone else's.
func (t ProposalsTx) MyVote(id int64, voter string) ([]int, error) {
	var cs string
	err := t.q.QueryRowContext(t.ctx, `SELECT choices FROM poll_votes WHERE poll_id = ? AND voter = ?`, id, voter).Scan(&cs)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("storage: my vote in poll %d: %w", id, err)
	}
	var out []int
	return out, json.Unmarshal([]byte(cs), &out)
}

// PollTally is a closed poll's count in one building: votes per option
// and the voters (households or people).
type PollTally struct {
	Options []int
	Voters  int
}

// PollResults counts a closed poll's votes by building; it refuses an
// open poll, whose counts nobody may read.
func (t ProposalsTx) PollResults(id int64) (map[string]PollTally, error) {
	p, err := t.Poll(id)
	if err != nil {
		return nil, err
	}
	if p.State != "closed" {
		return nil, fmt.Errorf("storage: poll %d is open: its votes are not counted before the close", id)
	}
	type row struct {
		building, choices string
	}
	rows, err := queryAll(t, "poll results", func(sc scanner) (row, error) {
		var r row
		return r, sc.Scan(&r.building, &r.choices)
	}, `SELECT building, choices FROM poll_votes WHERE poll_id = ?`, id)
	if err != nil {
		return nil, err
	}
	out := map[string]PollTally{}
	for _, r := range rows {
		var cs []int
		if err := json.Unmarshal([]byte(r.choices), &cs); err != nil {
			return nil, fmt.Errorf("storage: poll %d vote: %w", id, err)
		}
		tl := out[r.building]
		if tl.Options == nil {
			tl.Options = make([]int, len(p.Options))
		}
		tl.Voters++
		for _, c := range cs {
			if c >= 0 && c < len(tl.Options) {
				tl.Options[c]++
			}
		}
		out[r.building] = tl
	}
	return out, nil
}

// RegisteredHouseholds counts, by building, the registered households
// (distinct units) and residents, for a poll's turnout.
func (t ProposalsTx) RegisteredHouseholds() (units, people map[string]int, err error) {
	type row struct {
		b    string
		u, p int
	}
	rows, err := queryAll(t, "registered households", func(sc scanner) (row, error) {
		var r row
		return r, sc.Scan(&r.b, &r.u, &r.p)
	}, `SELECT building, count(DISTINCT unit), count(*) FROM members
		WHERE registered_at IS NOT NULL AND active = 1 AND building <> '' GROUP BY building`)
	if err != nil {
		return nil, nil, err
	}
	units, people = map[string]int{}, map[string]int{}
	for _, r := range rows {
		units[r.b], people[r.b] = r.u, r.p
	}
	return units, people, nil
}

// AddPollPost records a posted copy of poll id (an outbox row).
func (t ProposalsTx) AddPollPost(id, outID int64) error {
	if _, err := t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO poll_posts (poll_id, out_id) VALUES (?, ?)`, id, outID); err != nil {
		return fmt.Errorf("storage: poll %d post: %w", id, err)
	}
	return nil
}

// PollPosts are the outbox rows of poll id's posted copies.
func (t ProposalsTx) PollPosts(id int64) ([]int64, error) {
	return t.ids("poll posts", `SELECT out_id FROM poll_posts WHERE poll_id = ? ORDER BY out_id`, id)
}

// PollVoters are the members whose press made each vote of poll id.
func (t ProposalsTx) PollVoters(id int64) ([]int64, error) {
	return t.ids("poll voters", `SELECT DISTINCT member_id FROM poll_votes WHERE poll_id = ? ORDER BY member_id`, id)
}
