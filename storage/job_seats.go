package storage

// Sign-up states of a person on a job.
const (
	SignedUp  = "signed"
	Waiting   = "waiting"
	Withdrawn = "withdrawn"
)

// Seat is one person's place on a job: their state and the order they
// arrived in (lower first).
type Seat struct {
	MemberID int64
	State    string
	Position int64
}

// SeatChange is what a sign-up or a withdrawal does to a job's list.
type SeatChange struct {
	State    string  // the person's state afterwards
	Already  bool    // nothing changed: they were already in (sign-up) or not in (withdrawal)
	Was      string  // their state before ("" when never on the list)
	Promoted []int64 // people moved up from the waitlist, in order
}

// Seats lays out a job's list: the first slots people still on it, by
// arrival, are signed up and the rest wait. Withdrawn people stay
// withdrawn. The input is not changed.
func Seats(list []Seat, slots int) []Seat {
	out := append([]Seat(nil), list...)
	order := make([]int, 0, len(out))
	for i, s := range out {
		if s.State != Withdrawn {
			order = append(order, i)
		}
	}
	// insertion sort by position: lists are small
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && out[order[j]].Position < out[order[j-1]].Position; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	for n, i := range order {
		if n < slots {
			out[i].State = SignedUp
		} else {
			out[i].State = Waiting
		}
	}
	return out
}

// PlanSignUp returns the list after member signs up (at position pos when
// new or back after withdrawing) and what it means for them.
func PlanSignUp(list []Seat, slots int, member, pos int64) ([]Seat, SeatChange) {
	next := append([]Seat(nil), list...)
	i := seatOf(next, member)
	ch := SeatChange{}
	switch {
	case i >= 0 && next[i].State != Withdrawn:
		return next, SeatChange{State: next[i].State, Was: next[i].State, Already: true}
	case i >= 0:
		ch.Was = Withdrawn
		next[i].State, next[i].Position = Waiting, pos
	default:
		next = append(next, Seat{MemberID: member, State: Waiting, Position: pos})
		i = len(next) - 1
	}
	next = Seats(next, slots)
	ch.State = next[i].State
	return next, ch
}

// PlanWithdraw returns the list after member withdraws, and who moved up.
func PlanWithdraw(list []Seat, slots int, member int64) ([]Seat, SeatChange) {
	before := Seats(list, slots)
	i := seatOf(before, member)
	if i < 0 || before[i].State == Withdrawn {
		ch := SeatChange{State: Withdrawn, Already: true}
		if i >= 0 {
			ch.Was = Withdrawn
		}
		return before, ch
	}
	next := append([]Seat(nil), before...)
	ch := SeatChange{State: Withdrawn, Was: next[i].State}
	next[i].State = Withdrawn
	next = Seats(next, slots)
	for k := range next {
		if before[k].State == Waiting && next[k].State == SignedUp {
			ch.Promoted = append(ch.Promoted, next[k].MemberID)
		}
	}
	return next, ch
}

func seatOf(list []Seat, member int64) int {
	for i, s := range list {
		if s.MemberID == member {
			return i
		}
	}
	return -1
}
