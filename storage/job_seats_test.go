package storage

import (
	"reflect"
	"testing"
)

func seats(spec ...any) []Seat {
	var out []Seat
	for i := 0; i < len(spec); i += 2 {
		out = append(out, Seat{MemberID: int64(spec[i].(int)), State: spec[i+1].(string), Position: int64(i/2 + 1)})
	}
	return out
}

func states(list []Seat) map[int64]string {
	m := map[int64]string{}
	for _, s := range list {
		m[s.MemberID] = s.State
	}
	return m
}

func TestPlanSignUp(t *testing.T) {
	cases := []struct {
		name   string
		list   []Seat
		slots  int
		member int64
		want   SeatChange
	}{
		{"first on an empty job", nil, 2, 7, SeatChange{State: SignedUp}},
		{"last free slot", seats(1, SignedUp), 2, 7, SeatChange{State: SignedUp}},
		{"full: waits", seats(1, SignedUp, 2, SignedUp), 2, 7, SeatChange{State: Waiting}},
		{"behind others waiting", seats(1, SignedUp, 2, Waiting), 1, 7, SeatChange{State: Waiting}},
		{"twice", seats(7, SignedUp), 2, 7, SeatChange{State: SignedUp, Was: SignedUp, Already: true}},
		{"twice while waiting", seats(1, SignedUp, 7, Waiting), 1, 7, SeatChange{State: Waiting, Was: Waiting, Already: true}},
		{"back after withdrawing, room", seats(7, Withdrawn, 1, SignedUp), 2, 7, SeatChange{State: SignedUp, Was: Withdrawn}},
		{"back after withdrawing goes to the end", seats(7, Withdrawn, 1, SignedUp, 2, Waiting), 1, 7, SeatChange{State: Waiting, Was: Withdrawn}},
		{"one slot", nil, 1, 7, SeatChange{State: SignedUp}},
	}
	for _, c := range cases {
		_, got := PlanSignUp(c.list, c.slots, c.member, 100)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestPlanWithdraw(t *testing.T) {
	cases := []struct {
		name   string
		list   []Seat
		slots  int
		member int64
		want   SeatChange
		after  map[int64]string
	}{
		{"signed, nobody waiting", seats(1, SignedUp, 2, SignedUp), 2, 1, SeatChange{State: Withdrawn, Was: SignedUp},
			map[int64]string{1: Withdrawn, 2: SignedUp}},
		{"signed, first waiting moves up", seats(1, SignedUp, 2, SignedUp, 3, Waiting, 4, Waiting), 2, 1,
			SeatChange{State: Withdrawn, Was: SignedUp, Promoted: []int64{3}},
			map[int64]string{1: Withdrawn, 2: SignedUp, 3: SignedUp, 4: Waiting}},
		{"waiting leaves, nobody moves", seats(1, SignedUp, 2, Waiting, 3, Waiting), 1, 2, SeatChange{State: Withdrawn, Was: Waiting},
			map[int64]string{1: SignedUp, 2: Withdrawn, 3: Waiting}},
		{"not on the list", seats(1, SignedUp), 1, 9, SeatChange{State: Withdrawn, Already: true},
			map[int64]string{1: SignedUp}},
		{"withdrawn twice", seats(1, Withdrawn, 2, SignedUp), 1, 1, SeatChange{State: Withdrawn, Was: Withdrawn, Already: true},
			map[int64]string{1: Withdrawn, 2: SignedUp}},
	}
	for _, c := range cases {
		list, got := PlanWithdraw(c.list, c.slots, c.member)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
		if !reflect.DeepEqual(states(list), c.after) {
			t.Errorf("%s: list %v, want %v", c.name, states(list), c.after)
		}
	}
}

func TestSeatsKeepArrivalOrder(t *testing.T) {
	list := []Seat{{MemberID: 3, Position: 30, State: Waiting}, {MemberID: 1, Position: 10, State: Waiting}, {MemberID: 2, Position: 20, State: Waiting}}
	got := states(Seats(list, 2))
	want := map[int64]string{1: SignedUp, 2: SignedUp, 3: Waiting}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}
